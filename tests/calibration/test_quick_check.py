"""The visitor's quick check: height and hearing, one button, driven by hand."""

from __future__ import annotations

import re

import pytest

from calibration.profile import StationProfile, with_headset, with_speaker
from calibration.quick_check import (
    HEARING_TIMEOUT_S,
    MAX_PLAYS,
    TEXTS,
    QuickCheckStep,
    VisitorQuickCheck,
)
from vr_station.display.base import Pose

LEVEL = (1.0, 0.0, 0.0, 0.0)


def feed(check: VisitorQuickCheck, height_m: float, start_s: float, seconds: float = 1.0) -> float:
    frames = int(seconds * 72)
    for i in range(frames):
        check.head_pose(Pose((0.0, 0.0, height_m + 0.004 * (i % 2)), LEVEL), start_s + i / 72)
    return start_s + seconds


def test_standing_visitor_who_hears_is_done_in_two_presses():
    check = VisitorQuickCheck(StationProfile(), "de")
    first = check.start(0.0)
    assert first.step is QuickCheckStep.HEIGHT and first.button == "Weiter" and first.say is None
    now = feed(check, 1.63, 0.0)
    hearing = check.press(now)
    assert hearing is not None and hearing.step is QuickCheckStep.HEARING
    assert hearing.say and "hören" in hearing.say and hearing.volume_percent == 80.0
    assert check.tick(now + 2.0) is None
    done = check.press(now + 2.0)
    assert done is not None and done.step is QuickCheckStep.DONE and done.button is None
    assert check.result is not None
    assert check.result.posture == "standing" and check.result.seated_lift_m == 0.0
    assert check.result.eye_height_m == pytest.approx(1.63, abs=0.005)
    assert check.result.heard and not check.result.needs_staff
    assert check.press(now + 3.0) is None


def test_seated_visitor_is_lifted_to_standing_eye_height_with_the_floor_offset():
    profile = with_headset(StationProfile(), floor_offset_m=0.05, standing_eye_height_m=1.6)
    check = VisitorQuickCheck(profile, "en")
    check.start(0.0)
    # Older poses (standing up from the chair) fall out of the window before the press.
    feed(check, 1.55, 0.0, 1.0)
    now = feed(check, 1.10, 1.0, 1.0)
    check.press(now)
    check.press(now + 1.0)
    assert check.result is not None
    assert check.result.posture == "seated"
    assert check.result.eye_height_m == pytest.approx(1.15, abs=0.005)
    assert check.result.seated_lift_m == pytest.approx(0.45, abs=0.005)


def test_without_tracking_the_station_default_applies():
    profile = with_headset(StationProfile(), default_posture="seated")
    check = VisitorQuickCheck(profile, "de")
    check.start(0.0)
    check.press(1.0)
    check.press(2.0)
    assert check.result is not None
    assert check.result.posture == "seated" and check.result.eye_height_m is None
    assert check.result.seated_lift_m == pytest.approx(0.37)


def test_no_press_repeats_louder_then_asks_for_staff():
    check = VisitorQuickCheck(with_speaker(StationProfile(), volume_percent=75.0), "de")
    check.start(0.0)
    now = 1.0
    screen = check.press(now)
    assert screen is not None
    volumes = [screen.volume_percent]
    for _ in range(MAX_PLAYS - 1):
        assert check.tick(now + HEARING_TIMEOUT_S - 0.1) is None
        now += HEARING_TIMEOUT_S
        screen = check.tick(now)
        assert screen is not None and screen.say and "lauter" in screen.text
        volumes.append(screen.volume_percent)
    assert volumes == [75.0, 90.0, 100.0]
    now += HEARING_TIMEOUT_S
    done = check.tick(now)
    assert done is not None and done.step is QuickCheckStep.DONE
    assert "Personal" in done.text
    assert check.result is not None and not check.result.heard and check.result.needs_staff
    assert check.result.volume_percent == 100.0


def test_texts_are_complete_formal_german_and_english():
    assert set(TEXTS["de"]) == set(TEXTS["en"])
    german = " ".join(TEXTS["de"].values())
    assert re.search(r"\bSie\b", german) and not re.search(r"\b(du|dich|dir|dein\w*)\b", german, re.I)
    assert "ö" in german and "ü" in german


def test_an_unknown_language_falls_back_to_english():
    assert VisitorQuickCheck(StationProfile(), "uk").start(0.0).button == "Continue"
