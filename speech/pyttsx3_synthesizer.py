"""pyttsx3 (espeak-ng on Linux, SAPI5 on Windows) in a dedicated worker process.

``synthesize`` blocks until the audio is there; ``SpeechOut`` calls it from its one worker
thread. A worker that does not answer within ``timeout_s`` is killed and started afresh for
the next request, so a hung speech engine costs one utterance, not the station.
"""

from __future__ import annotations

import json
import logging
import queue
import subprocess
import sys
import threading
from typing import IO, Any

from speech.audio import PcmClip, read_wav
from speech.synthesis import SynthesisError, Synthesizer, VoiceInfo

log = logging.getLogger(__name__)

_WORKER = "speech.pyttsx3_worker"


class Pyttsx3Synthesizer(Synthesizer):
    engine = f"pyttsx3-{sys.platform}"

    def __init__(self, timeout_s: float = 30.0, python: str = sys.executable):
        self.timeout_s = timeout_s
        self.python = python
        self._process: subprocess.Popen[bytes] | None = None
        self._replies: queue.Queue[tuple[dict[str, Any], bytes] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._voices: tuple[VoiceInfo, ...] | None = None

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        if not text.strip():
            return PcmClip(bytes(2 * 2205), 22050)
        _, payload = self._call({"cmd": "say", "text": text, "voice": voice,
                                 "rate": round(rate_wpm)})
        try:
            clip = read_wav(payload)
        except ValueError as exc:
            raise SynthesisError(f"the speech engine returned no usable audio ({exc})") from None
        if not clip.pcm:
            log.warning("speech engine returned no audio (%d bytes of WAV) for %r", len(payload), text[:40])
            raise SynthesisError(f"the speech engine returned silence for {text[:40]!r}")
        return clip

    def voices(self) -> tuple[VoiceInfo, ...]:
        if self._voices is None:
            header, _ = self._call({"cmd": "voices"})
            self._voices = tuple(VoiceInfo(v["id"], v["name"], tuple(v["languages"]))
                                 for v in header["voices"])
        return self._voices

    def close(self) -> None:
        with self._lock:
            self._stop()

    # -- the worker process ----------------------------------------------------------------

    def _call(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        with self._lock:
            process = self._ensure_started()
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
                process.stdin.flush()
            except OSError as exc:
                self._stop()
                raise SynthesisError(f"the speech worker died ({exc}); it restarts with the "
                                     "next utterance") from None
            try:
                reply = self._replies.get(timeout=self.timeout_s)
            except queue.Empty:
                self._stop()
                raise SynthesisError(f"the speech engine did not answer within {self.timeout_s:.0f} s; "
                                     "it was restarted") from None
            if reply is None:
                self._stop()
                raise SynthesisError("the speech worker ended unexpectedly (is pyttsx3 installed "
                                     "and espeak-ng / SAPI5 available?)")
            header, payload = reply
            if not header.get("ok"):
                raise SynthesisError(f"speech engine error: {header.get('error')}")
            return header, payload

    def _ensure_started(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._replies = queue.Queue()
        try:
            process = subprocess.Popen(
                [self.python, "-m", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            raise SynthesisError(f"cannot start the speech worker: {exc}") from None
        assert process.stdout is not None and process.stderr is not None
        threading.Thread(target=_read_replies, args=(process.stdout, self._replies),
                         name="tts-replies", daemon=True).start()
        threading.Thread(target=_log_stderr, args=(process.stderr,), name="tts-stderr",
                         daemon=True).start()
        self._process = process
        return process

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait(timeout=5)


def _read_replies(stream: IO[bytes], replies: queue.Queue[tuple[dict[str, Any], bytes] | None]) -> None:
    try:
        while True:
            line = stream.readline()
            if not line:
                break
            header = json.loads(line)
            payload = _read_exactly(stream, int(header.get("bytes", 0)))
            replies.put((header, payload))
    except (OSError, ValueError) as exc:
        log.debug("speech worker reply stream ended: %s", exc)
    replies.put(None)


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            raise OSError("worker closed the stream mid-reply")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _log_stderr(stream: IO[bytes]) -> None:
    for line in stream:
        text = line.decode("utf-8", "replace").rstrip()
        if text and not text.startswith("Audio saved to"):  # pyttsx3's own print
            log.debug("speech worker: %s", text)
