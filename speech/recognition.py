"""Speech in: the recognizer interface. One recognizer per language; one stream per answer.

A recognizer never hears a language it was not built for: ``backends.choose_recognizer``
falls back to typed answers rather than run, say, the English model on German speech, which
returns confident words that were never said.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from speech.transcript import RecognitionResult

RECOGNIZER_RATE_HZ = 16000
"""Vosk's, PocketSphinx's and Whisper's models expect 16 kHz; other audio is resampled first."""
CHUNK_S = 0.1
"""Audio per ``accept`` call when a whole recording is fed as a microphone would feed it."""


class RecognizerError(RuntimeError):
    """The recognizer cannot run (model missing or broken); the message says what to do."""


@dataclass(frozen=True)
class AnswerHints:
    """What the caller knows about the coming answer; a backend uses what it can and ignores the rest."""

    terms: tuple[str, ...] = ()
    """The occupation's job terms in the answer's language (Whisper puts them in its prompt)."""
    vad_threshold_dbfs: float | None = None
    """The station's calibrated speech threshold (``EndpointSettings``); None: the default
    profile's. Whisper cuts an answer into segments where this level says the visitor paused."""


NO_HINTS = AnswerHints()


class AnswerStream(ABC):
    """Recognition of one answer, fed audio as it arrives."""

    @abstractmethod
    def accept(self, pcm: bytes) -> str | None:
        """Feed 16 kHz 16-bit mono PCM; returns the partial text when it changed, else None."""

    @abstractmethod
    def finish(self) -> RecognitionResult:
        """The final words with timings (seconds from the stream's first sample)."""


class Recognizer(ABC):
    """Speech recognition for one language: one ``AnswerStream`` per answer."""

    name: str = "unknown"
    """vosk, whisper or pocketsphinx: written into the report."""
    model: str = ""
    """The model's name (its folder in the models directory), for staff tools; "" if built in."""
    language: str = ""
    sample_rate_hz: int = RECOGNIZER_RATE_HZ

    @abstractmethod
    def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
        """A stream for the next answer; only one stream per recognizer is open at a time.

        May load the model on first use (seconds): call it from a worker thread.
        """

    def transcribe(self, pcm: bytes, hints: AnswerHints = NO_HINTS) -> RecognitionResult:
        """The words in a whole recording (16 kHz 16-bit mono), for staff tools and benchmarks.

        Blocking. Fed to an answer stream in 100 ms chunks, as a microphone would feed it,
        unless a backend hears a recording better when it has all of it at once.
        """
        chunk = 2 * round(self.sample_rate_hz * CHUNK_S)
        stream = self.start_answer(hints)
        for start in range(0, len(pcm), chunk):
            stream.accept(pcm[start:start + chunk])
        return stream.finish()

    def close(self) -> None:  # noqa: B027 - optional hook: a recognizer with nothing to free need not override it
        """Free the model."""
