"""The visitor's rig: the tracking space on the floor, moved by teleports and turns.

Teleports and turns move the rig, never the head, so the headset's own tracking is never
overridden.

Seated or standing: in a headset the head's height comes from tracking, so a seated visitor is
lifted by moving the rig up (to see a workplace at standing eye height) and a standing one is
lowered into the interview chair; without tracking (desktop, headless) the head itself is set.
The station profile says where the real floor is (``floor_offset_m``, added to tracked
heights), the eye height seated visitors are lifted to and how much real floor there is; the
quick check says how tall this visitor's eyes are while seated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from panda3d.core import NodePath, Quat

from calibration.body import Pose, Posture
from calibration.headset import MAX_SEATED_LIFT_M, recentre
from calibration.profile import HeadsetProfile
from vr_station.comfort.locomotion import (
    Area,
    Floor,
    PlayArea,
    RigPlacement,
    place_head_at,
    play_area_inside,
    turn_about_head,
)
from vr_station.display.base import ControllerInput, DisplayMode
from vr_station.display.settings import SEATED_EYE_HEIGHT_M
from vr_station.ui.geometry import Ray, Vec3, normalized, panda_heading_deg


@dataclass(frozen=True)
class HandRay:
    """One controller's aim as a world-space ray, with its buttons and thumbstick this frame."""

    hand: str
    ray: Ray
    """World space."""
    select: bool
    thumbstick: tuple[float, float]
    menu: bool
    source: str = "controller"
    """'controller' or 'hand' (a tracked hand; select is its pinch)."""
    grip: bool = False
    """Squeeze held (a tracked hand: its pinch)."""


