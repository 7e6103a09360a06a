"""Floor height, seated mode and recentring: pure geometry on head poses.

The app hands in head poses as it gets them from the display mode: rig (tracking) space,
Panda3D axes (metres, x right, y forward, z up), orientation as a (w, x, y, z) quaternion; see
``vr_station.display.base.Pose``. What comes back is a number or a rig placement for the app
to apply; nothing here talks to OpenXR or Panda3D, so the staff menu in VR, the station PC
and the tests all use the same functions.

Heights: height above the real floor = tracked height + ``floor_offset_m`` (+ the seated lift,
which raises the rig so a seated visitor sees from standing eye height).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from calibration.body import Pose

EYE_TO_BODY_HEIGHT = 0.932
"""Eye height over body height, standing: DIN 33402-2 medians, 1.630/1.750 m (men) and
1.515/1.625 m (women), both 0.93."""
SEATED_BELOW_EYE_HEIGHT_M = 1.38
"""Eyes lower than this are a seated visitor (or a wheelchair user): between the standing eye
height of small women (DIN 33402-2 5th percentile, 1.435 m) and the seated eye height of tall
men on a 50 cm chair (0.855 + 0.5 m)."""
MAX_SEATED_LIFT_M = 1.0
UPRIGHT_MAX_TILT_DEG = 12.0
"""Looking ahead: pitch and roll within this."""
UPRIGHT_MAX_SWAY_M = 0.03
"""Standing still: tracked height varies less than this over the samples."""
UPRIGHT_MIN_SAMPLES = 5
PLAUSIBLE_STANDING_EYE_HEIGHT_M = (1.2, 2.1)
PLAUSIBLE_SEATED_EYE_HEIGHT_M = (0.8, 1.5)


@dataclass(frozen=True)
class UprightReading:
    """The result of "stand upright and look straight ahead"."""

    head_height_m: float | None
    """Tracked head (eye) height, median of the samples; None when the reading is unusable."""
    problem: str | None
    """Why it is unusable: no_samples, looking_up_or_down, head_tilted or moving."""


@dataclass(frozen=True)
class FloorEstimate:
    """The floor offset for tracked heights, and how it was found (or why it could not be)."""

    floor_offset_m: float | None
    """Added to tracked heights to get heights above the floor; None: cannot tell."""
    source: str
    """stage (the runtime's floor), measured (upright reading and body height) or none."""
    problem: str | None = None


@dataclass(frozen=True)
class RigPlacement:
    """Where the app puts the rig (the visitor's tracking space) in the scene."""

    position_m: tuple[float, float, float]
    heading_deg: float
    """Panda3D heading: counter-clockwise seen from above, 0 = the scene's +y."""


def forward_vector(quat: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Where the head looks: the rotated +y axis."""
    w, x, y, z = _normalised(quat)
    return (2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x))


def up_vector(quat: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Where the top of the head points: the rotated +z axis."""
    w, x, y, z = _normalised(quat)
    return (2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y))


def right_vector(quat: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """The head's right: the rotated +x axis."""
    w, x, y, z = _normalised(quat)
    return (1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y))


def heading_deg(quat: tuple[float, float, float, float]) -> float:
    """Yaw as Panda3D's H: 0 looking along +y, +90 looking along −x (turned left)."""
    fx, fy, fz = forward_vector(quat)
    if math.hypot(fx, fy) < 1e-6:  # looking straight up or down: take it from the head's top
        ux, uy, _ = up_vector(quat)
        fx, fy = (-ux, -uy) if fz > 0 else (ux, uy)
    return math.degrees(math.atan2(-fx, fy))


def pitch_deg(quat: tuple[float, float, float, float]) -> float:
    """Up (+) or down (−) from level, as Panda3D's P."""
    return math.degrees(math.asin(max(-1.0, min(1.0, forward_vector(quat)[2]))))


def roll_deg(quat: tuple[float, float, float, float]) -> float:
    """Sideways tilt of the head, as Panda3D's R."""
    return math.degrees(math.atan2(-right_vector(quat)[2], up_vector(quat)[2]))


def read_upright(poses: Sequence[Pose]) -> UprightReading:
    """Head height from poses sampled while someone stands upright and looks ahead (~0.5 s)."""
    if len(poses) < UPRIGHT_MIN_SAMPLES:
        return UprightReading(None, "no_samples")
    if any(abs(pitch_deg(p.quat)) > UPRIGHT_MAX_TILT_DEG for p in poses):
        return UprightReading(None, "looking_up_or_down")
    if any(abs(roll_deg(p.quat)) > UPRIGHT_MAX_TILT_DEG for p in poses):
        return UprightReading(None, "head_tilted")
    heights = [p.position[2] for p in poses]
    if max(heights) - min(heights) > UPRIGHT_MAX_SWAY_M:
        return UprightReading(None, "moving")
    return UprightReading(median(heights), None)


def eye_height_from_body_height_m(body_height_m: float) -> float:
    """Standing eye height of someone ``body_height_m`` tall (``EYE_TO_BODY_HEIGHT``)."""
    return body_height_m * EYE_TO_BODY_HEIGHT


def floor_from_upright(reading: UprightReading, eye_height_m: float) -> FloorEstimate:
    """Someone whose standing eye height is known stood upright: the floor lies that far below."""
    if reading.head_height_m is None:
        return FloorEstimate(None, "none", reading.problem)
    return FloorEstimate(round(eye_height_m - reading.head_height_m, 3), "measured")


def floor_from_stage(head_height_in_stage_m: float, posture: str = "standing") -> FloorEstimate:
    """The runtime's STAGE space has its origin on the floor, if the runtime knows the floor.

    Some runtimes offer STAGE without a room set-up and put it at the head (a simulated
    headset does); a head height that no standing or seated person has gives that away, and
    the floor must then be measured.
    """
    low, high = (PLAUSIBLE_SEATED_EYE_HEIGHT_M if posture == "seated"
                 else PLAUSIBLE_STANDING_EYE_HEIGHT_M)
    if not low <= head_height_in_stage_m <= high:
        return FloorEstimate(None, "none", "stage_floor_implausible")
    return FloorEstimate(0.0, "stage")


def posture_for_eye_height(eye_height_m: float) -> str:
    """``seated`` for eyes (above the floor) below ``SEATED_BELOW_EYE_HEIGHT_M``, else ``standing``."""
    return "seated" if eye_height_m < SEATED_BELOW_EYE_HEIGHT_M else "standing"


def seated_lift_m(eye_height_m: float, standing_eye_height_m: float) -> float:
    """How far to raise the rig so seated eyes see from standing eye height (0 … 1 m)."""
    return round(min(MAX_SEATED_LIFT_M, max(0.0, standing_eye_height_m - eye_height_m)), 3)


def recentre(head: Pose, *, target_xy_m: tuple[float, float] = (0.0, 0.0),
             target_heading_deg: float = 0.0, rig_height_m: float = 0.0) -> RigPlacement:
    """The rig placement that puts the head above ``target_xy_m`` looking along ``target_heading_deg``.

    Only yaw turns: tilting the world would make the visitor sick. ``rig_height_m``: floor
    offset plus seated lift.
    """
    rig_heading = _wrap(target_heading_deg - heading_deg(head.quat))
    theta = math.radians(rig_heading)
    hx, hy = head.position[0], head.position[1]
    turned_x = hx * math.cos(theta) - hy * math.sin(theta)
    turned_y = hx * math.sin(theta) + hy * math.cos(theta)
    return RigPlacement((target_xy_m[0] - turned_x, target_xy_m[1] - turned_y, rig_height_m),
                        rig_heading)


def head_in_scene(head: Pose, rig: RigPlacement) -> tuple[tuple[float, float, float], float]:
    """Where the rig placement puts the head: (position, heading). For checks and tests."""
    theta = math.radians(rig.heading_deg)
    x, y, z = head.position
    position = (rig.position_m[0] + x * math.cos(theta) - y * math.sin(theta),
                rig.position_m[1] + x * math.sin(theta) + y * math.cos(theta),
                rig.position_m[2] + z)
    return position, _wrap(rig.heading_deg + heading_deg(head.quat))


def _wrap(angle_deg: float) -> float:
    """Into [−180, 180)."""
    return (angle_deg + 180.0) % 360.0 - 180.0


def _normalised(quat: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    norm = math.sqrt(sum(c * c for c in quat))
    if norm == 0.0:
        raise ValueError("a head orientation quaternion cannot be all zero")
    w, x, y, z = (c / norm for c in quat)
    return w, x, y, z
