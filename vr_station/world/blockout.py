"""STAND-IN scenes until the scenes work (issue 5) is merged: block-out rooms from content.

A workplace becomes a room of its size with a counter under every anchor; the interview room
is an office with a desk and a simple interviewer whose mouth opens with the speech envelope,
who looks at the visitor and blinks. Plain shapes, baked shading, no lights: cheap to render
on any machine, and enough to test tours, hotspots, teleports and eye contact for real.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from panda3d.core import NodePath

from vr_station.content.model import Workplace
from vr_station.ui import shapes
from vr_station.ui.geometry import Vec3
from vr_station.ui.theme import rgba

_FLOORS = (rgba("#8a8f94"), rgba("#9c8f7e"), rgba("#7f8c86"), rgba("#948a94"))
_WALLS = (rgba("#dfe4e8"), rgba("#e8e2d6"), rgba("#dde7e1"), rgba("#e6dfe6"))
_COUNTERS = (rgba("#b9c2c9"), rgba("#b59d7f"), rgba("#8fb0a4"), rgba("#a99bb5"))


def _variant(key: str) -> int:
    return hashlib.sha1(key.encode()).digest()[0] % len(_FLOORS)


@dataclass
class BlockoutWorkplace:
    root: NodePath

    def destroy(self) -> None:
        self.root.removeNode()


@dataclass
class BlockoutInterviewer:
    root: NodePath
    head: NodePath
    mouth: NodePath
    eyes: list[NodePath]
    _blink_s: float = 2.5
    _blinks: int = 0
    _breath_s: float = 0.0
    _torso: NodePath | None = None

    def set_mouth_open(self, amount: float) -> None:
        amount = max(0.0, min(1.0, amount))
        self.mouth.setScale(1.0, 1.0, 0.15 + 0.85 * amount)

    def look_at(self, point: Vec3) -> None:
        render = self.root.getTop()
        local = self.root.getRelativePoint(render, point)
        here = self.head.getPos()
        dx, dy, dz = local[0] - here[0], local[1] - here[1], local[2] - here[2]
        heading = -math.degrees(math.atan2(dx, dy))
        pitch = math.degrees(math.atan2(dz, math.hypot(dx, dy)))
        self.head.setHpr(max(-40, min(40, heading)), max(-25, min(25, pitch)), 0)

    def update(self, dt_s: float) -> None:
        self._blink_s -= dt_s
        closed = -0.12 < self._blink_s <= 0.0
        for eye in self.eyes:
            eye.setSz(0.15 if closed else 1.0)
        if self._blink_s <= -0.12:
            self._blinks += 1
            self._blink_s = 2.6 + (self._blinks % 3) * 0.9  # people blink every 2–5 s
        self._breath_s += dt_s
        if self._torso is not None:
            self._torso.setSy(1.0 + 0.015 * math.sin(self._breath_s * 2 * math.pi / 4.0))

    def face_position(self) -> Vec3:
        world = self.root.getTop().getRelativePoint(self.head, (0.0, 0.09, 0.02))
        return (world[0], world[1], world[2])

    def mouth_node(self) -> NodePath:
        return self.mouth


@dataclass
class BlockoutInterviewRoom:
    root: NodePath
    interviewer: BlockoutInterviewer
    visitor_seat: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def destroy(self) -> None:
        self.root.removeNode()


@dataclass
class BlockoutScenes:
    """Implements ``SceneBuilder`` with block-out geometry."""

    _made: list[NodePath] = field(default_factory=list)

    def build_workplace(self, workplace: Workplace, parent: NodePath) -> BlockoutWorkplace:
        v = _variant(workplace.id)
        root = parent.attachNewNode(f"workplace-{workplace.id}")
        root.setLightOff()
        w, d, h = workplace.width_m, workplace.depth_m, workplace.height_m
        shapes.box(root, "walls", (w, d, h), _WALLS[v], inward=True)
        floor = shapes.box(root, "floor", (w, d, 0.01), _FLOORS[v])
        floor.setZ(-0.009)
        grid = shapes.floor_grid(root, "tiles", max(w, d) / 2, 0.5, (1, 1, 1, 0.12), 1.0)
        grid.setZ(0.002)
        for anchor in workplace.anchors.values():
            x, y, z = anchor.position
            if z < 0.35:
                continue
            counter = shapes.box(root, f"counter-{anchor.id}",
                                 (0.9, 0.65, max(0.3, z - 0.12)), _COUNTERS[v])
            counter.setPos(x, y, 0)
        return BlockoutWorkplace(root)

    def build_interview_room(self, parent: NodePath, look: str) -> BlockoutInterviewRoom:
        root = parent.attachNewNode("interview-room")
        root.setLightOff()
        shapes.box(root, "walls", (6.0, 6.0, 2.8), rgba("#e4e1da"), inward=True)
        floor = shapes.box(root, "floor", (6.0, 6.0, 0.01), rgba("#7d6a58"))
        floor.setZ(-0.009)
        window = shapes.box(root, "window", (2.2, 0.02, 1.2), rgba("#a9cbe0"))
        window.setPos(0.0, 2.98, 1.0)
        desk = shapes.box(root, "desk", (1.6, 0.8, 0.74), rgba("#c8a27a"))
        desk.setPos(0.0, 0.95, 0.0)
        plant = shapes.box(root, "plant-pot", (0.35, 0.35, 0.45), rgba("#6d7b86"))
        plant.setPos(-2.3, 2.4, 0.0)
        shapes.sphere(plant, "leaves", 0.4, rgba("#4f8a5b")).setZ(0.75)
        chair = shapes.box(root, "chair", (0.55, 0.55, 0.46), rgba("#394a59"))
        chair.setPos(0.0, 1.75, 0.0)
        back = shapes.box(root, "chair-back", (0.55, 0.08, 0.7), rgba("#394a59"))
        back.setPos(0.0, 2.02, 0.46)
        interviewer = self._interviewer(root, look)
        return BlockoutInterviewRoom(root, interviewer)

    def _interviewer(self, room: NodePath, look: str) -> BlockoutInterviewer:
        skin, suit = ((rgba("#d9a47f"), rgba("#2f4f6f")) if look == "a"
                      else (rgba("#a8765a"), rgba("#5b3f5e")))
        body = room.attachNewNode("interviewer")
        body.setPos(0.0, 1.7, 0.0)
        body.setH(180)  # faces the visitor's chair
        torso = shapes.box(body, "torso", (0.46, 0.26, 0.62), suit)
        torso.setZ(0.46)
        collar = shapes.box(body, "collar", (0.16, 0.05, 0.12), rgba("#f1f1f1"))
        collar.setPos(0, 0.12, 0.98)
        neck = shapes.box(body, "neck", (0.1, 0.1, 0.1), skin)
        neck.setZ(1.07)
        head = body.attachNewNode("head")
        head.setZ(1.27)
        shapes.sphere(head, "skull", 0.115, skin).setScale(0.9, 1.0, 1.12)
        hair = shapes.sphere(head, "hair", 0.118, rgba("#3b2a20") if look == "a"
                             else rgba("#d8d2c8"))
        hair.setPos(0, -0.015, 0.03)
        hair.setScale(0.93, 0.95, 1.05)
        eyes = []
        for side in (-1, 1):
            white = shapes.sphere(head, "eye-white", 0.018, rgba("#f7f7f2"), rings=6, segments=10)
            white.setPos(side * 0.038, 0.092, 0.025)
            pupil = shapes.sphere(white, "pupil", 0.009, rgba("#2b2118"), rings=5, segments=8)
            pupil.setY(0.013)
            eyes.append(white)
        mouth = head.attachNewNode("mouth")
        mouth.setPos(0, 0.104, -0.048)
        lips = shapes.sphere(mouth, "lips", 0.028, rgba("#7a3b3b"), rings=6, segments=12)
        lips.setScale(1.0, 0.35, 0.5)
        interviewer = BlockoutInterviewer(body, head, mouth, eyes, _torso=torso)
        interviewer.set_mouth_open(0.0)
        return interviewer
