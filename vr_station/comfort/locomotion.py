"""Comfortable movement: snap turn and teleport, no smooth locomotion.

Smooth artificial movement is the main cause of VR sickness for people new to it. The visitor
turns in fixed steps and teleports behind a short fade; the camera never moves unless the
visitor caused it. Pure math on floor coordinates (x right, y forward; headings in Panda3D's
convention, degrees counter-clockwise seen from above).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from vr_station.ui.geometry import Ray, Vec3

Floor = tuple[float, float]


@dataclass
class SnapTurn:
    """Turns in ``step_deg`` steps when the thumbstick is pushed sideways, once per push."""

    step_deg: float = 30.0
    press: float = 0.7
    """Thumbstick deflection that turns once."""
    release: float = 0.3
    """The stick must come back below this before it turns again."""
    _armed: bool = field(default=True, init=False)

    def update(self, stick_x: float) -> float:
        """Degrees to turn now (Panda3D: positive turns left), 0 for none."""
        if self._armed and abs(stick_x) >= self.press:
            self._armed = False
            return -self.step_deg if stick_x > 0 else self.step_deg
        if abs(stick_x) <= self.release:
            self._armed = True
        return 0.0


@dataclass(frozen=True)
class Area:
    """Where the visitor may stand: a rectangle on the floor, origin at the room's centre."""

    half_width_m: float
    half_depth_m: float
    margin_m: float = 0.4
    """Keep this far from the walls so nobody's head ends up inside one."""

    def contains(self, point: Floor) -> bool:
        """Whether ``point`` lies inside the area, ``margin_m`` clear of the walls."""
        return (abs(point[0]) <= self.half_width_m - self.margin_m
                and abs(point[1]) <= self.half_depth_m - self.margin_m)


@dataclass(frozen=True)
class Arc:
    """A teleport aim's curve, where it lands and whether the visitor may jump there."""

    points: tuple[Vec3, ...]
    """The curve drawn from the controller to the floor."""
    landing: Floor | None
    """Where it meets the floor (None: it does not within range)."""
    valid: bool
    """The landing lies inside the allowed area."""


@dataclass(frozen=True)
class PlayArea:
    """The free floor in the real room (station profile), centred on the tracking origin."""

    width_m: float
    depth_m: float


def play_area_inside(rig: RigPlacement, play: PlayArea, room: Area) -> bool:
    """Whether the real free floor, where ``rig`` puts it, lies within the room's walls.

    Then a visitor who walks to its edge does not walk through a wall. A room narrower than the
    play area (in x or y) cannot hold it that way at all and is not held to it in that direction.
    """
    corners = [_add(rig.position, _rotate((sx * play.width_m / 2, sy * play.depth_m / 2),
                                          rig.heading_deg))
               for sx in (-1, 1) for sy in (-1, 1)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    fits_x = (max(xs) - min(xs)) / 2 > room.half_width_m \
        or all(abs(x) <= room.half_width_m for x in xs)
    fits_y = (max(ys) - min(ys)) / 2 > room.half_depth_m \
        or all(abs(y) <= room.half_depth_m for y in ys)
    return fits_x and fits_y


def teleport_arc(ray: Ray, area: Area, *, speed_m_s: float = 7.0, gravity_m_s2: float = 9.81,
                 step_s: float = 0.03, max_points: int = 60,
                 fits: Callable[[Floor], bool] | None = None) -> Arc:
    """The parabola a thrown marker would fly from the controller, as teleport aids use.

    ``fits``: a further condition on the landing (the play area must fit around it).
    """
    x, y, z = ray.origin
    vx, vy, vz = (c * speed_m_s for c in ray.direction)
    points: list[Vec3] = [(x, y, z)]
    for _ in range(max_points):
        nx, ny, nz = x + vx * step_s, y + vy * step_s, z + vz * step_s
        vz -= gravity_m_s2 * step_s
        if nz <= 0.0:
            t = z / (z - nz) if z != nz else 0.0
            landing = (x + (nx - x) * t, y + (ny - y) * t)
            points.append((landing[0], landing[1], 0.0))
            valid = area.contains(landing) and (fits is None or fits(landing))
            return Arc(tuple(points), landing, valid)
        x, y, z = nx, ny, nz
        points.append((x, y, z))
    return Arc(tuple(points), None, False)


@dataclass
class TeleportAim:
    """Push the stick forward to aim, let go to jump; pull back or aim off the area to cancel."""

    press: float = 0.7
    release: float = 0.3
    aiming: bool = field(default=False, init=False)

    def update(self, stick_y: float, arc_valid: bool) -> bool:
        """True when the visitor let go while aiming at a valid spot: teleport now."""
        if not self.aiming:
            if stick_y >= self.press:
                self.aiming = True
            return False
        if stick_y <= self.release:
            self.aiming = False
            return arc_valid and stick_y > -self.press
        return False


@dataclass(frozen=True)
class RigPlacement:
    """Where the rig stands on the floor (metres) and which way it faces."""

    position: Floor
    heading_deg: float
    """Panda3D H of the rig."""


def place_head_at(rig: RigPlacement, head_in_rig: Floor, head_heading_in_rig_deg: float,
                  target: Floor, target_heading_deg: float | None = None) -> RigPlacement:
    """Move the rig so that the visitor's head (not the rig's origin) stands at ``target``.

    With ``target_heading_deg`` the rig also turns so the head looks that way; without it the
    visitor keeps facing where they face now (after a teleport they chose themselves).
    """
    heading = rig.heading_deg if target_heading_deg is None \
        else target_heading_deg - head_heading_in_rig_deg
    offset = _rotate(head_in_rig, heading)
    return RigPlacement((target[0] - offset[0], target[1] - offset[1]), heading)


def turn_about_head(rig: RigPlacement, head_in_rig: Floor, delta_deg: float) -> RigPlacement:
    """Snap-turn the rig around the visitor's head, so the turn does not also shift them."""
    head_world = _add(rig.position, _rotate(head_in_rig, rig.heading_deg))
    heading = rig.heading_deg + delta_deg
    offset = _rotate(head_in_rig, heading)
    return RigPlacement((head_world[0] - offset[0], head_world[1] - offset[1]), heading)


def _rotate(point: Floor, heading_deg: float) -> Floor:
    """Rotate by a Panda3D heading (counter-clockwise seen from above)."""
    rad = math.radians(heading_deg)
    c, s = math.cos(rad), math.sin(rad)
    return (point[0] * c - point[1] * s, point[0] * s + point[1] * c)


def _add(a: Floor, b: Floor) -> Floor:
    return (a[0] + b[0], a[1] + b[1])
