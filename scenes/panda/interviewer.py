"""The interviewer avatar as Panda3D nodes, posed from the pure motion model each frame.

The app feeds it two things: where the visitor's head is (``look_at``) and how loud the
interviewer's synthesized speech is right now (``set_mouth_open``, the TTS envelope, 0..1),
and calls ``update(dt)`` once a frame. Everything it does per frame is a fixed handful of node
transforms, whatever the room holds.
"""

from __future__ import annotations

import math
import random

from panda3d.core import NodePath, Point3, Vec3

from scenes.avatar.figure import JAW_OPEN_DEG, LID_CLOSED_DEG, LID_OPEN_DEG, FigureParts, build_figure
from scenes.avatar.looks import LOOKS, AvatarLook
from scenes.avatar.motion import FacePose, InterviewerMotion
from scenes.panda.geom import geom_node


class Interviewer:
    """A seated interviewer under ``parent``, at the figure's floor position, facing +y."""

    def __init__(
        self, parent: NodePath, look: str | AvatarLook, seed: int = 0, parts: FigureParts | None = None
    ):
        """``parts``: the figure built beforehand (on a worker thread) for this look."""
        self.look = LOOKS[look] if isinstance(look, str) else look
        parts = parts if parts is not None else build_figure(self.look)
        self.parts = parts
        self._motion = InterviewerMotion(random.Random(seed))
        self.root = parent.attachNewNode(f"interviewer:{self.look.id}")
        self.root.attachNewNode(geom_node("body", parts.body))
        pv = parts.pivots
        self._chest = self.root.attachNewNode("chest")
        self._chest.setPos(*pv.chest)
        self._chest.attachNewNode(geom_node("torso", parts.torso))
        self._head = self.root.attachNewNode("head")
        self._head.setPos(*pv.head)
        self._head.attachNewNode(geom_node("face", parts.head))
        self._jaw = self._head.attachNewNode("jaw")
        self._jaw.setPos(*pv.jaw)
        self._jaw.attachNewNode(geom_node("jaw", parts.jaw))
        self._mouth = self._head.attachNewNode(geom_node("mouth", parts.mouth))
        self._mouth.setPos(*pv.mouth)
        self._brows = self._head.attachNewNode(geom_node("brows", parts.brows))
        self._brows.setPos(*pv.brows)
        self._eyes: list[NodePath] = []
        self._lids: list[NodePath] = []
        for k, centre in enumerate(pv.eyes):
            eye = self._head.attachNewNode(geom_node(f"eye-{k}", parts.eye))
            eye.setPos(*centre)
            lid = self._head.attachNewNode(geom_node(f"lid-{k}", parts.lid))
            lid.setPos(*centre)
            self._eyes.append(eye)
            self._lids.append(lid)
        self._face = self._head.attachNewNode("face-point")
        self._face.setPos(*pv.face)
        self._target: Point3 | None = None
        self.pose: FacePose = self._motion.update(0.0)
        self._apply(self.pose)

    # -- what the app calls --------------------------------------------------------------------

    def set_mouth_open(self, amount: float) -> None:
        """Speech amplitude 0..1 (the TTS envelope); applied smoothly at the next update."""
        self._motion.set_mouth_open(amount)

    def look_at(self, point: Point3 | tuple[float, float, float], space: NodePath | None = None) -> None:
        """Look at ``point``, given in ``space`` (default: the top of the scene graph)."""
        space = space if space is not None else self.root.getTop()
        self._target = self.root.getRelativePoint(space, Point3(*point))

    def update(self, dt: float) -> None:
        """Advance blinking, gaze, mouth and idle motion by ``dt`` seconds."""
        if self._target is not None:
            eye_mid = Point3(*self.parts.pivots.head) + Vec3(*self.parts.pivots.face)
            d = self._target - eye_mid
            heading = math.degrees(math.atan2(d.x, d.y))
            pitch = math.degrees(math.atan2(d.z, math.hypot(d.x, d.y)))
            self._motion.set_gaze_target(heading, pitch)
        self.pose = self._motion.update(dt)
        self._apply(self.pose)

    def face_position(self, space: NodePath | None = None) -> Point3:
        """The point between the eyes, in ``space`` (default: the top of the scene graph)."""
        return self._face.getPos(space if space is not None else self.root.getTop())

    def face_direction(self, space: NodePath | None = None) -> Vec3:
        """Where the face points (unit vector), in ``space`` (default: the top of the graph)."""
        space = space if space is not None else self.root.getTop()
        return space.getRelativeVector(self._head, Vec3(0, 1, 0)).normalized()

    @property
    def face_node(self) -> NodePath:
        """The node between the eyes: where the voice comes from, what eye contact aims at."""
        return self._face

    @property
    def blinks(self) -> int:
        """How often the interviewer has blinked so far."""
        return self._motion.blinks

    def destroy(self) -> None:
        """Remove the interviewer's nodes; safe to call twice."""
        if not self.root.isEmpty():
            self.root.removeNode()

    # -- posing --------------------------------------------------------------------------------

    def _apply(self, pose: FacePose) -> None:
        self._head.setHpr(-pose.head_heading_deg, pose.head_pitch_deg, pose.head_roll_deg)
        target = self._target
        for eye, lid in zip(self._eyes, self._lids, strict=True):
            heading = pose.eye_heading_deg
            if target is not None:  # each eye turns in a little towards a near target
                local = self._head.getRelativePoint(self.root, target) - eye.getPos()
                distance = max(local.length(), 0.3)
                heading += math.degrees(math.atan2(-eye.getX(), distance)) * 0.8
            eye.setHpr(-heading, pose.eye_pitch_deg, 0)
            closure = pose.lid_closure
            # The upper lid follows the eye down a little, as real lids do.
            open_angle = LID_OPEN_DEG + min(0.0, pose.eye_pitch_deg) * 0.6
            lid.setHpr(-heading * 0.3, open_angle + (LID_CLOSED_DEG - open_angle) * closure, 0)
        self._jaw.setP(JAW_OPEN_DEG * pose.mouth_open)
        self._mouth.setScale(1.0 + 0.15 * pose.mouth_open, 1.0, 0.12 + 1.1 * pose.mouth_open)
        self._mouth.setZ(self.parts.pivots.mouth[2] - 0.006 * pose.mouth_open)
        self._brows.setZ(self.parts.pivots.brows[2] + 0.004 * pose.brow_raise)
        self._chest.setScale(1.0, 1.0 + 0.012 * pose.breath, 1.0 + 0.008 * pose.breath)
        self._head.setZ(self.parts.pivots.head[2] + 0.004 * pose.breath)
