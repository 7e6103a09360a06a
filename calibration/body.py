"""Body measures the station assumes where no headset reports the visitor's own.

The one place for them: the scenes' viewpoints, the untracked desktop and headless views and
the station profile's defaults all read these. ``Pose`` (where a head or hand is) and
``Posture`` (seated or standing) are the words every layer above uses for a body.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

STANDING_EYE_HEIGHT_M = 1.57
"""DIN 33402-2: the mean of the median standing eye heights of women (1.515 m) and men
(1.630 m) aged 18–65 in Germany."""

SEATED_EYE_HEIGHT_M = 1.20
"""Eye height above the floor of an adult on an office chair (seat height about 0.45 m)."""


class Posture(StrEnum):
    """How the visitor takes part: sitting on a chair or standing."""

    SEATED = "seated"
    STANDING = "standing"


@dataclass(frozen=True)
class Pose:
    """Where a tracked thing (head, hand) is and which way it faces."""

    position: tuple[float, float, float]
    """Metres, in rig space."""
    quat: tuple[float, float, float, float]
    """Orientation as (w, x, y, z), in rig space."""
