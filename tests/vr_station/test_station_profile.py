"""The station reads the profile staff wrote with ``vr-station calibrate`` when it starts, and
a damaged profile costs only its damaged values, with FILE:LINE:COL in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from calibration import read_profile
from calibration.body import Posture
from tests.vr_station.station_fixtures import make_station
from vr_station.cli import main
from vr_station.config import load_config
from vr_station.display.settings import SEATED_EYE_HEIGHT_M
from vr_station.kiosk.flow import KioskState


def test_a_profile_written_by_the_cli_is_what_the_next_station_start_uses(tmp_path: Path, caplog):
    assert main(["calibrate", "seated", "--default", "seated", "--standing-eye-height-m", "1.7"]) == 0
    assert main(["calibrate", "play-area", "--width-m", "3", "--depth-m", "2.5"]) == 0
    assert main(["calibrate", "floor", "--offset-m", "0.03"]) == 0
    assert main(["calibrate", "speaker", "--volume", "60", "--max-volume", "75",
                 "--output", str(tmp_path / "tone.wav"), "--save"]) == 0
    written = read_profile(load_config().paths.profile_file)
    assert written.exists and written.problems == ()
    with caplog.at_level(logging.INFO, logger="calibration.profile"):
        rig = make_station()  # no profile handed in: read from the config dir, as `run` does
    try:
        station = rig.station
        assert station.profile == written.profile
        assert "station profile: floor offset +0.03 m, seated by default" in caplog.text
        assert station.rig.posture is Posture.SEATED
        assert station.rig.standing_eye_height_m == 1.7
        assert (station.rig.play_area.width_m, station.rig.play_area.depth_m) == (3.0, 2.5)
        assert station.rig.floor_offset_m == 0.0, "the desktop has no tracked floor to correct"
        assert (station.volume.percent, station.volume.max_percent) == (60.0, 75.0)
        rig.visitor.wait_state(KioskState.ATTRACT)
        assert station.base.camera.getZ(station.base.render) == pytest.approx(SEATED_EYE_HEIGHT_M)
    finally:
        rig.close()


def test_a_damaged_profile_is_named_by_line_and_the_station_runs_on_defaults(caplog):
    path = load_config().paths.profile_file
    path.parent.mkdir(parents=True)
    path.write_text("schema_version: 1\n"
                    "headset:\n"
                    "  floor_offset_m: 0.02\n"
                    "  default_posture: lying\n"
                    "speaker:\n"
                    "  volume_percent: loud\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        rig = make_station()
    try:
        station, visitor = rig.station, rig.visitor
        messages = [r.getMessage() for r in caplog.records if r.name == "calibration.profile"]
        assert f"{path}:4:20: headset.default_posture: 'lying' is not one of: standing, seated " \
               "(using the default)" in messages
        assert any(m.startswith(f"{path}:6:19: speaker.volume_percent:") for m in messages)
        assert station.profile.headset.floor_offset_m == 0.02, "a good value is kept"
        assert station.rig.posture is Posture.STANDING and station.volume.percent == 80.0
        station.base.messenger.send("f6")
        visitor.wait_state(KioskState.LANGUAGE)
        visitor.click("lang:de")
        visitor.wait_state(KioskState.QUICK_CHECK)
    finally:
        rig.close()


def test_an_unreadable_profile_leaves_every_default(caplog):
    path = load_config().paths.profile_file
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\x01\x02 not yaml")
    with caplog.at_level(logging.WARNING):
        rig = make_station()
    try:
        assert rig.station.profile == read_profile(Path("/nonexistent")).profile
        assert any(str(path) in r.getMessage() and "using the default" in r.getMessage()
                   for r in caplog.records)
    finally:
        rig.close()
