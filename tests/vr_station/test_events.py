"""The station's event lines and scripted commands (``vr-station run --events - --commands``),
on a headless station with stepped time: what the XR tests rely on, checked without a runtime."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.vr_station.station_fixtures import Rig, make_station
from vr_station.display.base import DisplayState
from vr_station.events import EventWriter, StationEvents
from vr_station.kiosk.flow import KioskState
from vr_station.steps.language import PER_PAGE


class ScriptedCommands:
    """Stands in for the stdin reader: the test hands over lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def take(self) -> list[str]:
        lines, self.lines = self.lines, []
        return lines


@pytest.fixture
def watched(tmp_path: Path) -> Any:
    rig = make_station()
    stream = io.StringIO()
    commands = ScriptedCommands()
    events = StationEvents(rig.station, EventWriter(stream), commands, tmp_path)  # type: ignore[arg-type]  # a StringIO stream
    events.start()
    yield rig, stream, commands, events
    if not rig.station._closed:
        events.stop()
        rig.close()


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def of(stream: io.StringIO, kind: str) -> list[dict[str, Any]]:
    return [e for e in lines(stream) if e["event"] == kind]


def test_kiosk_steps_pauses_choices_and_commands_are_reported(watched: Any) -> None:
    rig, stream, commands, events = watched
    station, visitor = rig.station, rig.visitor
    visitor.wait_state(KioskState.ATTRACT)
    opened = of(stream, "opened")
    assert len(opened) == 1 and opened[0]["mode"] == "headless" and opened[0]["info"] is None
    commands.lines.append("key f6")
    visitor.wait_state(KioskState.LANGUAGE)
    kiosk = of(stream, "kiosk")
    assert kiosk[-1] | {"t_s": 0} == {"event": "kiosk", "t_s": 0, "old": "attract", "new": "language",
                                      "cause": "visitor started", "session": 1, "end_reason": None}
    targets = of(stream, "targets")[-1]
    shown = station.languages[:PER_PAGE]
    paging = {"page:next"} if len(station.languages) > PER_PAGE else set()
    assert targets["state"] == "language" and {t["id"] for t in targets["targets"]} == \
        {f"lang:{code}" for code in shown} | paging | {"help"}
    assert all(len(t["centre_m"]) == 3 for t in targets["targets"])

    visitor.click("lang:en")
    visitor.wait_state(KioskState.QUICK_CHECK)
    assert [e["target"] for e in of(stream, "choice")] == ["lang:en"]
    visitor.quick_check()
    visitor.wait_state(KioskState.MENU)
    assert any(e["hand"] == "right" and e["select"] for e in of(stream, "input")), "the trigger press"

    rig.display.forced = DisplayState.PAUSED
    visitor.wait(0.2)
    rig.display.forced = None
    visitor.wait(0.2)
    assert [e["state"] for e in of(stream, "state")] == ["running", "paused", "running"]
    assert [e["reasons"] for e in of(stream, "pause")] == [[], ["headset_off"], []]

    commands.lines += ["head-every 2", "stats", "warp 9"]
    visitor.wait(0.2)
    heads = of(stream, "head")
    assert len(heads) >= 2 and heads[0]["eyes"] == [] and len(heads[0]["position_m"]) == 3
    assert of(stream, "unknown_command") and of(stream, "unknown_command")[0]["command"] == "stats"
    assert of(stream, "unknown_command")[-1]["command"] == "warp 9"

    commands.lines.append("exit")
    visitor.frame()
    assert station.display.state() is DisplayState.CLOSED, "exit asks the display to end"
    events.stop()
    station.close()
    events.summary()
    summary = lines(stream)[-1]
    assert summary["event"] == "summary" and summary["final_state"] == "closed"
    assert ["attract", "language", "visitor started"] in summary["transitions"]
    assert summary["phases"] == [] and summary["stats"] is None, "no XR: no session phases"


def test_a_snap_turn_shows_as_a_rig_event(watched: Any) -> None:
    from tests.vr_station.test_station import hand

    rig: Rig = watched[0]
    stream: io.StringIO = watched[1]
    station, visitor, display = rig.station, rig.visitor, rig.display
    station.base.messenger.send("f6")
    visitor.wait_state(KioskState.LANGUAGE)
    before = of(stream, "rig")[-1]
    for stick in ((0.9, 0.0), (0.0, 0.0)):
        display.scripted_controllers = [hand(station, stick)]
        visitor.frame()
    display.scripted_controllers = []
    visitor.frame()
    turned = of(stream, "rig")[-1]
    assert turned["heading_deg"] == pytest.approx(before["heading_deg"] - 30.0)
