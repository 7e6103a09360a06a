"""The PocketSphinx worker process: decodes audio sent on stdin, answers on stdout.

Started by ``PocketSphinxRecognizer`` as ``python -m speech.pocketsphinx_worker`` (framing and
start-up: ``speech.worker_process``). PocketSphinx's Python binding holds the GIL while it
decodes (measured: a 1.1 s stall of every other thread while finishing a 24 s utterance),
which would freeze a VR app's render thread; in its own process it cannot.

Requests: an answer as it comes, ``{"cmd": "start"}``, ``{"cmd": "audio"}`` with 16 kHz PCM as
payload (answered with ``{"partial": text}`` when the hypothesis changed), ``{"cmd": "finish"}``
(answered with ``{"result": <Vosk format>}``); or a whole recording at once,
``{"cmd": "decode"}`` with the PCM as payload (answered with ``{"result": …}``).

How the two differ: PocketSphinx normalises the cepstral mean (CMN) over the whole utterance
when it has all of it ("batch"), and otherwise from a running estimate carried over from the
answers before ("live"; the first streamed chunk switches a decoder to it for good,
pocketsphinx 5.0 ``feat_cmn``). An answer stream uses and updates that estimate, which adapts
recognition to the station's microphone over the first answers, so what it hears depends on
what it heard before. A whole recording goes to a decoder of its own, with batch CMN, the
second (flat-lexicon) pass and a front end made afresh for it, so the same recording always
gives the same words: those the calibration check's in-process decoder heard before there was
a worker. Word error rates on the calibration test sentences (espeak-ng in room noise, 10
recordings): streamed from a cold estimate 0.17 on average (worst 0.33); streamed one after
another on one worker 0.07 (worst 0.33, and a recording's result changes with the order);
whole 0.09 (worst 0.25), word for word as before.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from speech.worker_process import Message, serve

FRAMES_PER_S = 100
PARTIAL_EVERY_BYTES = 16000 // 4 * 2
"""Ask the decoder for a partial hypothesis every 0.25 s of audio (it costs a search)."""
_ALTERNATIVE = re.compile(r"\(\d+\)$")


def main() -> int:
    """Serve PocketSphinx requests until stdin ends; returns the exit status."""
    return serve("pocketsphinx", lambda: _Sphinx().handle)


class _Sphinx:
    def __init__(self) -> None:
        from pocketsphinx import Decoder

        # No second (flat-lexicon) pass: it made finishing an answer take 230–370 ms instead of
        # 40–80 ms on espeak-ng test speech, at the same accuracy (bench/speech.py, README).
        self.decoder = Decoder(samprate=16000, loglevel="FATAL", fwdflat=False)
        self.whole: Any = None
        """The decoder for whole recordings, made on the first one (the interview never asks)."""
        self.in_answer = False
        self.since_partial = 0
        self.partial = ""

    def handle(self, request: Message) -> Message | None:
        command = request.header.get("cmd")
        if command == "start":
            if self.in_answer:  # the answer before was given up without "finish"
                self.decoder.end_utt()
            self.decoder.start_utt()
            self.in_answer, self.since_partial, self.partial = True, 0, ""
            return None
        if command == "audio":
            return self._audio(request.payload)
        if command == "finish":
            self.decoder.end_utt()
            self.in_answer = False
            return Message({"result": _result(self.decoder)})
        if command == "decode":
            return Message({"result": self._decode(request.payload)})
        raise ValueError(f"unknown command {command!r}")

    def _audio(self, pcm: bytes) -> Message | None:
        if not self.in_answer:
            raise ValueError("audio came before the answer's start")
        self.decoder.process_raw(pcm, False, False)
        self.since_partial += len(pcm)
        if self.since_partial < PARTIAL_EVERY_BYTES:
            return None
        self.since_partial = 0
        hyp = self.decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        if not text or text == self.partial:
            return None
        self.partial = text
        return Message({"partial": text})

    def _decode(self, pcm: bytes) -> dict[str, Any]:
        if self.whole is None:
            from pocketsphinx import Decoder

            # With the second pass: nobody waits for a staff tool's result, and it hears better
            # (one calibration test sentence in ten: a word error rate of 0.25 without, 0 with).
            self.whole = Decoder(samprate=16000, loglevel="FATAL")
        self.whole.reinit_feat()  # no trace of earlier recordings: the same words every time
        self.whole.start_utt()
        self.whole.process_raw(pcm, False, True)
        self.whole.end_utt()
        return _result(self.whole)


def _result(decoder: Any) -> dict[str, Any]:
    words = []
    for seg in decoder.seg():
        word = _ALTERNATIVE.sub("", seg.word)
        if word.startswith(("<", "[")):  # <s>, </s>, <sil>, [NOISE]: not spoken words
            continue
        words.append({"word": word.lower(), "start": round(seg.start_frame / FRAMES_PER_S, 2),
                      "end": round((seg.end_frame + 1) / FRAMES_PER_S, 2),
                      "conf": round(min(1.0, max(0.0, float(seg.prob))), 3)})
    return {"result": words, "text": " ".join(w["word"] for w in words)}


if __name__ == "__main__":
    sys.exit(main())
