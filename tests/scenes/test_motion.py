"""The interviewer's motion model: blinks, gaze, mouth and idle motion (pure, no rendering)."""

import math
import random

import pytest

from scenes.avatar.motion import BLINK_INTERVAL_S, InterviewerMotion


def run(motion: InterviewerMotion, seconds: float, dt: float = 1 / 90) -> list:
    return [motion.update(dt) for _ in range(round(seconds / dt))]


def test_blinks_every_few_seconds_and_closes_fully():
    motion = InterviewerMotion(random.Random(1))
    poses = run(motion, 30.0)
    assert 30 / BLINK_INTERVAL_S[1] - 1 <= motion.blinks <= 30 / BLINK_INTERVAL_S[0] + 1
    assert max(p.lid_closure for p in poses) > 0.9
    assert sum(p.lid_closure > 0.5 for p in poses) / len(poses) < 0.1, "eyes are mostly open"


def test_mouth_follows_the_speech_envelope_fast_and_closes():
    motion = InterviewerMotion(random.Random(2))
    motion.set_mouth_open(1.0)
    poses = run(motion, 0.1)
    assert poses[-1].mouth_open > 0.9
    motion.set_mouth_open(0.0)
    poses = run(motion, 0.3)
    assert poses[-1].mouth_open < 0.05
    motion.set_mouth_open(float("nan"))
    motion.set_mouth_open(7.0)
    assert run(motion, 0.2)[-1].mouth_open == pytest.approx(1.0, abs=0.02)


def test_eyes_and_head_turn_towards_the_target_head_lagging():
    motion = InterviewerMotion(random.Random(3))
    motion.set_gaze_target(30.0, -10.0)
    early = run(motion, 0.15)[-1]
    late = run(motion, 2.0)[-1]
    assert early.head_heading_deg < late.head_heading_deg, "the head follows slowly"
    gaze = late.head_heading_deg + late.eye_heading_deg
    assert gaze == pytest.approx(30.0, abs=4.0), "eyes make up the rest"
    assert late.head_pitch_deg + late.eye_pitch_deg == pytest.approx(-10.0, abs=3.5)


def test_eyes_never_turn_further_than_eyes_can():
    motion = InterviewerMotion(random.Random(4))
    motion.set_gaze_target(170.0, 80.0)
    for pose in run(motion, 3.0):
        assert abs(pose.eye_heading_deg) <= 30.0 + 1e-6 and abs(pose.eye_pitch_deg) <= 22.0 + 1e-6
        assert abs(pose.head_heading_deg) < 55.0


def test_idle_motion_is_alive_but_small_and_a_stalled_frame_is_harmless():
    motion = InterviewerMotion(random.Random(5))
    poses = run(motion, 10.0)
    headings = [p.head_heading_deg for p in poses]
    assert 0.5 < max(headings) - min(headings) < 8.0
    breaths = [p.breath for p in poses]
    assert max(breaths) > 0.9 and min(breaths) < -0.9
    jump = motion.update(5.0)
    assert all(math.isfinite(v) for v in (jump.head_heading_deg, jump.eye_pitch_deg, jump.mouth_open))


def test_same_seed_same_performance():
    a = run(InterviewerMotion(random.Random(9)), 5.0)
    b = run(InterviewerMotion(random.Random(9)), 5.0)
    assert a == b
