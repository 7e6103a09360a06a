"""Who plays the interviewer's audio in terminal mode (the VR app plays it itself)."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable

from speech.synthesis import SpeechAudio
from timebase import SimulatedClock

READING_WPM = 180.0
"""Without audio, a caption stays as long as reading it takes at this pace."""


class Player(ABC):
    """Plays the interviewer's utterances, one after another in the order they came."""

    @abstractmethod
    def play(self, audio: SpeechAudio | None, text: str, done: Callable[[], None]) -> None:
        """Play after anything queued before; call ``done`` when finished. Returns at once."""

    def close(self) -> None:  # noqa: B027 - optional hook: a player with nothing to stop need not override it
        """Stop playing; pending ``done`` callbacks may be dropped."""


def reading_time_s(text: str) -> float:
    """How long reading ``text`` takes at ``READING_WPM``, in s (at least 1 s)."""
    return max(1.0, len(text.split()) / READING_WPM * 60)


class SilentPlayer(Player):
    """Plays nothing; ``done`` comes after the audio's length (or the reading time without audio).

    With a simulated clock, time jumps by that length at once; with a live clock, a timer waits.
    """

    def __init__(self, clock: SimulatedClock | None = None):
        self.clock = clock
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._busy_until = 0.0

    def play(self, audio: SpeechAudio | None, text: str, done: Callable[[], None]) -> None:
        """Let the audio's length pass, then call ``done``: at once with a simulated clock."""
        length = audio.duration_s if audio is not None else reading_time_s(text)
        if self.clock is not None:
            self.clock.advance(length)
            done()
            return
        timer = threading.Timer(length, lambda: None if self._closed.is_set() else done())
        timer.daemon = True
        timer.start()

    def close(self) -> None:
        """Drop the ``done`` callbacks of utterances still playing."""
        self._closed.set()
