"""Deliver session records to the center's ``POST /api/v1/sessions`` over HTTP(S) with httpx.

The station's token goes in ``Authorization: Bearer``. A center with its own certificate
authority names it in ``center.ca_file``; otherwise the system's trust store is used (where IT
installs a job center's internal CA). ``center.proxy`` routes through an HTTP proxy (CONNECT);
without it, the usual HTTPS_PROXY/NO_PROXY variables apply.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from vr_station import __version__
from vr_station.feedback.transport import (
    Accepted,
    DeliveryOutcome,
    FeedbackTransport,
    RefusalKind,
    Refused,
)

log = logging.getLogger(__name__)

SESSIONS_PATH = "/api/v1/sessions"
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_BUSY = {408, 429, 502, 503, 504}
"""Statuses that say the center (or a proxy before it) is busy or away, not what it thinks of
the records: the whole batch waits for the back-off."""


class TransportSetupError(ValueError):
    """The center settings cannot work (token or CA file missing, bad URL)."""


def read_token(path: Path) -> str:
    """The station's token from its file (one line, as ``vr-center stations add`` printed it)."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise TransportSetupError(f"{path}: token file not found (center.token_file); ask the "
                                  "center's admin for this station's token") from None
    except OSError as exc:
        raise TransportSetupError(f"{path}: cannot read the station token: {exc.strerror}") from exc
    if not token or any(c.isspace() for c in token):
        raise TransportSetupError(f"{path}: expected the station token on one line")
    return token


class HttpsTransport(FeedbackTransport):
    """Posts batches to the center at ``url`` with the station's ``token``, over one connection pool.

    ``ca_file`` and ``proxy`` come from the station's center settings; ``timeout_s`` bounds a
    request, ``connect_timeout_s`` its connection. ``http_transport`` replaces the network
    (tests hand in ``httpx.MockTransport``). Raises TransportSetupError for a URL that is not
    http(s).
    """

    def __init__(self, url: str, token: str, ca_file: Path | None = None, proxy: str | None = None,
                 timeout_s: float = 30.0, connect_timeout_s: float = 10.0,
                 http_transport: httpx.BaseTransport | None = None):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TransportSetupError(f"center.url: {url!r} is not an http(s):// address")
        if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
            log.warning("feedback: center.url %s is not HTTPS: records and the station token "
                        "travel unencrypted", url)
        self.url = url.rstrip("/") + SESSIONS_PATH
        self._client = httpx.Client(
            verify=tls_context(ca_file), proxy=proxy, transport=http_transport,
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                     "User-Agent": f"vr-station/{__version__}"})

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def deliver(self, records_json: Sequence[str]) -> DeliveryOutcome:
        """POST the records as one JSON array; a network failure is a Refused, never raised."""
        body = ("[" + ",".join(records_json) + "]").encode("utf-8")
        try:
            response = self._client.post(self.url, content=body)
        except httpx.TransportError as exc:
            return Refused(RefusalKind.UNREACHABLE, _network_problem(self.url, exc))
        return _outcome(response)


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """The TLS settings of every station connection to the center.

    The system's CAs, or only ``ca_file``'s; TransportSetupError when that file is missing or not
    a PEM certificate file.
    """
    if ca_file is None:
        return ssl.create_default_context()
    if not ca_file.is_file():
        raise TransportSetupError(f"{ca_file}: CA file not found (center.ca_file)")
    try:
        return ssl.create_default_context(cafile=str(ca_file))
    except ssl.SSLError as exc:
        raise TransportSetupError(f"{ca_file}: not a PEM certificate file (center.ca_file): "
                                  f"{exc}") from exc


def _outcome(response: httpx.Response) -> DeliveryOutcome:
    status = response.status_code
    detail = _detail(response)
    if status == 200:
        try:
            answer = response.json()
            return Accepted(new=int(answer["new"]), duplicates=int(answer["duplicates"]),
                            expired=int(answer.get("expired", 0)))
        except (ValueError, KeyError, TypeError):
            return Refused(RefusalKind.UNREACHABLE,
                           f"unexpected answer from {response.url}: {response.text[:200]!r}")
    if status == 401:
        return Refused(RefusalKind.UNAUTHORIZED, "the center does not accept this station's token "
                       f"(HTTP 401: {detail}); check center.token_file")
    if status == 403:
        return Refused(RefusalKind.UNAUTHORIZED, f"the center refused the records (HTTP 403: "
                       f"{detail}); check station_id and center.token_file")
    if status == 413:
        return Refused(RefusalKind.TOO_LARGE, f"batch too large for the center (HTTP 413: {detail})")
    if status in (400, 422):
        return Refused(RefusalKind.INVALID, f"HTTP {status}: {detail}")
    if status in _BUSY:
        return Refused(RefusalKind.UNREACHABLE, f"the center answered HTTP {status}: {detail}",
                       retry_after_s=_retry_after(response))
    # Anything else (500, 404, 409, ...) may be caused by one record in the batch; the sender
    # splits the batch to find out (measured: a year-9999 start time once made the center 500).
    return Refused(RefusalKind.FAILED, f"the center answered HTTP {status}: {detail}",
                   retry_after_s=_retry_after(response))


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    text = detail if isinstance(detail, str) else response.text
    return text.strip()[:300] or response.reason_phrase


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(float(value), 0.0)
    except ValueError:
        return None


def _network_problem(url: str, exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return (f"cannot verify the center's certificate at {url} ({text}); if the center has "
                "its own CA, name its certificate in center.ca_file")
    if isinstance(exc, httpx.ProxyError):
        return f"the proxy refused the connection to {url}: {text} (center.proxy)"
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer from the center at {url} in time ({type(exc).__name__})"
    return f"cannot reach the center at {url}: {text}"
