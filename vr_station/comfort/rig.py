"""The visitor's rig: the tracking space on the floor. Teleports and turns move the rig, never
the head, so the headset's own tracking is never overridden.

Seated or standing: in a headset the head's height comes from tracking, so a seated visitor is
lifted by moving the rig up (to see a workplace at standing eye height) and a standing one is
lowered into the interview chair; without tracking (desktop, headless) the head itself is set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from panda3d.core import NodePath, Quat

from vr_station.comfort.locomotion import RigPlacement, place_head_at, turn_about_head
from vr_station.display.base import ControllerInput, DisplayMode
from vr_station.display.settings import SEATED_EYE_HEIGHT_M, STANDING_EYE_HEIGHT_M
from vr_station.session import Posture
from vr_station.ui.geometry import Ray, Vec3, normalized, panda_heading_deg


@dataclass(frozen=True)
class HandRay:
    hand: str
    ray: Ray
    """World space."""
    select: bool
    thumbstick: tuple[float, float]
    menu: bool


class Rig:
    def __init__(self, render: NodePath, display: DisplayMode, *, tracks_head: bool) -> None:
        self.render = render
        self.display = display
        self.tracks_head = tracks_head
        self.node = render.attachNewNode("rig")
        self.head = display.bind(self.node)
        self.posture = Posture.STANDING
        self.seated_eye_height_m = SEATED_EYE_HEIGHT_M
        self.standing_eye_height_m = STANDING_EYE_HEIGHT_M

    # Where the visitor is ------------------------------------------------------------------

    def head_position(self) -> Vec3:
        p = self.head.getPos(self.render)
        return (p[0], p[1], p[2])

    def head_forward(self) -> Vec3:
        v = self.render.getRelativeVector(self.head, (0, 1, 0))
        return normalized((v[0], v[1], v[2]))

    def head_yaw_deg(self) -> float:
        """Panda3D heading of where the head faces, in the world."""
        forward = self.head_forward()
        return math.degrees(math.atan2(-forward[0], forward[1]))

    def gaze_ray(self) -> Ray:
        return Ray(self.head_position(), self.head_forward())

    def hand_rays(self, controllers: Sequence[ControllerInput]) -> list[HandRay]:
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
                                controller.select, controller.thumbstick, controller.menu))
        return rays

    # Moving the visitor (only ever because they asked) -------------------------------------

    def placement(self) -> RigPlacement:
        return RigPlacement((self.node.getX(), self.node.getY()), self.node.getH())

    def _head_in_rig(self) -> tuple[tuple[float, float], float]:
        p = self.head.getPos()
        return (p[0], p[1]), self.head.getH()

    def place_head(self, floor: tuple[float, float], heading_deg: float | None = None) -> None:
        """Put the visitor's head above ``floor``; with a content heading (0 = +y, 90 = +x),
        also turn them to face it."""
        head_xy, head_h = self._head_in_rig()
        target_h = panda_heading_deg(heading_deg) if heading_deg is not None else None
        placed = place_head_at(self.placement(), head_xy, head_h, floor, target_h)
        self.node.setPos(placed.position[0], placed.position[1], self.node.getZ())
        self.node.setH(placed.heading_deg)

    def snap_turn(self, delta_deg: float) -> None:
        head_xy, _ = self._head_in_rig()
        turned = turn_about_head(self.placement(), head_xy, delta_deg)
        self.node.setPos(turned.position[0], turned.position[1], self.node.getZ())
        self.node.setH(turned.heading_deg)

    def set_eye_height(self, eye_height_m: float) -> None:
        """The eye height the scene should be seen from (standing in a workplace, seated at
        the interview desk), whatever the visitor's real posture."""
        if self.tracks_head:
            natural = self.seated_eye_height_m if self.posture is Posture.SEATED \
                else self.standing_eye_height_m
            self.node.setZ(eye_height_m - natural)
        else:
            self.node.setZ(0.0)
            self.display.set_untracked_eye_height(eye_height_m)

    def use_natural_height(self) -> None:
        """Eye height as the visitor really is (lobby and menus)."""
        self.set_eye_height(self.seated_eye_height_m if self.posture is Posture.SEATED
                            else self.standing_eye_height_m)

    def reset(self) -> None:
        self.node.setPosHpr(0, 0, 0, 0, 0, 0)
        self.posture = Posture.STANDING
        self.use_natural_height()

    def destroy(self) -> None:
        self.node.removeNode()
