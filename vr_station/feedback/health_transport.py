"""Carry a heartbeat or a help call to the center: one small interface, one method.

``HttpsHealthTransport`` posts to the center the station delivers its feedback to, with the
same token, CA file and proxy (https_transport.py); tests may hand in their own.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from vr_station import __version__
from vr_station.feedback.https_transport import TransportSetupError, tls_context
from vr_station.feedback.transport import RefusalKind, Refused

log = logging.getLogger(__name__)

HEARTBEAT_PATH = "/api/v1/heartbeat"
HELP_CALLS_PATH = "/api/v1/help-calls"


class HealthTransport(ABC):
    """Posts one JSON message to the center and hands back its JSON answer."""

    @abstractmethod
    def post(self, path: str, body_json: str) -> dict[str, Any] | Refused:
        """The center's answer to ``body_json`` at ``path``, or why there is none."""

    def close(self) -> None:  # noqa: B027 - optional hook: most transports hold nothing to close
        """Release connections; the default holds none."""


class HttpsHealthTransport(HealthTransport):
    """The real one: httpx, the station's token, short timeouts (a heartbeat is not worth a wait)."""

    def __init__(self, url: str, token: str, ca_file: Path | None = None, proxy: str | None = None,
                 timeout_s: float = 10.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TransportSetupError(f"center.url: {url!r} is not an http(s):// address")
        self.url = url.rstrip("/")
        self._client = httpx.Client(
            verify=tls_context(ca_file), proxy=proxy, timeout=httpx.Timeout(timeout_s),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                     "User-Agent": f"vr-station/{__version__}"})

    def post(self, path: str, body_json: str) -> dict[str, Any] | Refused:
        """POST and read the answer; network trouble is a Refused, never raised."""
        try:
            response = self._client.post(self.url + path, content=body_json.encode("utf-8"))
        except httpx.TransportError as exc:
            return Refused(RefusalKind.UNREACHABLE, f"cannot reach the center at {self.url}: "
                           f"{exc or type(exc).__name__}")
        if response.status_code != 200:
            kind = RefusalKind.UNAUTHORIZED if response.status_code in (401, 403) \
                else RefusalKind.INVALID if response.status_code == 422 else RefusalKind.UNREACHABLE
            return Refused(kind, f"the center answered {path} with HTTP {response.status_code}: "
                           f"{response.text[:200]}")
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            return Refused(RefusalKind.UNREACHABLE, f"unexpected answer to {path}: "
                           f"{response.text[:200]!r}")
        return answer

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()
