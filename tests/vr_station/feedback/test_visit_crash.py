"""A station process that dies during a visit: the next start records that visit as abandoned
(real station, real SQLite outbox, a real SIGKILL); a visit that ends normally leaves no note."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.vr_station.station_fixtures import make_station
from vr_station.config import load_config
from vr_station.feedback.delivery import outbox_path
from vr_station.feedback.outbox import Outbox
from vr_station.kiosk.flow import KioskState

CHILD_TIMEOUT_S = 300.0
"""A station start, a walk to the tour and the kill: about 20 s here, on two busy cores."""


def open_notes(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute("SELECT session_id FROM open_visits")]
    finally:
        db.close()


def test_a_visit_the_station_died_in_is_recorded_as_abandoned_at_the_next_start():
    done = subprocess.run([sys.executable, "-m", "tests.vr_station.feedback.visit_crash_child"],
                          cwd=REPO, env=dict(os.environ), capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT_S)
    assert done.returncode == -signal.SIGKILL, done.stderr[-3000:]
    session_id = done.stdout.strip().splitlines()[0]
    path = outbox_path(load_config())
    assert open_notes(path) == [session_id]
    with Outbox(path) as box:
        assert box.pending(10) == [], "no record before the next start"

    rig = make_station()
    try:
        station, visitor = rig.station, rig.visitor
        visitor.wait_until(lambda: station.ctx.visit.feedback.outbox is not None  # type: ignore[attr-defined]
                           and not station.pending_work(), "the outbox to open")
        outbox = station.ctx.visit.feedback.outbox  # type: ignore[attr-defined]
        entries = outbox.pending(10)
    finally:
        rig.close()
    assert [entry.session_id for entry in entries] == [session_id]
    record = json.loads(entries[0].body)
    assert record["outcome"] == "abandoned"
    assert record["mode"] == "tour" and record["occupation_id"] == "koch"
    assert record["ended_at"] >= record["started_at"]
    assert open_notes(path) == []


def test_a_visit_that_ends_leaves_its_record_and_no_note():
    rig = make_station()
    try:
        station, visitor = rig.station, rig.visitor
        visitor.attract_and_menus()
        visitor.wait_state(KioskState.TOUR)
        visitor.wait_until(lambda: not station.pending_work(), "the visit note")
        path = outbox_path(station.config)
        assert len(open_notes(path)) == 1
        station.base.messenger.send("f5")  # staff reset: the visit ends the ordinary way
        visitor.wait_until(lambda: station.state is KioskState.ATTRACT
                           and not station.pending_work(), "the reset")
        assert open_notes(path) == []
        outbox = station.ctx.visit.feedback.outbox  # type: ignore[attr-defined]
        assert [json.loads(e.body)["outcome"] for e in outbox.pending(10)] == ["abandoned"]
    finally:
        rig.close()
