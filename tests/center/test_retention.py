"""Retention: the server deletes records past the center's period, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import func, select

from center.policy import CenterPolicy, load_policy, save_policy
from center.retention import purge
from center.tables import session_chips, session_records
from tests.center.ingest_helpers import store
from tests.center.servers import CenterProcess
from tests.vr_station.feedback.records import make_record
from tests.waiting import wait_for_thread


def count(engine, table=session_records) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_purge_deletes_records_older_than_the_policy_with_their_chips(engine):
    now = datetime.now(UTC)
    store(engine, [make_record(started_at=now - timedelta(days=days), worked=("easy_to_use",))
                   for days in (1, 29, 31, 400)])
    save_policy(engine, CenterPolicy(target_top_share=0.8, retention_days=30))
    assert load_policy(engine) == CenterPolicy(0.8, 30)
    result = purge(engine, now)
    assert result.records == 2
    assert count(engine) == 2 and count(engine, session_chips) == 2
    assert purge(engine, now).records == 0
    assert purge(engine, now, retention_days=2).records == 1


def test_the_running_server_purges_on_its_own(database_url, engine, tmp_path):
    now = datetime.now(UTC)
    store(engine, [make_record(started_at=now - timedelta(days=10)),
                   make_record(started_at=now - timedelta(days=1))])
    save_policy(engine, CenterPolicy(retention_days=5))
    server = CenterProcess(database_url, tmp_path, env={"VR_CENTER_PURGE_INTERVAL_S": "1"})
    server.start()
    try:
        wait_for_thread(lambda: count(engine) == 1, "the server's own purge (every 1 s)",
                        detail=lambda: f"{count(engine)} records left")
        assert httpx.get(f"{server.base_url}/api/v1/health").status_code == 200
    finally:
        server.stop()
