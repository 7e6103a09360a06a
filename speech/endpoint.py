"""End-of-answer detection: speech, then silence for a while, ends the answer.

The thresholds are the station's calibrated ones (``calibration.profile``: ``vad_threshold_dbfs``
and ``end_of_speech_silence_s``), and they mean exactly what calibration measured them for:
the audio is cut into calibration's 30 ms frames and judged by its speech gate
(``calibration.vad.SpeechGate``: 3 loud frames of 5 open it, the silence closes it). So a
threshold that separates speech from room noise in ``vr-station calibrate mic`` separates them
here too; there is no second definition of a frame or of "loud".

The level alone decides: a recognizer's partial text is no sign of speech, since PocketSphinx
revises (and lengthens) its hypothesis during silence. Pure: the caller passes the time, so
tests and files run faster than real time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from calibration.levels import FRAME_S, frame_levels_dbfs
from calibration.profile import MicrophoneProfile
from calibration.vad import GateState, SpeechGate

_DEFAULTS = MicrophoneProfile()


@dataclass(frozen=True)
class EndpointSettings:
    """When an answer ends: the speech gate's threshold and the silence after speech."""

    silence_s: float = _DEFAULTS.end_of_speech_silence_s
    """Silence after speech that ends an answer (profile: ``end_of_speech_silence_s``)."""
    vad_threshold_dbfs: float = _DEFAULTS.vad_threshold_dbfs
    """30 ms frames at or above this RMS level are speech (profile: ``vad_threshold_dbfs``)."""

    @classmethod
    def from_profile(cls, microphone: MicrophoneProfile) -> EndpointSettings:
        """The thresholds calibration measured for this station's microphone."""
        return cls(silence_s=microphone.end_of_speech_silence_s,
                   vad_threshold_dbfs=microphone.vad_threshold_dbfs)


class EndpointEvent(StrEnum):
    """What ``EndOfAnswerDetector.update`` reports: the visitor started speaking, or the answer ended."""

    SPEECH_STARTED = "speech_started"
    ANSWER_ENDED = "answer_ended"


class EndOfAnswerDetector:
    """One per listen. ``update`` returns an event the moment speech starts or the answer ends."""

    def __init__(self, settings: EndpointSettings = EndpointSettings()):
        self.settings = settings
        self.speech_started = False
        self.ended = False
        self._gate: SpeechGate | None = None
        self._rate_hz = 0
        self._frame_samples = 0
        self._pending = np.zeros(0)
        """Samples of a frame not yet complete (chunks need not be whole frames)."""

    @property
    def silence_s(self) -> float:
        """Silence since the visitor last spoke, in s of audio (0 before the first word)."""
        if self.ended:
            return self.settings.silence_s
        return self._gate.silence_s if self._gate is not None else 0.0

    def update(self, chunk_end_s: float, pcm: bytes, sample_rate_hz: int) -> EndpointEvent | None:
        """Feed one chunk of 16-bit mono PCM that ends at ``chunk_end_s`` (session seconds)."""
        if self.ended:
            return None
        gate = self._gate_for(sample_rate_hz)
        samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float64) / 32768.0
        samples = np.concatenate((self._pending, samples))
        whole = samples.size // self._frame_samples * self._frame_samples
        self._pending = samples[whole:]
        event = None
        frame_s = self._frame_samples / sample_rate_hz
        for level in frame_levels_dbfs(samples[:whole], sample_rate_hz, frame_s):
            segment = gate.feed(float(level))
            if not self.speech_started and gate.state is GateState.SPEAKING:
                self.speech_started = True
                event = EndpointEvent.SPEECH_STARTED
            if segment is not None:
                self.ended = True
                return EndpointEvent.ANSWER_ENDED
        return event

    def _gate_for(self, sample_rate_hz: int) -> SpeechGate:
        if self._gate is None or sample_rate_hz != self._rate_hz:
            self._rate_hz = sample_rate_hz
            # Whole samples per frame, as calibration.vad.speech_segments cuts them.
            self._frame_samples = max(1, round(FRAME_S * sample_rate_hz))
            self._gate = SpeechGate(self.settings.vad_threshold_dbfs, self.settings.silence_s,
                                    self._frame_samples / sample_rate_hz)
            self._pending = np.zeros(0)
        return self._gate
