"""Whether a tour stop shows its hotspots (numpy only, no Panda3D).

A hotspot shows when it is in the visitor's field of view, near enough and not hidden behind a
machine or a wall. The visitor arrives at a stop facing its heading. A hotspot they would first
have to turn round for, or one hidden behind a shelf, is a hotspot they miss; staff see such
stops in the scenes tests and in ``bench/scenes.py``. Hotspots are tested by casting a ray from
the eye to the anchor through the room's opaque triangles (glass does not hide anything).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scenes.compose import Footprint, StaticScene
from scenes.layout import SceneLayout
from scenes.mesh import concat

HALF_WIDTH_DEG = 40.0
"""How far left or right of the heading a hotspot may lie: inside the 80° the gallery renders,
well inside the ~100° of a current headset, so it is seen without turning the head."""
UP_DEG = 40.0
"""How far above eye level (looking level) a hotspot may lie."""
DOWN_DEG = 45.0
"""How far below eye level a hotspot may lie (things on tables and on the floor)."""
MAX_DISTANCE_M = 8.0
"""Further away a hotspot's marker and the thing it explains are too small to read."""
HIDDEN_SLACK_M = 0.35
"""An anchor sits on or just inside what it describes, so a hit this close before it is that
thing itself, not something in the way."""
NEAR_PROP_M = 0.3
"""How far an anchor may lie outside the outline of the nearest prop."""


@dataclass(frozen=True)
class HotspotSight:
    """How one hotspot looks from the viewpoint of the stop that shows it."""

    stop_id: str
    hotspot_id: str
    off_heading_deg: float
    """Left (negative) or right of the direction the visitor faces on arrival."""
    elevation_deg: float
    """Above (positive) or below eye level."""
    distance_m: float
    hidden_at_m: float | None
    """Distance from the eye at which something opaque blocks the line of sight, if it does."""

    def problem(self) -> str | None:
        """Why the visitor would miss this hotspot, or None when it is in plain view."""
        where = f"stop '{self.stop_id}': hotspot '{self.hotspot_id}'"
        if abs(self.off_heading_deg) > HALF_WIDTH_DEG:
            side = "right" if self.off_heading_deg > 0 else "left"
            return f"{where} lies {abs(self.off_heading_deg):.0f}° to the {side} of the heading"
        if not -DOWN_DEG <= self.elevation_deg <= UP_DEG:
            return f"{where} lies {self.elevation_deg:+.0f}° from eye level"
        if self.distance_m > MAX_DISTANCE_M:
            return f"{where} is {self.distance_m:.1f} m away (at most {MAX_DISTANCE_M:g} m)"
        if self.hidden_at_m is not None:
            return f"{where} is hidden by something {self.hidden_at_m:.1f} m in front of the eye"
        return None


@dataclass(frozen=True)
class StopHotspots:
    """A tour stop as the sight check needs it: where the visitor stands and what to show."""

    stop_id: str
    viewpoint_id: str
    hotspots: Sequence[tuple[str, tuple[float, float, float]]]
    """(hotspot id, anchor position)."""


class Occluders:
    """The opaque triangles of a composed room, ready for line-of-sight tests."""

    def __init__(self, static: StaticScene):
        meshes = [s.mesh for s in static.surfaces] + [static.opaque]
        mesh = concat(meshes)
        tris = mesh.positions[mesh.indices].astype(np.float64)
        self._v0 = tris[:, 0]
        self._e1 = tris[:, 1] - tris[:, 0]
        self._e2 = tris[:, 2] - tris[:, 0]
        self._lo = tris.min(axis=1)
        self._hi = tris.max(axis=1)

    def first_hit_m(self, start: Sequence[float], end: Sequence[float]) -> float | None:
        """Distance from ``start`` to the first opaque triangle on the segment to ``end``."""
        a, b = np.asarray(start, np.float64), np.asarray(end, np.float64)
        seg = b - a
        length = float(np.linalg.norm(seg))
        if length < 1e-9:
            return None
        lo, hi = np.minimum(a, b) - 1e-6, np.maximum(a, b) + 1e-6
        near = np.all((self._hi >= lo) & (self._lo <= hi), axis=1)
        if not near.any():
            return None
        v0, e1, e2 = self._v0[near], self._e1[near], self._e2[near]
        d = seg / length
        t = _ray_triangles(a, d, v0, e1, e2)
        hits = t[(t > 1e-4) & (t <= length)]
        return float(hits.min()) if hits.size else None


def _ray_triangles(
    origin: npt.NDArray[np.float64],
    direction: npt.NDArray[np.float64],
    v0: npt.NDArray[np.float64],
    e1: npt.NDArray[np.float64],
    e2: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Distance along the ray to each triangle (Möller–Trumbore); inf where it misses."""
    p = np.cross(direction[None, :], e2)
    det = np.einsum("ij,ij->i", e1, p)
    ok = np.abs(det) > 1e-12
    inv = np.where(ok, 1.0 / np.where(ok, det, 1.0), 0.0)
    s = origin[None, :] - v0
    u = np.einsum("ij,ij->i", s, p) * inv
    q = np.cross(s, e1)
    v = (q @ direction) * inv
    t = np.einsum("ij,ij->i", e2, q) * inv
    hit = ok & (u >= 0) & (v >= 0) & (u + v <= 1)
    return np.where(hit, t, np.inf)


def hotspot_sights(
    layout: SceneLayout, static: StaticScene, stops: Iterable[StopHotspots]
) -> list[HotspotSight]:
    """How every hotspot of every stop looks from the stop's viewpoint."""
    occluders = Occluders(static)
    sights = []
    for stop in stops:
        pose = layout.viewpoints[stop.viewpoint_id]
        eye = (pose.position_m[0], pose.position_m[1], pose.eye_height_m)
        for hotspot_id, anchor in stop.hotspots:
            dx, dy, dz = (anchor[i] - eye[i] for i in range(3))
            flat = math.hypot(dx, dy)
            bearing = math.degrees(math.atan2(dx, dy))
            off = (bearing - pose.heading_deg + 180.0) % 360.0 - 180.0
            distance = math.sqrt(flat * flat + dz * dz)
            hit = occluders.first_hit_m(eye, anchor)
            hidden = hit if hit is not None and hit < distance - HIDDEN_SLACK_M else None
            sights.append(
                HotspotSight(
                    stop.stop_id,
                    hotspot_id,
                    off,
                    math.degrees(math.atan2(dz, flat)),
                    distance,
                    hidden,
                )
            )
    return sights


def distance_to_footprint_m(fp: Footprint, point: Sequence[float]) -> float:
    """How far ``point`` lies outside a prop's box (0 on or inside it)."""
    a = math.radians(fp.heading_deg)
    dx, dy = point[0] - fp.centre_m[0], point[1] - fp.centre_m[1]
    u, v = dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)
    du = max(abs(u) - fp.half_size_m[0], 0.0)
    dv = max(abs(v) - fp.half_size_m[1], 0.0)
    dz = max(fp.bottom_m - point[2], point[2] - fp.top_m, 0.0)
    return math.sqrt(du * du + dv * dv + dz * dz)


def nearest_prop(footprints: Sequence[Footprint], point: Sequence[float]) -> tuple[int, float] | None:
    """(index in the layout's ``props`` list, distance) of the prop nearest ``point``."""
    best: tuple[int, float] | None = None
    for fp in footprints:
        gap = distance_to_footprint_m(fp, point)
        if best is None or gap < best[1]:
            best = (fp.index, gap)
    return best
