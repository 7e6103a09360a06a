"""End to end: the station's outbox and sender against the real center on loopback.

The issue's acceptance test: 10,000 records written while the center is down arrive exactly
once after it comes back, across kill -9 of the sender and of the server mid-delivery, on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from center.stations import add_station
from center.tables import session_chips, session_records
from tests.center.servers import CenterProcess
from tests.conftest import REPO
from tests.vr_station.feedback.records import make_record, random_record
from vr_station.feedback.backoff import Backoff
from vr_station.feedback.https_transport import HttpsTransport
from vr_station.feedback.outbox import Outbox
from vr_station.feedback.sender import LONE_FAILURES_TO_SET_ASIDE, BackgroundSender, Courier
from vr_station.feedback.transport import Accepted, RefusalKind

STATION = "biz-nord-1"


def station_env(tmp_path: Path, center_url: str, token: str) -> dict[str, str]:
    token_file = tmp_path / "station.token"
    token_file.write_text(token + "\n")
    return {**os.environ, "VR_STATION_STATION_ID": STATION, "VR_STATION_CENTER_URL": center_url,
            "VR_STATION_CENTER_TOKEN_FILE": str(token_file),
            "VR_STATION_DATA_DIR": str(tmp_path / "station-data")}


def vr_station(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vr_station", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def center_counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        records = connection.execute(select(func.count()).select_from(session_records)).scalar_one()
        chips = connection.execute(select(func.count()).select_from(session_chips)).scalar_one()
    return records, chips


def center_ids(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(session_records.c.session_id)).scalars())


def wait_until(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout_s:.0f} s (the limit) for {what}")
        time.sleep(0.02)


@pytest.mark.slow
def test_ten_thousand_offline_records_arrive_exactly_once_across_kill_9(database_url, engine,
                                                                        tmp_path):
    token = add_station(engine, STATION)
    center = CenterProcess(database_url, tmp_path)  # not started: the center is down
    env = station_env(tmp_path, center.base_url, token)
    outbox_file = tmp_path / "station-data" / "outbox.sqlite3"

    # 1. The WLAN is down for days: 10,000 sessions end, each submitted as the app does it.
    rng = random.Random(20251121)
    records = [random_record(rng, STATION) for _ in range(10_000)]
    with Outbox(outbox_file) as outbox:
        for record in records:
            outbox.submit(record)
    expected_ids = sorted(str(r.session_id) for r in records)
    expected_chips = sum(len(r.worked) + len(r.not_worked) for r in records)

    down = vr_station(env, "outbox", "flush")
    assert down.returncode == 1
    assert f"cannot reach the center at {center.base_url}" in down.stderr
    assert "10000 record(s) still wait" in down.stderr

    # 2. The center is back. A flush starts and is killed (-9) in the middle of delivering.
    center.start()
    try:
        sender = subprocess.Popen([sys.executable, "-m", "vr_station", "outbox", "flush",
                                   "--batch-size", "50"], cwd=REPO, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: center_counts(engine)[0] >= 2_000, 120, "the first 2,000 records")
        sender.send_signal(signal.SIGKILL)
        sender.wait()
        after_sender_kill = center_counts(engine)[0]
        assert 2_000 <= after_sender_kill < 10_000

        # 3. The station's background sender takes over; the server is killed (-9) mid-delivery
        #    and comes back on the same port; the sender backs off and carries on.
        with Outbox(outbox_file) as outbox:
            transport = HttpsTransport(center.base_url, token, timeout_s=10)
            background = BackgroundSender(Courier(outbox, transport, batch_size=50),
                                          Backoff(first_delay_s=0.05, max_delay_s=0.5))
            background.start()
            try:
                wait_until(lambda: center_counts(engine)[0] >= after_sender_kill + 2_000, 120,
                           "delivery to resume")
                center.kill9()
                killed_at = center_counts(engine)[0]
                assert killed_at < 10_000, "delivery finished before the server could be killed"
                wait_until(lambda: background.failures >= 1, 30, "the sender to notice")
                center.start()
                wait_until(lambda: outbox.status().pending == 0, 180, "the outbox to empty")
            finally:
                background.stop()
                transport.close()
            status = outbox.status()
    finally:
        center.stop()

    # Exactly once: every record is there, none twice, with its chips.
    assert sorted(center_ids(engine)) == expected_ids
    assert center_counts(engine) == (10_000, expected_chips)
    assert status.pending == 0 and status.rejected == 0
    # The outbox's own totals cover only what the station saw confirmed after the kill.
    assert status.delivered_total <= 10_000


_KILLED_AFTER_DELIVERY = """
import os, signal, sys
from pathlib import Path
from vr_station.feedback.https_transport import HttpsTransport
from vr_station.feedback.outbox import Outbox
from vr_station.feedback.sender import Courier

