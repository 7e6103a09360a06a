"""The stand-in feedback log: one JSON line per session, written off the render thread."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import fields
from pathlib import Path

from vr_station.feedback_log import JsonLinesFeedbackLog, SessionFeedback
from vr_station.jobs import BackgroundJobs


def record(**changes) -> SessionFeedback:
    values = dict(station_id="biz-1", finished_at="2026-03-02T10", language="de",
                  intent="explore", occupation_id="koch", end_reason="completed", rating=4,
                  worked=("easy_to_use",), not_worked=("too_long",), comment="Sehr gut.",
                  seconds_by_step={"tour": 120.0}, tour_stops_seen=5, kept_report=False)
    values.update(changes)
    return SessionFeedback(**values)


def test_records_are_appended_as_json_lines_by_a_worker(tmp_path: Path):
    jobs = BackgroundJobs()
    log = JsonLinesFeedbackLog(tmp_path / "data" / "feedback.jsonl", jobs)
    writers: list[int] = []
    original = log._append

    def spy(line: str) -> None:
        writers.append(threading.get_ident())
        original(line)

    log._append = spy  # type: ignore[method-assign]
    log.submit(record())
    log.submit(record(rating=None, language="en"))
    deadline = time.monotonic() + 5
    while jobs.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    jobs.drain()
    jobs.shutdown()
    lines = (tmp_path / "data" / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["rating"] for line in lines] == [4, None]
    assert writers and all(w != threading.get_ident() for w in writers)


def test_a_record_carries_nothing_the_visitor_said_in_the_interview():
    names = {f.name for f in fields(SessionFeedback)}
    assert not names & {"transcript", "answers", "report", "audio", "name"}
    assert record().finished_at.count(":") == 0, "hour precision only"
