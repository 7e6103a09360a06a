"""The gaze cursor: a small dot in the centre of view that grows a ring while dwelling.

Visitors who cannot use a controller choose by looking; the ring shows how long until the
button under the dot is chosen, so nothing happens by surprise.
"""

from __future__ import annotations

from panda3d.core import NodePath

from vr_station.ui import shapes
from vr_station.ui.geometry import size_for_angle_m
from vr_station.ui.theme import OVERLAY_BIN, RETICLE_ORDER, Theme

RETICLE_DISTANCE_M = 1.5
PROGRESS_PIECES = 32


class Reticle:
    """The gaze cursor at the centre of view, with a ring that fills while the gaze dwells."""

    def __init__(self, head: NodePath, theme: Theme) -> None:
        self.root = head.attachNewNode("reticle")
        self.root.setY(RETICLE_DISTANCE_M)
        self.root.setBin(OVERLAY_BIN, RETICLE_ORDER)
        self.root.setDepthTest(False)
        self.root.setDepthWrite(False)
        self.root.setLightOff()
        self.root.setTransparency(True)
        dot = size_for_angle_m(0.35, RETICLE_DISTANCE_M)
        ring = size_for_angle_m(1.6, RETICLE_DISTANCE_M)
        self._dot = shapes.disc(self.root, "dot", dot, (1, 1, 1, 0.9), segments=20)
        self._dot_edge = shapes.ring(self.root, "dot-edge", dot, dot * 1.5, (0.05, 0.1, 0.15, 0.8),
                                     segments=20)
        self._track = shapes.ring(self.root, "track", ring * 0.8, ring, (1, 1, 1, 0.35))
        self._progress_parent = self.root.attachNewNode("progress")
        # Built once, shown piece by piece: no geometry is made while the visitor dwells.
        self._progress = shapes.ProgressRing(self._progress_parent, ring * 0.8, ring,
                                             theme.colours.accent, PROGRESS_PIECES, y=-0.001)
        self._track.hide()
        # Painted in this order within the overlay bin: track, progress, dot.
        for order, part in enumerate((self._track, self._progress_parent, self._dot_edge, self._dot)):
            part.setBin(OVERLAY_BIN, RETICLE_ORDER + order)

    def update(self, over_target: bool, progress: float) -> None:
        """Show the ring while the gaze is on a button, filled to the dwell ``progress`` (0 … 1)."""
        if over_target:
            self._track.show()
        else:
            self._track.hide()
        # Painted in this order within the overlay bin: track, progress, dot.
        for order, part in enumerate((self._track, self._progress_parent, self._dot_edge, self._dot)):
            part.setBin(OVERLAY_BIN, RETICLE_ORDER + order)
        self._progress.fill(progress)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the whole cursor (hidden while the view fades)."""
        if visible:
            self.root.show()
        else:
            self.root.hide()

    def destroy(self) -> None:
        """Remove the cursor from the head."""
        self.root.removeNode()
