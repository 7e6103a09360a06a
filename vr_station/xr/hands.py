"""Hands without controllers: a pinch chooses what the hand's ray points at (pure; no pyopenxr).

XR_EXT_hand_tracking reports 26 joints per hand (``XrHandJointEXT``, OpenXR 1.0 spec 12.31:
palm, wrist, then thumb to little finger from metacarpal to tip). From them, each frame:

- **the ray** starts at the index finger's knuckle (INDEX_PROXIMAL) and points away from an
  estimated shoulder through it. The knuckle stays still while thumb and index finger close, so
  the ray does not jump at the moment of choosing; the arm's direction is what people aim
  with. (The same idea as the system pointers of Quest and HoloLens, which cast from the
  shoulder through the hand; written here from that description, not from their code.)
- **the pinch** is the select: thumb tip and index tip closer than ``PINCH_ON_M`` press,
  further apart than ``PINCH_OFF_M`` release. The gap between the two is hysteresis, so a hand
  that trembles at the threshold does not click twice.

The result is a ``ControllerInput`` with ``source='hand'``, so the station's pointing, the
gaze-dwell hand-over and the attract loop's "any press starts" treat a hand like a controller.
A hand whose controller is tracked is left to the controller (SteamVR reports Index
controllers' finger curls as hand joints too).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from calibration.body import Pose
from vr_station.display.base import ControllerInput
from vr_station.ui.geometry import Vec3, add, normalized, scale, sub

JOINT_COUNT = 26
PALM, WRIST = 0, 1
THUMB_TIP = 5
INDEX_PROXIMAL, INDEX_TIP = 7, 10
FINGERS = ((2, 3, 4, 5), (6, 7, 8, 9, 10), (11, 12, 13, 14, 15), (16, 17, 18, 19, 20),
           (21, 22, 23, 24, 25))
"""Joint indices of each finger, from the wrist outwards (thumb has no intermediate joint)."""
BONES = tuple((a, b) for finger in FINGERS for a, b in zip((WRIST, *finger), finger, strict=False))
"""Pairs of joints joined by a bone: what a simple hand drawing connects."""

PINCH_ON_M = 0.02
"""Tip centres 2 cm apart: with tip radii of about 1 cm (Monado's simulated hand: 1.0 and
1.2 cm) the skin touches."""
PINCH_OFF_M = 0.04
SHOULDER_BELOW_EYES_M = 0.18
SHOULDER_SIDEWAYS_M = 0.17
"""Where the shoulder sits relative to the eyes, for an adult (a hand ray needs only its
direction to be stable, not anatomical precision)."""


@dataclass(frozen=True)
class HandJoints:
    """One tracked hand's joints this frame, in rig coordinates (metres, x right, y forward, z up)."""

    hand: str
    """'left' or 'right'."""
    positions_m: tuple[Vec3, ...]
    """``JOINT_COUNT`` joint centres in XrHandJointEXT order."""

    def __post_init__(self) -> None:
        """A hand has all 26 joints; a partial set is a caller's bug."""
        if len(self.positions_m) != JOINT_COUNT:
            raise ValueError(f"a hand has {JOINT_COUNT} joints, got {len(self.positions_m)}")

    @property
    def pinch_gap_m(self) -> float:
        """Distance between the thumb's and the index finger's tip centres."""
        return math.dist(self.positions_m[THUMB_TIP], self.positions_m[INDEX_TIP])


def shoulder(head: Pose, hand: str) -> Vec3:
    """The estimated shoulder of ``hand`` for a head pose (rig coordinates), turned with the head's yaw."""
    w, x, y, z = head.quat
    # The head's forward (0, 1, 0) rotated by the quaternion, kept horizontal.
    forward = (2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x))
    flat = normalized((forward[0], forward[1], 0.0))
    if flat == (0.0, 0.0, 0.0):  # looking straight up or down: any sideways will do
        flat = (0.0, 1.0, 0.0)
    right = (flat[1], -flat[0], 0.0)
    side = SHOULDER_SIDEWAYS_M if hand == "right" else -SHOULDER_SIDEWAYS_M
    return add(add(head.position, scale(right, side)), (0.0, 0.0, -SHOULDER_BELOW_EYES_M))


def hand_ray(joints: HandJoints, head: Pose) -> tuple[Vec3, Vec3]:
    """The hand's ray: origin at the index knuckle, direction from the shoulder through it (unit)."""
    knuckle = joints.positions_m[INDEX_PROXIMAL]
    direction = normalized(sub(knuckle, shoulder(head, joints.hand)))
    if direction == (0.0, 0.0, 0.0):
        direction = (0.0, 1.0, 0.0)
    return knuckle, direction


def quat_towards(direction: Vec3) -> tuple[float, float, float, float]:
    """A quaternion (w, x, y, z) that turns Panda's forward (0, 1, 0) onto the unit ``direction``."""
    dx, dy, dz = direction
    w, x, z = 1.0 + dy, dz, -dx  # the shortest arc: axis forward × direction, half the angle
    norm = math.sqrt(w * w + x * x + z * z)
    if norm < 1e-9:  # straight back: half a turn about up
        return (0.0, 0.0, 0.0, 1.0)
    return (w / norm, x / norm, 0.0, z / norm)


@dataclass
class PinchDetector:
    """Pressed from a gap below ``on_m`` until it opens beyond ``off_m``."""

    on_m: float = PINCH_ON_M
    off_m: float = PINCH_OFF_M
    pressed: bool = False

    def update(self, gap_m: float) -> bool:
        """Whether the pinch is held this frame, for the tips ``gap_m`` apart."""
        if self.pressed and gap_m > self.off_m:
            self.pressed = False
        elif not self.pressed and gap_m < self.on_m:
            self.pressed = True
        return self.pressed


@dataclass
class HandPointer:
    """Both hands' joints → pointer input, one frame at a time (a pinch per hand, with memory)."""

    _pinches: dict[str, PinchDetector] = field(default_factory=dict)

    def update(self, hands: Iterable[HandJoints], head: Pose,
               controllers: Sequence[ControllerInput] = ()) -> tuple[ControllerInput, ...]:
        """The hands as ``ControllerInput`` (source 'hand'); a hand holding a tracked controller is left out.

        ``head`` is the head's pose in rig coordinates this frame.
        """
        held = {c.hand for c in controllers if c.aim is not None}
        result = []
        seen = set()
        for joints in hands:
            if joints.hand in held:
                continue
            seen.add(joints.hand)
            pinch = self._pinches.setdefault(joints.hand, PinchDetector())
            origin, direction = hand_ray(joints, head)
            pinched = pinch.update(joints.pinch_gap_m)
            # A hand has no grip button: its pinch both selects and, held, carries a task's item.
            result.append(ControllerInput(
                hand=joints.hand, aim=Pose(origin, quat_towards(direction)),
                select=pinched, thumbstick=(0.0, 0.0), menu=False,
                source="hand", joints=joints.positions_m, grip=pinched))
        for hand in list(self._pinches):
            if hand not in seen:  # a hand that left the view starts unpinched when it returns
                del self._pinches[hand]
        return tuple(result)
