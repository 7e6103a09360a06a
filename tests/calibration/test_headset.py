"""Floor, seated lift and recentring: pure geometry, with Panda3D's own maths as the judge of
the angle conventions."""

from __future__ import annotations

import math
import random

import pytest
from panda3d.core import LQuaternionf, LVecBase3f

from calibration.body import Pose
from calibration.headset import (
    FloorEstimate,
    UprightReading,
    eye_height_from_body_height_m,
    floor_from_stage,
    floor_from_upright,
    forward_vector,
    head_in_scene,
    heading_deg,
    pitch_deg,
    posture_for_eye_height,
    read_upright,
    recentre,
    roll_deg,
    seated_lift_m,
)


def quat(h: float, p: float = 0.0, r: float = 0.0) -> tuple[float, float, float, float]:
    q = LQuaternionf()
    q.setHpr(LVecBase3f(h, p, r))
    return (q.getR(), q.getI(), q.getJ(), q.getK())


def pose(z: float, h: float = 0.0, p: float = 0.0, r: float = 0.0, x: float = 0.0, y: float = 0.0) -> Pose:
    return Pose((x, y, z), quat(h, p, r))


def test_angles_match_panda3d_hpr():
    rng = random.Random(4)
    for _ in range(200):
        h, p, r = rng.uniform(-179, 179), rng.uniform(-85, 85), rng.uniform(-85, 85)
        q = quat(h, p, r)
        assert heading_deg(q) == pytest.approx(h, abs=1e-3)
        assert pitch_deg(q) == pytest.approx(p, abs=1e-3)
        assert roll_deg(q) == pytest.approx(r, abs=1e-3)
        panda = LQuaternionf(*q).getForward()
        assert forward_vector(q) == pytest.approx((panda[0], panda[1], panda[2]), abs=1e-5)


def test_heading_when_looking_straight_down_comes_from_the_top_of_the_head():
    assert heading_deg(quat(30.0, -90.0)) == pytest.approx(30.0, abs=1e-3)


def test_upright_reading_takes_the_median_and_refuses_what_is_not_upright():
    steady = [pose(1.52 + 0.002 * (i % 3), h=40.0, p=3.0) for i in range(10)]
    assert read_upright(steady) == UprightReading(pytest.approx(1.522), None)
    assert read_upright(steady[:3]).problem == "no_samples"
    assert read_upright([*steady, pose(1.52, p=-25.0)]).problem == "looking_up_or_down"
    assert read_upright([*steady, pose(1.52, r=20.0)]).problem == "head_tilted"
    assert read_upright([*steady, pose(1.60)]).problem == "moving"


def test_floor_from_someone_standing_upright_with_known_body_height():
    eye_height = eye_height_from_body_height_m(1.75)
    assert eye_height == pytest.approx(1.631, abs=0.001)  # DIN 33402-2 median man: 1.630 m
    # Tracking in LOCAL space: the head is near 0 at the start; the floor is 1.63 m below.
    estimate = floor_from_upright(UprightReading(0.02, None), eye_height)
    assert estimate == FloorEstimate(pytest.approx(1.611, abs=0.001), "measured")
    assert floor_from_upright(UprightReading(None, "moving"), eye_height).problem == "moving"


def test_stage_floor_is_trusted_only_when_the_head_height_is_human():
    assert floor_from_stage(1.62) == FloorEstimate(0.0, "stage")
    assert floor_from_stage(1.15, "seated") == FloorEstimate(0.0, "stage")
    # A runtime without room set-up puts STAGE at the head: height ~0.
    assert floor_from_stage(0.0).floor_offset_m is None
    assert floor_from_stage(0.0).problem == "stage_floor_implausible"
    assert floor_from_stage(2.6).floor_offset_m is None


@pytest.mark.parametrize(("eye_height", "posture", "lift"), [
    (1.65, "standing", 0.0),
    (1.45, "standing", 0.0),    # a small woman standing: no lift
    (1.20, "seated", 0.37),     # on a chair, lifted to 1.57 m
    (1.05, "seated", 0.52),     # wheelchair
    (0.30, "seated", 1.0),      # on the floor: the lift is capped
])
def test_posture_and_seated_lift(eye_height, posture, lift):
    assert posture_for_eye_height(eye_height) == posture
    if posture == "seated":
        assert seated_lift_m(eye_height, 1.57) == pytest.approx(lift)
    assert seated_lift_m(1.8, 1.57) == 0.0


def test_recentre_puts_the_head_on_the_target_looking_along_the_target_heading():
    rng = random.Random(7)
    for _ in range(100):
        head = pose(rng.uniform(1.0, 1.9), h=rng.uniform(-180, 180), p=rng.uniform(-30, 30),
                    r=rng.uniform(-10, 10), x=rng.uniform(-2, 2), y=rng.uniform(-2, 2))
        target, target_heading = (rng.uniform(-5, 5), rng.uniform(-5, 5)), rng.uniform(-180, 180)
        rig = recentre(head, target_xy_m=target, target_heading_deg=target_heading, rig_height_m=0.3)
        position, heading = head_in_scene(head, rig)
        assert position[:2] == pytest.approx(target, abs=1e-9)
        assert position[2] == pytest.approx(head.position[2] + 0.3)
        assert math.remainder(heading - target_heading, 360.0) == pytest.approx(0.0, abs=1e-6)
        assert -180.0 <= rig.heading_deg < 180.0


def test_recentre_agrees_with_panda3d_scene_graph():
    from panda3d.core import NodePath

    head = pose(1.6, h=75.0, p=10.0, x=0.8, y=-0.4)
    rig = recentre(head, target_xy_m=(2.0, 3.0), target_heading_deg=-90.0, rig_height_m=0.1)
    scene = NodePath("scene")
    rig_node = scene.attachNewNode("rig")
    rig_node.setPos(*rig.position_m)
    rig_node.setH(rig.heading_deg)
    head_node = rig_node.attachNewNode("head")
    head_node.setPos(*head.position)
    head_node.setQuat(LQuaternionf(*head.quat))
    assert tuple(head_node.getPos(scene)) == pytest.approx((2.0, 3.0, 1.7), abs=1e-5)
    assert head_node.getHpr(scene)[0] == pytest.approx(-90.0, abs=1e-3)
