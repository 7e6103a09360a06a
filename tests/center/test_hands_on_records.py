"""The center accepts records with the hands-on task's figures, and the records of older stations."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import Engine, func, select

from center.stations import add_station
from center.tables import session_records
from tests.center.servers import CenterProcess
from tests.vr_station.feedback.records import make_record
from visit_record.record import HandsOnTaskFigures


def test_records_with_and_without_the_task_figures_are_stored(shared_center: tuple[CenterProcess, Engine]):
    server, engine = shared_center
    name = f"biz-{uuid.uuid4().hex[:8]}"
    token = add_station(engine, name)
    figures = HandsOnTaskFigures(kind="sequence", completed=False, hints_used=3, duration_s=150.0)
    batch = [make_record(station_id=name, hands_on_task=figures).to_json(),
             make_record(station_id=name).to_json()]
    with httpx.Client(base_url=server.base_url, timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        response = client.post("/api/v1/sessions", json=batch)
    assert response.status_code == 200, response.text
    assert response.json() == {"new": 2, "duplicates": 0, "expired": 0}
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(session_records).where(
            session_records.c.station_id == name)).scalar_one() == 2
