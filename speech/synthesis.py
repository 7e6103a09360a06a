"""Speech out: the synthesizer interface and the audio it returns."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from speech.audio import PcmClip, envelope, wav_bytes


class SynthesisError(RuntimeError):
    """Synthesis failed or hung; the message says what to check."""


@dataclass(frozen=True)
class VoiceInfo:
    """A voice the engine has: its id (what ``synthesize`` takes), name and language codes."""

    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class SpeechAudio:
    """One utterance of the interviewer, ready to play and to move the avatar's lips."""

    text: str
    voice: str
    rate_wpm: float
    pcm: bytes = field(repr=False)
    """Signed 16-bit little-endian mono."""
    sample_rate_hz: int
    envelope_60hz: tuple[float, ...] = field(repr=False)
    """Mouth opening 0..1 for each 1/60 s of the audio."""
    from_cache: bool = False
    synthesis_ms: float = 0.0
    """Time spent producing this audio (synthesis, or reading the cache)."""

    @property
    def duration_s(self) -> float:
        """Length in s."""
        return len(self.pcm) / 2 / self.sample_rate_hz

    def wav(self) -> bytes:
        """A complete WAV file in memory (for players that take files)."""
        return wav_bytes(PcmClip(self.pcm, self.sample_rate_hz))

    @classmethod
    def from_clip(cls, text: str, voice: str, rate_wpm: float, clip: PcmClip, *,
                  from_cache: bool = False, synthesis_ms: float = 0.0) -> SpeechAudio:
        """The utterance in ``clip``, with its lip-sync envelope."""
        return cls(text, voice, rate_wpm, clip.pcm, clip.sample_rate_hz,
                   envelope(clip.pcm, clip.sample_rate_hz), from_cache, synthesis_ms)


class Synthesizer(ABC):
    """Turns text into PCM.

    Implementations may block; ``SpeechOut`` calls them from its own worker thread, so callers
    never wait.
    """

    engine: str = "unknown"
    """Part of the cache key: audio from another engine is never reused."""

    @abstractmethod
    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        """Speak ``text`` with ``voice`` (an id from ``voices``; None = default) at a rate."""

    def voices(self) -> tuple[VoiceInfo, ...]:
        """The voices the engine has; none from an engine that cannot list them."""
        return ()

    def close(self) -> None:  # noqa: B027 - optional hook: an engine with nothing to release need not override it
        """Release the engine (a worker process, a COM object …)."""


def pick_voice(voices: Sequence[VoiceInfo], candidates: Sequence[str]) -> str | None:
    """The voice id for the first candidate (content/languages.yaml ``tts_voices``) a voice answers to.

    A voice answers to its id exactly (espeak-ng ``gmw/de``), else a language code, else a name
    fragment (SAPI5 "Hedda" or "German").
    """
    for candidate in candidates:
        wanted = candidate.lower()
        for voice in voices:
            if voice.id.lower() == wanted or voice.id.lower().endswith("/" + wanted):
                return voice.id
        for voice in voices:
            if wanted in (lang.lower() for lang in voice.languages):
                return voice.id
        for voice in voices:
            if wanted in voice.name.lower():
                return voice.id
    return None
