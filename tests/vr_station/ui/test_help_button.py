"""The "Hilfe holen" button on a real offscreen station: on every kind of screen, in its own
corner; choosing it (controller) or the staff key F2 calls for help; the visitor and the mirror
see the call, and "Hilfe ist unterwegs" once the center's staff acknowledged it.

Set ``HELP_SHOTS=DIR`` to keep the screenshots (one was looked at when this was written).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

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
