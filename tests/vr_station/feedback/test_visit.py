"""A finished visit becomes the center's session record: mapping, figures, nothing personal;
the record of the visit that ends now, from the kiosk's session and flow."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from catalog.loading import load_catalog
from interview_engine.analysis import analyze_answer
from interview_engine.dialogue import TurnKind, TurnRecord
from interview_engine.feedback import ReportContext, build_report
from speech.transcript import EMPTY_RESULT, RecognitionResult, RecognizedWord
from tests.conftest import CONTENT
from visit_record.record import SessionMode, SessionOutcome
from vr_station.feedback.visit import interview_summary, session_record, visit_record
from vr_station.kiosk.flow import EndReason, FlowContext, Intent
from vr_station.session import VisitorFeedback, VisitorSession

STARTED = datetime(2026, 3, 2, 9, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog():
    loaded, skipped = load_catalog(CONTENT)
    assert skipped == []
    return loaded


def visit(**changes):
    values = dict(session_id=uuid4(), station_id="biz-1", started_at=STARTED, duration_s=420.0,
                  intent=Intent.EXPLORE, occupation_id="koch", language="de",
                  end_reason=EndReason.COMPLETED,
                  feedback=VisitorFeedback(rating=5, worked={"realistic", "easy_to_use"},
                                           not_worked=set(), comment="  Toll!  "),
                  interview=None)
    values.update(changes)
    return visit_record(**values)


@pytest.mark.parametrize(("reason", "outcome"), [
    (EndReason.COMPLETED, SessionOutcome.COMPLETED),
    (EndReason.INACTIVE, SessionOutcome.TIMEOUT),
    (EndReason.STAFF_RESET, SessionOutcome.ABANDONED),
    (EndReason.HEADSET_OFF, SessionOutcome.ABANDONED),
    (EndReason.DISPLAY_LOST, SessionOutcome.ABANDONED),
])
def test_every_way_a_visit_ends_has_an_outcome(reason, outcome):
    assert visit(end_reason=reason).outcome is outcome


def test_a_tour_visit_becomes_a_record_with_the_visitors_feedback():
    record = visit()
    assert record is not None
    data = record.to_json()
    assert data["mode"] == "tour" and data["occupation_id"] == "koch"
    assert data["worked"] == ["easy_to_use", "realistic"] and data["not_worked"] == []
    assert data["comment"] == "Toll!" and data["rating"] == 5
    assert data["ended_at"] == "2026-03-02T09:22:00Z"
    assert data["interview"] is None


def test_a_visitor_who_left_before_choosing_is_not_counted():
    assert visit(intent=None, occupation_id=None) is None


def test_a_clock_step_never_puts_the_end_before_the_start():
    record = visit(duration_s=-3.0)
    assert record is not None and record.ended_at == record.started_at


def test_contact_details_in_a_comment_do_not_reach_the_record():
    record = visit(feedback=VisitorFeedback(rating=2, comment="Rufen Sie mich an: 0171 2345678"))
    assert record is not None and "2345678" not in (record.comment or "")


def test_an_interview_report_gives_figures_but_no_words(catalog):
    koch = catalog.occupations["koch"]
    questions = {q.id: q for q in koch.questions.questions}
    norms = catalog.languages["de"].norms
    words = ["Im", "Praktikum", "habe", "ich", "die", "Mise", "en", "place", "für", "das",
             "Mittagsgeschäft", "übernommen", "und", "dadurch", "lief", "der", "Service", "ohne",
             "Wartezeiten", "äh", "wirklich", "gut"]
    said = RecognitionResult(tuple(RecognizedWord(w.lower(), i * 0.45, i * 0.45 + 0.35, 0.9)
                                   for i, w in enumerate(words)), " ".join(words))
    question = questions["behaviour-teamwork"]
    turns = [
        TurnRecord(1, question, question.text["de"], TurnKind.MAIN, None, None, said,
                   analyze_answer(said, question, norms, koch.terms["de"],
                                  catalog.interview.rules), 0, False),
        TurnRecord(2, questions["strengths-main"], questions["strengths-main"].text["de"],
                   TurnKind.MAIN, None, None, EMPTY_RESULT, None, 2, False),
    ]
    report = build_report(turns, ReportContext("de", "koch", "Koch/Köchin", "neutral", "Sachlich",
                                               "2026-03-02T10:15:00+01:00", 7, "vosk"),
                          catalog.interview, norms, overall_eye_contact=0.734)
    summary = interview_summary(report)
    assert summary.questions_asked == 2 and summary.questions_answered == 1
    assert summary.words_per_minute is not None and 100 < summary.words_per_minute < 160
    assert summary.job_terms_used == len(set(report.overall.terms_used)) >= 1
    assert summary.eye_contact_share == 0.73
    record = visit(intent=Intent.INTERVIEW, interview=summary)
    assert record is not None and record.mode is SessionMode.INTERVIEW
    text = json.dumps(record.to_json(), ensure_ascii=False)
    assert "Praktikum" not in text and "Mittagsgeschäft" not in text


def test_the_visit_that_ends_now_is_recorded_from_the_session_and_the_flow(tmp_path, caplog):
    session = VisitorSession(3, started_s=100.0, scratch_dir=tmp_path, started_at=STARTED,
                             feedback=VisitorFeedback(rating=4, worked={"realistic"}))
    flow = FlowContext(3, "de", Intent.EXPLORE, "koch")
    record = session_record(session, flow, "biz-1", now_s=160.0)
    assert record is not None and record.session_id == session.session_id
    assert record.outcome is SessionOutcome.COMPLETED, "no end reason: it ran to its end"
    assert record.ended_at - record.started_at == timedelta(seconds=60)
    assert record.rating == 4 and record.interview is None
    shut_down = session_record(session, replace(flow, end_reason=EndReason.STAFF_RESET), "biz-1", 160.0)
    assert shut_down is not None and shut_down.outcome is SessionOutcome.ABANDONED
    assert session_record(session, replace(flow, intent=None), "biz-1", 160.0) is None
    # A record the contract refuses is dropped with a log line: the visit still ends.
    assert session_record(session, flow, "", 160.0) is None
    assert "record is invalid" in caplog.text
