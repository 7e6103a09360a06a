"""Pure geometry for world-space UI: angular sizes, rays and the rectangles they hit.

Panda3D coordinates: metres, x right, y forward, z up. Vectors are plain 3-tuples so that this
module (and its tests) need no Panda3D.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Vec3 = tuple[float, float, float]


def add(a: Vec3, b: Vec3) -> Vec3:
    """The sum ``a`` + ``b``."""
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec3, b: Vec3) -> Vec3:
    """The difference ``a`` − ``b``."""
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec3, k: float) -> Vec3:
    """``a`` scaled by ``k``."""
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec3, b: Vec3) -> float:
    """The dot product ``a`` · ``b``."""
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec3, b: Vec3) -> Vec3:
    """The cross product ``a`` × ``b`` (right-handed)."""
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def length(a: Vec3) -> float:
    """The length of ``a`` (metres for a position or offset)."""
    return math.sqrt(dot(a, a))


def normalized(a: Vec3) -> Vec3:
    """``a`` scaled to unit length; ValueError for the zero vector."""
    n = length(a)
    if n == 0.0:
        raise ValueError("cannot normalise a zero vector")
    return scale(a, 1.0 / n)


def angle_between_deg(a: Vec3, b: Vec3) -> float:
    """The angle between two directions, in degrees (0 … 180)."""
    cosine = dot(normalized(a), normalized(b))
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def size_for_angle_m(angle_deg: float, distance_m: float) -> float:
    """The height an object needs to cover ``angle_deg`` of the visitor's view at a distance."""
    return 2.0 * distance_m * math.tan(math.radians(angle_deg) / 2.0)


def angle_for_size_deg(size_m: float, distance_m: float) -> float:
    """The angle in degrees that ``size_m`` covers at ``distance_m`` (inverse of ``size_for_angle_m``)."""
    return math.degrees(2.0 * math.atan2(size_m / 2.0, distance_m))


def heading_vector(heading_deg: float) -> Vec3:
    """Floor direction for a content heading (0 faces +y, 90 faces +x)."""
    rad = math.radians(heading_deg)
    return (math.sin(rad), math.cos(rad), 0.0)


def panda_heading_deg(heading_deg: float) -> float:
    """Panda3D's H for a content heading: Panda turns counter-clockwise seen from above."""
    return -heading_deg


@dataclass(frozen=True)
class Ray:
    """A half-line from ``origin`` along ``direction``: a controller's aim, the gaze or the mouse."""

    origin: Vec3
    direction: Vec3
    """Unit length."""

    def at(self, distance_m: float) -> Vec3:
        """The point ``distance_m`` metres along the ray."""
        return add(self.origin, scale(self.direction, distance_m))


@dataclass(frozen=True)
class Rect3D:
    """A flat rectangle in space: a panel or a button on it, facing along ``normal``."""

    center: Vec3
    right: Vec3
    """Unit vector along the rectangle's width."""
    up: Vec3
    """Unit vector along its height."""
    half_width_m: float
    half_height_m: float

    @property
    def normal(self) -> Vec3:
        """Points towards the side the rectangle is seen from (its front)."""
        return cross(self.right, self.up)


@dataclass(frozen=True)
class Hit:
    """Where a ray hits a rectangle: distance along the ray and position across it."""

    distance_m: float
    u: float
    """-1 (left edge) … 1 (right edge)."""
    v: float
    """-1 (bottom) … 1 (top)."""


def intersect(ray: Ray, rect: Rect3D, *, margin_m: float = 0.0) -> Hit | None:
    """Where ``ray`` hits the front of ``rect`` (grown by ``margin_m`` on each side), if it does."""
    normal = rect.normal
    facing = dot(ray.direction, normal)
    if facing >= -1e-9:  # parallel, or hitting the back of the panel
        return None
    distance = dot(sub(rect.center, ray.origin), normal) / facing
    if distance < 0.0:
        return None
    offset = sub(ray.at(distance), rect.center)
    x, y = dot(offset, rect.right), dot(offset, rect.up)
    if abs(x) > rect.half_width_m + margin_m or abs(y) > rect.half_height_m + margin_m:
        return None
    return Hit(distance, x / rect.half_width_m, y / rect.half_height_m)


def floor_hit(ray: Ray, floor_z_m: float = 0.0) -> Vec3 | None:
    """Where a ray pointing downwards meets the floor plane."""
    if ray.direction[2] >= -1e-6:
        return None
    distance = (floor_z_m - ray.origin[2]) / ray.direction[2]
    return ray.at(distance) if distance >= 0.0 else None
