"""PocketSphinx with its bundled US-English model: works offline on a fresh machine.

Used for English when no Vosk English model is installed (with a visible notice: it is less
accurate). Decoding runs in a worker process (``pocketsphinx_worker``), because the binding
holds the GIL while it works and would stall every thread of the app. Word timings come from
the decoder's segmentation at 100 frames per second.
"""

from __future__ import annotations

import json
import logging
import queue
import subprocess
import sys
import threading
from typing import IO, Any

from speech.recognition import AnswerStream, Recognizer, RecognizerError
from speech.transcript import RecognitionResult, from_vosk

log = logging.getLogger(__name__)

_WORKER = "speech.pocketsphinx_worker"
STARTUP_TIMEOUT_S = 30.0
FINISH_TIMEOUT_S = 30.0


class PocketSphinxRecognizer(Recognizer):
    name = "pocketsphinx"
    language = "en"

    def __init__(self, python: str = sys.executable):
        self.python = python
        self._process: subprocess.Popen[bytes] | None = None
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._lock = threading.Lock()

    def start_answer(self) -> AnswerStream:
        with self._lock:
            process = self._ensure_started()
        stream = _SphinxStream(self, process)
        stream.send({"cmd": "start"})
        return stream

    def close(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            try:
                if process.stdin is not None:
                    process.stdin.close()
                process.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait(timeout=5)

    def _ensure_started(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._messages = queue.Queue()
        try:
            process = subprocess.Popen(
                [self.python, "-m", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            raise RecognizerError(f"cannot start the PocketSphinx worker: {exc}") from None
        assert process.stdout is not None
        threading.Thread(target=_read_messages, args=(process.stdout, self._messages),
                         name="sphinx-replies", daemon=True).start()
        first = self._next_message(STARTUP_TIMEOUT_S)
        if first is None or "error" in first:
            process.kill()
            reason = first["error"] if first else "the worker ended at start"
            raise RecognizerError(f"{reason}; reinstall the station (pocketsphinx)")
        self._process = process
        return process

    def _next_message(self, timeout_s: float) -> dict[str, Any] | None:
        try:
            return self._messages.get(timeout=timeout_s)
        except queue.Empty:
            return None


class _SphinxStream(AnswerStream):
    def __init__(self, owner: PocketSphinxRecognizer, process: subprocess.Popen[bytes]):
        self.owner = owner
        self.process = process

    def send(self, message: dict[str, Any], payload: bytes = b"") -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message).encode("utf-8") + b"\n" + payload)
            self.process.stdin.flush()
        except OSError as exc:
            raise RecognizerError(f"the PocketSphinx worker died ({exc})") from None

    def accept(self, pcm: bytes) -> str | None:
        self.send({"cmd": "audio", "bytes": len(pcm)}, pcm)
        partial = None
        while True:  # the newest partial the worker has sent so far; never waits
            try:
                message = self.owner._messages.get_nowait()
            except queue.Empty:
                return partial
            if message is None:
                raise RecognizerError("the PocketSphinx worker ended unexpectedly")
            partial = message.get("partial", partial)

    def finish(self) -> RecognitionResult:
        self.send({"cmd": "finish"})
        while True:
            message = self.owner._next_message(FINISH_TIMEOUT_S)
            if message is None:
                self.owner.close()
                raise RecognizerError("the PocketSphinx worker did not finish the answer; restarted")
            if "result" in message:
                return from_vosk(message["result"])


def _read_messages(stream: IO[bytes], messages: queue.Queue[dict[str, Any] | None]) -> None:
    try:
        for line in stream:
            messages.put(json.loads(line))
    except (OSError, ValueError) as exc:
        log.debug("PocketSphinx worker stream ended: %s", exc)
    messages.put(None)
