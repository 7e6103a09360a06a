"""Time for the station, passed in: real time at a kiosk, stepped time in tests and the demo."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now_s(self) -> float:
        """Monotonic seconds."""


class MonotonicClock:
    def now_s(self) -> float:
        return time.monotonic()


class SteppedClock:
    """Advances by a fixed step every frame: a scripted visitor runs identically on any
    machine, as fast as frames can be rendered."""

    def __init__(self, step_s: float = 1 / 30, start_s: float = 0.0) -> None:
        self.step_s = step_s
        self._now_s = start_s

    def now_s(self) -> float:
        return self._now_s

    def advance(self, seconds: float | None = None) -> None:
        self._now_s += self.step_s if seconds is None else seconds
