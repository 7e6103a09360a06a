"""OpenXR → Panda3D pose and lens maths, checked against Panda3D's own transforms."""

from __future__ import annotations

import math

import pytest
from panda3d.core import LPoint3f, LVector3f, NodePath, PerspectiveLens, Point2, Quat

from vr_station.xr.views import (
    EyeFov,
    heading_deg,
    lens_film,
    pose_to_panda,
    position_from_panda,
    quat_from_panda,
    quat_to_panda,
    yaw_quat_xyzw,
)


def _forward(quat_wxyz: tuple[float, float, float, float]) -> LVector3f:
    return Quat(*quat_wxyz).xform(LVector3f(0, 1, 0))


def test_axes_map_to_panda() -> None:
    # OpenXR: 1.6 m up and 0.5 m ahead (-z) → Panda: z up, +y ahead.
    pose = pose_to_panda((0.2, 1.6, -0.5), (0.0, 0.0, 0.0, 1.0))
    assert pose.position == (0.2, 0.5, 1.6)
    assert pose.quat == (1.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize("yaw", [0.0, 30.0, 90.0, -45.0, 170.0])
def test_turning_left_in_openxr_is_a_positive_panda_heading(yaw: float) -> None:
    quat = quat_to_panda(*yaw_quat_xyzw(yaw))
    assert heading_deg(quat) == pytest.approx(yaw, abs=1e-6)
    node = NodePath("n")
    node.setQuat(Quat(*quat))
    assert node.getH() == pytest.approx(yaw, abs=1e-4)
    forward = _forward(quat)
    assert forward.x == pytest.approx(-math.sin(math.radians(yaw)), abs=1e-6)


def test_looking_up_in_openxr_pitches_up_in_panda() -> None:
    half = math.radians(20) / 2  # +20° about OpenXR +x: the view tilts up
    quat = quat_to_panda(math.sin(half), 0.0, 0.0, math.cos(half))
    node = NodePath("n")
    node.setQuat(Quat(*quat))
    assert node.getP() == pytest.approx(20.0, abs=1e-4)


def test_conversions_round_trip() -> None:
    assert position_from_panda(*pose_to_panda((1.0, 2.0, 3.0), (0, 0, 0, 1)).position) == (1.0, 2.0, 3.0)
    xyzw = (0.1, 0.2, 0.3, math.sqrt(1 - 0.14))
    assert quat_from_panda(*quat_to_panda(*xyzw)) == pytest.approx(xyzw)


def test_lens_film_reproduces_an_asymmetric_frustum() -> None:
    fov = EyeFov(angle_left_rad=-0.80, angle_right_rad=0.70, angle_up_rad=0.75, angle_down_rad=-0.85)
    film = lens_film(fov)
    lens = PerspectiveLens()
    lens.setFilmSize(film.width, film.height)
    lens.setFilmOffset(film.offset_x, film.offset_y)
    lens.setFocalLength(1.0)
    # A point on each frustum edge, 2 m ahead, projects onto the edge of the film (±1).
    corners = {
        "left": (LPoint3f(2 * math.tan(fov.angle_left_rad), 2, 0), 0, -1),
        "right": (LPoint3f(2 * math.tan(fov.angle_right_rad), 2, 0), 0, 1),
        "up": (LPoint3f(0, 2, 2 * math.tan(fov.angle_up_rad)), 1, 1),
        "down": (LPoint3f(0, 2, 2 * math.tan(fov.angle_down_rad)), 1, -1),
    }
    for name, (point, axis, edge) in corners.items():
        projected = Point2()
        lens.project(point, projected)  # False on the edge itself: only the value counts
        assert projected[axis] == pytest.approx(edge, abs=1e-4), name
