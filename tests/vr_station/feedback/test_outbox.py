"""The station's outbox: durable on submit, deleted once delivered, safe across processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.vr_station.feedback.records import make_record
from vr_station.feedback.outbox import Outbox, OutboxError


@pytest.fixture
def outbox(tmp_path: Path):
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        yield box


def test_database_is_wal_with_full_sync(outbox: Outbox):
    db = sqlite3.connect(outbox.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # synchronous is per connection: the outbox's own connection is the one that commits.
    assert outbox._connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    db.close()


def test_submitted_records_wait_in_order_and_survive_reopening(tmp_path: Path):
    path = tmp_path / "outbox.sqlite3"
    records = [make_record() for _ in range(5)]
    with Outbox(path) as box:
        for record in records:
            assert box.submit(record) is True
        assert box.submit(records[0]) is False  # the same session twice is kept once
    with Outbox(path) as box:
        pending = box.pending(10)
        assert [e.session_id for e in pending] == [str(r.session_id) for r in records]
        assert pending[0].body == records[0].to_json_text()
        assert box.status().pending == 5


def test_acknowledged_records_are_deleted_and_counted(outbox: Outbox):
    records = [make_record(comment="Geheimnisvoller Kommentar") for _ in range(3)]
    for record in records:
        outbox.submit(record)
    ids = [str(r.session_id) for r in records[:2]]
    assert outbox.acknowledge(ids, duplicates=1) == 2
    assert outbox.acknowledge(ids, duplicates=1) == 0  # a second confirmation changes nothing
    status = outbox.status()
    assert (status.pending, status.delivered_total, status.duplicates_total) == (1, 2, 1)
    assert status.last_success_at is not None and status.last_error is None
    assert [e.session_id for e in outbox.pending(10)] == [str(records[2].session_id)]


def test_deleted_comments_do_not_linger_in_the_file(outbox: Outbox):
    secret = "Einzigartiger-Kommentar-4711"
    record = make_record(comment=secret)
    outbox.submit(record)
    outbox.acknowledge([str(record.session_id)], 0)
    outbox._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = b"".join(p.read_bytes() for p in outbox.path.parent.glob("outbox.sqlite3*"))
    assert secret.encode() not in data


def test_failures_and_rejections_are_recorded(outbox: Outbox):
    good, bad = make_record(), make_record()
    outbox.submit(good)
    outbox.submit(bad)
    outbox.note_attempt_failed([str(good.session_id), str(bad.session_id)], "center unreachable")
    outbox.reject(str(bad.session_id), "HTTP 422: rating: must be at most 5")
    status = outbox.status()
    assert (status.pending, status.rejected, status.last_error) == (1, 1, "center unreachable")
    assert [e.session_id for e in outbox.pending(10)] == [str(good.session_id)]
    assert [e.attempts for e in outbox.pending(10, include_rejected=True)] == [1, 2]
    assert outbox.rejected() == [(str(bad.session_id), "HTTP 422: rating: must be at most 5")]


def test_lone_failures_are_counted_per_record(outbox: Outbox):
    first, second = make_record(), make_record()
    outbox.submit(first)
    outbox.submit(second)
    assert outbox.note_lone_failure(str(first.session_id), "HTTP 500") == 1
    assert outbox.note_lone_failure(str(first.session_id), "HTTP 500") == 2
    assert [e.attempts for e in outbox.pending(10)] == [2, 0]
    assert outbox.status().last_error == "HTTP 500"


def test_an_outbox_of_schema_version_1_is_upgraded_with_its_records(tmp_path: Path):
    path = tmp_path / "outbox.sqlite3"
    record = make_record()
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, submitted_at REAL NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
            attempts INTEGER NOT NULL DEFAULT 0, rejected_reason TEXT);
        PRAGMA user_version = 1;""")
    old.execute("INSERT INTO records (session_id, body, submitted_at) VALUES (?, ?, 0)",
                (str(record.session_id), record.to_json_text()))
    old.commit()
    old.close()
    with Outbox(path) as box:
        assert [e.session_id for e in box.pending(10)] == [str(record.session_id)]
        assert box.note_lone_failure(str(record.session_id), "HTTP 500") == 1
    with Outbox(path) as box:  # opening an upgraded file again changes nothing
        assert box._connection.execute("PRAGMA user_version").fetchone()[0] == 2


def test_listeners_hear_of_each_submit_until_they_unsubscribe(outbox: Outbox):
    heard = []
    unsubscribe = outbox.subscribe(lambda: heard.append(1))
    outbox.submit(make_record())
    unsubscribe()
    outbox.submit(make_record())
    assert heard == [1]


def test_concurrent_submitters_and_a_second_process_lose_nothing(tmp_path: Path):
    path = tmp_path / "outbox.sqlite3"
    with Outbox(path) as first, Outbox(path) as second:
        records = [make_record() for _ in range(200)]
        threads = [threading.Thread(target=lambda part=part, box=box: [box.submit(r) for r in part])
                   for part, box in ((records[0::2], first), (records[1::2], second))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert first.status().pending == 200


def test_a_damaged_file_is_moved_aside_and_a_new_outbox_starts(tmp_path: Path, caplog):
    path = tmp_path / "outbox.sqlite3"
    path.write_bytes(b"this is not an SQLite database, it was damaged on disk" * 100)
    with Outbox(path) as box:
        box.submit(make_record())
        assert box.status().pending == 1
    kept = list(tmp_path.glob("outbox.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not an SQLite")
    assert "was damaged" in caplog.text


def test_an_unusable_directory_gives_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutboxError, match="cannot create the data directory"):
        Outbox(blocker / "data" / "outbox.sqlite3")


_WRITER = """
import sys
from pathlib import Path
from tests.vr_station.feedback.records import make_record
from vr_station.feedback.outbox import Outbox
box = Outbox(Path(sys.argv[1]))
print("ready", flush=True)
while True:
    record = make_record(comment="x" * 500)
    box.submit(record)
    print(record.session_id, flush=True)
"""


@pytest.mark.slow
def test_kill_9_while_submitting_loses_no_committed_record(tmp_path: Path):
    """A record whose submit() returned survives the process being killed at any moment."""
    path = tmp_path / "outbox.sqlite3"
    acknowledged: list[str] = []
    for _ in range(3):  # kill at three different moments
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], cwd=REPO,
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        target = len(acknowledged) + 150
        deadline = time.monotonic() + 60
        while len(acknowledged) < target and time.monotonic() < deadline:
            acknowledged.append(writer.stdout.readline().strip())
        os.kill(writer.pid, signal.SIGKILL)
        rest = writer.stdout.read()  # printed before the kill: committed as well
        writer.wait()
        acknowledged += [line for line in rest.split() if line]
        assert writer.returncode == -signal.SIGKILL
    with Outbox(path) as box:
        stored = {e.session_id for e in box.pending(100_000)}
    assert set(acknowledged) <= stored
    check = sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
