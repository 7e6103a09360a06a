"""The "Hilfe holen" button on a real offscreen station: on every kind of screen, in its own
corner; choosing it (controller) or the staff key F2 calls for help; the visitor and the mirror
see the call, and "Hilfe ist unterwegs" once the center's staff acknowledged it.

Set ``HELP_SHOTS=DIR`` to keep the screenshots (one was looked at when this was written).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from calibration import StationProfile
from tests.vr_station.station_fixtures import make_station
from vr_station.feedback.help_queue import HELP_QUEUE_FILE, HelpQueue
from vr_station.feedback.station_health import HelpState
from vr_station.kiosk.flow import KioskState
from vr_station.ui.help_button import HELP_TARGET

SHOTS = os.environ.get("HELP_SHOTS")

pytestmark = pytest.mark.slow


def _texts(panel) -> str:
    return " ".join(t.node().getText() for t in panel.root.findAllMatches("**/+TextNode"))


def test_help_button_calls_and_the_call_waits_on_disk_without_a_center(tmp_path):
    rig = make_station(profile=StationProfile(), size_px=(640, 360))
    station, visitor = rig.station, rig.visitor
    shots = Path(SHOTS) if SHOTS else tmp_path
    try:
        visitor.wait_state(KioskState.ATTRACT)
        station.base.messenger.send("f6")
        visitor.wait_state(KioskState.LANGUAGE)
        visitor.click("lang:de")
        visitor.wait_state(KioskState.QUICK_CHECK)
        visitor.settle(0.3)
        assert HELP_TARGET in station.targets_by_id()
        help_panel = next(p for p in station.step.panels() if p.name == "help")
        assert help_panel.placement is not None and help_panel.placement.fits
        assert "Hilfe holen" in _texts(help_panel)
        rig.display.screenshot(shots / "help-button.png")
        visitor.look_at_target(HELP_TARGET)  # in the lower right corner, below the window's view
        visitor.settle(0.2)
        rig.display.screenshot(shots / "help-button-looked-at.png")

        visitor.click(HELP_TARGET)
        visitor.settle(0.3)
        assert station.health.help_state is HelpState.CALLED
        assert HELP_TARGET not in station.targets_by_id()  # one call per visit
        help_panel = next(p for p in station.step.panels() if p.name == "help")
        assert "Hilfe wird gerufen" in _texts(help_panel)
        assert station.mirror_help.shown_text is not None
        assert "HILFE GERUFEN" in station.mirror_help.shown_text
        visitor.look_at_panel("help")
        visitor.settle(0.2)
        rig.display.screenshot(shots / "help-called.png")
        visitor.wait_until(lambda: station.health.rounds >= 2, "the help call's round")
        # No center configured: the call waits on disk for one.
        queue = HelpQueue(station.config.paths.data_dir / HELP_QUEUE_FILE)
        [call] = queue.undelivered(datetime.now(UTC))
        queue.close()
        assert (call.station_id, call.step) == (station.config.station_id, "quick_check")

        # The staff key calls too, but once per visit; a new visitor starts without a call.
        station.base.messenger.send("f5")  # reset: the visit ends
        visitor.wait_state(KioskState.ATTRACT)
        assert station.health.help_state is HelpState.IDLE
        assert station.mirror_help.shown_text is None
        station.base.messenger.send("f2")
        visitor.settle(0.2)
        assert station.health.help_state is HelpState.CALLED
    finally:
        rig.close()


def test_a_call_reaches_the_center_and_help_on_the_way_reaches_the_visitor(tmp_path, monkeypatch):
    """The whole path with the real center on loopback: the station's heartbeat shows on the
    Stationen data, its call on the center's list; staff acknowledge; the visitor's panel says
    "Hilfe ist unterwegs." and the mirror says so too, within the 10 s of station time between
    two heartbeats while a call waits."""
    from center.database import make_engine, migrate
    from center.health import OpeningHours, station_overview
    from center.help import acknowledge, open_help_calls
    from center.stations import add_station
    from tests.center.servers import CenterProcess
    from tests.vr_station.test_layout_steps import measure

    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    token_file = tmp_path / "token"
    token_file.write_text(add_station(engine, "biz-help") + "\n")
    server = CenterProcess(url, tmp_path).start()
    monkeypatch.setenv("VR_STATION_STATION_ID", "biz-help")
    monkeypatch.setenv("VR_STATION_CENTER_URL", server.base_url)
    monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(token_file))
    rig = make_station(profile=StationProfile(), size_px=(640, 360))
    station, visitor = rig.station, rig.visitor
    shots = Path(SHOTS) if SHOTS else tmp_path
    try:
        visitor.wait_state(KioskState.ATTRACT)
        visitor.wait_until(lambda: station.health.rounds >= 1, "the heartbeat at start")
        [health] = station_overview(engine, datetime.now(UTC), ZoneInfo("Europe/Berlin"),
                                    OpeningHours())
        assert health.heartbeat is not None and health.heartbeat.runtime_mode == "headless"
        station.base.messenger.send("f6")
        visitor.wait_state(KioskState.LANGUAGE)
        visitor.click(HELP_TARGET)
        visitor.wait_until(lambda: bool(open_help_calls(engine)), "the call at the center")
        [call] = open_help_calls(engine)
        assert (call.station, call.step) == ("biz-help", "language")
        screen = measure(rig, "help-called")
        assert screen.problems == []  # the call's words fit the help panel and its zone

        acknowledge(engine, call.call_id, "leitung", datetime.now(UTC))
        visitor.wait_until(lambda: station.health.help_state is HelpState.ON_THE_WAY,
                           "the acknowledgement in a heartbeat's answer", timeout_s=15)
        visitor.settle(0.2)
        help_panel = next(p for p in station.step.panels() if p.name == "help")
        assert "Hilfe ist unterwegs." in _texts(help_panel)
        assert station.mirror_help.shown_text == "Hilfe ist unterwegs (im Dashboard quittiert)"
        screen = measure(rig, "help-on-the-way")
        assert screen.problems == []
        visitor.look_at_panel("help")
        visitor.settle(0.2)
        rig.display.screenshot(shots / "help-on-the-way.png")
    finally:
        rig.close()
        server.stop()
        engine.dispose()
