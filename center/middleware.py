"""ASGI middleware: a hard limit on request size, and security headers on every answer."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = [
    # Everything the pages use comes from the center itself: it may be offline, and nothing
    # a page shows should reach a third party.
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                 b"script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                                 b"base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form
    # posts, and the CSRF check needs the real origin.
    (b"referrer-policy", b"same-origin"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")
"""Only on answers over HTTPS (RFC 6797 8.1: ignored over HTTP). One year; no includeSubDomains,
since other hosts of a job centre's domain may still serve plain HTTP."""


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the limit.

    The app answers 413 with ``too_large_body``.
    """

    def __init__(self, max_bytes: int):
        super().__init__(f"the request is larger than {max_bytes} bytes")
        self.max_bytes = max_bytes


def too_large_body(max_bytes: int) -> bytes:
    """The JSON body of a 413 answer, in the API's error form."""
    return json.dumps({"detail": f"the request is larger than {max_bytes} bytes; send fewer "
                                 "records per request", "records": []}).encode()


class BodyLimit:
    """Answer 413 to a request body over ``max_bytes``, announced or streamed (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, stopping its body at ``max_bytes``."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = too_large_body(self.max_bytes)
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP answer that does not set them itself."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on and add the security headers to its answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # "https" also behind a TLS-terminating proxy when uvicorn trusts its X-Forwarded-Proto.
        headers = [*SECURITY_HEADERS, HSTS] if scope.get("scheme") == "https" else SECURITY_HEADERS

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(n, v) for n, v in headers if n not in present]]
            await send(message)

        await self.app(scope, receive, with_headers)
