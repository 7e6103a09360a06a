"""Which button each pointer is on, which buttons were chosen this frame, and how the visitor chooses.

Four ways to choose, all at once, so nobody has to learn one first:
- a controller ray: pull the trigger;
- a tracked hand's ray (no controller in hand): pinch thumb and index finger;
- the mouse ray (desktop mode): click;
- the gaze: the centre of the view rests on a button for the dwell time.
Gaze dwell stands aside while a hand pointer is in use, so people who point with a controller
are not surprised by a button they merely looked at. ``PointerFrame.method`` says which way the
visitor is using now, so the station can tell them (``InputMethod``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from vr_station.ui.dwell import DwellTimer
from vr_station.ui.geometry import Hit, Ray, Rect3D, intersect

GAZE = "gaze"
"""The source name of the head's forward ray."""
MOUSE = "mouse"
"""The source name of the desktop mode's mouse ray."""


class InputMethod(StrEnum):
    """The way the visitor chooses buttons (ui text key ``input_hint_<value>`` explains it)."""

    CONTROLLER = "controller"
    HAND = "hand"
    MOUSE = "mouse"
    GAZE = "gaze"


_PREFERENCE = (InputMethod.CONTROLLER, InputMethod.HAND, InputMethod.MOUSE)
"""Which method is meant when several pointers appear and none was used yet."""


@dataclass(frozen=True)
class PointerSample:
    """Where one pointer points this frame, and whether its select is held."""

    source: str
    """'gaze', 'left', 'right' or 'mouse'."""
    ray: Ray
    """In world space."""
    pressed: bool = False
    """Select held (the trigger, a pinch, the left mouse button). Always False for the gaze."""
    kind: str = "controller"
    """For a hand's source ('left', 'right'): 'controller' or 'hand'."""
    grip: bool = False
    """Squeeze held (a tracked hand: its pinch; the mouse: its button), to carry a task's item.
    It chooses nothing itself: a controller's grip is often held without meaning to."""

    @property
    def method(self) -> InputMethod:
        """The input method this pointer stands for."""
        if self.source == GAZE:
            return InputMethod.GAZE
        if self.source == MOUSE:
            return InputMethod.MOUSE
        return InputMethod(self.kind)


@dataclass(frozen=True)
class Target:
    """A button the pointers can choose, by id, with its rectangle."""

    id: str
    rect: Rect3D
    """In world space."""
    blocks: bool = False
    """A surface that stops the ray without being chosen (a panel's card): what it covers is
    hidden from the eyes, so it must be hidden from the pointers too."""


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
    """A trigger, pinch or mouse button went down this frame, on a button or not."""
    method: InputMethod = InputMethod.GAZE
    """The way the visitor chooses now: the pointer used last, while it is still there."""
    samples: tuple[PointerSample, ...] = ()
    """This frame's pointers as given (their rays and grips, for grab and place)."""


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
    method_grace_s: float = 2.0
    """The method used last stays the one told while its pointer is gone for less than this."""
    _method: InputMethod | None = None
    _method_used: bool = False
    _method_absent_s: float = 0.0

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
        samples = list(samples)
        used: InputMethod | None = None
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
                used = sample.method
                if target is not None:
                    chosen.append(target)
            if target is not None:
                hand_used = True
                if target != self._last_hovered.get(sample.source):
                    active = True
                    used = used or sample.method
        self._last_hovered = dict(hovered)
        self._hand_idle_s = 0.0 if hand_used else self._hand_idle_s + dt_s
        gaze_target = hovered.get(GAZE)
        if self._hand_idle_s < self.hand_quiet_s:
            self.dwell.reset()
        else:
            selected = self.dwell.update(gaze_target, dt_s)
            if selected is not None and selected not in chosen:
                chosen.append(selected)
                used = used or InputMethod.GAZE
            if gaze_target is not None:
                active = True
        present = {s.method for s in samples}
        self._method_absent_s = 0.0 if self._method in present else self._method_absent_s + dt_s
        self._method, self._method_used = _method_now(self._method, used, self._method_used, present,
                                                      self._method_absent_s, self.method_grace_s)
        return PointerFrame(hovered, hits, tuple(chosen), self.dwell.target,
                            self.dwell.progress, active, pressed, self._method, tuple(samples))

    def forget_method(self) -> None:
        """A new visitor: the method is chosen afresh from the pointers there."""
        self._method, self._method_used, self._method_absent_s = None, False, 0.0

    def reset(self) -> None:
        """Forget hover and dwell state (a new screen appeared under the pointers)."""
        self.dwell.reset()
        self._last_hovered.clear()


def _method_now(previous: InputMethod | None, used: InputMethod | None, by_use: bool,
                present: set[InputMethod], absent_s: float, grace_s: float) -> tuple[InputMethod, bool]:
    """The method, and whether the visitor used it (rather than it merely being there).

    The one used this frame; else the one used before while its pointer is there or has been
    gone for less than ``grace_s`` (``absent_s`` so far: a controller that leaves the cameras'
    view for a moment); else the preferred pointer there (a controller over a hand over the
    mouse); else the gaze, which is always there.
    """
    if used is not None:
        return used, True
    if by_use and previous is not None and (previous in present or absent_s < grace_s):
        return previous, True
    return next((m for m in _PREFERENCE if m in present), InputMethod.GAZE), False


def _nearest(ray: Ray, targets: list[Target], margin_m: float) -> tuple[str | None, Hit | None]:
    best: tuple[str | None, Hit | None] = (None, None)
    for target in targets:
        hit = intersect(ray, target.rect, margin_m=margin_m)
        if hit is not None and (best[1] is None or hit.distance_m < best[1].distance_m):
            best = (target.id, hit) if not target.blocks else (None, hit)
    return best if best[0] is not None else (None, None)
