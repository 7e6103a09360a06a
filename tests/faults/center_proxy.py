"""A fault between the station and a real center on loopback: up, down, or slow to answer.

A TCP proxy, so the station's own HTTP client, the real center and the bytes between them are
untouched; only the connection is what a bad night makes of it. ``DOWN`` resets every
connection, new or kept alive (a crashed center behind its address); ``SLOW`` holds each request
``delay_s`` before the center sees it, so every answer comes that much later (an overloaded
center); ``UP`` passes everything through.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from enum import Enum

_POLL_S = 0.05


class Mode(Enum):
    UP = "up"
    DOWN = "down"
    SLOW = "slow"


class CenterProxy:
    """Listens on a free loopback port and forwards to ``upstream_port`` as ``mode`` says."""

    def __init__(self, upstream_port: int, delay_s: float = 5.0) -> None:
        self.upstream_port = upstream_port
        self.delay_s = delay_s
        self.mode = Mode.UP
        self.holding = threading.Event()
        """Set while a request is held back (``SLOW``): the center's answer is outstanding."""
        self.held = 0
        """Requests held back so far."""
        self.reset = 0
        """Connections reset so far (``DOWN``)."""
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(_POLL_S)
        self.port = self._server.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._start(self._accept)

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(10)
        self._server.close()

    def _start(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="center-proxy")
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            if self.mode is Mode.DOWN:
                self._reset(client)
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            self._start(self._pump, client, upstream)

    def _reset(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            # Linger 0: close sends RST, as a port nobody listens on does to a new connection.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
        self.reset += 1

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        """Both directions on one thread (select-free: short timeouts), so a mode change
        reaches connections that are kept alive."""
        for sock in (client, upstream):
            sock.settimeout(_POLL_S)
        awaiting_answer = False
        try:
            while not self._stop.is_set():
                if self.mode is Mode.DOWN:
                    self._reset(client, upstream)
                    return
                request = _recv(client)
                if request == b"":
                    return
                if request:
                    if self.mode is Mode.SLOW and not awaiting_answer:
                        self.held += 1
                        self.holding.set()
                        time.sleep(self.delay_s)  # the fault itself: a center this slow
                        self.holding.clear()
                    awaiting_answer = True
                    upstream.sendall(request)
                answer = _recv(upstream)
                if answer == b"":
                    return
                if answer:
                    awaiting_answer = False
                    client.sendall(answer)
        except OSError:
            pass
        finally:
            client.close()
            upstream.close()


def _recv(sock: socket.socket) -> bytes | None:
    """What arrived (b"" when the peer closed), or None when nothing did within the poll."""
    try:
        return sock.recv(65536)
    except TimeoutError:
        return None
