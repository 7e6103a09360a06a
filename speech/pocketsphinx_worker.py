"""The PocketSphinx worker process: decodes audio sent on stdin, answers on stdout.

Started by ``PocketSphinxRecognizer`` as ``python -m speech.pocketsphinx_worker``.
PocketSphinx's Python binding holds the GIL while it decodes (measured: a 1.1 s stall of every
other thread while finishing a 24 s utterance), which would freeze a VR app's render thread;
in its own process it cannot.

Protocol: JSON lines in (``{"cmd": "start"}``, ``{"cmd": "audio", "bytes": N}`` followed by N
bytes of 16 kHz PCM, ``{"cmd": "finish"}``); JSON lines out: ``{"partial": text}`` when the
hypothesis changes, ``{"result": <Vosk format>}`` after finish, ``{"error": text}``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any, BinaryIO

FRAMES_PER_S = 100
PARTIAL_EVERY_BYTES = 16000 // 4 * 2
"""Ask the decoder for a partial hypothesis every 0.25 s of audio (it costs a search)."""
_ALTERNATIVE = re.compile(r"\(\d+\)$")


def main() -> int:
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    try:
        from pocketsphinx import Decoder

        # No second (flat-lexicon) pass: it made finishing an answer take 230–370 ms instead of
        # 40–80 ms on espeak-ng test speech, at the same accuracy (bench/speech.py, README).
        decoder = Decoder(samprate=16000, loglevel="FATAL", fwdflat=False)
    except Exception as exc:  # report why, then end: the parent shows the message
        _send(channel, {"error": f"pocketsphinx cannot start: {type(exc).__name__}: {exc}"})
        return 1
    _send(channel, {"ready": True})
    since_partial = 0
    partial = ""
    while line := requests.readline():
        request = json.loads(line)
        command = request.get("cmd")
        if command == "start":
            decoder.start_utt()
            since_partial, partial = 0, ""
        elif command == "audio":
            decoder.process_raw(_read(requests, int(request["bytes"])), False, False)
            since_partial += int(request["bytes"])
            if since_partial >= PARTIAL_EVERY_BYTES:
                since_partial = 0
                hyp = decoder.hyp()
                text = hyp.hypstr if hyp is not None else ""
                if text and text != partial:
                    partial = text
                    _send(channel, {"partial": text})
        elif command == "finish":
            decoder.end_utt()
            _send(channel, {"result": _result(decoder)})
    return 0


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


def _read(stream: BinaryIO, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EOFError("input ended mid-chunk")
        data += chunk
    return data


def _send(channel: BinaryIO, message: dict[str, Any]) -> None:
    channel.write(json.dumps(message).encode("utf-8") + b"\n")
    channel.flush()


if __name__ == "__main__":
    sys.exit(main())
