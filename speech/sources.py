"""Where the candidate's audio comes from: the interface, and WAV files (one per answer).

A source delivers signed 16-bit mono PCM to the session with ``deliver(pcm, rate_hz)``. The
session tells it when listening starts and stops: a microphone ignores that (the session drops
what it hears while the interviewer speaks), a folder of WAV files starts its next file.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

from speech.audio import read_wav, resample, silence
from timebase import SimulatedClock

log = logging.getLogger(__name__)

Deliver = Callable[[bytes, int], None]
"""``deliver(pcm, sample_rate_hz)``; blocks briefly when the session is behind (files only)."""

CHUNK_S = 0.1
RATE_HZ = 16000


class AudioSourceError(RuntimeError):
    """The source cannot deliver (no microphone, unreadable file); the message says why."""


class AudioSource(ABC):
    """Where the candidate's audio comes from: delivers 16-bit mono PCM through ``deliver``."""

    simulated: bool = False
    """Delivers faster than real time, advancing a simulated clock (files)."""

    @abstractmethod
    def start(self, deliver: Deliver) -> None:
        """Begin delivering audio; returns at once."""

    def listening_changed(self, active: bool) -> None:  # noqa: B027 - optional hook: a microphone ignores it
        """The session started or stopped listening; returns at once."""

    def on_lost(self, lost: Callable[[str], None]) -> None:  # noqa: B027 - optional hook: a file cannot vanish
        """Have ``lost(reason)`` called if the device goes away after ``start``.

        From any thread, never raising (``speech.microphone_watch``); set before ``start``.
        """

    def close(self) -> None:  # noqa: B027 - optional hook: a source that holds no device need not override it
        """Stop delivering and release the device; returns promptly."""


class WavAnswers(AudioSource):
    """One WAV file per answer, in name order; after each file, silence until listening stops.

    The silence sounds as a quiet room would, so end-of-answer detection and silence nudges
    work as live.

    With a ``SimulatedClock`` it delivers as fast as the session takes the audio and advances
    the clock by what it delivered; without, it delivers in real time.
    """

    def __init__(self, files: list[Path], clock: SimulatedClock | None = None,
                 chunk_s: float = CHUNK_S):
        self.files = list(files)
        self.clock = clock
        self.simulated = clock is not None
        self.chunk_s = chunk_s
        self._deliver: Deliver | None = None
        self._next = 0
        self._listening = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_folder(cls, folder: Path, clock: SimulatedClock | None = None) -> WavAnswers:
        """The ``.wav`` files in ``folder``; raises AudioSourceError when there are none."""
        if not folder.is_dir():
            raise AudioSourceError(f"{folder}: no such folder (expected one WAV file per answer)")
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".wav" and p.is_file())
        if not files:
            raise AudioSourceError(f"{folder}: no .wav files (expected one per answer, in name order)")
        return cls(files, clock)

    @property
    def remaining(self) -> int:
        """Answers whose file has not started playing yet."""
        return len(self.files) - self._next

    def start(self, deliver: Deliver) -> None:
        """Deliver to ``deliver`` from now on; audio flows while the session listens."""
        self._deliver = deliver

    def listening_changed(self, active: bool) -> None:
        """Listening starts: play the next file (silence once all have played); stops: end it."""
        with self._lock:
            if not active:
                self._listening.clear()
                return
            if self._thread is not None and self._thread.is_alive():
                self._listening.clear()
                self._thread.join(timeout=5)
            self._listening.set()
            path = self.files[self._next] if self._next < len(self.files) else None
            self._next += 1
            self._thread = threading.Thread(target=self._play, args=(path,), name="wav-answer",
                                            daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop delivering."""
        self._closed.set()
        self._listening.clear()

    def _play(self, path: Path | None) -> None:
        deliver = self._deliver
        if deliver is None:
            return
        pcm = b""
        if path is not None:
            try:
                clip = read_wav(path.read_bytes())
                pcm = resample(clip.pcm, clip.sample_rate_hz, RATE_HZ)
            except (OSError, ValueError) as exc:
                log.warning("%s: cannot read (%s); treating the answer as silence", path, exc)
        step = int(RATE_HZ * self.chunk_s) * 2
        quiet = silence(self.chunk_s, RATE_HZ)
        offset = 0
        while self._listening.is_set() and not self._closed.is_set():
            chunk = pcm[offset:offset + step] if offset < len(pcm) else quiet
            offset += step
            if self.clock is not None:
                self.clock.advance(len(chunk) / 2 / RATE_HZ)
            else:
                self._closed.wait(len(chunk) / 2 / RATE_HZ)
            deliver(chunk, RATE_HZ)
