"""Optional recognition check: read a sentence shown on screen, see the word error rate.

In any station language that has a recogniser: the sentence is the language's
``READ_ALOUD_SENTENCES`` entry (or the staff's own), and the recogniser is handed in as a
``Transcriber`` (one ``transcribe(samples, rate_hz) -> str`` call): the command line
(``vr-station calibrate mic --check-recognition --lang L``) passes the interview's own
recogniser and model for the language (``speech.backends.choose_recognizer`` through
``speech.transcribe.RecognizerTranscriber``) and refuses a language without one. It is given
the recording whole, and hears the same recording the same way every time, whatever it heard
before; an interview hears answers as they come (``speech.pocketsphinx_worker`` says how the
two differ). Calibration imports no speech library itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

READ_ALOUD_SENTENCES = {
    "de": "Guten Tag, ich möchte gern als Koch in einem Restaurant arbeiten, "
          "weil ich gern für andere Menschen koche.",
    "en": "Please tell me about your last job and what you learned there.",
}
"""Per station language: shown on screen while the microphone level is measured (any language
will do for levels), and what the recognition check scores the recogniser against."""


class Transcriber(Protocol):
    """A recogniser that is handed a whole recording at once."""

    def transcribe(self, samples: npt.NDArray[np.float64], rate_hz: int) -> str:
        """The words heard in ``samples`` (mono, −1..1) taken at ``rate_hz`` Hz."""


@dataclass(frozen=True)
class RecognitionResult:
    """How well the recogniser understood a sentence read aloud."""

    sentence: str
    """What was shown."""
    heard: str
    """What the recogniser understood."""
    word_error_rate: float
    """(substitutions + deletions + insertions) / words in the sentence; 0 is perfect."""

    def as_dict(self) -> dict[str, object]:
        """The result for JSON output, the word error rate rounded to 0.001."""
        return {"sentence": self.sentence, "heard": self.heard,
                "word_error_rate": round(self.word_error_rate, 3)}


def check_recognition(transcriber: Transcriber, samples: npt.NDArray[np.float64], rate_hz: int,
                      sentence: str) -> RecognitionResult:
    """Transcribe a recording of ``sentence`` read aloud and score what was heard against it."""
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
