"""Where a task's tiles stand: within arm's reach of a standing or seated visitor.

Tiles stand on an arc in front of the visitor, a little below the eyes, so a hand reaches each
one without a step and a ray or a glance selects it. Positions are in the visitor's frame:
x to the right, y forward, z up from the floor, in metres.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

ARM_REACH_M = 0.6
"""Comfortable reach from the upper chest without leaning (adult arm about 0.7 m, minus the
grip and a margin for smaller visitors and wheelchair users)."""
CHEST_BELOW_EYES_M = 0.25
"""The reach is measured from the upper chest, this far below the eyes."""
ARC_RADIUS_M = 0.45
"""Horizontal distance of the tiles from the visitor."""
TILES_PER_ROW = 4
TILE_GAP_DEG = 21.0
"""Between tile centres on the arc: 0.16 m at 0.45 m, room for a 0.15 m tile."""
ROW_BELOW_EYES_M = (0.38, 0.56)
"""Upper and lower row: a comfortable look down, above a seated visitor's knees."""


@dataclass(frozen=True)
class TilePlace:
    """Where one tile stands and which way it faces (towards the visitor)."""

    position: tuple[float, float, float]
    heading_deg: float
    """0 faces the visitor straight on; positive turned to the right."""


def tile_places(count: int, eye_height_m: float) -> list[TilePlace]:
    """Places for ``count`` tiles (up to two rows of four) for eyes at ``eye_height_m``."""
    places = []
    for index in range(count):
        row, column = divmod(index, TILES_PER_ROW)
        in_row = min(TILES_PER_ROW, count - row * TILES_PER_ROW)
        angle_deg = (column - (in_row - 1) / 2) * TILE_GAP_DEG
        angle = math.radians(angle_deg)
        z = eye_height_m - ROW_BELOW_EYES_M[min(row, len(ROW_BELOW_EYES_M) - 1)]
        places.append(TilePlace((ARC_RADIUS_M * math.sin(angle), ARC_RADIUS_M * math.cos(angle), z),
                                angle_deg))
    return places


def within_reach(position: tuple[float, float, float], eye_height_m: float) -> bool:
    """Whether a hand reaches ``position`` (visitor's frame) from the chest, without a step."""
    chest = (0.0, 0.0, eye_height_m - CHEST_BELOW_EYES_M)
    return math.dist(position, chest) <= ARM_REACH_M
