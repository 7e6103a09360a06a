"""How the HTTPS transport reads the center's answers (httpx.MockTransport: logic only; the
real server is in tests/center/test_delivery.py)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from vr_station.feedback.https_transport import HttpsTransport, TransportSetupError, read_token
from vr_station.feedback.transport import Accepted, RefusalKind, Refused


def transport_answering(handler) -> HttpsTransport:
    return HttpsTransport("https://center.example:8443/", "vrc_token", timeout_s=5,
                          http_transport=httpx.MockTransport(handler))


def test_sends_a_json_list_with_the_token_and_reads_the_counts():
    seen = {}

    def center(request: httpx.Request) -> httpx.Response:
        seen["url"] = str(request.url)
        seen["auth"] = request.headers["authorization"]
        seen["type"] = request.headers["content-type"]
        seen["body"] = json.loads(request.content)
        return httpx.Response(200, json={"new": 1, "duplicates": 1, "expired": 0})

    outcome = transport_answering(center).deliver(['{"a":1}', '{"b":2}'])
    assert outcome == Accepted(new=1, duplicates=1, expired=0)
    assert seen == {"url": "https://center.example:8443/api/v1/sessions",
                    "auth": "Bearer vrc_token", "type": "application/json",
                    "body": [{"a": 1}, {"b": 2}]}


@pytest.mark.parametrize(("status", "headers", "kind", "words"), [
    (401, {}, RefusalKind.UNAUTHORIZED, "does not accept this station's token"),
    (403, {}, RefusalKind.UNAUTHORIZED, "check station_id"),
    (413, {}, RefusalKind.TOO_LARGE, "too large"),
    (422, {}, RefusalKind.INVALID, "HTTP 422: the detail"),
    (503, {"Retry-After": "45"}, RefusalKind.UNREACHABLE, "HTTP 503"),
    (429, {"Retry-After": "soon"}, RefusalKind.UNREACHABLE, "HTTP 429"),
    (502, {}, RefusalKind.UNREACHABLE, "HTTP 502"),
    (504, {}, RefusalKind.UNREACHABLE, "HTTP 504"),
    # The center answered but failed on the batch: perhaps one record did it, so it is split.
    (500, {}, RefusalKind.FAILED, "HTTP 500: the detail"),
    (409, {}, RefusalKind.FAILED, "HTTP 409"),
])
def test_refusals_say_what_to_do(status, headers, kind, words):
    outcome = transport_answering(
        lambda request: httpx.Response(status, headers=headers, json={"detail": "the detail"})
    ).deliver(["{}"])
    assert isinstance(outcome, Refused) and outcome.kind is kind
    assert words in outcome.message
    assert outcome.retry_after_s == (45.0 if status == 503 else None)


def test_a_garbled_answer_is_retried_later_not_taken_as_success():
    outcome = transport_answering(lambda r: httpx.Response(200, text="<html>proxy login</html>")
                                  ).deliver(["{}"])
    assert isinstance(outcome, Refused) and outcome.kind is RefusalKind.UNREACHABLE


def test_network_errors_become_unreachable_with_the_address():
    def down(request):
        raise httpx.ConnectError("[Errno 111] Connection refused")

    outcome = transport_answering(down).deliver(["{}"])
    assert isinstance(outcome, Refused) and outcome.kind is RefusalKind.UNREACHABLE
    assert "cannot reach the center at https://center.example:8443" in outcome.message


def test_setup_problems_are_named(tmp_path: Path):
    with pytest.raises(TransportSetupError, match="token file not found"):
        read_token(tmp_path / "missing")
    (tmp_path / "token").write_text("two words\n")
    with pytest.raises(TransportSetupError, match="on one line"):
        read_token(tmp_path / "token")
    (tmp_path / "token").write_text("vrc_abc\n")
    assert read_token(tmp_path / "token") == "vrc_abc"
    with pytest.raises(TransportSetupError, match="CA file not found"):
        HttpsTransport("https://c.example", "t", ca_file=tmp_path / "ca.pem")
    (tmp_path / "ca.pem").write_text("not a certificate")
    with pytest.raises(TransportSetupError, match="not a PEM certificate"):
        HttpsTransport("https://c.example", "t", ca_file=tmp_path / "ca.pem")
    with pytest.raises(TransportSetupError, match="not an http"):
        HttpsTransport("ftp://c.example", "t")
