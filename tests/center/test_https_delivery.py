"""Delivery over HTTPS with the center's own CA, through an HTTP proxy (CONNECT), all real:
uvicorn with a certificate from a throw-away CA (trustme), a CONNECT proxy on loopback."""

from __future__ import annotations

import select
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme

from center.stations import add_station
from tests.center.servers import CenterProcess
from tests.vr_station.feedback.records import make_record
from vr_station.feedback.https_transport import HttpsTransport
from vr_station.feedback.outbox import Outbox
from vr_station.feedback.sender import Courier
from vr_station.feedback.transport import Accepted, RefusalKind, Refused


class ConnectProxy(socketserver.ThreadingTCPServer):
    """A minimal HTTP proxy that only tunnels (CONNECT), as corporate proxies do for HTTPS."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Tunnel)
        self.tunnels: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Tunnel(socketserver.BaseRequestHandler):
    server: ConnectProxy

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        method, target, _version = head.split(b"\r\n", 1)[0].decode().split(" ")
        if method != "CONNECT":
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
            return
        host, port = target.rsplit(":", 1)
        self.server.tunnels.append(target)
        with socket.create_connection((host, int(port))) as upstream:
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            sockets = [self.request, upstream]
            while True:
                readable, _, _ = select.select(sockets, [], [], 30)
                if not readable:
                    return
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is self.request else self.request).sendall(data)


@pytest.fixture
def proxy() -> Iterator[ConnectProxy]:
    server = ConnectProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tls_center(tmp_path: Path) -> Iterator[tuple[CenterProcess, Path, str]]:
    ca = trustme.CA()
    certificate = ca.issue_cert("127.0.0.1", "localhost")
    key_file, cert_file, ca_file = (tmp_path / "key.pem", tmp_path / "cert.pem", tmp_path / "ca.pem")
    certificate.private_key_pem.write_to_path(str(key_file))
    certificate.cert_chain_pems[0].write_to_path(str(cert_file))
    ca.cert_pem.write_to_path(str(ca_file))
    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    server = CenterProcess(url, tmp_path)
    server.extra_args = ["--ssl-certfile", str(cert_file), "--ssl-keyfile", str(key_file)]
    server.start()
    from center.database import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    token = add_station(engine, "biz-1")
    engine.dispose()
    yield server, ca_file, token
    server.stop()


def test_delivery_over_https_with_the_centers_ca_through_a_proxy(tls_center, proxy, tmp_path):
    server, ca_file, token = tls_center
    https_url = server.base_url.replace("http://", "https://")
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        for _ in range(5):
            outbox.submit(make_record())
        transport = HttpsTransport(https_url, token, ca_file=ca_file, proxy=proxy.url)
        result = Courier(outbox, transport).flush(timeout_s=60)
        transport.close()
    assert (result.delivered, result.pending, result.refused) == (5, 0, None)
    assert proxy.tunnels and set(proxy.tunnels) == {f"127.0.0.1:{server.port}"}


def test_a_certificate_from_an_unknown_ca_is_refused_with_a_hint(tls_center):
    server, _ca_file, token = tls_center
    https_url = server.base_url.replace("http://", "https://")
    transport = HttpsTransport(https_url, token)  # the system's CAs only
    outcome = transport.deliver([make_record().to_json_text()])
    transport.close()
    assert isinstance(outcome, Refused) and outcome.kind is RefusalKind.UNREACHABLE
    assert "center.ca_file" in outcome.message


def test_plain_http_to_the_https_port_does_not_count_as_delivered(tls_center):
    server, _ca_file, token = tls_center
    transport = HttpsTransport(server.base_url, token, timeout_s=5)
    outcome = transport.deliver([make_record().to_json_text()])
    transport.close()
    assert not isinstance(outcome, Accepted)


def test_answers_over_https_tell_browsers_to_stay_on_https(tls_center):
    server, ca_file, _token = tls_center
    https_url = server.base_url.replace("http://", "https://")
    answer = httpx.get(f"{https_url}/login", verify=ssl.create_default_context(cafile=ca_file))
    assert answer.status_code == 200
    assert answer.headers["strict-transport-security"] == "max-age=31536000"
