"""Snap turn and teleport: discrete, predictable, and only when the visitor asks."""

from __future__ import annotations

import pytest

from vr_station.comfort.locomotion import (
    Area,
    PlayArea,
    RigPlacement,
    SnapTurn,
    TeleportAim,
    place_head_at,
    play_area_inside,
    teleport_arc,
    turn_about_head,
)
from vr_station.ui.geometry import Ray, normalized

ROOM = Area(half_width_m=5.0, half_depth_m=4.0)


def test_snap_turn_turns_once_per_push_and_needs_the_stick_back_to_centre():
    turn = SnapTurn(step_deg=30)
    turns = [turn.update(x) for x in (0.0, 0.8, 0.9, 1.0, 0.5, 0.2, 0.9, -0.9, 0.0, -0.9)]
    assert turns == [0, -30, 0, 0, 0, 0, -30, 0, 0, 30]


def test_teleport_happens_on_release_after_aiming_at_a_valid_spot():
    aim = TeleportAim()
    assert [aim.update(y, True) for y in (0.0, 0.8, 0.9, 0.5, 0.1)] == [False] * 4 + [True]
    assert not aim.aiming


def test_releasing_while_aiming_at_an_invalid_spot_does_not_teleport():
    aim = TeleportAim()
    aim.update(0.9, False)
    assert aim.update(0.0, False) is False


def test_the_arc_lands_in_front_on_the_floor():
    arc = teleport_arc(Ray((0.0, 0.0, 1.2), normalized((0.0, 1.0, 0.3))), ROOM)
    assert arc.landing is not None
    x, y = arc.landing
    assert x == pytest.approx(0.0) and 2.0 < y < 6.0
    assert arc.points[-1][2] == pytest.approx(0.0)
    assert all(p[2] >= 0.0 for p in arc.points)


def test_an_arc_landing_outside_the_room_is_not_valid():
    arc = teleport_arc(Ray((0.0, 3.5, 1.2), normalized((0.0, 1.0, 0.5))), ROOM)
    assert arc.landing is not None and not arc.valid


def test_an_arc_pointing_at_the_sky_finds_no_floor_in_range():
    arc = teleport_arc(Ray((0.0, 0.0, 1.2), (0.0, 0.0, 1.0)), ROOM, max_points=10)
    assert arc.landing is None and not arc.valid


def test_teleport_puts_the_head_not_the_rig_origin_on_the_target():
    rig = RigPlacement((0.0, 0.0), 0.0)
    head_in_rig = (0.3, -0.2)  # the visitor stands off-centre in their play area
    placed = place_head_at(rig, head_in_rig, 0.0, (2.0, 1.0))
    assert placed.position == pytest.approx((1.7, 1.2))
    assert placed.heading_deg == 0.0


def test_teleport_to_a_viewpoint_turns_the_rig_so_the_head_faces_the_viewpoint_heading():
    rig = RigPlacement((0.0, 0.0), 0.0)
    placed = place_head_at(rig, (0.0, 0.0), 20.0, (1.0, 1.0), target_heading_deg=-90.0)
    assert placed.heading_deg == pytest.approx(-110.0)
    assert placed.position == pytest.approx((1.0, 1.0))


def test_snap_turn_keeps_the_head_where_it_is():
    rig = RigPlacement((1.0, 1.0), 0.0)
    head_in_rig = (0.5, 0.0)
    turned = turn_about_head(rig, head_in_rig, 90.0)
    assert turned.heading_deg == pytest.approx(90.0)
    # Head was at (1.5, 1.0) in the world; after the turn it is still there.
    import math
    rad = math.radians(turned.heading_deg)
    head = (turned.position[0] + 0.5 * math.cos(rad), turned.position[1] + 0.5 * math.sin(rad))
    assert head == pytest.approx((1.5, 1.0))


def test_the_real_free_floor_must_stay_inside_the_walls_after_a_jump():
    room = Area(half_width_m=2.0, half_depth_m=2.0)
    play = PlayArea(2.0, 2.0)
    assert play_area_inside(RigPlacement((0.0, 0.0), 0.0), play, room)
    assert play_area_inside(RigPlacement((1.0, -1.0), 0.0), play, room), "edge on the wall"
    assert not play_area_inside(RigPlacement((1.2, 0.0), 0.0), play, room)
    # Turned 45°, the square's corners reach 1.41 m from its centre.
    assert not play_area_inside(RigPlacement((0.7, 0.0), 45.0), play, room)
    assert play_area_inside(RigPlacement((0.5, 0.0), 45.0), play, room)


def test_a_room_narrower_than_the_play_area_is_not_held_to_it_in_that_direction():
    corridor = Area(half_width_m=0.8, half_depth_m=4.0)
    play = PlayArea(2.0, 2.0)
    assert play_area_inside(RigPlacement((0.5, 2.5), 0.0), play, corridor)
    assert not play_area_inside(RigPlacement((0.5, 3.5), 0.0), play, corridor)


def test_an_arc_whose_landing_leaves_no_room_to_walk_is_not_valid():
    ray = Ray((0.0, 0.0, 1.2), normalized((0.0, 1.0, -0.2)))
    free = teleport_arc(ray, ROOM)
    assert free.valid and free.landing is not None
    blocked = teleport_arc(ray, ROOM, fits=lambda landing: landing[1] < free.landing[1] - 1)
    assert blocked.landing == free.landing and not blocked.valid
