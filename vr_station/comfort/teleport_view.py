"""What the visitor sees while aiming a teleport: the arc and a ring where they would land.

Green where they may stand, a muted red where they may not (a wall, outside the room). Shown
only while the stick is pushed forward; nothing moves until they let go.
"""

from __future__ import annotations

from collections.abc import Sequence

from panda3d.core import GeomNode, LineSegs, NodePath

from vr_station.comfort.locomotion import Arc
from vr_station.ui import shapes
from vr_station.ui.geometry import Vec3

VALID = (0.35, 0.85, 0.55, 0.95)
INVALID = (0.85, 0.35, 0.3, 0.8)


class TeleportArcView:
    """The teleport arc and the landing ring, shown while the visitor aims."""

    def __init__(self, render: NodePath) -> None:
        self.root = render.attachNewNode("teleport-arc")
        self.root.setLightOff()
        self.root.setTransparency(True)
        self._line: NodePath | None = None
        self._rings: dict[bool, NodePath] = {}
        for valid, colour in ((True, VALID), (False, INVALID)):
            ring = shapes.ring(self.root, "landing", 0.22, 0.28, colour, segments=40)
            ring.setP(-90)  # flat on the floor
            ring.hide()
            self._rings[valid] = ring
        self.root.hide()

    def show(self, arc: Arc) -> None:
        """Draw ``arc`` and its landing ring, green where the visitor may land, red where not."""
        if self._line is not None:
            self._line.removeNode()
        self._line = self.root.attachNewNode(_polyline(arc.points, VALID if arc.valid
                                                       else INVALID))
        for valid, ring in self._rings.items():
            if arc.landing is not None and valid == arc.valid:
                ring.setPos(arc.landing[0], arc.landing[1], 0.01)
                ring.show()
            else:
                ring.hide()
        self.root.show()

    def hide(self) -> None:
        """Hide the arc and the ring (the stick was let go)."""
        self.root.hide()

    def destroy(self) -> None:
        """Remove the arc and the rings from the scene."""
        self.root.removeNode()


def _polyline(points: Sequence[Vec3], colour: tuple[float, float, float, float]) -> GeomNode:
    segs = LineSegs("arc")
    segs.setThickness(3.0)
    segs.setColor(*colour)
    segs.moveTo(*points[0])
    for point in points[1:]:
        segs.drawTo(*point)
    return segs.create()
