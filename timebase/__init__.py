"""Time, passed in: one clock protocol for the station, the interview and speech.

A station at a kiosk and a live interview run on ``MonotonicClock``. The scripted demo visitor,
the tests and interviews played from WAV files run on a ``SimulatedClock``: it moves only when
told to (by a frame, or by the audio a file source delivers), so every deadline falls exactly
where it would in real time, only sooner or later, and a slow machine changes nothing but the
wall time a run takes.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

__all__ = ["Clock", "MonotonicClock", "SimulatedClock"]


class Clock(Protocol):
    """Seconds since an arbitrary start that never go backwards."""

    simulated: bool
    """True when time moves only when told to (the session then ticks on its audio, not on a timer)."""

    def now_s(self) -> float:
        """Seconds since the clock's start."""
        ...


class MonotonicClock:
    """Real time: the kernel's monotonic clock, from zero at creation."""

    simulated = False

    def __init__(self) -> None:
        """Start counting now."""
        self._start = time.monotonic()

    def now_s(self) -> float:
        """Seconds since this clock was made."""
        return time.monotonic() - self._start


class SimulatedClock:
    """Time that moves only when told to (thread-safe).

    ``advance()`` without an argument moves one ``step_s``: a frame of the scripted visitor
    (1/30 s by default), so a script runs identically on any machine.
    """

    simulated = True

    def __init__(self, start_s: float = 0.0, step_s: float = 1 / 30) -> None:
        """A clock at ``start_s`` that moves ``step_s`` per argument-less ``advance``."""
        self.step_s = step_s
        self._now = start_s
        self._lock = threading.Lock()

    def now_s(self) -> float:
        """The simulated time in seconds."""
        with self._lock:
            return self._now

    def advance(self, seconds: float | None = None) -> float:
        """Move on by ``seconds`` (one step when None; never backwards); return the new time."""
        with self._lock:
            self._now += self.step_s if seconds is None else max(0.0, seconds)
            return self._now
