"""Vosk (Kaldi) recognition with a model from the station's models directory.

Vosk ends a result at each short pause inside an answer; the stream joins them. Word times
in Vosk's results already count from the stream's first sample, so they join without shifts.
Job terms are not boosted: Vosk adapts small models only by restricting them to a word list,
which would make free answers impossible (see ``vocabulary_gaps``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from speech.recognition import NO_HINTS, AnswerHints, AnswerStream, Recognizer, RecognizerError
from speech.transcript import RecognitionResult, from_vosk, join_results


class VoskRecognizer(Recognizer):
    """Vosk recognition for ``language`` with the model in ``model_dir``, loaded on the first answer."""

    name = "vosk"

    def __init__(self, model_dir: Path, language: str, sample_rate_hz: int = 16000):
        self.model_dir = model_dir
        self.model = model_dir.name
        self.language = language
        self.sample_rate_hz = sample_rate_hz
        self._model: Any = None
        self._lock = threading.Lock()

    def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
        """A stream for the next answer; the first one loads the model (seconds).

        ``hints`` are not used: job terms could only restrict the model (see the module).
        """
        with self._lock:
            if self._model is None:
                self._model = _load_model(self.model_dir)
            model = self._model
        from vosk import KaldiRecognizer

        kaldi = KaldiRecognizer(model, float(self.sample_rate_hz))
        kaldi.SetWords(True)
        return VoskStream(kaldi)

    def close(self) -> None:
        """Drop the model; the next answer loads it again."""
        self._model = None


def _load_model(model_dir: Path) -> Any:
    try:
        import vosk
    except ImportError as exc:
        raise RecognizerError(f"vosk is not installed ({exc}); reinstall the station") from None
    vosk.SetLogLevel(-1)  # Kaldi logs every model part it loads to stderr
    try:
        return vosk.Model(str(model_dir))
    except Exception as exc:  # vosk raises a bare Exception when the model fails to load
        raise RecognizerError(f"Vosk cannot load the model in {model_dir}: {exc}. Run "
                              "'vr-station models verify' or fetch it again") from None


class VoskStream(AnswerStream):
    """One answer through a KaldiRecognizer (or anything with its three methods)."""

    def __init__(self, kaldi: Any):
        self._kaldi = kaldi
        self._results: list[RecognitionResult] = []
        self._partial = ""

    def accept(self, pcm: bytes) -> str | None:
        """Feed 16 kHz 16-bit mono PCM; the answer's text so far when it changed, else None."""
        if self._kaldi.AcceptWaveform(pcm):
            self._results.append(from_vosk(json.loads(self._kaldi.Result())))
            current = ""
        else:
            current = json.loads(self._kaldi.PartialResult()).get("partial", "")
        text = " ".join(t for t in (*(r.text for r in self._results), current) if t)
        if text and text != self._partial:
            self._partial = text
            return text
        return None

    def finish(self) -> RecognitionResult:
        """The answer's words: every result Vosk ended at a pause, and the last one, joined."""
        final = from_vosk(json.loads(self._kaldi.FinalResult()))
        return join_results([*self._results, final])


def vocabulary_gaps(model_dir: Path, words: Iterable[str]) -> list[str] | None:
    """Words the model cannot output (not in graph/words.txt); None if the model has no list.

    Vosk adapts small models only by restricting them to a word list (a grammar), which would
    make free answers impossible; so job terms are not boosted. This check tells staff which
    terms the model will never recognize.
    """
    path = model_dir / "graph" / "words.txt"
    if not path.is_file():
        return None
    known = set()
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            known.add(line.split(" ", 1)[0])
    return [w for w in dict.fromkeys(words) if w.lower() not in known]
