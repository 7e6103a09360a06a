"""End-of-answer detection: speech, then silence for a while, ends the answer.

Fed one audio chunk at a time with its level. The level alone decides: a recognizer's partial
text is no sign of speech, since PocketSphinx revises (and lengthens) its hypothesis during
silence. Pure: the caller passes the time, so tests and files run faster than real time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class EndpointSettings:
    silence_s: float = 1.5
    """Silence after speech that ends an answer (from calibration; default 1.5 s)."""
    speech_level_dbfs: float = -42.0
    """Chunks louder than this count as speech (calibration: noise floor plus a margin)."""
    min_speech_s: float = 0.12
    """Loud audio shorter than this (a click, a cough's edge) does not start an answer."""


class EndpointEvent(StrEnum):
    SPEECH_STARTED = "speech_started"
    ANSWER_ENDED = "answer_ended"


class EndOfAnswerDetector:
    """One per listen. ``update`` returns an event the moment speech starts or the answer ends."""

    def __init__(self, settings: EndpointSettings = EndpointSettings()):
        self.settings = settings
        self.speech_started = False
        self.ended = False
        self._loud_since: float | None = None
        self._last_speech_s: float | None = None

    def update(self, chunk_end_s: float, chunk_s: float, level_dbfs: float) -> EndpointEvent | None:
        """Feed one chunk that ends at ``chunk_end_s`` (session seconds) and lasts ``chunk_s``."""
        if self.ended:
            return None
        loud = level_dbfs >= self.settings.speech_level_dbfs
        if loud:
            start = chunk_end_s - chunk_s
            if self._loud_since is None:
                self._loud_since = start
            self._last_speech_s = chunk_end_s
            if not self.speech_started and chunk_end_s - self._loud_since >= self.settings.min_speech_s:
                self.speech_started = True
                return EndpointEvent.SPEECH_STARTED
            return None
        self._loud_since = None
        if self.speech_started and self._last_speech_s is not None and \
                chunk_end_s - self._last_speech_s >= self.settings.silence_s - 1e-9:
            self.ended = True
            return EndpointEvent.ANSWER_ENDED
        return None
