"""Small hand-written fakes for unit tests of logic (real engines have their own tests)."""

from __future__ import annotations

import threading
import time

from speech.audio import PcmClip
from speech.recognition import NO_HINTS, AnswerHints, AnswerStream, Recognizer
from speech.synthesis import Synthesizer
from speech.transcript import RecognitionResult, from_text


class FakeSynthesizer(Synthesizer):
    """A tone of 0.1 s per word; records who called it from which thread.

    With a ``gate``, each synthesis waits until the test opens it (at most 30 s), so a test can
    tell "returned before the synthesis ended" from "was quick" on a machine of any speed."""

    engine = "fake"

    def __init__(self, delay_s: float = 0.0, fail_on: str | None = None,
                 gate: threading.Event | None = None):
        self.delay_s = delay_s
        self.fail_on = fail_on
        self.gate = gate
        self.calls: list[str] = []
        self.threads: set[int] = set()
        self.finished = 0

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        self.threads.add(threading.get_ident())
        self.calls.append(text)
        time.sleep(self.delay_s)
        if self.gate is not None:
            self.gate.wait(30)
        self.finished += 1
        if self.fail_on is not None and self.fail_on in text:
            raise RuntimeError(f"cannot say {text!r}")
        samples = max(1, len(text.split())) * 1600
        return PcmClip(b"\x00\x10" * samples, 16000)


class ScriptedRecognizer(Recognizer):
    """Returns the next scripted answer for each stream; records the audio it was fed."""

    name = "scripted"
    language = "de"

    def __init__(self, answers: list[str]):
        self.answers = list(answers)
        self.fed: list[bytes] = []
        self.streams = 0
        self.hints: list[AnswerHints] = []

    def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
        self.streams += 1
        self.hints.append(hints)
        text = self.answers.pop(0) if self.answers else ""
        return _ScriptedStream(self, text)


class _ScriptedStream(AnswerStream):
    def __init__(self, owner: ScriptedRecognizer, text: str):
        self.owner = owner
        self.text = text
        self.bytes = 0

    def accept(self, pcm: bytes) -> str | None:
        self.owner.fed.append(pcm)
        self.bytes += len(pcm)
        return self.text.split()[0] if self.text and self.bytes == len(pcm) else None

    def finish(self) -> RecognitionResult:
        result = from_text(self.text)
        # Give the words times, as a recognizer would: 0.4 s per word.
        from speech.transcript import RecognizedWord
        words = tuple(RecognizedWord(w.word, round(i * 0.4, 3), round(i * 0.4 + 0.3, 3), 0.9)
                      for i, w in enumerate(result.words))
        return RecognitionResult(words, result.text)
