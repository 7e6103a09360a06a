"""Tracked hands drawn simply: a small ball on every joint and a thin line along every bone.

Enough for visitors to see that the station follows their hands and where each finger is when
they pinch; no skin, so nothing looks like someone else's hand. Joints come in rig coordinates
(``ControllerInput.joints``), so the drawing lives below the rig and moves with teleports.
"""

from __future__ import annotations

from collections.abc import Sequence

from panda3d.core import LineSegs, NodePath

from vr_station.display.base import ControllerInput
from vr_station.ui import shapes
from vr_station.xr.hands import BONES, INDEX_TIP, JOINT_COUNT, THUMB_TIP

JOINT_RADIUS_M = 0.007
BONE_COLOUR = (0.85, 0.9, 1.0, 0.8)
JOINT_COLOUR = (1.0, 1.0, 1.0, 0.95)
PINCH_COLOUR = (0.35, 0.85, 0.55, 1.0)
"""Thumb and index tips turn green while pinched: the visitor sees the click."""


class HandsView:
    """One drawing per tracked hand, updated every frame; hidden while a hand is not tracked."""

    def __init__(self, rig: NodePath) -> None:
        self._rig = rig
        self._hands: dict[str, tuple[NodePath, list[NodePath], LineSegs]] = {}

    def update(self, inputs: Sequence[ControllerInput]) -> None:
        """Draw the hands among ``inputs`` (controllers are drawn as rays elsewhere)."""
        seen = set()
        for hand in inputs:
            if hand.source != "hand" or len(hand.joints) != JOINT_COUNT:
                continue
            seen.add(hand.hand)
            root, balls, bones = self._hands.get(hand.hand) or self._make(hand.hand)
            for ball, position in zip(balls, hand.joints, strict=True):
                ball.setPos(*position)
            for index, (a, b) in enumerate(BONES):
                bones.setVertex(2 * index, *hand.joints[a])
                bones.setVertex(2 * index + 1, *hand.joints[b])
            colour = PINCH_COLOUR if hand.select else JOINT_COLOUR
            for tip in (THUMB_TIP, INDEX_TIP):
                balls[tip].setColorScale(colour[0], colour[1], colour[2], 1)
            root.show()
        for name, (root, _, _) in self._hands.items():
            if name not in seen:
                root.hide()

    def _make(self, hand: str) -> tuple[NodePath, list[NodePath], LineSegs]:
        root = self._rig.attachNewNode(f"hand-{hand}")
        root.setLightOff()
        root.setTransparency(True)
        balls = [shapes.sphere(root, f"joint-{i}", JOINT_RADIUS_M, JOINT_COLOUR, rings=4, segments=6)
                 for i in range(JOINT_COUNT)]
        bones = LineSegs(f"bones-{hand}")
        bones.setThickness(2.0)
        bones.setColor(*BONE_COLOUR)
        for _ in BONES:
            bones.moveTo(0, 0, 0)
            bones.drawTo(0, 0, 0)
        root.attachNewNode(bones.create(True))
        self._hands[hand] = (root, balls, bones)
        return self._hands[hand]

    def destroy(self) -> None:
        """Remove every hand drawing."""
        for root, _, _ in self._hands.values():
            root.removeNode()
        self._hands.clear()
