"""Session time: the wall clock for live sessions, a simulated one for files.

A live session measures silence and the answer cap in real seconds. A session played from WAV
files runs as fast as the recognizer can go: the file source advances a ``SimulatedClock`` by
the audio it delivers and the silent player by the audio it "plays", so every deadline falls
exactly where it would in real time, only sooner.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    simulated: bool

    def now_s(self) -> float:
        """Seconds since an arbitrary start; never goes backwards."""
        ...


class MonotonicClock:
    simulated = False

    def __init__(self) -> None:
        self._start = time.monotonic()

    def now_s(self) -> float:
        return time.monotonic() - self._start


class SimulatedClock:
    """Time that moves only when told to (thread-safe)."""

    simulated = True

    def __init__(self, start_s: float = 0.0) -> None:
        self._now = start_s
        self._lock = threading.Lock()

    def now_s(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._now += max(0.0, seconds)
            return self._now
