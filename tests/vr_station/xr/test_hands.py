"""Hands without controllers: the ray from the shoulder through the knuckle, and the pinch."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from calibration.body import Pose
from vr_station.display.base import ControllerInput
from vr_station.ui.geometry import Ray, Rect3D, intersect, sub
from vr_station.xr.hands import (
    BONES,
    INDEX_PROXIMAL,
    JOINT_COUNT,
    HandJoints,
    HandPointer,
    PinchDetector,
    hand_ray,
    quat_towards,
    shoulder,
)

RECORDED = json.loads((Path(__file__).parent / "data" / "right_hand_monado.json").read_text())
HEAD = Pose((0.0, 0.0, 1.6), (1.0, 0.0, 0.0, 0.0))


def recorded(pose: str, hand: str = "right", offset=(0.0, 0.0, 1.6)) -> HandJoints:
    """The recorded joints (head at the origin) moved so the head stands at ``offset``."""
    return HandJoints(hand, tuple(tuple(a + b for a, b in zip(p, offset, strict=True))
                                  for p in RECORDED[pose]))


def test_recorded_hand_is_whole_and_its_pinch_closes_the_tips():
    open_hand, pinched = recorded("open"), recorded("pinched")
    assert len(open_hand.positions_m) == JOINT_COUNT
    assert open_hand.pinch_gap_m > 0.08
    assert pinched.pinch_gap_m < 0.015
    # Every bone joins two joints of one finger (or the wrist), none longer than a hand.
    assert len(BONES) == 24
    assert all(math.dist(open_hand.positions_m[a], open_hand.positions_m[b]) < 0.12 for a, b in BONES)


def test_the_knuckle_does_not_move_when_the_fingers_pinch():
    """So the ray does not jump at the moment of choosing."""
    a, b = hand_ray(recorded("open"), HEAD), hand_ray(recorded("pinched"), HEAD)
    assert a[0] == pytest.approx(b[0]) and a[1] == pytest.approx(b[1])


def test_shoulders_sit_below_and_beside_the_eyes_and_turn_with_the_head():
    left, right = shoulder(HEAD, "left"), shoulder(HEAD, "right")
    assert right[0] > 0 > left[0] and right[2] < 1.6 and left[2] < 1.6
    turned = Pose((0.0, 0.0, 1.6), (math.cos(math.pi / 4), 0.0, 0.0, math.sin(math.pi / 4)))  # 90° left
    assert shoulder(turned, "right")[1] > 0.1  # the right shoulder now lies forward (+y)


def test_the_ray_points_from_the_shoulder_through_the_knuckle():
    joints = recorded("open")
    origin, direction = hand_ray(joints, HEAD)
    assert origin == joints.positions_m[INDEX_PROXIMAL]
    away = sub(origin, shoulder(HEAD, "right"))
    assert sum(d * a for d, a in zip(direction, away, strict=True)) == pytest.approx(math.hypot(*away))


@pytest.mark.parametrize("direction", [(0.3, 0.8, 0.2), (0.0, 1.0, 0.0), (-1.0, 0.0, 0.0), (0.0, -1.0, 0.0)])
def test_quat_towards_turns_forward_onto_the_direction(direction):
    from panda3d.core import Quat

    length = math.sqrt(sum(v * v for v in direction))
    unit = tuple(v / length for v in direction)
    forward = Quat(*quat_towards(unit)).getForward()
    assert tuple(forward) == pytest.approx(unit, abs=1e-6)


def test_pinch_has_hysteresis():
    pinch = PinchDetector(on_m=0.02, off_m=0.04)
    assert [pinch.update(g) for g in (0.10, 0.019, 0.03, 0.039, 0.041, 0.03, 0.015)] == \
        [False, True, True, True, False, False, True]


def test_hand_pointer_pinches_and_leaves_hands_holding_a_controller_alone():
    pointer = HandPointer()
    open_hand, pinched = recorded("open"), recorded("pinched")
    (first,) = pointer.update([open_hand], HEAD)
    assert first.source == "hand" and first.hand == "right" and not first.select
    assert first.joints == open_hand.positions_m and first.aim is not None
    (second,) = pointer.update([pinched], HEAD)
    assert second.select
    controller = ControllerInput("right", Pose((0.2, 0.3, 1.2), (1.0, 0.0, 0.0, 0.0)), False, (0.0, 0.0),
                                 False)
    assert pointer.update([pinched], HEAD, [controller]) == ()
    # The hand comes back without a controller: it starts unpinched only once it opens again.
    (again,) = pointer.update([open_hand], HEAD)
    assert not again.select


def test_aiming_the_recorded_hand_at_a_button_hits_it():
    """What the XR tier and the station test do: move the hand so its ray crosses a point."""
    button = Rect3D((0.4, 1.5, 1.3), (1, 0, 0), (0, 0, 1), 0.3, 0.1)
    joints = aimed(recorded("open"), HEAD, button.center)
    origin, direction = hand_ray(joints, HEAD)
    assert intersect(Ray(origin, direction), button) is not None


def aimed(joints: HandJoints, head: Pose, target, reach_m: float = 0.45) -> HandJoints:
    """``joints`` moved (not turned) so that the knuckle lies ``reach_m`` from the shoulder
    towards ``target``: the hand's ray then crosses it."""
    s = shoulder(head, joints.hand)
    towards = sub(target, s)
    length = math.sqrt(sum(v * v for v in towards))
    knuckle = tuple(a + reach_m * v / length for a, v in zip(s, towards, strict=True))
    shift = sub(knuckle, joints.positions_m[INDEX_PROXIMAL])
    return HandJoints(joints.hand, tuple(tuple(p + d for p, d in zip(point, shift, strict=True))
                                         for point in joints.positions_m))
