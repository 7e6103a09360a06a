"""The station's feedback sink: records reach the outbox off the render thread, and the center."""

from __future__ import annotations

import threading
from pathlib import Path

from center.database import make_engine, migrate
from center.stations import add_station
from tests.center.servers import CenterProcess
from tests.vr_station.feedback.records import make_record
from tests.waiting import wait_for_thread
from vr_station.config import load_config
from vr_station.feedback.outbox import Outbox
from vr_station.feedback.sink import OutboxFeedback
from vr_station.jobs import BackgroundJobs


def settle(jobs: BackgroundJobs, condition=lambda: True,
           what: str = "the feedback jobs (outbox, sender)") -> None:
    wait_for_thread(lambda: not jobs.pending and condition(), what, step=jobs.drain)
    jobs.drain()


def test_records_are_stored_on_a_worker_and_survive_the_station(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VR_STATION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("VR_STATION_CENTER_URL", raising=False)
    jobs = BackgroundJobs()
    sink = OutboxFeedback(load_config(), jobs)
    writers: list[int] = []
    real_submit = Outbox.submit

    def spy(self: Outbox, record) -> bool:
        writers.append(threading.get_ident())
        return real_submit(self, record)

    monkeypatch.setattr(Outbox, "submit", spy)
    first, second = make_record(rating=4), make_record(rating=None, language="en")
    sink.submit(first)
    sink.submit(second)
    sink.submit(first)  # a second submit of the same visit is not a second record
    settle(jobs)
    jobs.shutdown()
    sink.close()
    assert writers and threading.get_ident() not in writers
    with Outbox(tmp_path / "data" / "outbox.sqlite3") as outbox:
        pending = outbox.pending(10)
    assert sorted(e.session_id for e in pending) == sorted(
        [str(first.session_id), str(second.session_id)])


def test_with_a_center_configured_a_record_arrives_there(tmp_path: Path, monkeypatch):
    database = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    engine = make_engine(database)
    migrate(engine)
    token_file = tmp_path / "token"
    token_file.write_text(add_station(engine, "biz-1"), encoding="utf-8")
    center = CenterProcess(database, tmp_path).start()
    try:
        monkeypatch.setenv("VR_STATION_DATA_DIR", str(tmp_path / "data"))
        monkeypatch.setenv("VR_STATION_STATION_ID", "biz-1")
        monkeypatch.setenv("VR_STATION_CENTER_URL", center.base_url)
        monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(token_file))
        jobs = BackgroundJobs()
        sink = OutboxFeedback(load_config(), jobs)
        record = make_record(station_id="biz-1")
        sink.submit(record)
        settle(jobs, lambda: sink.outbox is not None and sink.outbox.status().pending == 0,
               "the outbox sent to the center")
        assert sink.outbox is not None and sink.outbox.status().pending == 0
        jobs.shutdown()
        sink.close()
        with engine.connect() as connection:
            stored = connection.exec_driver_sql("SELECT session_id FROM session_records").all()
        assert [row[0] for row in stored] == [str(record.session_id)]
    finally:
        center.stop()
        engine.dispose()
