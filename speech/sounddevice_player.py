"""Terminal mode's speaker: plays the interviewer's audio in order through sounddevice."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

import numpy as np

from speech.playback import Player, reading_time_s
from speech.synthesis import SpeechAudio

log = logging.getLogger(__name__)


class SoundDevicePlayer(Player):
    """Terminal mode's speaker: a thread of its own plays the queued utterances through sounddevice.

    ``device``: index or name (None: the system's default output); raises when there is no speaker.
    """

    def __init__(self, device: int | str | None = None):
        import sounddevice as sd

        sd.query_devices(device, kind="output")  # raises when there is no speaker
        self._sd = sd
        self.device = device
        self._queue: queue.Queue[tuple[SpeechAudio | None, str, Callable[[], None]] | None] = queue.Queue()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speaker", daemon=True)
        self._thread.start()

    def play(self, audio: SpeechAudio | None, text: str, done: Callable[[], None]) -> None:
        """Queue the utterance (without audio: its reading time); ``done`` runs on the player's thread."""
        self._queue.put((audio, text, done))

    def close(self) -> None:
        """Stop what plays now and drop the rest of the queue."""
        self._closed.set()
        self._queue.put(None)
        try:
            self._sd.stop()
        except Exception as exc:
            log.debug("speaker stop: %s", exc)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            audio, text, done = item
            if self._closed.is_set():
                return
            try:
                if audio is None:
                    self._closed.wait(reading_time_s(text))
                else:
                    samples = np.frombuffer(audio.pcm, dtype="<i2")
                    self._sd.play(samples, audio.sample_rate_hz, device=self.device)
                    self._sd.wait()
            except Exception as exc:  # a lost speaker must not stop the interview
                log.warning("cannot play the interviewer's voice: %s", exc)
            if not self._closed.is_set():
                done()
