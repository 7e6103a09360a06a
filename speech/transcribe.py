"""Recognize a whole recording at once, through the same recognizer the interview uses.

For staff tools (calibration's recognition check, checking a microphone recording) and
benchmarks: the recording is resampled to the recognizer's rate and handed over whole
(``Recognizer.transcribe``). Blocking: worker threads and command-line tools only.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from speech.audio import resample
from speech.recognition import NO_HINTS, AnswerHints, Recognizer
from speech.transcript import RecognitionResult


def transcribe_pcm(recognizer: Recognizer, pcm: bytes, rate_hz: int,
                   hints: AnswerHints = NO_HINTS) -> RecognitionResult:
    """The words ``recognizer`` hears in 16-bit mono ``pcm`` at ``rate_hz``."""
    if rate_hz != recognizer.sample_rate_hz:
        pcm = resample(pcm, rate_hz, recognizer.sample_rate_hz)
    return recognizer.transcribe(pcm, hints)


class RecognizerTranscriber:
    """A recognizer as calibration's ``Transcriber``: float samples in, text out."""

    def __init__(self, recognizer: Recognizer) -> None:
        """Transcribe with ``recognizer`` (its owner closes it)."""
        self.recognizer = recognizer

    def transcribe(self, samples: npt.NDArray[np.float64], rate_hz: int) -> str:
        """The text heard in ``samples`` (−1 … 1) at ``rate_hz``."""
        clipped = np.clip(np.asarray(samples, dtype=np.float64), -1.0, 32767.0 / 32768.0)
        pcm = (clipped * 32768.0).astype("<i2").tobytes()
        return transcribe_pcm(self.recognizer, pcm, rate_hz).text
