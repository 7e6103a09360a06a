"""The outbox on disk: private files, no copy of a delivered record in the WAL, and records that
no center collects deleted after the configured time (measured on the station's clock)."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.vr_station.feedback.records import make_record
from tests.waiting import wait_for_thread
from vr_station.config import OutboxSettings, load_config
from vr_station.feedback.outbox import Outbox
from vr_station.feedback.sink import OutboxFeedback
from vr_station.jobs import BackgroundJobs

DAY_S = 86400.0


class StationWallClock:
    """The station's calendar time, moved by the test instead of waited for."""

    def __init__(self, now_s: float = 1_780_000_000.0) -> None:
        self.now_s = now_s

    def __call__(self) -> float:
        return self.now_s


def database_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]


def raw_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in database_files(path) if p.exists())


@pytest.fixture(params=[0o000, 0o022])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits")
def test_the_database_and_its_wal_and_shm_are_private_whatever_the_umask(tmp_path: Path,
                                                                          umask: int):
    with Outbox(tmp_path / "data" / "outbox.sqlite3") as box:
        box.submit(make_record(comment="Privat"))
        files = database_files(box.path)
        assert all(p.exists() for p in files)
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {
            p.name: 0o600 for p in files}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits")
def test_an_outbox_an_older_station_left_readable_is_made_private(tmp_path: Path):
    path = tmp_path / "outbox.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES (1)")
    db.commit()
    for p in database_files(path):
        p.chmod(0o644)
    with Outbox(path):
        assert {stat.S_IMODE(p.stat().st_mode) for p in database_files(path)} == {0o600}
    db.close()


def test_a_delivered_comment_leaves_no_copy_in_the_database_wal_or_shm(tmp_path: Path):
    secret = "Kommentar-9f3c: Frau Mustermann war sehr hilfreich"
    kept = make_record(comment="Bleibt bis zur Zustellung")
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        delivered = make_record(comment=secret)
        box.submit(delivered)
        box.submit(kept)
        needle = secret.encode("utf-8")
        assert needle in raw_bytes(box.path), "the comment should be on disk before delivery"
        assert box.acknowledge([str(delivered.session_id)], duplicates=0) == 1
        # The station is still running (the outbox open): nothing of it may be on disk now.
        data = raw_bytes(box.path)
        assert needle not in data
        assert b"Frau Mustermann" not in data
        assert "Frau Mustermann".encode("utf-16-le") not in data
        assert b"Bleibt bis zur Zustellung" in data, "the undelivered record must stay"
        assert box.path.with_name(box.path.name + "-wal").stat().st_size == 0
    assert needle not in raw_bytes(tmp_path / "outbox.sqlite3")


def test_records_expire_after_the_retention_time_on_the_station_clock(
        tmp_path: Path, caplog: pytest.LogCaptureFixture):
    clock = StationWallClock()
    comment = "Läuft ab: 7c1e"
    with Outbox(tmp_path / "outbox.sqlite3", wall_clock=clock) as box:
        old = make_record(comment=comment)
        box.submit(old)
        clock.now_s += 10 * DAY_S
        young = make_record()
        box.submit(young)
        clock.now_s += 20 * DAY_S - 1  # the old one is a second short of 30 days
        assert box.expire(30 * DAY_S) == 0
        clock.now_s += 2
        caplog.set_level(logging.WARNING)
        assert box.expire(30 * DAY_S) == 1
        assert [e.session_id for e in box.pending(10)] == [str(young.session_id)]
        assert "deleted 1 record(s) older than 30 day(s) that no center collected" in caplog.text
        assert comment.encode("utf-8") not in raw_bytes(box.path)


def test_a_station_without_a_center_deletes_records_older_than_its_retention(
        tmp_path: Path, caplog: pytest.LogCaptureFixture):
    config = load_config()
    assert config.center.url is None and config.outbox.retention_days == 30
    config = replace(config, outbox=OutboxSettings(retention_days=2))
    path = config.paths.data_dir / "outbox.sqlite3"
    # Stamped three days ago and one day ago by the station's clock of then.
    with Outbox(path, wall_clock=StationWallClock(_now() - 3 * DAY_S)) as box:
        box.submit(stale := make_record())
    with Outbox(path, wall_clock=StationWallClock(_now() - 1 * DAY_S)) as box:
        box.submit(fresh := make_record())
    caplog.set_level(logging.WARNING)
    jobs = BackgroundJobs()
    sink = OutboxFeedback(config, jobs)
    try:
        wait_for_thread(lambda: not jobs.pending, "the outbox to open", step=jobs.drain)
        assert sink.outbox is not None
        assert [e.session_id for e in sink.outbox.pending(10)] == [str(fresh.session_id)]
    finally:
        jobs.shutdown()
        sink.close()
    assert str(stale.session_id) not in caplog.text  # the log names the count, not the visit
    assert "deleted 1 record(s) older than 2 day(s)" in caplog.text


def _now() -> float:
    """Calendar time now: the sink's outbox stamps and ages records by it."""
    return time.time()
