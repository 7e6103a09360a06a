"""A tiny worker for the tests of ``speech.worker_process``, run as ``python -m``.

Requests: ``{"cmd": "echo"}`` answers with its own header and payload; ``{"cmd": "print"}``
prints a line (which must not reach the protocol's stdout) and answers ``{"printed": true}``;
``{"cmd": "fail"}`` raises; ``{"cmd": "hang"}`` never answers; ``{"cmd": "exit", "status": N}``
writes a last word to stderr and ends at once. ``ECHO_WORKER_LOAD=fail`` or ``hang`` makes
loading the "engine" fail or never end.
"""

from __future__ import annotations

import os
import sys
import time

from speech.worker_process import Message, serve


def load():
    mode = os.environ.get("ECHO_WORKER_LOAD", "")
    if mode == "fail":
        raise FileNotFoundError("no echo model here")
    if mode == "hang":
        time.sleep(600)
    return handle


def handle(request: Message) -> Message | None:
    command = request.header["cmd"]
    if command == "echo":
        return Message(request.header, request.payload)
    if command == "print":
        print("a line an engine printed")
        return Message({"printed": True})
    if command == "fail":
        raise ValueError("this request cannot be served")
    if command == "hang":
        time.sleep(600)
    if command == "exit":
        sys.stderr.write(f"leaving with status {request.header['status']}\n")
        sys.stderr.flush()
        os._exit(request.header["status"])
    return None


if __name__ == "__main__":
    sys.exit(serve("echo", load))
