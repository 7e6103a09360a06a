"""Optional recognition check: read a sentence shown on screen, see the word error rate.

The recogniser is pocketsphinx with its bundled US-English model, reached through the small
adapter below. NOTE for the lead: this is a stop-gap until the interview engine's recogniser
interface exists; then ``PocketsphinxEnglish`` should give way to that interface (one
``transcribe(samples, rate_hz) -> str`` call is all this module needs), and the check can run
in every language the station has a model for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from calibration.resample import resample

RECOGNIZER_RATE_HZ = 16000

READ_ALOUD_SENTENCES = {
    "de": "Guten Tag, ich möchte gern als Koch in einem Restaurant arbeiten, "
          "weil ich gern für andere Menschen koche.",
    "en": "Please tell me about your last job and what you learned there.",
}
"""Shown on screen while the microphone level is measured (any language will do for levels)."""
CHECK_SENTENCE_EN = READ_ALOUD_SENTENCES["en"]
"""The recognition check's sentence: English while pocketsphinx is the only recogniser here."""


class RecognizerUnavailable(RuntimeError):
    """The recogniser or its model cannot be loaded; the message says which and why."""


class Transcriber(Protocol):
    def transcribe(self, samples: npt.NDArray[np.float64], rate_hz: int) -> str: ...


@dataclass(frozen=True)
class RecognitionResult:
    sentence: str
    """What was shown."""
    heard: str
    """What the recogniser understood."""
    word_error_rate: float
    """(substitutions + deletions + insertions) / words in the sentence; 0 is perfect."""

    def as_dict(self) -> dict[str, object]:
        return {"sentence": self.sentence, "heard": self.heard,
                "word_error_rate": round(self.word_error_rate, 3)}


class PocketsphinxEnglish:
    """pocketsphinx (en-us model bundled with the wheel) as a ``Transcriber``."""

    def __init__(self) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError as exc:
            raise RecognizerUnavailable(f"pocketsphinx is not installed ({exc})") from None
        try:
            self._decoder: Any = Decoder(samprate=RECOGNIZER_RATE_HZ, loglevel="FATAL")
        except Exception as exc:  # the C library reports a missing model as a bare RuntimeError
            raise RecognizerUnavailable(f"pocketsphinx cannot load its en-us model: {exc}") from None

    def transcribe(self, samples: npt.NDArray[np.float64], rate_hz: int) -> str:
        audio = resample(samples, rate_hz, RECOGNIZER_RATE_HZ)
        pcm = (np.clip(audio, -1.0, 32767.0 / 32768.0) * 32768.0).astype("<i2").tobytes()
        self._decoder.start_utt()
        self._decoder.process_raw(pcm, full_utt=True)
        self._decoder.end_utt()
        hypothesis = self._decoder.hyp()
        return hypothesis.hypstr if hypothesis is not None else ""


def check_recognition(transcriber: Transcriber, samples: npt.NDArray[np.float64], rate_hz: int,
                      sentence: str = CHECK_SENTENCE_EN) -> RecognitionResult:
    heard = transcriber.transcribe(samples, rate_hz)
    return RecognitionResult(sentence, heard, word_error_rate(sentence, heard))


def words(text: str) -> list[str]:
    """Lower-case words without punctuation; apostrophes stay (``i'm``)."""
    return re.findall(r"[\w']+", text.lower())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level Levenshtein distance over the number of reference words."""
    ref, hyp = words(reference), words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, hyp_word in enumerate(hyp, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (ref_word != hyp_word))
        previous = current
    return previous[-1] / len(ref)
