"""A speech engine in a child process of its own, spoken to in framed JSON over stdin/stdout.

pyttsx3 and PocketSphinx run this way: drivers hang (espeak from several threads), need COM on
their own thread (SAPI5) or hold the GIL for a second at a time (PocketSphinx), and a hung
engine is killed with its process instead of freezing the station.

The framing, the same both ways: one JSON object on a line (the header); when the header has
``"bytes": N``, N bytes of payload follow (audio, a WAV file). The worker starts by sending
``{"ready": true}`` once its engine is loaded, or ``{"error": text}`` and ends. A request the
engine fails on is answered with ``{"error": text}`` and the worker keeps serving.

The parent side is ``WorkerProcess``; the worker side is ``serve``. This module imports only
the standard library: it is the first thing a worker process loads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

log = logging.getLogger(__name__)

STOP_GRACE_S = 2.0
"""How long a worker whose input was closed may take to end before it is killed."""


class WorkerError(RuntimeError):
    """The worker could not start, ended, or failed a request.

    The message names the worker and what failed.
    """


class WorkerTimeout(WorkerError):
    """The worker did not answer in time (hung); its owner kills it."""


@dataclass(frozen=True)
class Message:
    """One framed message: a JSON header and the payload (audio, a WAV file) that follows it."""

    header: dict[str, Any]
    payload: bytes = field(default=b"", repr=False)


def read_message(stream: IO[bytes]) -> Message | None:
    """The next message on ``stream``; None when the stream has ended between messages."""
    line = stream.readline()
    if not line:
        return None
    header = json.loads(line)
    if not isinstance(header, dict):
        raise ValueError(f"a message header must be a JSON object, not {line[:60]!r}")
    size = int(header.get("bytes", 0))
    chunks = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError(f"the stream ended {size} bytes before the end of a message's payload")
        chunks.append(chunk)
        size -= len(chunk)
    return Message(header, b"".join(chunks))


def write_message(stream: IO[bytes], header: dict[str, Any], payload: bytes = b"") -> None:
    """Frame ``header`` (its ``bytes`` set from the payload) and ``payload`` on ``stream``, flushed."""
    framed = {key: value for key, value in header.items() if key != "bytes"}
    if payload:
        framed["bytes"] = len(payload)
    stream.write(json.dumps(framed).encode("utf-8") + b"\n" + payload)
    stream.flush()


# -- the parent's side --------------------------------------------------------------------------

class WorkerProcess:
    """``python -m module`` as a child process, and the messages it sends.

    Not thread-safe: its owner calls it from one thread at a time (or under its own lock).
    A worker that ended or was stopped is started afresh by the next ``ensure_started``.
    """

    def __init__(self, module: str, name: str, python: str = sys.executable) -> None:
        """``name`` says what the worker is in messages: "the {name} did not answer …"."""
        self.module = module
        self.name = name
        self.python = python
        self._process: subprocess.Popen[bytes] | None = None
        self._messages: queue.Queue[Message | None] = queue.Queue()
        self._stderr_tail: deque[str] = deque(maxlen=3)
        self._stderr_reader: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """The worker process is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The worker's process id; None before the first start and after ``stop`` or ``kill``."""
        return self._process.pid if self._process is not None else None

    def ensure_started(self, ready_timeout_s: float) -> bool:
        """Start the worker unless it runs, and wait up to ``ready_timeout_s`` for its engine to load.

        True when it was started now. Raises ``WorkerError`` (the worker is gone then).
        """
        if self.running:
            return False
        self.stop()  # reap one that ended by itself
        self._messages = queue.Queue()
        self._stderr_tail = deque(maxlen=3)
        try:
            process = subprocess.Popen(
                [self.python, "-m", self.module], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            raise WorkerError(f"cannot start the {self.name}: {exc}") from None
        assert process.stdout is not None and process.stderr is not None
        self._process = process
        threading.Thread(target=_read_messages, args=(process.stdout, self._messages, self.name),
                         name=f"{self.module}-out", daemon=True).start()
        self._stderr_reader = threading.Thread(
            target=_read_stderr, args=(process.stderr, self._stderr_tail, self.name),
            name=f"{self.module}-err", daemon=True)
        self._stderr_reader.start()
        try:
            ready = self.receive(ready_timeout_s, "its engine to load")
        except WorkerTimeout:
            self.kill()
            raise
        except WorkerError:
            self.stop()
            raise
        if "error" in ready.header:
            self.stop()
            raise WorkerError(str(ready.header["error"]))
        return True

    def send(self, header: dict[str, Any], payload: bytes = b"") -> None:
        """Send one message; raises ``WorkerError`` when the worker is not running or died."""
        process = self._process
        if process is None or process.stdin is None:
            raise WorkerError(f"the {self.name} is not running")
        try:
            write_message(process.stdin, header, payload)
        except (OSError, ValueError) as exc:  # ValueError: its input was closed by stop()
            raise WorkerError(f"the {self.name} died ({exc})") from None

    def receive(self, timeout_s: float, waiting_for: str) -> Message:
        """The next message, waiting up to ``timeout_s``.

        ``waiting_for`` goes into the timeout's message ("the PocketSphinx worker did not answer
        within 30 s (waiting for …)").
        """
        try:
            message = self._messages.get(timeout=timeout_s)
        except queue.Empty:
            raise WorkerTimeout(f"the {self.name} did not answer within {timeout_s:g} s "
                                f"(waiting for {waiting_for})") from None
        return self._checked(message)

    def receive_nowait(self) -> Message | None:
        """The next message if one has come, else None; never waits."""
        try:
            message = self._messages.get_nowait()
        except queue.Empty:
            return None
        return self._checked(message)

    def stop(self) -> None:
        """End the worker: close its input so it ends by itself, and kill it after ``STOP_GRACE_S``.

        Does nothing when none runs.
        """
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):  # it already died; its input went with it
                process.stdin.close()
        try:
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def kill(self) -> None:
        """End a hung worker at once."""
        process, self._process = self._process, None
        if process is None:
            return
        process.kill()
        process.wait()
        if process.stdin is not None:
            with contextlib.suppress(OSError):  # the pipe broke with the process
                process.stdin.close()

    def _checked(self, message: Message | None) -> Message:
        if message is None:
            self._messages.put(None)  # it stays ended for whoever asks next
            raise WorkerError(f"the {self.name} ended unexpectedly{self._exit_detail()}")
        return message

    def _exit_detail(self) -> str:
        """Exit status and the last line it wrote to stderr: usually the reason."""
        process, reader = self._process, self._stderr_reader
        if process is None:
            return ""
        try:
            status = process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            return " (it closed its output but still runs)"
        if reader is not None:
            reader.join(timeout=STOP_GRACE_S)
        last = f": {self._stderr_tail[-1]}" if self._stderr_tail else ""
        return f" (exit status {status}{last})"


