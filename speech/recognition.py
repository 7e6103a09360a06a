"""Speech in: the recognizer interface. One recognizer per language; one stream per answer.

A recognizer never hears a language it was not built for: ``backends.choose_recognizer``
falls back to typed answers rather than run, say, the English model on German speech, which
returns confident words that were never said.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from speech.transcript import RecognitionResult

RECOGNIZER_RATE_HZ = 16000
"""Both Vosk's and PocketSphinx's models expect 16 kHz; other audio is resampled first."""


class RecognizerError(RuntimeError):
    """The recognizer cannot run (model missing or broken); the message says what to do."""


class AnswerStream(ABC):
    """Recognition of one answer, fed audio as it arrives."""

    @abstractmethod
    def accept(self, pcm: bytes) -> str | None:
        """Feed 16 kHz 16-bit mono PCM; returns the partial text when it changed, else None."""

    @abstractmethod
    def finish(self) -> RecognitionResult:
        """The final words with timings (seconds from the stream's first sample)."""


class Recognizer(ABC):
    name: str = "unknown"
    """vosk or pocketsphinx: written into the report."""
    language: str = ""
    sample_rate_hz: int = RECOGNIZER_RATE_HZ

    @abstractmethod
    def start_answer(self) -> AnswerStream:
        """A stream for the next answer. May load the model on first use (seconds): call it
        from a worker thread. Only one stream per recognizer is open at a time."""

    def close(self) -> None:  # noqa: B027 - optional hook, a no-op unless overridden
        """Free the model."""
