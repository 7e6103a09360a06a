"""The session record: its JSON form, what the schema refuses, and what it never holds."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.vr_station.feedback.records import interview_summary, make_record
from visit_record.record import (
    RecordError,
    SessionMode,
    SessionRecord,
    check_record_json,
    record_schema,
)

FIELDS = ["schema_version", "session_id", "station_id", "app_version", "started_at", "ended_at",
          "mode", "occupation_id", "language", "outcome", "rating", "worked", "not_worked",
          "comment", "interview"]


def test_json_form_has_exactly_the_fields_of_the_issue_and_round_trips():
    record = make_record(mode=SessionMode.INTERVIEW, interview=interview_summary(),
                         worked=("easy_to_use", "realistic"), not_worked=("too_long",),
                         comment="Gute Übung.")
    data = record.to_json()
    assert list(data) == FIELDS
    assert data["schema_version"] == 1
    assert data["started_at"].endswith("Z") and "+" not in data["started_at"]
    assert SessionRecord.from_json(json.loads(record.to_json_text())) == record


def test_times_are_written_in_utc_whatever_zone_they_were_made_in():
    berlin = timezone(timedelta(hours=1))
    record = make_record(started_at=datetime(2025, 3, 14, 10, 30, tzinfo=berlin),
                         ended_at=datetime(2025, 3, 14, 10, 40, tzinfo=berlin))
    assert record.to_json()["started_at"] == "2025-03-14T09:30:00Z"
    assert record.to_json()["ended_at"] == "2025-03-14T09:40:00Z"


def test_schema_says_the_same_as_the_record():
    schema = record_schema()
    assert schema["required"] == FIELDS
    assert schema["additionalProperties"] is False
    assert "$ref" not in json.dumps(schema)


@pytest.mark.parametrize(("change", "expected"), [
    ({"rating": 6}, "rating: must be at most 5, not 6"),
    ({"rating": 0}, "rating: must be at least 1, not 0"),
    ({"rating": True}, "rating: should be integer or null, not true/false"),
    ({"mode": "game"}, "mode: 'game' is not one of tour, interview"),
    ({"outcome": "crashed"}, "outcome: 'crashed' is not one of completed, abandoned, timeout"),
    ({"session_id": "not-a-uuid"}, "session_id: 'not-a-uuid' is not allowed here"),
    ({"started_at": "2025-03-14 09:30:00"}, "started_at: '2025-03-14 09:30:00' is not allowed here"),
    # The schema itself knows calendar days and the years a session can have: the center's spec
    # (which embeds it) then says exactly what the center stores.
    ({"started_at": "2025-02-30T09:30:00Z"}, "started_at: '2025-02-30T09:30:00Z' is not allowed here"),
    ({"started_at": "2025-02-29T09:30:00Z"}, "started_at: '2025-02-29T09:30:00Z' is not allowed here"),
    ({"started_at": "0000-01-01T09:30:00Z"}, "started_at: '0000-01-01T09:30:00Z' is not allowed here"),
    ({"ended_at": "9999-12-31T23:30:00Z"}, "ended_at: '9999-12-31T23:30:00Z' is not allowed here"),
    ({"comment": "x" * 1001}, "comment: may have at most 1000 characters, has 1001"),
    ({"comment": "bad\u0000byte"}, "comment: "),
    ({"comment": "half a pair \ud800"}, "comment: contains an invalid character"),
    ({"worked": ["easy_to_use", "easy_to_use"]}, "worked: lists the same chip twice"),
    ({"worked": ["Easy To Use"]}, "worked[0]: 'Easy To Use' is not allowed here"),
    ({"name": "Erika Mustermann"}, "record: unknown field 'name'"),
    ({"schema_version": 2}, "schema_version: must be 1, not 2"),
    ({"interview": {"questions_asked": 3}}, "interview: missing field"),
    ({"interview": {**interview_summary().to_json(), "transcript": "Ich heiße Erika"}},
     "interview: unknown field 'transcript'"),
])
def test_invalid_records_are_refused_naming_field_and_reason(change, expected):
    data = {**make_record().to_json(), **change}
    problems = check_record_json(data)
    assert any(p.startswith(expected) for p in problems), problems


def test_the_schema_takes_every_real_day_from_2000_to_2099():
    base = make_record().to_json()
    for day in ("2000-02-29", "2024-02-29", "2099-12-31", "2000-01-01"):
        ended = {**base, "started_at": f"{day}T00:00:00Z", "ended_at": f"{day}T00:10:00.5Z"}
        assert check_record_json(ended) == [], day
    assert check_record_json({**base, "started_at": "2100-02-28T10:00:00Z"})
    assert check_record_json({**base, "started_at": "1999-12-31T10:00:00Z"})


def test_rules_beyond_the_schema():
    base = make_record().to_json()
    assert check_record_json({**base, "ended_at": "2020-01-01T00:00:00Z"}) == [
        "ended_at: is before started_at"]
    both = check_record_json({**base, "worked": ["too_long"], "not_worked": ["too_long"]})
    assert both and "too_long also listed in worked" in both[0]
    tour_with_interview = {**base, "interview": interview_summary().to_json()}
    assert check_record_json(tour_with_interview) == ["interview: must be null in a tour session"]
    interview = {**base, "mode": "interview",
                 "interview": {**interview_summary().to_json(), "words_per_minute": float("nan")}}
    assert check_record_json(interview) == ["interview.words_per_minute: must be a finite number, "
                                            "not nan"]


def test_construction_checks_the_record():
    with pytest.raises(RecordError) as caught:
        make_record(rating=9, language="Deutsch")
    assert "rating: must be at most 5, not 9" in caught.value.problems
    with pytest.raises(RecordError, match="started_at: must be a timezone-aware datetime"):
        make_record(started_at=datetime(2025, 1, 1, 10, 0))


def test_whole_numbers_stay_whole_when_json_writes_them_as_floats():
    data = {**make_record().to_json(), "rating": 4.0}
    assert SessionRecord.from_json(data).rating == 4
    assert isinstance(SessionRecord.from_json(data).rating, int)


def test_a_record_holds_nothing_that_identifies_a_person():
    names = {f.name for f in dataclasses.fields(SessionRecord)}
    assert not names & {"name", "email", "phone", "birth_date", "address", "transcript", "audio",
                        "customer_number", "ip_address"}
    summary_fields = record_schema()["properties"]["interview"]["properties"]
    # Only figures: no text field where words the visitor said could end up.
    assert all("string" not in json.dumps(spec.get("type")) for spec in summary_fields.values())
    record = make_record(comment="  Bitte rufen Sie mich an: 0170 1234567, erika@example.org  ")
    assert record.comment == "Bitte rufen Sie mich an: [entfernt], [entfernt]"


def test_session_ids_are_written_in_canonical_lower_case():
    session_id = uuid.UUID("8C4E5D0A-1F2B-4C3D-9E8F-0A1B2C3D4E5F")
    assert make_record(session_id=session_id).to_json()["session_id"] == str(session_id).lower()


def test_empty_comment_becomes_none():
    assert make_record(comment="   ").comment is None
    assert make_record(started_at=datetime.now(UTC)).comment is None
