"""The station profile: defaults, validation with FILE:LINE:COL, atomic writes, no crash."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from calibration import StationProfile, load_profile, read_profile, write_profile
from calibration.profile import (
    HeadsetProfile,
    MicrophoneProfile,
    render_profile,
    with_microphone,
    with_speaker,
)
from vr_station.config import load_config


@pytest.fixture
def path(station_dirs: Path) -> Path:
    return load_config().paths.profile_file


def test_the_profile_lives_next_to_station_yaml(path, station_dirs):
    assert path == station_dirs / "config" / "station_profile.yaml"


def test_defaults_when_absent(path):
    reading = read_profile(path)
    assert reading == read_profile(path)
    assert not reading.exists and reading.problems == ()
    assert reading.profile == StationProfile()
    assert load_profile(load_config().paths.profile_file).microphone.end_of_speech_silence_s == 1.5


def test_round_trip_and_the_file_is_readable_yaml_with_comments(path):
    profile = with_microphone(StationProfile(), device="Jabra Speak 510", noise_floor_dbfs=-58.2,
                              speech_level_dbfs=-27.4, vad_threshold_dbfs=-42.8,
                              measured_at="2025-03-01T09:30:00+01:00")
    profile = with_speaker(profile, device='Lautsprecher "vorn" (HDMI)', volume_percent=65.0)
    write_profile(path, profile)
    assert read_profile(path) == read_profile(path)
    reading = read_profile(path)
    assert reading.problems == () and reading.profile == profile
    text = path.read_text(encoding="utf-8")
    assert "# Station profile" in text and "vad_threshold_dbfs: -42.8" in text


def test_a_bad_value_costs_only_that_value_and_is_named_with_its_line(path):
    path.parent.mkdir(parents=True)
    path.write_text(
        "schema_version: 1\n"
        "headset:\n"
        "  floor_offset_m: 0.04\n"
        "  default_posture: lying\n"
        "microphone:\n"
        "  noise_floor_dbfs: -55\n"
        "  speech_level_dbfs: -25\n"
        "  vad_threshold_dbfs: -40\n"
        "  gain_db: loud\n"
        "speaker:\n"
        "  volume_percent: 180\n"
        "  colour: red\n", encoding="utf-8")
    reading = read_profile(path)
    messages = [str(p) for p in reading.problems]
    assert messages == [
        f"{path}:4:20: headset.default_posture: 'lying' is not one of: standing, seated",
        f"{path}:9:12: microphone.gain_db: should be a number, not the text 'loud'",
        f"{path}:11:19: speaker.volume_percent: must be at most 100, not 180",
        f"{path}:12:3: speaker: unknown field 'colour' "
        "(allowed: device, max_volume_percent, volume_percent)",
    ]
    profile = reading.profile
    assert profile.headset.floor_offset_m == 0.04 and profile.headset.default_posture == "standing"
    assert profile.microphone.noise_floor_dbfs == -55.0
    assert isinstance(profile.microphone.noise_floor_dbfs, float)  # YAML wrote an int
    assert profile.microphone.vad_threshold_dbfs == -40.0
    assert profile.microphone.gain_db == 0.0
    assert profile.speaker.volume_percent == 80.0


def test_thresholds_that_cannot_work_fall_back_together(path):
    path.parent.mkdir(parents=True)
    path.write_text("microphone:\n  noise_floor_dbfs: -50\n  speech_level_dbfs: -30\n"
                    "  vad_threshold_dbfs: -55\n  end_of_speech_silence_s: 2\n", encoding="utf-8")
    reading = read_profile(path)
    assert len(reading.problems) == 1
    assert str(reading.problems[0]).startswith(f"{path}:4:23: microphone.vad_threshold_dbfs (-55) must lie")
    mic = reading.profile.microphone
    defaults = MicrophoneProfile()
    assert (mic.noise_floor_dbfs, mic.speech_level_dbfs, mic.vad_threshold_dbfs) == (
        defaults.noise_floor_dbfs, defaults.speech_level_dbfs, defaults.vad_threshold_dbfs)
    assert mic.end_of_speech_silence_s == 2.0


def test_a_visitors_volume_limit_below_the_stations_volume_becomes_that_volume(path):
    path.parent.mkdir(parents=True)
    path.write_text("speaker:\n  volume_percent: 70\n  max_volume_percent: 60\n", encoding="utf-8")
    reading = read_profile(path)
    assert [str(p) for p in reading.problems] == [
        f"{path}:3:23: speaker.max_volume_percent (60) is below volume_percent (70); "
        "using 70 as the limit"]
    assert (reading.profile.speaker.volume_percent, reading.profile.speaker.max_volume_percent) \
        == (70.0, 70.0)


@pytest.mark.parametrize(("content", "expected"), [
    (b"headset: [unclosed\n", ":2:1: YAML syntax error"),
    (b"\x00\x01binary", "binary data"),
    (b"headset:\n\tfloor_offset_m: 1\n", "tab used for indentation"),
    (b"- just\n- a list\n", "(top level): should be a mapping"),
    (b"headset: 3\n", "headset: should be a mapping"),
])
def test_a_broken_file_gives_defaults_and_a_clear_message_never_a_crash(path, caplog, content, expected):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="calibration.profile"):
        profile = load_profile(load_config().paths.profile_file)
    assert profile == StationProfile()
    assert any(expected in record.getMessage() and str(path) in record.getMessage()
               for record in caplog.records), caplog.text
    assert all("using the default" in record.getMessage() for record in caplog.records)


def test_a_directory_in_place_of_the_file_does_not_crash(path):
    path.mkdir(parents=True)
    reading = read_profile(path)
    assert reading.profile == StationProfile() and "is a directory" in str(reading.problems[0])


def test_writing_replaces_atomically_and_leaves_no_temporary_files(path, monkeypatch):
    write_profile(path, StationProfile())
    before = path.read_text(encoding="utf-8")

    def power_cut(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError, match="disk full"):
        write_profile(path, with_microphone(StationProfile(), gain_db=6.0))
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["station_profile.yaml"]


def test_overwriting_a_broken_profile_keeps_a_copy(path):
    path.parent.mkdir(parents=True)
    path.write_text("headset:\n  floor_offset_m: high\n", encoding="utf-8")
    write_profile(path, StationProfile())
    backups = list(path.parent.glob("station_profile.yaml.broken-*"))
    assert len(backups) == 1 and "floor_offset_m: high" in backups[0].read_text(encoding="utf-8")
    assert read_profile(path).problems == ()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_file_is_as_readable_as_station_yaml(path):
    write_profile(path, StationProfile())
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_rendered_defaults_pass_the_schema(path):
    path.parent.mkdir(parents=True)
    path.write_text(render_profile(StationProfile(headset=HeadsetProfile(default_posture="seated"))),
                    encoding="utf-8")
    reading = read_profile(path)
    assert reading.problems == () and reading.profile.headset.default_posture == "seated"
