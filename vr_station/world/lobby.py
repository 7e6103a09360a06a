"""The lobby: a calm, open space with a horizon and a floor grid, around every menu.

Nothing in it moves. The floor grid gives the visitor something solid to stand on from the
very first frame and whenever a scene is loading; scenes hide the lobby once they are there.
"""

from __future__ import annotations

from panda3d.core import NodePath

from vr_station.ui import shapes
from vr_station.ui.theme import Theme


class Lobby:
    """The calm space around every menu: sky, floor and floor grid."""

    def __init__(self, render: NodePath, theme: Theme) -> None:
        colours = theme.colours
        self.root = render.attachNewNode("lobby")
        self.root.setLightOff()
        self.sky = shapes.sky_dome(self.root, "sky", 60.0, colours.sky_top, colours.sky_horizon,
                                   colours.floor)
        floor = shapes.disc(self.root, "floor", 30.0, colours.floor, segments=48)
        floor.setP(-90)  # discs face -y; turn it to face up
        floor.setZ(-0.002)
        self.grid = shapes.floor_grid(self.root, "grid", 12.0, 1.0, colours.grid)
        fine = shapes.floor_grid(self.grid, "grid-fine", 3.0, 0.25,
                                 (colours.grid[0], colours.grid[1], colours.grid[2], 0.22), 1.0)
        fine.setZ(0.001)

    def show(self) -> None:
        """Show the lobby again (a scene was left)."""
        self.root.show()

    def hide(self) -> None:
        """Hide behind a scene; the sky stays as a backdrop for windows and open rooms."""
        self.root.hide()

    def destroy(self) -> None:
        """Remove the lobby from the scene."""
        self.root.removeNode()
