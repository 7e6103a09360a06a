"""The hands-on task's figures in the record: optional, figures only, and checked like the rest."""

from __future__ import annotations

import json

import pytest

from tests.vr_station.feedback.records import make_record
from visit_record.record import HandsOnTaskFigures, SessionRecord, check_record_json, record_schema

FIGURES = HandsOnTaskFigures(kind="sort", completed=True, hints_used=1, duration_s=74.5)


def test_a_record_with_the_task_figures_round_trips() -> None:
    record = make_record(hands_on_task=FIGURES)
    data = json.loads(record.to_json_text())
    assert data["hands_on_task"] == {"kind": "sort", "completed": True, "hints_used": 1,
                                     "duration_s": 74.5}
    assert SessionRecord.from_json(data) == record


def test_records_without_the_figures_stay_exactly_as_before() -> None:
    data = make_record().to_json()
    assert "hands_on_task" not in data
    assert check_record_json(data) == []
    assert check_record_json({**data, "hands_on_task": None}) == []
    assert "hands_on_task" not in record_schema()["required"]


@pytest.mark.parametrize(("figures", "expected"), [
    ({"kind": "sort", "completed": True, "hints_used": -1, "duration_s": 3.0}, "hints_used"),
    ({"kind": "juggle", "completed": True, "hints_used": 0, "duration_s": 3.0}, "kind"),
    ({"kind": "sort", "completed": True, "hints_used": 0, "duration_s": 3.0, "items": ["milk"]},
     "unknown field 'items'"),
    ({"kind": "sort", "completed": True, "hints_used": 0}, "missing"),
])
def test_wrong_figures_are_refused_naming_the_field(figures: dict, expected: str) -> None:
    problems = check_record_json({**make_record().to_json(), "hands_on_task": figures})
    assert any(expected in p for p in problems), problems
