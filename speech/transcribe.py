"""Recognize a whole recording at once, through the same recognizer the interview uses.

For staff tools (calibration's recognition check, checking a microphone recording) and
benchmarks: the recording is fed to an answer stream in 100 ms chunks, as a microphone would
feed it, and the stream's final result is returned. Blocking: worker threads and command-line
tools only.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from speech.audio import resample
from speech.recognition import Recognizer
from speech.transcript import RecognitionResult

CHUNK_S = 0.1
"""Audio per ``accept`` call, like a microphone's buffer."""


def transcribe_pcm(recognizer: Recognizer, pcm: bytes, rate_hz: int) -> RecognitionResult:
    """The words ``recognizer`` hears in 16-bit mono ``pcm`` at ``rate_hz``."""
    if rate_hz != recognizer.sample_rate_hz:
        pcm = resample(pcm, rate_hz, recognizer.sample_rate_hz)
    chunk = 2 * round(recognizer.sample_rate_hz * CHUNK_S)
    stream = recognizer.start_answer()
    for start in range(0, len(pcm), chunk):
        stream.accept(pcm[start:start + chunk])
    return stream.finish()


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
