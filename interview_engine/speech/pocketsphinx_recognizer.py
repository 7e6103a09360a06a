"""PocketSphinx with its bundled US-English model: works offline on a fresh machine.

Used for English when no Vosk English model is installed (with a visible notice: it is less
accurate). Word timings come from the decoder's segmentation at 100 frames per second.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from interview_engine.speech.recognition import AnswerStream, Recognizer, RecognizerError
from interview_engine.transcript import RecognitionResult, RecognizedWord

_FRAMES_PER_S = 100
_PARTIAL_EVERY_BYTES = 16000 // 4 * 2
"""Ask the decoder for a partial hypothesis every 0.25 s of audio (it costs a search)."""
_ALTERNATIVE = re.compile(r"\(\d+\)$")


class PocketSphinxRecognizer(Recognizer):
    name = "pocketsphinx"
    language = "en"

    def __init__(self) -> None:
        self._decoder: Any = None
        self._lock = threading.Lock()

    def start_answer(self) -> AnswerStream:
        with self._lock:
            if self._decoder is None:
                self._decoder = _new_decoder()
            decoder = self._decoder
        decoder.start_utt()
        return _SphinxStream(decoder)

    def close(self) -> None:
        self._decoder = None


def _new_decoder() -> Any:
    try:
        from pocketsphinx import Decoder
    except ImportError as exc:
        raise RecognizerError(f"pocketsphinx is not installed ({exc}); reinstall the station") from None
    try:
        return Decoder(samprate=16000, loglevel="FATAL")
    except (RuntimeError, ValueError) as exc:
        raise RecognizerError(f"pocketsphinx cannot load its English model: {exc}") from None


class _SphinxStream(AnswerStream):
    def __init__(self, decoder: Any):
        self._decoder = decoder
        self._since_partial = 0
        self._partial = ""
        self._finished = False

    def accept(self, pcm: bytes) -> str | None:
        self._decoder.process_raw(pcm, False, False)
        self._since_partial += len(pcm)
        if self._since_partial < _PARTIAL_EVERY_BYTES:
            return None
        self._since_partial = 0
        hyp = self._decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        if text and text != self._partial:
            self._partial = text
            return text
        return None

    def finish(self) -> RecognitionResult:
        if not self._finished:
            self._decoder.end_utt()
            self._finished = True
        words = []
        for seg in self._decoder.seg():
            word = _ALTERNATIVE.sub("", seg.word)
            if word.startswith(("<", "[")):  # <s>, </s>, <sil>, [NOISE]: not spoken words
                continue
            words.append(RecognizedWord(word.lower(), round(seg.start_frame / _FRAMES_PER_S, 2),
                                        round((seg.end_frame + 1) / _FRAMES_PER_S, 2),
                                        round(min(1.0, max(0.0, float(seg.prob))), 3)))
        return RecognitionResult(tuple(words), " ".join(w.word for w in words))
