"""Ray picking and angular sizes, the math every button and text size depends on."""

from __future__ import annotations

import math

import pytest

from vr_station.ui.geometry import (
    Ray,
    Rect3D,
    angle_between_deg,
    angle_for_size_deg,
    floor_hit,
    heading_vector,
    intersect,
    normalized,
    size_for_angle_m,
)

# A 1 m × 0.5 m panel two metres ahead at eye height, facing the visitor (its front is -y).
PANEL = Rect3D(center=(0.0, 2.0, 1.6), right=(1.0, 0.0, 0.0), up=(0.0, 0.0, 1.0),
               half_width_m=0.5, half_height_m=0.25)
EYE = (0.0, 0.0, 1.6)


def test_the_front_of_a_panel_faces_the_visitor():
    assert PANEL.normal == (0.0, -1.0, 0.0)


def test_a_ray_through_the_centre_hits_at_the_centre():
    hit = intersect(Ray(EYE, (0.0, 1.0, 0.0)), PANEL)
    assert hit is not None
    assert hit.distance_m == pytest.approx(2.0)
    assert (hit.u, hit.v) == pytest.approx((0.0, 0.0))


def test_hit_coordinates_run_from_minus_one_to_one_across_the_panel():
    to_corner = normalized((0.4, 2.0, 0.2))
    hit = intersect(Ray(EYE, to_corner), PANEL)
    assert (hit.u, hit.v) == pytest.approx((0.8, 0.8))


def test_rays_beside_behind_or_parallel_to_the_panel_miss():
    assert intersect(Ray(EYE, normalized((0.6, 2.0, 0.0))), PANEL) is None
    assert intersect(Ray(EYE, (0.0, -1.0, 0.0)), PANEL) is None
    assert intersect(Ray(EYE, (1.0, 0.0, 0.0)), PANEL) is None
    behind = Ray((0.0, 3.0, 1.6), (0.0, -1.0, 0.0))
    assert intersect(behind, PANEL) is None, "the back of a panel is not clickable"


def test_a_margin_makes_the_edge_easier_to_hit():
    just_outside = Ray(EYE, normalized((0.505, 2.0, 0.0)))
    assert intersect(just_outside, PANEL) is None
    assert intersect(just_outside, PANEL, margin_m=0.01) is not None


def test_angular_size_and_size_are_inverse():
    size = size_for_angle_m(1.6, 2.0)
    assert size == pytest.approx(0.05585, abs=1e-4)
    assert angle_for_size_deg(size, 2.0) == pytest.approx(1.6)


def test_angle_between_vectors():
    assert angle_between_deg((1, 0, 0), (0, 1, 0)) == pytest.approx(90.0)
    assert angle_between_deg((1, 0, 0), (2, 0, 0)) == pytest.approx(0.0)


def test_content_headings_turn_clockwise_from_forward():
    assert heading_vector(0) == pytest.approx((0.0, 1.0, 0.0))
    assert heading_vector(90) == pytest.approx((1.0, 0.0, 0.0))


def test_floor_hit_only_for_rays_pointing_down():
    down = Ray((0.0, 0.0, 1.0), normalized((0.0, 1.0, -1.0)))
    assert floor_hit(down) == pytest.approx((0.0, 1.0, 0.0))
    assert floor_hit(Ray((0.0, 0.0, 1.0), (0.0, 1.0, 0.0))) is None
    assert math.isclose(floor_hit(Ray((0, 0, 2.0), (0, 0, -1.0)))[2], 0.0)
