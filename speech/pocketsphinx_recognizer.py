"""PocketSphinx with its bundled US-English model: works offline on a fresh machine.

Used for English when no Vosk English model is installed (with a visible notice: it is less
accurate). Decoding runs in a worker process (``pocketsphinx_worker``), because the binding
holds the GIL while it works and would stall every thread of the app. Word timings come from
the decoder's segmentation at 100 frames per second.

Answers are recognised as they come, with a cepstral-mean estimate that adapts over the
answers; a whole recording (``transcribe``) is decoded at once, the same way every time
(``pocketsphinx_worker`` says how the two differ and what that is worth).
"""

from __future__ import annotations

import sys
import threading

from speech.recognition import NO_HINTS, AnswerHints, AnswerStream, Recognizer, RecognizerError
from speech.transcript import RecognitionResult, from_vosk
from speech.worker_process import Message, WorkerError, WorkerProcess

STARTUP_TIMEOUT_S = 30.0
"""Loading the model takes about 1 s; a busy machine may take many times that."""
FINISH_TIMEOUT_S = 30.0
DECODE_TIMEOUT_PER_AUDIO_S = 2.0
"""A whole recording may take up to twice its own duration (measured: 0.2–0.35 on a busy
2-core machine), on top of ``FINISH_TIMEOUT_S``."""


class PocketSphinxRecognizer(Recognizer):
    """English recognition with PocketSphinx's bundled model, decoded in a worker process.

    ``python``: the interpreter that runs the worker.
    """

    name = "pocketsphinx"
    language = "en"
    model = "en-us (bundled with pocketsphinx)"

    def __init__(self, python: str = sys.executable):
        self._worker = WorkerProcess("speech.pocketsphinx_worker", "PocketSphinx worker", python)
        self._lock = threading.Lock()

    def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
        """A stream for the next answer; starts the worker first if it is not running (about 1 s).

        ``hints`` are not used (the bundled model takes no word list).
        """
        with self._lock:
            self._ensure_started()
        stream = _SphinxStream(self._worker)
        stream.send({"cmd": "start"})
        return stream

    def transcribe(self, pcm: bytes, hints: AnswerHints = NO_HINTS) -> RecognitionResult:
        """The whole recording decoded at once, the same way every time.

        The cepstral mean of all of it, nothing carried over from audio heard before
        (``pocketsphinx_worker``).
        """
        timeout_s = FINISH_TIMEOUT_S + DECODE_TIMEOUT_PER_AUDIO_S * len(pcm) / 2 / self.sample_rate_hz
        with self._lock:
            self._ensure_started()
            try:
                self._worker.send({"cmd": "decode"}, pcm)
                reply = self._worker.receive(timeout_s, "the words of a whole recording")
            except WorkerError as exc:
                self._worker.kill()
                raise RecognizerError(f"{exc}; it starts afresh with the next answer") from None
        return _result(reply)

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            self._worker.stop()

    def _ensure_started(self) -> None:
        try:
            self._worker.ensure_started(STARTUP_TIMEOUT_S)
        except WorkerError as exc:
            raise RecognizerError(f"{exc}; reinstall the station (pocketsphinx)") from None


class _SphinxStream(AnswerStream):
    def __init__(self, worker: WorkerProcess):
        self.worker = worker

    def send(self, message: dict[str, object], payload: bytes = b"") -> None:
        try:
            self.worker.send(message, payload)
        except WorkerError as exc:
            raise RecognizerError(str(exc)) from None

    def accept(self, pcm: bytes) -> str | None:
        self.send({"cmd": "audio"}, pcm)
        partial = None
        while True:  # the newest partial the worker has sent so far; never waits
            try:
                message = self.worker.receive_nowait()
            except WorkerError as exc:
                raise RecognizerError(str(exc)) from None
            if message is None:
                return partial
            if "error" in message.header:
                raise RecognizerError(f"PocketSphinx failed on the answer: {message.header['error']}")
            partial = message.header.get("partial", partial)

    def finish(self) -> RecognitionResult:
        self.send({"cmd": "finish"})
        try:
            while True:  # partials still on their way come first
                message = self.worker.receive(FINISH_TIMEOUT_S, "the answer's final words")
                if "result" in message.header or "error" in message.header:
                    return _result(message)
        except WorkerError as exc:
            self.worker.kill()
            raise RecognizerError(f"{exc}; it starts afresh with the next answer") from None


def _result(message: Message) -> RecognitionResult:
    if "error" in message.header:
        raise RecognizerError(f"PocketSphinx failed: {message.header['error']}")
    return from_vosk(message.header["result"])
