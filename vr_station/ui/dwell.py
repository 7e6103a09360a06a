"""Selecting by looking: a target is chosen after the gaze rests on it for ``dwell_s``.

For visitors who cannot manage controllers. The progress is shown as a ring around the gaze
cursor so nobody is surprised by a selection. After a selection the target must be left
before it can be selected again (no repeated clicks while someone keeps reading a button).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DwellTimer:
    """Selects what the gaze rests on for ``dwell_s`` seconds, one target at a time."""

    dwell_s: float = 1.6
    """Long enough to read a button label without choosing it by accident."""
    grace_s: float = 0.25
    """A glance away shorter than this (head tremor, a blink of tracking) keeps the progress."""
    target: str | None = field(default=None, init=False)
    _held_s: float = field(default=0.0, init=False)
    _away_s: float = field(default=0.0, init=False)
    _spent: bool = field(default=False, init=False)
    """The current target was selected; leave it to re-arm."""

    def update(self, hovered: str | None, dt_s: float) -> str | None:
        """Advance by ``dt_s`` with the gaze on ``hovered``; returns the target selected now."""
        if hovered is None or hovered != self.target:
            if self.target is not None and hovered is None and not self._spent:
                self._away_s += dt_s
                if self._away_s < self.grace_s:
                    return None
            self.target, self._held_s, self._away_s, self._spent = hovered, 0.0, 0.0, False
            if hovered is None:
                return None
        self._away_s = 0.0
        if self._spent:
            return None
        self._held_s += dt_s
        if self._held_s >= self.dwell_s - 1e-9:  # sums of frame times are not exact
            self._spent = True
            return self.target
        return None

    @property
    def progress(self) -> float:
        """0 … 1 towards selecting the current target (0 after a selection)."""
        if self.target is None or self._spent:
            return 0.0
        return min(1.0, self._held_s / self.dwell_s)

    def reset(self) -> None:
        """Forget the target and its progress (a new page, or the gaze was taken over by a controller)."""
        self.target, self._held_s, self._away_s, self._spent = None, 0.0, 0.0, False
