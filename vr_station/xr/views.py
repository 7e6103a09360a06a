"""OpenXR poses and fields of view in Panda3D's terms (pure math, no pyopenxr or Panda3D).

OpenXR: metres, +x right, +y up, -z forward, quaternions (x, y, z, w).
Panda3D: metres, +x right, +y forward, +z up, quaternions (w, x, y, z) as ``Quat(r, i, j, k)``.
The axis change (x, y, z)_xr → (x, -z, y)_panda is a proper rotation (+90° about x), so a
rotation's axis is mapped the same way and its angle is kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calibration.body import Pose


@dataclass(frozen=True)
class EyeFov:
    """The four half-angles of one eye's asymmetric frustum, in radians (left/down negative)."""

    angle_left_rad: float
    angle_right_rad: float
    angle_up_rad: float
    angle_down_rad: float


@dataclass(frozen=True)
class LensFilm:
    """A Panda3D PerspectiveLens at focal length 1: film size and offset give the frustum."""

    width: float
    height: float
    offset_x: float
    offset_y: float


@dataclass(frozen=True)
class EyeView:
    """Where one eye is and what it sees, in Panda3D coordinates of the play space."""

    pose: Pose
    fov: EyeFov


def position_to_panda(x: float, y: float, z: float) -> tuple[float, float, float]:
    """An OpenXR position (metres) in Panda3D's axes: (x, y, z)_xr → (x, -z, y)_panda."""
    return (x, -z, y)


def quat_to_panda(x: float, y: float, z: float, w: float) -> tuple[float, float, float, float]:
    """OpenXR (x, y, z, w) → Panda3D (w, x, y, z)."""
    return (w, x, -z, y)


def pose_to_panda(position: tuple[float, float, float],
                  orientation_xyzw: tuple[float, float, float, float]) -> Pose:
    """An OpenXR pose (position, orientation x, y, z, w) as a Panda3D ``Pose``."""
    return Pose(position_to_panda(*position), quat_to_panda(*orientation_xyzw))


def position_from_panda(x: float, y: float, z: float) -> tuple[float, float, float]:
    """A Panda3D position (metres) in OpenXR's axes: (x, y, z)_panda → (x, z, -y)_xr."""
    return (x, z, -y)


def quat_from_panda(w: float, x: float, y: float, z: float) -> tuple[float, float, float, float]:
    """Panda3D (w, x, y, z) → OpenXR (x, y, z, w)."""
    return (x, z, -y, w)


def lens_film(fov: EyeFov) -> LensFilm:
    """Film size and offset for a lens with focal length 1 that has exactly this frustum."""
    left = math.tan(fov.angle_left_rad)
    right = math.tan(fov.angle_right_rad)
    up = math.tan(fov.angle_up_rad)
    down = math.tan(fov.angle_down_rad)
    return LensFilm(width=right - left, height=up - down,
                    offset_x=(right + left) / 2, offset_y=(up + down) / 2)


def heading_deg(quat_wxyz: tuple[float, float, float, float]) -> float:
    """Panda3D heading (rotation about +z, counter-clockwise seen from above) of a quaternion."""
    w, x, y, z = quat_wxyz
    # Forward (+y) rotated by q, projected on the floor.
    fx = 2 * (x * y - w * z)
    fy = 1 - 2 * (x * x + z * z)
    return math.degrees(math.atan2(-fx, fy))


def yaw_quat_xyzw(yaw_deg: float) -> tuple[float, float, float, float]:
    """An OpenXR orientation turned ``yaw_deg`` to the left (about +y)."""
    half = math.radians(yaw_deg) / 2
    return (0.0, math.sin(half), 0.0, math.cos(half))
