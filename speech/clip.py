"""Synthesized speech as the app plays it: PCM samples, their loudness envelope and the text.

The audio and its 60 Hz envelope come from the interview engine's speech output
(``SpeechAudio``); the app only keeps what playing and lip movement need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from speech.audio import ENVELOPE_RATE_HZ, envelope, silence
from speech.synthesis import SpeechAudio


@dataclass(frozen=True)
class SpeechClip:
    """Speech as the app plays it: PCM, the text for the captions and the lip-sync envelope."""

    pcm: bytes = field(repr=False)
    """Signed 16-bit little-endian mono samples."""
    sample_rate_hz: int
    text: str
    envelope_60hz: tuple[float, ...] = field(default=(), repr=False)
    """Mouth opening 0 … 1 per 1/60 s, for the mouth of whoever speaks."""

    @property
    def duration_s(self) -> float:
        """Length in s."""
        return len(self.pcm) / 2 / self.sample_rate_hz

    def envelope_at(self, seconds: float) -> float:
        """Mouth opening 0 … 1 at ``seconds`` into the clip; 0 before it starts and after it ends."""
        if not self.envelope_60hz or seconds < 0:
            return 0.0
        index = int(seconds * ENVELOPE_RATE_HZ)
        return self.envelope_60hz[index] if index < len(self.envelope_60hz) else 0.0

    @classmethod
    def from_audio(cls, audio: SpeechAudio) -> SpeechClip:
        """The clip of a synthesized utterance, with the envelope the speech output made."""
        return cls(audio.pcm, audio.sample_rate_hz, audio.text, audio.envelope_60hz)

    @classmethod
    def from_pcm(cls, pcm: bytes, sample_rate_hz: int, text: str) -> SpeechClip:
        """With the engine's envelope (the same lips as for synthesized speech)."""
        return cls(pcm, sample_rate_hz, text, envelope(pcm, sample_rate_hz))

    @classmethod
    def silent(cls, text: str, seconds: float, sample_rate_hz: int = 16000) -> SpeechClip:
        """No voice, only time: the captions carry ``text`` for ``seconds``."""
        return cls(silence(seconds, sample_rate_hz), sample_rate_hz, text)