def _read_messages(stream: IO[bytes], messages: queue.Queue[Message | None], name: str) -> None:
    try:
        with stream:
            while (message := read_message(stream)) is not None:
                messages.put(message)
    except (OSError, EOFError, ValueError) as exc:
        log.warning("the %s sent something unreadable: %s", name, exc)
    messages.put(None)


def _read_stderr(stream: IO[bytes], tail: deque[str], name: str) -> None:
    with stream:
        for line in stream:
            text = line.decode("utf-8", "replace").rstrip()
            if text:
                tail.append(text)
                log.debug("%s: %s", name, text)


# -- the worker's side ----------------------------------------------------------------------------

Handler = Callable[[Message], Message | None]
"""Answers one request: a reply, or None for requests that need none (a chunk of audio)."""


def serve(engine: str, load: Callable[[], Handler]) -> int:
    """The worker's main loop: load the engine, say ready, answer requests until stdin ends.

    Returns the exit status. ``engine`` names the engine in the message sent when ``load``
    fails ("pocketsphinx cannot start: …").
    """
    # The protocol owns the real stdout; whatever the engine prints goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    requests = sys.stdin.buffer
    try:
        handle = load()
    except Exception as exc:  # report why, then end: the parent shows the message
        write_message(replies, {"error": f"{engine} cannot start: {type(exc).__name__}: {exc}"})
        return 1
    write_message(replies, {"ready": True})
    while (request := read_message(requests)) is not None:
        try:
            reply = handle(request)
        except Exception as exc:  # report, keep serving
            reply = Message({"error": f"{type(exc).__name__}: {exc}"})
        if reply is not None:
            write_message(replies, reply.header, reply.payload)
    return 0