class DiesAfterTheCenterAnswers(HttpsTransport):
    def deliver(self, records_json):
        outcome = super().deliver(records_json)
        print(type(outcome).__name__, getattr(outcome, "new", None), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # power cut before the outbox heard the answer

outbox = Outbox(Path(sys.argv[1]))
Courier(outbox, DiesAfterTheCenterAnswers(sys.argv[2], sys.argv[3]), batch_size=100).send_next()
"""


def test_a_station_killed_after_the_center_stored_a_batch_resends_it_without_double_counting(
        database_url, engine, center_server, tmp_path):
    token = add_station(engine, STATION)
    outbox_file = tmp_path / "outbox.sqlite3"
    with Outbox(outbox_file) as outbox:
        for _ in range(100):
            outbox.submit(make_record(station_id=STATION))
    died = subprocess.run([sys.executable, "-c", _KILLED_AFTER_DELIVERY, str(outbox_file),
                           center_server.base_url, token], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert died.returncode == -signal.SIGKILL
    assert died.stdout.split() == ["Accepted", "100"]
    assert center_counts(engine)[0] == 100
    with Outbox(outbox_file) as outbox:
        assert outbox.status().pending == 100  # the station never heard the answer
        transport = HttpsTransport(center_server.base_url, token)
        result = Courier(outbox, transport).flush(timeout_s=60)
        transport.close()
    assert (result.delivered, result.duplicates, result.pending) == (100, 100, 0)
    assert center_counts(engine)[0] == 100


def test_concurrent_resends_of_the_same_batch_count_once(database_url, engine, center_server):
    """Two processes of one station (app and 'outbox flush') sending the same records at once."""
    token = add_station(engine, STATION)
    batches = [[make_record(station_id=STATION).to_json_text() for _ in range(50)]
               for _ in range(4)]
    answers = []
    lock = threading.Lock()

    def send_all() -> None:
        transport = HttpsTransport(center_server.base_url, token)
        for batch in batches:
            outcome = transport.deliver(batch)
            with lock:
                answers.append(outcome)
        transport.close()

    threads = [threading.Thread(target=send_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert center_counts(engine)[0] == 200
    assert sum(a.new for a in answers) == 200  # type: ignore[union-attr]  # all answered
    assert sum(a.duplicates for a in answers) == 600  # type: ignore[union-attr]  # all answered


def test_outbox_cli_reports_status_and_flushes(database_url, engine, center_server, tmp_path):
    token = add_station(engine, STATION)
    env = station_env(tmp_path, center_server.base_url, token)
    with Outbox(tmp_path / "station-data" / "outbox.sqlite3") as outbox:
        for _ in range(3):
            outbox.submit(make_record(station_id=STATION))
    status = vr_station(env, "outbox", "status")
    assert status.returncode == 0
    assert "waiting:    3" in status.stdout and center_server.base_url in status.stdout
    flushed = vr_station(env, "outbox", "flush")
    assert flushed.returncode == 0, flushed.stderr
    assert "sent 3 record(s) (0 the center already had)" in flushed.stdout
    assert center_counts(engine)[0] == 3
    after = vr_station(env, "outbox", "status", "--json")
    assert '"pending": 0' in after.stdout and '"delivered_total": 3' in after.stdout


def test_a_wrong_station_token_is_refused_and_records_stay(database_url, engine, center_server,
                                                          tmp_path):
    add_station(engine, STATION)
    other_token = add_station(engine, "biz-sued-2")
    env = station_env(tmp_path, center_server.base_url, other_token)
    with Outbox(tmp_path / "station-data" / "outbox.sqlite3") as outbox:
        outbox.submit(make_record(station_id=STATION))
    flushed = vr_station(env, "outbox", "flush")
    assert flushed.returncode == 1
    assert "HTTP 403" in flushed.stderr and "belongs to station 'biz-sued-2'" in flushed.stderr
    assert "1 record(s) still wait" in flushed.stderr
    assert center_counts(engine)[0] == 0


def test_several_worker_processes_store_concurrent_batches_once(database_url, engine, tmp_path):
    """``vr-center serve --workers 2``: two processes writing the same database."""
    token = add_station(engine, STATION)
    server = CenterProcess(database_url, tmp_path)
    server.extra_args = ["--workers", "2"]
    server.start()
    try:
        batches = [[make_record(station_id=STATION).to_json_text() for _ in range(40)]
                   for _ in range(5)]
        answers = []

        def send_all() -> None:
            transport = HttpsTransport(server.base_url, token)
            answers.extend(transport.deliver(batch) for batch in batches)
            transport.close()

        threads = [threading.Thread(target=send_all) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    assert all(isinstance(a, Accepted) for a in answers)
    assert sum(a.new for a in answers) == 200 and center_counts(engine)[0] == 200  # type: ignore[union-attr]  # all answered


class FailingProxy:
    """A real HTTP server on loopback before the real center: it answers 500 for any batch with
    the poisoned session id (as the center once did for a year-9999 start time) and passes the
    rest on; a center that is down makes it answer 502, as a reverse proxy does."""

    def __init__(self, upstream: str, poison: str):
        self.requests: list[int] = []
        """Records per request the station sent."""
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                records = json.loads(body)
                proxy.requests.append(len(records))
                if any(r["session_id"] == poison for r in records):
                    self.answer(500, b'{"detail": "Internal Server Error"}')
                    return
                try:
                    response = httpx.post(upstream + self.path, content=body, timeout=60, headers={
                        "Authorization": self.headers["Authorization"],
                        "Content-Type": "application/json"})
                except httpx.TransportError:
                    self.answer(502, b'{"detail": "Bad Gateway"}')
                    return
                self.answer(response.status_code, response.content)

            def answer(self, status: int, content: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, format: str, *args: object) -> None:
                pass  # the test reads proxy.requests, not an access log

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"


@contextmanager
def failing_proxy(upstream: str, poison: str) -> Iterator[FailingProxy]:
    proxy = FailingProxy(upstream, poison)
    thread = threading.Thread(target=proxy.server.serve_forever, name="failing-proxy")
    thread.start()
    try:
        yield proxy
    finally:
        proxy.server.shutdown()
        proxy.server.server_close()
        thread.join()


def test_a_batch_the_center_fails_on_is_split_and_only_the_bad_record_set_aside(
        database_url, engine, center_server, tmp_path):
    token = add_station(engine, STATION)
    records = [make_record(station_id=STATION) for _ in range(200)]
    poison = str(records[0].session_id)  # the oldest: it heads every batch until set aside
    with Outbox(tmp_path / "outbox.sqlite3") as outbox, \
            failing_proxy(center_server.base_url, poison) as proxy:
        for record in records:
            outbox.submit(record)
        transport = HttpsTransport(proxy.base_url, token)
        courier = Courier(outbox, transport)
        try:
            first = courier.flush(timeout_s=120)
            # The 199 others arrive in the first flush; halving a batch of 200 takes at most
            # 2·log2(200) + 1 requests after the first.
            assert (first.delivered, first.rejected, first.pending) == (199, 0, 1)
            assert first.refused is not None and first.refused.kind is RefusalKind.FAILED
            assert proxy.requests[0] == 200 and len(proxy.requests) <= 1 + 2 * 8 + 1
            assert sorted(center_ids(engine)) == sorted(str(r.session_id) for r in records[1:])
            # Two more rounds, each with a new record beside it that shows the center works.
            for round_ in range(2, LONE_FAILURES_TO_SET_ASIDE + 1):
                outbox.submit(make_record(station_id=STATION))
                requests_before = len(proxy.requests)
                result = courier.flush(timeout_s=120)
                assert result.delivered == 1, round_
                # [poison, new] fails, then each alone: three requests a round.
                assert len(proxy.requests) - requests_before == 3
            assert (result.rejected, result.pending, result.refused) == (1, 0, None)
        finally:
            transport.close()
        [(set_aside, reason)] = outbox.rejected()
        assert set_aside == poison and "HTTP 500" in reason
        assert "failed alone 3 times" in reason
        assert outbox.status().rejected == 1
    assert center_counts(engine)[0] == 201


def test_a_record_the_center_refuses_as_invalid_is_set_aside_at_once(database_url, engine,
                                                                    center_server, tmp_path):
    """The measured case: a start time of 9999-12-31T23:30:00Z once made the center answer 500.

    Today's record contract refuses such a time on the station too; an outbox written by an
    older version can still hold one, which is what this test puts there.
    """
    token = add_station(engine, STATION)
    records = [make_record(station_id=STATION) for _ in range(200)]
    bad = str(records[57].session_id)
    body = json.loads(records[57].to_json_text())
    body.update(started_at="9999-12-31T23:30:00Z", ended_at="9999-12-31T23:38:00Z")
    with Outbox(tmp_path / "outbox.sqlite3") as outbox:
        for record in records:
            outbox.submit(record)
        with sqlite3.connect(outbox.path) as db:
            db.execute("UPDATE records SET body = ? WHERE session_id = ?", (json.dumps(body), bad))
        transport = HttpsTransport(center_server.base_url, token)
        try:
            result = Courier(outbox, transport).flush(timeout_s=120)
        finally:
            transport.close()
        assert (result.delivered, result.rejected, result.pending, result.refused) == \
            (199, 1, 0, None)
        [(set_aside, reason)] = outbox.rejected()
    assert set_aside == bad and "HTTP 422" in reason
    assert center_counts(engine)[0] == 199


def test_a_center_that_is_down_gets_the_whole_batch_again_unsplit(database_url, engine,
                                                                 tmp_path):
    token = add_station(engine, STATION)
    center = CenterProcess(database_url, tmp_path)  # not started: the center is down
    with Outbox(tmp_path / "outbox.sqlite3") as outbox, \
            failing_proxy(center.base_url, poison="none") as proxy:
        for _ in range(200):
            outbox.submit(make_record(station_id=STATION))
        for url in (proxy.base_url, center.base_url):  # 502 from a proxy; connection refused
            transport = HttpsTransport(url, token, connect_timeout_s=5)
            try:
                for _ in range(3):
                    result = Courier(outbox, transport).flush(timeout_s=60)
                    assert result.refused is not None
                    assert result.refused.kind is RefusalKind.UNREACHABLE
                    assert (result.delivered, result.rejected, result.pending) == (0, 0, 200)
            finally:
                transport.close()
        assert proxy.requests == [200, 200, 200]  # one whole batch per flush, never split
        assert outbox.rejected() == []
        assert all(e.attempts == 6 for e in outbox.pending(200))
