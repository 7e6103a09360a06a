"""Grab and place: an item follows the hand that squeezes it and lands where the hand lets go.

Pure logic, fed once a frame with what each hand pointer does (``HandGrip``): the hand's ray,
whether its grip is squeezed (a controller's squeeze, a tracked hand's pinch) and which thing
its ray touches. Out come ``Grabbed`` (the squeeze began on an item that can be carried),
``Carried`` (where the item is now) and ``Dropped`` (let go, over a thing or over nothing).

The item keeps its distance along the ray and the offset from where the ray touched it, so it
does not jump to the hand: a seated visitor carries a tile from the arc in front of them to a
place across the room by pointing there, without stretching out. One item per hand; a hand
that vanishes (tracking lost) drops what it carried over nothing, so it goes back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

Vec3 = tuple[float, float, float]


@dataclass(frozen=True)
class HandGrip:
    """One hand pointer this frame."""

    source: str
    """'left', 'right' or 'mouse'."""
    origin: Vec3
    """The ray's start, world space (metres)."""
    direction: Vec3
    """Unit length, world space."""
    squeezed: bool
    """Grip held (a controller's squeeze, a tracked hand's pinch)."""
    touching: str | None
    """The thing the ray touches first, if any (the carried item itself is not offered)."""
    touch_distance_m: float | None = None
    """How far along the ray it touches it."""


@dataclass(frozen=True)
class Grabbed:
    """The squeeze began on ``thing_id``: it is in ``source``'s hand now."""

    source: str
    thing_id: str


@dataclass(frozen=True)
class Carried:
    """``thing_id`` moved with the hand: add ``offset`` (metres, world space) to where it was grabbed."""

    thing_id: str
    offset: Vec3


@dataclass(frozen=True)
class Dropped:
    """``thing_id`` was let go over ``over`` (None: over nothing, it goes back)."""

    thing_id: str
    over: str | None


GrabEvent = Grabbed | Carried | Dropped


@dataclass(frozen=True)
class _Held:
    thing_id: str
    distance_m: float
    grabbed_at: Vec3


@dataclass
class GrabTracker:
    """Which hand carries which item, frame by frame (see the module)."""

    _held: dict[str, _Held] = field(default_factory=dict)
    _was_squeezed: dict[str, bool] = field(default_factory=dict)

    @property
    def carried(self) -> frozenset[str]:
        """The things in a hand now."""
        return frozenset(h.thing_id for h in self._held.values())

    def update(self, hands: Iterable[HandGrip], grabbable: Collection[str]) -> list[GrabEvent]:
        """Advance one frame; ``grabbable`` are the things a squeeze may pick up now."""
        events: list[GrabEvent] = []
        seen = set()
        for hand in hands:
            seen.add(hand.source)
            began = hand.squeezed and not self._was_squeezed.get(hand.source, False)
            self._was_squeezed[hand.source] = hand.squeezed
            held = self._held.get(hand.source)
            if held is not None and not hand.squeezed:
                del self._held[hand.source]
                over = hand.touching if hand.touching != held.thing_id else None
                events.append(Dropped(held.thing_id, over))
            elif held is not None:
                here = _along(hand, held.distance_m)
                events.append(Carried(held.thing_id, _sub(here, held.grabbed_at)))
            elif began and hand.touching is not None and hand.touch_distance_m is not None \
                    and hand.touching in grabbable and hand.touching not in self.carried:
                self._held[hand.source] = _Held(hand.touching, hand.touch_distance_m,
                                                _along(hand, hand.touch_distance_m))
                events.append(Grabbed(hand.source, hand.touching))
        for source in [s for s in self._held if s not in seen]:
            events.append(Dropped(self._held.pop(source).thing_id, None))
        for source in [s for s in self._was_squeezed if s not in seen]:
            del self._was_squeezed[source]
        return events

    def release_all(self) -> list[Dropped]:
        """Let go of everything (the task ended): each item goes back."""
        dropped = [Dropped(h.thing_id, None) for h in self._held.values()]
        self._held.clear()
        return dropped



def _along(hand: HandGrip, distance_m: float) -> Vec3:
    o, d = hand.origin, hand.direction
    return (o[0] + d[0] * distance_m, o[1] + d[1] * distance_m, o[2] + d[2] * distance_m)


def _sub(a: Vec3, b: Vec3) -> Vec3:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])
