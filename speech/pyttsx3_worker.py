"""The pyttsx3 worker process: reads requests on stdin, answers on stdout.

Started by ``Pyttsx3Synthesizer`` as ``python -m speech.pyttsx3_worker``.
pyttsx3 runs here alone, on this process's main thread: drivers hang when driven from several
threads (espeak) or need COM on the thread that created them (SAPI5), and a hung engine is
killed with its process instead of freezing the station.

Protocol, one request at a time: a JSON line in (``{"cmd": "say", "text", "voice", "rate"}``
or ``{"cmd": "voices"}``), a JSON line out (``{"ok": true, "bytes": N, ...}``) followed by N
bytes (a WAV file for "say").
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO


def main() -> int:
    # The protocol owns the real stdout; everything pyttsx3 prints goes to stderr.
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    workdir = Path(tempfile.mkdtemp(prefix="vr-station-tts-"))
    try:
        import pyttsx3

        engine = pyttsx3.init()
        for line in requests:
            try:
                request = json.loads(line)
                header, payload = _handle(engine, request, workdir)
            except Exception as exc:  # report, keep serving
                header, payload = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}, b""
            _reply(channel, header, payload)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _handle(engine: Any, request: dict[str, Any], workdir: Path) -> tuple[dict[str, Any], bytes]:
    if request.get("cmd") == "voices":
        voices = [{"id": str(v.id), "name": str(v.name or ""),
                   "languages": [str(lang) for lang in (v.languages or [])]}
                  for v in engine.getProperty("voices")]
        return {"ok": True, "voices": voices}, b""
    if request.get("cmd") != "say":
        raise ValueError(f"unknown command {request.get('cmd')!r}")
    if _uses_espeak(engine):
        # Engine.setProperty only queues the change for runAndWait; set it on the driver now.
        driver = engine.proxy._driver
        if request.get("voice"):
            driver.setProperty("voice", request["voice"])
        driver.setProperty("rate", int(request["rate"]))
        return {"ok": True}, _espeak_wav(request["text"])
    if request.get("voice"):
        engine.setProperty("voice", request["voice"])
    engine.setProperty("rate", int(request["rate"]))
    target = workdir / "utterance.wav"
    target.unlink(missing_ok=True)
    engine.save_to_file(request["text"], str(target))
    engine.runAndWait()
    data = target.read_bytes()
    target.unlink(missing_ok=True)
    return {"ok": True}, data


def _uses_espeak(engine: Any) -> bool:
    return type(engine.proxy._driver).__module__.endswith(".espeak")


ESPEAK_RATE_HZ = 22050
"""espeak-ng's output rate for all its voices (pyttsx3's driver assumes the same)."""
ESPEAK_TIMEOUT_S = 20.0


def _espeak_wav(text: str) -> bytes:
    """Synthesize with pyttsx3's espeak binding, collecting the samples ourselves.

    pyttsx3 2.99's espeak driver writes the WAV when espeak reports the end of the message and
    only then appends that callback's samples: the last buffer is always lost, and when espeak
    delivers a whole utterance in one callback the file is empty (measured: about 1 in 30
    questions). Samples are therefore kept before the end event is looked at."""
    import ctypes
    import threading
    import wave
    from io import BytesIO

    from pyttsx3.drivers import _espeak

    chunks: list[bytes] = []
    finished = threading.Event()

    def on_synth(wav: Any, count: int, events: Any) -> int:
        if count > 0:
            chunks.append(ctypes.string_at(wav, count * ctypes.sizeof(ctypes.c_short)))
        i = 0
        while events[i].type != _espeak.EVENT_LIST_TERMINATED:
            if events[i].type == _espeak.EVENT_MSG_TERMINATED:
                finished.set()
            i += 1
        return 0

    _espeak.SetSynthCallback(on_synth)
    _espeak.Synth(text.encode("utf-8"), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8)
    if not finished.wait(ESPEAK_TIMEOUT_S):
        raise TimeoutError("espeak did not finish the utterance")
    out = BytesIO()
    with wave.open(out, "wb") as wav_file:
        wav_file.setnchannels(1)
        wav_file.setsampwidth(2)
        wav_file.setframerate(ESPEAK_RATE_HZ)
        wav_file.writeframes(b"".join(chunks))
    return out.getvalue()


def _reply(channel: BinaryIO, header: dict[str, Any], payload: bytes) -> None:
    header["bytes"] = len(payload)
    channel.write(json.dumps(header).encode("utf-8") + b"\n")
    channel.write(payload)
    channel.flush()


if __name__ == "__main__":
    sys.exit(main())
