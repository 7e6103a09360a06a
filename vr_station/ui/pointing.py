"""Which button each pointer is on, and which buttons were chosen this frame.

Three ways to choose, all at once, so nobody has to be told which one to use:
- a controller ray (or the mouse ray in desktop mode): press the trigger / click on a button;
- the gaze: the centre of the view rests on a button for the dwell time.
Gaze dwell stands aside while a hand pointer is in use, so people who point with a controller
are not surprised by a button they merely looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vr_station.ui.dwell import DwellTimer
from vr_station.ui.geometry import Hit, Ray, Rect3D, intersect

GAZE = "gaze"
"""The source name of the head's forward ray."""


@dataclass(frozen=True)
class PointerSample:
    """Where one pointer points this frame, and whether its select is held."""

    source: str
    """'gaze', 'left', 'right' or 'mouse'."""
    ray: Ray
    """In world space."""
    pressed: bool = False
    """Select held (the trigger, the left mouse button). Always False for the gaze."""


@dataclass(frozen=True)
class Target:
    """A button the pointers can choose, by id, with its rectangle."""

    id: str
    rect: Rect3D
    """In world space."""


@dataclass(frozen=True)
class PointerFrame:
    """What the pointers did this frame: where each points, what was chosen, the dwell progress."""

    hovered: Mapping[str, str | None]
    """Source → the target it points at."""
    hits: Mapping[str, Hit]
    """Source → where it hits that target."""
    chosen: tuple[str, ...]
    """Targets chosen this frame, in the order chosen."""
    dwell_target: str | None
    dwell_progress: float
    """0 … 1; shown as a ring around the gaze cursor."""
    active: bool
    """The visitor did something with a pointer this frame (for the inactivity timer)."""
    pressed: bool
    """A trigger or mouse button went down this frame, on a button or not."""


@dataclass
class PointerInput:
    """Turns the pointers' rays into hovered and chosen buttons, frame by frame (see the module)."""

    dwell: DwellTimer = field(default_factory=DwellTimer)
    hand_quiet_s: float = 4.0
    """Gaze dwell resumes this long after a hand pointer last pointed at or pressed a button."""
    hit_margin_m: float = 0.01
    """Buttons are a little larger than drawn, so a trembling hand still hits them."""
    _was_pressed: dict[str, bool] = field(default_factory=dict)
    _last_hovered: dict[str, str | None] = field(default_factory=dict)
    _hand_idle_s: float = 1e9

    def update(self, samples: Iterable[PointerSample], targets: Iterable[Target],
               dt_s: float) -> PointerFrame:
        """Advance one frame of ``dt_s`` seconds: which targets the samples point at and which were chosen.

        A hand pointer chooses on the press of its select; the gaze chooses by dwell, but only once
        no hand pointer has been used for ``hand_quiet_s``.
        """
        targets = list(targets)
        hovered: dict[str, str | None] = {}
        hits: dict[str, Hit] = {}
        chosen: list[str] = []
        active = False
        pressed = False
        hand_used = False
        for sample in samples:
            target, hit = _nearest(sample.ray, targets, self.hit_margin_m)
            hovered[sample.source] = target
            if hit is not None:
                hits[sample.source] = hit
            pressed_now = sample.pressed and not self._was_pressed.get(sample.source, False)
            self._was_pressed[sample.source] = sample.pressed
            if sample.source == GAZE:
                continue
            if pressed_now:
                active = pressed = True
                hand_used = True
                if target is not None:
                    chosen.append(target)
            if target is not None:
                hand_used = True
                if target != self._last_hovered.get(sample.source):
                    active = True
        self._last_hovered = dict(hovered)
        self._hand_idle_s = 0.0 if hand_used else self._hand_idle_s + dt_s
        gaze_target = hovered.get(GAZE)
        if self._hand_idle_s < self.hand_quiet_s:
            self.dwell.reset()
        else:
            selected = self.dwell.update(gaze_target, dt_s)
            if selected is not None and selected not in chosen:
                chosen.append(selected)
            if gaze_target is not None:
                active = True
        return PointerFrame(hovered, hits, tuple(chosen), self.dwell.target,
                            self.dwell.progress, active, pressed)

    def reset(self) -> None:
        """Forget hover and dwell state (a new screen appeared under the pointers)."""
        self.dwell.reset()
        self._last_hovered.clear()


def _nearest(ray: Ray, targets: list[Target], margin_m: float) -> tuple[str | None, Hit | None]:
    best: tuple[str | None, Hit | None] = (None, None)
    for target in targets:
        hit = intersect(ray, target.rect, margin_m=margin_m)
        if hit is not None and (best[1] is None or hit.distance_m < best[1].distance_m):
            best = (target.id, hit)
    return best