class Rig:
    """The visitor's rig and head in the scene: where they stand, look and point, and their eye height.

    ``tracks_head``: a headset tracks the head (the rig is lifted for a seated visitor); else the
    display sets the head's height. ``headset`` is the station profile's floor, posture and play
    area (defaults without one).
    """

    def __init__(self, render: NodePath, display: DisplayMode, *, tracks_head: bool,
                 headset: HeadsetProfile | None = None) -> None:
        headset = headset or HeadsetProfile()
        self.render = render
        self.display = display
        self.tracks_head = tracks_head
        self.node = render.attachNewNode("rig")
        self.head = display.bind(self.node)
        self.floor_offset_m = headset.floor_offset_m if tracks_head else 0.0
        """Nothing to correct where nothing is tracked."""
        self.default_posture = Posture(headset.default_posture)
        self.posture = self.default_posture
        self.seated_eye_height_m = SEATED_EYE_HEIGHT_M
        """The interview chair's eye height; a seated visitor's, where nothing measured it."""
        self.standing_eye_height_m = headset.standing_eye_height_m
        self.play_area = PlayArea(headset.play_area_width_m, headset.play_area_depth_m)
        self.measured_eye_height_m: float | None = None
        """This visitor's eye height above the floor when they chose their posture (tracked)."""
        self._view_eye_height_m: float | None = None
        """The eye height the current scene wants to be seen from; None: the visitor's own."""

    # Where the visitor is ------------------------------------------------------------------

    def head_position(self) -> Vec3:
        """Where the visitor's eyes are, in world coordinates (metres)."""
        p = self.head.getPos(self.render)
        return (p[0], p[1], p[2])

    def head_forward(self) -> Vec3:
        """The unit direction the visitor looks, in world coordinates."""
        v = self.render.getRelativeVector(self.head, (0, 1, 0))
        return normalized((v[0], v[1], v[2]))

    def head_pose_in_rig(self) -> Pose:
        """The head as tracked: rig (tracking) space, without the floor offset or any lift."""
        p, q = self.head.getPos(), self.head.getQuat()
        return Pose((p[0], p[1], p[2]), (q.getR(), q.getI(), q.getJ(), q.getK()))

    def tracked_eye_height_m(self) -> float | None:
        """The visitor's eye height above the real floor now; None where nothing is tracked."""
        return self.head.getZ() + self.floor_offset_m if self.tracks_head else None

    def head_yaw_deg(self) -> float:
        """Panda3D heading of where the head faces, in the world."""
        forward = self.head_forward()
        return math.degrees(math.atan2(-forward[0], forward[1]))

    def gaze_ray(self) -> Ray:
        """The ray from the eyes along the view, for gaze dwell."""
        return Ray(self.head_position(), self.head_forward())

    def hand_rays(self, controllers: Sequence[ControllerInput]) -> list[HandRay]:
        """A world-space ray per tracked controller (untracked ones are left out)."""
        rays = []
        for controller in controllers:
            if controller.aim is None:
                continue
            origin = self.render.getRelativePoint(self.node, controller.aim.position)
            w, x, y, z = controller.aim.quat
            forward = Quat(w, x, y, z).getForward()
            direction = self.render.getRelativeVector(self.node, forward)
            rays.append(HandRay(controller.hand,
                                Ray((origin[0], origin[1], origin[2]),
                                    normalized((direction[0], direction[1], direction[2]))),
                                controller.select, controller.thumbstick, controller.menu,
                                controller.source, controller.grip))
        return rays

    # Moving the visitor (only ever because they asked) -------------------------------------

    def placement(self) -> RigPlacement:
        """Where the rig stands on the floor now, and its Panda3D heading."""
        return RigPlacement((self.node.getX(), self.node.getY()), self.node.getH())

    def _head_in_rig(self) -> tuple[tuple[float, float], float]:
        p = self.head.getPos()
        return (p[0], p[1]), self.head.getH()

    def place_head(self, floor: tuple[float, float], heading_deg: float | None = None) -> None:
        """Put the visitor's head above ``floor``.

        With a content heading (0 = +y, 90 = +x), also turn them to face it.
        """
        head_xy, head_h = self._head_in_rig()
        target_h = panda_heading_deg(heading_deg) if heading_deg is not None else None
        placed = place_head_at(self.placement(), head_xy, head_h, floor, target_h)
        self.node.setPos(placed.position[0], placed.position[1], self.node.getZ())
        self.node.setH(placed.heading_deg)

    def snap_turn(self, delta_deg: float) -> None:
        """Turn the visitor by ``delta_deg`` (positive: left) around their own head."""
        head_xy, _ = self._head_in_rig()
        turned = turn_about_head(self.placement(), head_xy, delta_deg)
        self.node.setPos(turned.position[0], turned.position[1], self.node.getZ())
        self.node.setH(turned.heading_deg)

    def recentre(self, target: Floor, heading_deg: float) -> None:
        """Turn and shift the rig so the visitor's head is above ``target``, facing ``heading_deg``.

        ``heading_deg`` is a Panda3D heading; this works wherever the visitor has turned or walked to
        in the room.
        """
        placed = recentre(self.head_pose_in_rig(), target_xy_m=target,
                          target_heading_deg=heading_deg)
        self.node.setPos(placed.position_m[0], placed.position_m[1], self.node.getZ())
        self.node.setH(placed.heading_deg)

    def play_area_fits(self, room: Area, landing: Floor) -> bool:
        """Would the real free floor stay inside the room after a teleport to ``landing``?"""
        if not self.tracks_head:
            return True
        head_xy, head_h = self._head_in_rig()
        return play_area_inside(place_head_at(self.placement(), head_xy, head_h, landing),
                                self.play_area, room)

    # Height ----------------------------------------------------------------------------------

    def set_posture(self, posture: Posture, eye_height_m: float | None = None) -> None:
        """The visitor now stands or sits.

        ``eye_height_m``: their eye height above the floor in that posture, as the quick check
        measured it; None: as tracked right now.
        """
        self.posture = posture
        self.measured_eye_height_m = eye_height_m if eye_height_m is not None \
            else self.tracked_eye_height_m()
        self._apply_height()

    def natural_eye_height_m(self) -> float:
        """The visitor's own eye height as far as the station knows it, in metres.

        A standing visitor counts as at standing eye height: the workplaces never lower or lift
        someone standing.
        """
        if self.posture is Posture.STANDING:
            return self.standing_eye_height_m
        if self.tracks_head and self.measured_eye_height_m is not None:
            return self.measured_eye_height_m
        return self.seated_eye_height_m

    def lift_m(self) -> float:
        """How far the rig is raised above the real floor for the current view (tracked)."""
        return self.node.getZ() - self.floor_offset_m

    def set_eye_height(self, eye_height_m: float) -> None:
        """The eye height the scene should be seen from, whatever the visitor's real posture.

        Standing in a workplace, seated at the interview desk.
        """
        self._view_eye_height_m = eye_height_m
        self._apply_height()

    def use_natural_height(self) -> None:
        """Eye height as the visitor really is (lobby and menus)."""
        self._view_eye_height_m = None
        self._apply_height()

    def _apply_height(self) -> None:
        natural = self.natural_eye_height_m()
        wanted = natural if self._view_eye_height_m is None else self._view_eye_height_m
        if self.tracks_head:
            lift = max(-MAX_SEATED_LIFT_M, min(MAX_SEATED_LIFT_M, wanted - natural))
            self.node.setZ(self.floor_offset_m + lift)
        else:
            self.node.setZ(0.0)
            self.display.set_untracked_eye_height(wanted)

    def reset(self) -> None:
        """For the next visitor: the room's origin, the station's default posture."""
        self.node.setPosHpr(0, 0, 0, 0, 0, 0)
        self.posture = self.default_posture
        self.measured_eye_height_m = None
        self.use_natural_height()

    def destroy(self) -> None:
        """Remove the rig, with the head and everything below it, from the scene."""
        self.node.removeNode()
