"""Five faces from unhappy to happy, drawn as geometry.

Colour and shape both carry the mood, so colour-blind visitors read them too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from panda3d.core import NodePath

from vr_station.ui import shapes
from vr_station.ui.theme import rgba

if TYPE_CHECKING:
    from vr_station.ui.panel import UiKit

FACE_COLOURS = {1: rgba("#e0605a"), 2: rgba("#ee9a58"), 3: rgba("#f2cd5c"),
                4: rgba("#a6d46a"), 5: rgba("#5cc08a")}
INK = rgba("#1d2730")


def smiley(mood: int, kit: UiKit | None = None) -> Callable[[NodePath, float, float], float]:
    """A ``ButtonSpec.draw`` function for mood 1 (unhappy) … 5 (happy).

    With a kit the face is made once and copied.
    """
    if mood not in FACE_COLOURS:
        raise ValueError(f"mood must be 1 … 5, not {mood}")

    def draw(parent: NodePath, width_m: float, _height_m: float) -> float:
        radius = min(width_m * 0.3, 0.075)
        if kit is not None:
            kit.shape(("smiley", mood, round(radius, 5)),
                      lambda root: _face(root, mood, radius), parent)
        else:
            _face(parent, mood, radius)
        return 2 * radius + 0.012

    return draw


def _face(parent: NodePath, mood: int, radius: float) -> NodePath:
    face = parent.attachNewNode("smiley")
    face.setZ(-radius - 0.012)
    shapes.disc(face, "face", radius, FACE_COLOURS[mood], segments=40)
    shapes.ring(face, "rim", radius * 0.94, radius, INK, y=-0.0005)
    for side in (-1, 1):
        eye = shapes.disc(face, "eye", radius * 0.1, INK, segments=12, y=-0.001)
        eye.setPos(side * radius * 0.35, 0, radius * 0.28)
    curve = (mood - 3) / 2.0  # -1 (frown) … 1 (smile)
    points = []
    for i in range(13):
        x = -0.5 + i / 12
        points.append((x * radius, -radius * 0.35 - curve * radius * 0.28 * math.cos(x * math.pi)))
    shapes.thick_polyline(face, "mouth", points, radius * 0.1, INK, y=-0.001)
    return face
