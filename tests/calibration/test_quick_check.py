"""The visitor's quick check: height and hearing, driven by hand (pure logic, no Panda3D)."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest

from calibration.body import Pose, Posture
from calibration.profile import StationProfile, with_headset, with_speaker
from calibration.quick_check import (
    HEARING_TIMEOUT_S,
    MAX_UNANSWERED_PLAYS,
    QuickCheckScreen,
    QuickCheckStep,
    VisitorQuickCheck,
)

LEVEL = (1.0, 0.0, 0.0, 0.0)


def feed(check: VisitorQuickCheck, height_m: float, start_s: float, seconds: float = 1.0) -> float:
    frames = int(seconds * 72)
    for i in range(frames):
        check.head_pose(Pose((0.0, 0.0, height_m + 0.004 * (i % 2)), LEVEL), start_s + i / 72)
    return start_s + seconds


def test_standing_visitor_who_hears_is_done_in_two_presses():
    check = VisitorQuickCheck(StationProfile())
    first = check.screen
    assert first.step is QuickCheckStep.HEIGHT and first.confirm == "quick_check_confirm_height"
    assert first.say is None and first.decline is None
    now = feed(check, 1.63, 0.0)
    assert check.screen.title == "quick_check_standing_title"
    check.confirm(now)
    hearing = check.screen
    assert hearing.step is QuickCheckStep.HEARING and hearing.say == "quick_check_say"
    assert hearing.plays == 1 and hearing.volume_percent == 80.0
    assert (hearing.confirm, hearing.decline) == ("quick_check_yes", "quick_check_louder")
    check.speech_ended(now + 3.0)
    check.tick(now + 5.0)
    assert check.screen.plays == 1, "no repeat while the visitor has time to answer"
    check.confirm(now + 5.0)
    assert check.screen.step is QuickCheckStep.DONE and check.screen.confirm is None
    assert check.screen.title == "quick_check_done_title"
    result = check.result
    assert result is not None
    assert result.posture is Posture.STANDING and result.seated_lift_m == 0.0
    assert result.eye_height_m == pytest.approx(1.63, abs=0.005)
    assert result.heard and not result.needs_staff


def test_seated_visitor_is_lifted_to_standing_eye_height_with_the_floor_offset():
    profile = with_headset(StationProfile(), floor_offset_m=0.05, standing_eye_height_m=1.6)
    check = VisitorQuickCheck(profile)
    # Older poses (standing up from the chair) fall out of the window.
    feed(check, 1.55, 0.0, 1.0)
    now = feed(check, 1.10, 1.0, 1.0)
    reading = check.reading
    assert reading.posture is Posture.SEATED and not reading.chosen_by_visitor
    assert reading.eye_height_m == pytest.approx(1.15, abs=0.005)
    assert reading.seated_lift_m == pytest.approx(0.45, abs=0.005)
    assert check.screen.title == "quick_check_seated_title"
    check.confirm(now)
    check.confirm(now + 1.0)
    assert check.result is not None and check.result.posture is Posture.SEATED
    assert check.result.seated_lift_m == pytest.approx(0.45, abs=0.005)


def test_the_reading_does_not_flicker_at_the_standing_seated_boundary():
    check = VisitorQuickCheck(StationProfile())
    now = 0.0
    for height in (1.40, 1.37, 1.39, 1.36, 1.38):  # around 1.38 m, within the hysteresis
        now = feed(check, height, now, 0.6)
        assert check.reading.posture is Posture.STANDING
    now = feed(check, 1.30, now, 0.6)
    assert check.reading.posture is Posture.SEATED
    now = feed(check, 1.40, now, 0.6)
    assert check.reading.posture is Posture.SEATED, "back up only past the hysteresis"
    feed(check, 1.50, now, 0.6)
    assert check.reading.posture is Posture.STANDING


def test_the_visitors_own_choice_beats_the_reading():
    check = VisitorQuickCheck(StationProfile())
    now = feed(check, 1.65, 0.0)
    check.choose_posture(Posture.SEATED)
    feed(check, 1.70, now)
    reading = check.reading
    assert reading.posture is Posture.SEATED and reading.chosen_by_visitor
    assert reading.seated_lift_m == 0.0, "taller than the standing eye height: nothing to lift"


def test_the_check_starts_from_the_sessions_posture_when_staff_set_one():
    check = VisitorQuickCheck(StationProfile(), posture=Posture.SEATED)
    assert check.screen.title == "quick_check_seated_title"
    assert not check.reading.chosen_by_visitor


def test_without_tracking_the_station_default_applies():
    profile = with_headset(StationProfile(), default_posture="seated")
    check = VisitorQuickCheck(profile)
    check.confirm(1.0)
    check.confirm(2.0)
    assert check.result is not None
    assert check.result.posture is Posture.SEATED and check.result.eye_height_m is None
    assert check.result.seated_lift_m == pytest.approx(1.57 - 1.2)


def test_no_louder_each_time_within_the_stations_limit_then_no_means_not_heard():
    profile = with_speaker(StationProfile(), volume_percent=30.0, max_volume_percent=90.0)
    check = VisitorQuickCheck(profile)
    check.confirm(0.0)
    volumes, plays = [check.screen.volume_percent], [check.screen.plays]
    while check.screen.decline == "quick_check_louder":
        check.decline(1.0)
        volumes.append(check.screen.volume_percent)
        plays.append(check.screen.plays)
    assert volumes == [30.0, 59.9, 90.0], "+6 dB a step, never above the limit"
    assert plays == [1, 2, 3], "every step speaks the sentence again"
    limit = check.screen
    assert limit.text == "quick_check_hearing_limit_text" and limit.decline == "quick_check_no"
    check.decline(2.0)
    assert check.screen.step is QuickCheckStep.DONE
    assert check.screen.title == "quick_check_unheard_title"
    assert check.screen.confirm == "quick_check_continue"
    assert check.result is not None and check.result.needs_staff
    assert check.result.volume_percent == 90.0


def test_silence_after_the_sentence_repeats_it_louder_then_gives_up():
    check = VisitorQuickCheck(with_speaker(StationProfile(), volume_percent=25.0))
    check.confirm(0.0)
    now = 10.0
    check.tick(now)
    assert check.screen.plays == 1, "the timer starts when the sentence has ended"
    for play in range(2, MAX_UNANSWERED_PLAYS + 1):
        check.speech_ended(now)
        check.tick(now + HEARING_TIMEOUT_S - 0.1)
        assert check.screen.plays == play - 1
        now += HEARING_TIMEOUT_S
        check.tick(now)
        assert check.screen.plays == play
        assert check.screen.text == "quick_check_hearing_louder_text"
    check.speech_ended(now)
    check.tick(now + HEARING_TIMEOUT_S)
    assert check.screen.step is QuickCheckStep.DONE
    assert check.result is not None and check.result.heard is False
    assert check.result.volume_percent == pytest.approx(25.0 * 4, abs=0.5), "two steps of +6 dB"


def test_a_session_keeps_its_raised_volume_but_never_above_the_limit():
    profile = with_speaker(StationProfile(), volume_percent=50.0, max_volume_percent=70.0)
    assert VisitorQuickCheck(profile, volume_percent=65.0).screen.volume_percent == 65.0
    assert VisitorQuickCheck(profile, volume_percent=95.0).screen.volume_percent == 70.0


def test_a_check_cut_short_keeps_what_it_knows():
    check = VisitorQuickCheck(StationProfile())
    feed(check, 1.12, 0.0)
    result = check.finish_now()
    assert result.posture is Posture.SEATED and result.heard is None and not result.needs_staff
    assert check.screen.title == "quick_check_done_title"


def every_screen_key(check: VisitorQuickCheck) -> set[str]:
    screen: QuickCheckScreen = check.screen
    return {v for f in dataclasses.fields(screen)
            if isinstance(v := getattr(screen, f.name), str) and f.name != "step"}


def test_every_text_the_check_shows_is_a_required_interface_text():
    schema = resources.files("catalog.schemas").joinpath("ui.schema.json")
    required = set(json.loads(schema.read_text(encoding="utf-8"))["properties"]["texts"]["required"])
    seen: set[str] = set()
    for seated, heard in ((False, True), (True, False)):
        profile = with_speaker(StationProfile(), volume_percent=90.0)
        check = VisitorQuickCheck(profile)
        if seated:
            check.choose_posture(Posture.SEATED)
        seen |= every_screen_key(check)
        check.confirm(0.0)
        seen |= every_screen_key(check)
        check.decline(1.0) if not heard else check.confirm(1.0)
        seen |= every_screen_key(check)
        check.decline(2.0)
        seen |= every_screen_key(check)
    assert len(seen) >= 14
    assert seen <= required, seen - required
