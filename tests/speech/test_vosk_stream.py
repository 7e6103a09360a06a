"""Vosk's streaming protocol (AcceptWaveform / Result / PartialResult / FinalResult), with a
fake KaldiRecognizer: a real Vosk model cannot be downloaded in CI."""

from __future__ import annotations

import json

from speech.vosk_recognizer import VoskStream


class FakeKaldi:
    """Ends an utterance every third chunk, as Vosk does at a short pause."""

    def __init__(self, utterances: list[list[tuple[str, float, float]]]):
        self.utterances = utterances
        self.chunks = 0

    def AcceptWaveform(self, data: bytes) -> bool:
        self.chunks += 1
        return self.chunks % 3 == 0 and len(self.utterances) > 1

    def Result(self) -> str:
        return json.dumps(self._result(self.utterances.pop(0)))

    def PartialResult(self) -> str:
        words = self.utterances[0][: self.chunks % 3]
        return json.dumps({"partial": " ".join(w for w, _, _ in words)})

    def FinalResult(self) -> str:
        return json.dumps(self._result(self.utterances.pop(0)) if self.utterances else {"text": ""})

    @staticmethod
    def _result(words):
        return {"result": [{"word": w, "start": s, "end": e, "conf": 1.0} for w, s, e in words],
                "text": " ".join(w for w, _, _ in words)}


def test_utterances_join_into_one_answer_with_growing_partials():
    kaldi = FakeKaldi([[("ich", 0.3, 0.5), ("koche", 0.5, 0.9)],
                       [("gern", 2.0, 2.4), ("für", 2.4, 2.6)], [("gäste", 2.6, 3.1)]])
    stream = VoskStream(kaldi)
    partials = [stream.accept(b"\x00" * 3200) for _ in range(7)]
    assert [p for p in partials if p] == ["ich", "ich koche", "ich koche gern", "ich koche gern für",
                                          "ich koche gern für gäste"]
    result = stream.finish()
    assert result.text == "ich koche gern für gäste"
    assert [(w.word, w.start_s) for w in result.words] == [
        ("ich", 0.3), ("koche", 0.5), ("gern", 2.0), ("für", 2.4), ("gäste", 2.6)]
