"""POST /api/v1/sessions on the real server (loopback), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine, func, select

from center.stations import add_station, revoke_station
from center.tables import session_chips, session_records
from tests.center.servers import CenterProcess
from tests.vr_station.feedback.records import make_record
from visit_record.record import record_schema


@pytest.fixture
def station(shared_center: tuple[CenterProcess, Engine]):
    """A fresh station: (name, token, client)."""
    server, engine = shared_center
    name = f"biz-{uuid.uuid4().hex[:8]}"
    token = add_station(engine, name)
    with httpx.Client(base_url=server.base_url, timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        yield name, token, client


def records_of(name: str, count: int, **overrides) -> list[dict]:
    return [make_record(station_id=name, **overrides).to_json() for _ in range(count)]


def stored(engine: Engine, station: str) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(session_records)
                                  .where(session_records.c.station_id == station)).scalar_one()


def test_new_records_are_stored_and_resends_answered_as_duplicates(station, shared_center):
    name, _token, client = station
    engine = shared_center[1]
    batch = records_of(name, 5, worked=("easy_to_use", "realistic"), not_worked=("too_long",))
    first = client.post("/api/v1/sessions", json=batch)
    assert first.status_code == 200, first.text
    assert first.json() == {"new": 5, "duplicates": 0, "expired": 0}
    overlap = batch[2:] + records_of(name, 2)
    assert client.post("/api/v1/sessions", json=overlap).json() == {
        "new": 2, "duplicates": 3, "expired": 0}
    assert client.post("/api/v1/sessions", json=batch[:1] * 3).json() == {
        "new": 0, "duplicates": 3, "expired": 0}
    assert stored(engine, name) == 7
    with engine.connect() as connection:
        chips = connection.execute(select(func.count()).select_from(session_chips).where(
            session_chips.c.session_id.in_([r["session_id"] for r in batch]))).scalar_one()
    assert chips == 15


@pytest.mark.parametrize("authorization", [None, "Bearer", "Bearer vrc_wrong", "Basic dXNlcjpwdw=="])
def test_requests_without_a_valid_token_are_refused(station, shared_center, authorization):
    name, _token, _client = station
    server, engine = shared_center
    headers = {} if authorization is None else {"Authorization": authorization}
    response = httpx.post(f"{server.base_url}/api/v1/sessions", json=records_of(name, 1),
                          headers=headers)
    assert response.status_code in (401, 403)
    assert response.status_code == 401 or authorization is None
    assert response.headers.get("www-authenticate") == "Bearer"
    assert stored(engine, name) == 0


def test_a_revoked_token_is_refused(station, shared_center):
    name, _token, client = station
    revoke_station(shared_center[1], name)
    response = client.post("/api/v1/sessions", json=records_of(name, 1))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_records_of_another_station_are_refused_and_nothing_is_stored(station, shared_center):
    name, _token, client = station
    batch = records_of(name, 2) + records_of("biz-other", 1)
    response = client.post("/api/v1/sessions", json=batch)
    assert response.status_code == 403
    assert f"belongs to station '{name}'" in response.json()["detail"]
    assert "record 2 names station 'biz-other'" in response.json()["detail"]
    assert stored(shared_center[1], name) == 0


def test_an_invalid_record_gets_422_naming_record_and_field_and_nothing_is_stored(station,
                                                                                  shared_center):
    name, _token, client = station
    batch = records_of(name, 3)
    batch[1]["rating"] = 7
    batch[2]["language"] = "Deutsch"
    response = client.post("/api/v1/sessions", json=batch)
    assert response.status_code == 422
    answer = response.json()
    assert answer["detail"].startswith("2 of 3 records are not valid; record 1: rating: must be "
                                       "at most 5, not 7")
    assert [(p["record"], p["session_id"]) for p in answer["records"]] == [
        (1, batch[1]["session_id"]), (2, batch[2]["session_id"])]
    assert stored(shared_center[1], name) == 0


@pytest.mark.parametrize(("body", "words"), [
    (b"[{", "not valid JSON"),
    (b'{"session_id": 1}', "must be a JSON list"),
    (b"[]", "between 1 and 1000 records"),
    (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b'[{"rating": NaN}]', "NaN is not a JSON number"),
])
def test_malformed_bodies_get_422_with_a_clear_message(station, body, words):
    _name, _token, client = station
    response = client.post("/api/v1/sessions", content=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert words in response.json()["detail"]


def test_other_content_types_are_refused(station):
    name, _token, client = station
    response = client.post("/api/v1/sessions", content=json.dumps(records_of(name, 1)),
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_oversized_requests_get_413_announced_or_streamed(station, shared_center):
    name, _token, client = station
    big = records_of(name, 1, comment="x" * 1000) * 300  # about 330 KiB; this server allows 256
    response = client.post("/api/v1/sessions", json=big)
    assert response.status_code == 413
    assert "larger than 262144 bytes" in response.json()["detail"]

    def chunks():
        payload = json.dumps(big).encode()
        for start in range(0, len(payload), 16 * 1024):
            yield payload[start:start + 16 * 1024]

    streamed = client.post("/api/v1/sessions", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert stored(shared_center[1], name) == 0


def test_records_past_the_retention_period_are_confirmed_but_not_stored(station, shared_center):
    name, _token, client = station
    old = records_of(name, 2, started_at=datetime.now(UTC) - timedelta(days=400))
    response = client.post("/api/v1/sessions", json=old + records_of(name, 1))
    assert response.json() == {"new": 1, "duplicates": 0, "expired": 2}
    assert stored(shared_center[1], name) == 1


def test_the_server_redacts_contact_details_an_old_station_sent(station, shared_center):
    name, _token, client = station
    record = records_of(name, 1)[0]
    record["comment"] = "Mail an max@example.org"  # as an old station would send it
    assert client.post("/api/v1/sessions", json=[record]).status_code == 200
    with shared_center[1].connect() as connection:
        comment = connection.execute(select(session_records.c.comment).where(
            session_records.c.session_id == record["session_id"])).scalar_one()
    assert comment == "Mail an [entfernt]"


def test_openapi_spec_embeds_the_stations_schema(shared_center):
    server = shared_center[0]
    spec = httpx.get(f"{server.base_url}/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    schema = {k: v for k, v in record_schema().items() if k not in ("$schema", "$id")}
    assert spec["components"]["schemas"]["SessionRecord"] == schema
    operation = spec["paths"]["/api/v1/sessions"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SessionBatch"}
    assert {"200", "401", "403", "413", "415", "422"} <= set(operation["responses"])
    assert operation["security"] == [{"HTTPBearer": []}]
    assert not [p for p in spec["paths"] if not p.startswith("/api/")]


def test_health_and_security_headers(shared_center):
    response = httpx.get(f"{shared_center[0].base_url}/api/v1/health")
    assert response.json() == {"status": "ok"}
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "server" not in response.headers
