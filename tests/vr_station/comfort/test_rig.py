"""The rig applies the station profile: floor offset, seated lift, recentring, the free floor.

Real Panda3D nodes (no window needed); a small display fake stands in for the headset, whose
tracked head pose a test sets by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from panda3d.core import NodePath

from calibration.body import Posture
from calibration.headset import heading_deg
from calibration.profile import HeadsetProfile
from vr_station.comfort.locomotion import Area
from vr_station.comfort.rig import Rig
from vr_station.display.base import ControllerInput, DisplayMode, DisplayState
from vr_station.display.settings import SEATED_EYE_HEIGHT_M

PROFILE = HeadsetProfile(floor_offset_m=0.05, standing_eye_height_m=1.60,
                         play_area_width_m=2.0, play_area_depth_m=2.0)


class HeadOnAStick(DisplayMode):
    """A head node whose pose the test sets (tracked) or the rig sets (untracked)."""

    name = "fake"

    def __init__(self) -> None:
        self.untracked_eye_height_m: float | None = None

    def open(self):  # type: ignore[no-untyped-def]  # a fake's stand-in
        raise NotImplementedError

    def bind(self, rig: NodePath) -> NodePath:
        self.head = rig.attachNewNode("head")
        return self.head

    def controllers(self) -> Sequence[ControllerInput]:
        return ()

    def state(self) -> DisplayState:
        return DisplayState.RUNNING

    def close(self) -> None:
        pass

    def set_untracked_eye_height(self, eye_height_m: float) -> None:
        self.untracked_eye_height_m = eye_height_m
        self.head.setZ(eye_height_m)


def make_rig(*, tracked: bool, profile: HeadsetProfile = PROFILE) -> tuple[Rig, NodePath]:
    render = NodePath("render")
    rig = Rig(render, HeadOnAStick(), tracks_head=tracked, headset=profile)
    return rig, render


def eye_z(rig: Rig, render: NodePath) -> float:
    return rig.head.getZ(render)


def test_a_seated_visitor_sees_the_workplace_from_the_profiles_standing_eye_height():
    rig, render = make_rig(tracked=True)
    rig.head.setZ(1.10)  # tracked: seated, eyes 1.15 m above the real floor
    assert rig.tracked_eye_height_m() == pytest.approx(1.15)
    rig.set_posture(Posture.SEATED)
    rig.use_natural_height()
    assert eye_z(rig, render) == pytest.approx(1.15), "menus: as the visitor really is"
    rig.set_eye_height(rig.standing_eye_height_m)  # the tour
    assert rig.lift_m() == pytest.approx(0.45)
    assert eye_z(rig, render) == pytest.approx(1.60)
    rig.set_eye_height(rig.seated_eye_height_m)  # the interview chair
    assert eye_z(rig, render) == pytest.approx(SEATED_EYE_HEIGHT_M)


def test_a_standing_visitor_keeps_the_real_floor_in_the_workplace():
    rig, render = make_rig(tracked=True)
    rig.head.setZ(1.70)  # a tall visitor
    rig.set_posture(Posture.STANDING)
    rig.set_eye_height(rig.standing_eye_height_m)
    assert rig.node.getZ() == pytest.approx(0.05), "only the floor offset"
    assert eye_z(rig, render) == pytest.approx(1.75)
    rig.set_eye_height(rig.seated_eye_height_m)
    assert rig.lift_m() == pytest.approx(SEATED_EYE_HEIGHT_M - 1.60), "lowered into the chair"


def test_a_lift_never_exceeds_a_metre():
    rig, _ = make_rig(tracked=True)
    rig.head.setZ(0.40)  # someone lying on the floor: never throw them 1.2 m up
    rig.set_posture(Posture.SEATED)
    rig.set_eye_height(rig.standing_eye_height_m)
    assert rig.lift_m() == pytest.approx(1.0)


def test_the_seated_toggle_moves_an_untracked_camera_by_the_profiles_difference():
    profile = HeadsetProfile(standing_eye_height_m=1.72)
    rig, render = make_rig(tracked=False, profile=profile)
    rig.use_natural_height()
    standing = eye_z(rig, render)
    rig.set_posture(Posture.SEATED)
    seated = eye_z(rig, render)
    assert standing - seated == pytest.approx(1.72 - SEATED_EYE_HEIGHT_M)
    assert rig.node.getZ() == 0.0, "no floor offset where nothing is tracked"
    rig.set_eye_height(rig.standing_eye_height_m)
    assert eye_z(rig, render) == pytest.approx(1.72)


def test_reset_returns_to_the_stations_default_posture():
    rig, render = make_rig(tracked=False, profile=HeadsetProfile(default_posture="seated"))
    assert rig.posture is Posture.SEATED
    rig.set_posture(Posture.STANDING)
    rig.node.setPos(3, 2, 0)
    rig.reset()
    assert rig.posture is Posture.SEATED and rig.measured_eye_height_m is None
    assert rig.node.getPos() == (0, 0, 0)
    assert eye_z(rig, render) == pytest.approx(SEATED_EYE_HEIGHT_M)


def test_recentre_puts_the_head_above_the_spot_looking_the_way_asked():
    rig, render = make_rig(tracked=True)
    rig.node.setPosHpr(1.0, -2.0, 0.05, 25.0, 0, 0)
    rig.head.setPosHpr(0.6, 0.3, 1.5, 70.0, -10.0, 4.0)  # walked off, turned, looking down
    rig.recentre((2.0, 3.0), -90.0)
    head = rig.head.getPos(render)
    assert (head.x, head.y) == pytest.approx((2.0, 3.0))
    assert head.z == pytest.approx(1.55), "recentring never changes the height"
    q = rig.head.getQuat(render)
    assert heading_deg((q.getR(), q.getI(), q.getJ(), q.getK())) == pytest.approx(-90.0)
    assert rig.node.getP() == 0.0 and rig.node.getR() == 0.0, "only yaw: the world never tilts"


def test_a_jump_is_allowed_only_where_the_real_free_floor_fits_the_room():
    room = Area(half_width_m=2.0, half_depth_m=3.0)
    rig, _ = make_rig(tracked=True)
    rig.head.setPos(0.5, 0.0, 1.6)  # half a metre right of the play area's centre
    assert rig.play_area_fits(room, (1.0, 0.0))
    assert rig.play_area_fits(room, (1.5, 0.0)), "the free floor's edge meets the wall"
    assert not rig.play_area_fits(room, (1.7, 0.0))
    assert not rig.play_area_fits(room, (-0.8, 0.0)), "1.5 m of free floor to the left"
    untracked, _ = make_rig(tracked=False)
    assert untracked.play_area_fits(room, (1.9, 2.9)), "no real room around a desktop visitor"
