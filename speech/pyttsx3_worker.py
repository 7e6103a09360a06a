"""The pyttsx3 worker process: speaks the texts sent on stdin, answers with WAV files.

Started by ``Pyttsx3Synthesizer`` as ``python -m speech.pyttsx3_worker`` (framing and start-up:
``speech.worker_process``). pyttsx3 runs here alone, on this process's main thread: drivers
hang when driven from several threads (espeak) or need COM on the thread that created them
(SAPI5).

Requests: ``{"cmd": "say", "text", "voice", "rate"}``, answered with a WAV file as payload, and
``{"cmd": "voices"}``, answered with ``{"voices": [{"id", "name", "languages"}]}``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from speech.worker_process import Message, serve


def main() -> int:
    """Serve pyttsx3 requests until stdin ends; returns the exit status."""
    workdir = Path(tempfile.mkdtemp(prefix="vr-station-tts-"))
    try:
        return serve("pyttsx3", lambda: _Speaker(workdir).handle)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class _Speaker:
    def __init__(self, workdir: Path) -> None:
        import pyttsx3

        self.workdir = workdir
        self.engine = pyttsx3.init()
        # A request without a voice gets this one, not whichever voice the request before chose.
        self.default_voice = self.engine.getProperty("voice")

    def handle(self, request: Message) -> Message:
        command = request.header.get("cmd")
        if command == "voices":
            voices = [{"id": str(v.id), "name": str(v.name or ""),
                       "languages": [str(lang) for lang in (v.languages or [])]}
                      for v in self.engine.getProperty("voices")]
            return Message({"voices": voices})
        if command != "say":
            raise ValueError(f"unknown command {command!r}")
        text, voice = request.header["text"], request.header.get("voice") or self.default_voice
        rate = int(request.header["rate"])
        if _uses_espeak(self.engine):
            # Engine.setProperty only queues the change for runAndWait; set it on the driver now.
            driver = self.engine.proxy._driver
            driver.setProperty("voice", voice)
            driver.setProperty("rate", rate)
            return Message({}, _espeak_wav(text))
        self.engine.setProperty("voice", voice)
        self.engine.setProperty("rate", rate)
        target = self.workdir / "utterance.wav"
        target.unlink(missing_ok=True)
        self.engine.save_to_file(text, str(target))
        self.engine.runAndWait()
        data = target.read_bytes()
        target.unlink(missing_ok=True)
        return Message({}, data)


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
    questions). Samples are therefore kept before the end event is looked at.
    """
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


if __name__ == "__main__":
    sys.exit(main())
