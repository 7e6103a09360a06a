"""SQLite's write-ahead log stays small under a steady ingest with readers (issue 17, item 2)."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta

from center import database
from center.database import make_engine, migrate
from center.stats import Filters, dashboard
from tests.center.ingest_helpers import store
from tests.vr_station.feedback.records import random_record


def test_the_log_is_truncated_while_a_reader_keeps_reading(tmp_path, monkeypatch):
    # A low limit, so that a few batches cross it (the server's is 32 MB).
    monkeypatch.setattr(database, "WAL_CHECKPOINT_BYTES", 256 * 1024)
    path = tmp_path / "center.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    wal = path.with_name(path.name + "-wal")
    stop = threading.Event()
    reads = 0

    def reader() -> None:
        # Always some snapshot open: what starved SQLite's own checkpoints (5.3 GB log).
        nonlocal reads
        today = datetime.now(UTC).date()
        while not stop.is_set():
            dashboard(engine, Filters(today - timedelta(days=29), today), with_comments=True)
            reads += 1

    thread = threading.Thread(target=reader)
    thread.start()
    rng = random.Random(2)
    sizes = []
    try:
        for _ in range(30):
            store(engine, [random_record(rng, "biz-1") for _ in range(100)])
            sizes.append(wal.stat().st_size)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive(), "the dashboard reader did not stop within 60 s"
    assert reads > 0
    # Much more was written than the limit (SQLite's own passive checkpoints would leave the
    # file at its largest size) ...
    assert path.stat().st_size > 4 * database.WAL_CHECKPOINT_BYTES
    # ... yet every write that left the log over the limit truncated it on its way out.
    assert max(sizes) <= database.WAL_CHECKPOINT_BYTES, sizes
    engine.dispose()
