"""Procedural geometry: rounded panels, discs, rings, boxes, a sky dome and a floor grid.

Flat shapes lie in the x-z plane and face -y, the way a panel faces a visitor standing in
front of it (Panda3D's cards do the same). Generated here instead of loaded from model files
so the station needs no art pipeline and every shape scales exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from panda3d.core import (
    Geom,
    GeomNode,
    GeomTriangles,
    GeomVertexData,
    GeomVertexFormat,
    GeomVertexWriter,
    LineSegs,
    NodePath,
)

from vr_station.ui.theme import Rgba

Point2 = tuple[float, float]


def _polygon_node(name: str, outline: Sequence[Point2], colour: Rgba, y: float = 0.0) -> GeomNode:
    """A convex polygon (points counter-clockwise in x-z) as a triangle fan from its centre."""
    data = GeomVertexData(name, GeomVertexFormat.getV3n3c4(), Geom.UHStatic)
    vertex, normal, col = (GeomVertexWriter(data, c) for c in ("vertex", "normal", "color"))
    cx = sum(p[0] for p in outline) / len(outline)
    cz = sum(p[1] for p in outline) / len(outline)
    for x, z in [(cx, cz), *outline]:
        vertex.addData3(x, y, z)
        normal.addData3(0, -1, 0)
        col.addData4(*colour)
    triangles = GeomTriangles(Geom.UHStatic)
    count = len(outline)
    for i in range(count):
        triangles.addVertices(0, 1 + i, 1 + (i + 1) % count)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    return node


def rounded_rect_outline(width: float, height: float, radius: float,
                         segments: int = 6) -> list[Point2]:
    """The outline of a rounded rectangle centred on the origin, counter-clockwise in x-z (metres).

    ``radius`` is capped at half the shorter side; each corner gets ``segments`` steps.
    """
    radius = max(0.0, min(radius, width / 2, height / 2))
    hw, hh = width / 2, height / 2
    corners = ((hw - radius, -hh + radius, -90.0), (hw - radius, hh - radius, 0.0),
               (-hw + radius, hh - radius, 90.0), (-hw + radius, -hh + radius, 180.0))
    points: list[Point2] = []
    for cx, cz, start in corners:
        for i in range(segments + 1):
            angle = math.radians(start + 90.0 * i / segments)
            points.append((cx + radius * math.cos(angle), cz + radius * math.sin(angle)))
    return points


def rounded_rect(parent: NodePath, name: str, width: float, height: float, radius: float,
                 colour: Rgba, y: float = 0.0) -> NodePath:
    """A rounded rectangle centred on the parent's origin."""
    return parent.attachNewNode(
        _polygon_node(name, rounded_rect_outline(width, height, radius), colour, y))


def disc(parent: NodePath, name: str, radius: float, colour: Rgba, segments: int = 32,
         y: float = 0.0) -> NodePath:
    """A filled disc of ``radius`` metres centred on the parent's origin, at depth ``y``, facing -y."""
    outline = [(radius * math.cos(2 * math.pi * i / segments),
                radius * math.sin(2 * math.pi * i / segments)) for i in range(segments)]
    return parent.attachNewNode(_polygon_node(name, outline, colour, y))


def ring(parent: NodePath, name: str, inner: float, outer: float, colour: Rgba,
         fraction: float = 1.0, segments: int = 48, y: float = 0.0) -> NodePath:
    """A ring, or the part of it from 12 o'clock clockwise (``fraction`` 0 … 1)."""
    data = GeomVertexData(name, GeomVertexFormat.getV3n3c4(), Geom.UHStatic)
    vertex, normal, col = (GeomVertexWriter(data, c) for c in ("vertex", "normal", "color"))
    steps = max(1, round(segments * max(0.0, min(1.0, fraction))))
    for i in range(steps + 1):
        angle = math.pi / 2 - 2 * math.pi * fraction * i / steps
        for r in (inner, outer):
            vertex.addData3(r * math.cos(angle), y, r * math.sin(angle))
            normal.addData3(0, -1, 0)
            col.addData4(*colour)
    triangles = GeomTriangles(Geom.UHStatic)
    for i in range(steps):
        a, b, c, d = 2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3
        triangles.addVertices(a, c, b)
        triangles.addVertices(b, c, d)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    path = parent.attachNewNode(node)
    path.setTwoSided(True)
    return path


class ProgressRing:
    """A ring of ``pieces`` segments shown one by one as it fills (a dwell, a pause).

    Built once, so no geometry is made while it fills; ``fill`` only shows and hides pieces.
    """

    def __init__(self, parent: NodePath, inner: float, outer: float, colour: Rgba, pieces: int,
                 y: float = 0.0) -> None:
        self._pieces: list[NodePath] = []
        for i in range(pieces):
            piece = ring(parent, f"piece-{i}", inner, outer, colour, fraction=1.0 / pieces,
                         segments=2, y=y)
            piece.setR(360.0 * i / pieces)
            piece.hide()
            self._pieces.append(piece)
        self._shown = 0

    def fill(self, fraction: float) -> None:
        """Show the pieces that make ``fraction`` (0 … 1) of the ring, rounded to a piece."""
        count = min(len(self._pieces), int(fraction * len(self._pieces) + 0.5))
        if count == self._shown:
            return
        for i, piece in enumerate(self._pieces):
            if i < count:
                piece.show()
            else:
                piece.hide()
        self._shown = count


def thick_polyline(parent: NodePath, name: str, points: Sequence[Point2], width: float,
                   colour: Rgba, y: float = 0.0) -> NodePath:
    """A band of ``width`` along points in the x-z plane (a smiley's mouth)."""
    data = GeomVertexData(name, GeomVertexFormat.getV3n3c4(), Geom.UHStatic)
    vertex, normal, col = (GeomVertexWriter(data, c) for c in ("vertex", "normal", "color"))
    for i, (x, z) in enumerate(points):
        ax, az = points[max(0, i - 1)]
        bx, bz = points[min(len(points) - 1, i + 1)]
        dx, dz = bx - ax, bz - az
        norm = math.hypot(dx, dz) or 1.0
        nx, nz = -dz / norm * width / 2, dx / norm * width / 2
        for sign in (1, -1):
            vertex.addData3(x + sign * nx, y, z + sign * nz)
            normal.addData3(0, -1, 0)
            col.addData4(*colour)
    triangles = GeomTriangles(Geom.UHStatic)
    for i in range(len(points) - 1):
        a, b, c, d = 2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3
        triangles.addVertices(a, b, c)
        triangles.addVertices(b, d, c)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    path = parent.attachNewNode(node)
    path.setTwoSided(True)
    return path


def box(parent: NodePath, name: str, size: tuple[float, float, float], colour: Rgba,
        *, inward: bool = False) -> NodePath:
    """An axis-aligned box standing on the parent's origin (z from 0 to its height).

    ``inward`` turns the faces inside, for a room seen from within.
    """
    sx, sy, sz = size[0] / 2, size[1] / 2, size[2]
    data = GeomVertexData(name, GeomVertexFormat.getV3n3c4(), Geom.UHStatic)
    vertex, normal, col = (GeomVertexWriter(data, c) for c in ("vertex", "normal", "color"))
    triangles = GeomTriangles(Geom.UHStatic)
    faces: tuple[tuple[tuple[int, int, int], list[tuple[float, float, float]]], ...] = (
        # normal, four corners counter-clockwise seen from outside
        ((1, 0, 0), [(sx, -sy, 0), (sx, sy, 0), (sx, sy, sz), (sx, -sy, sz)]),
        ((-1, 0, 0), [(-sx, sy, 0), (-sx, -sy, 0), (-sx, -sy, sz), (-sx, sy, sz)]),
        ((0, 1, 0), [(sx, sy, 0), (-sx, sy, 0), (-sx, sy, sz), (sx, sy, sz)]),
        ((0, -1, 0), [(-sx, -sy, 0), (sx, -sy, 0), (sx, -sy, sz), (-sx, -sy, sz)]),
        ((0, 0, 1), [(-sx, -sy, sz), (sx, -sy, sz), (sx, sy, sz), (-sx, sy, sz)]),
        ((0, 0, -1), [(-sx, sy, 0), (sx, sy, 0), (sx, -sy, 0), (-sx, -sy, 0)]),
    )
    # Slightly darker sides and bottom give boxes shape even without lights.
    shade = {(0, 0, 1): 1.0, (0, 0, -1): 0.7, (1, 0, 0): 0.86, (-1, 0, 0): 0.86,
             (0, 1, 0): 0.78, (0, -1, 0): 0.93}
    for index, (n, corners) in enumerate(faces):
        k = shade[n]
        if inward:
            corners = list(reversed(corners))
            n = (-n[0], -n[1], -n[2])
        for corner in corners:
            vertex.addData3(*corner)
            normal.addData3(*n)
            col.addData4(colour[0] * k, colour[1] * k, colour[2] * k, colour[3])
        base = index * 4
        triangles.addVertices(base, base + 1, base + 2)
        triangles.addVertices(base, base + 2, base + 3)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    return parent.attachNewNode(node)


def sky_dome(parent: NodePath, name: str, radius: float, top: Rgba, horizon: Rgba,
             below: Rgba, rings: int = 12, segments: int = 32) -> NodePath:
    """A sphere seen from inside, shaded from ``top`` to ``horizon`` and ``below`` the floor."""
    data = GeomVertexData(name, GeomVertexFormat.getV3c4(), Geom.UHStatic)
    vertex, col = GeomVertexWriter(data, "vertex"), GeomVertexWriter(data, "color")
    for r in range(rings + 1):
        elevation = math.pi / 2 - math.pi * r / rings
        t = math.sin(elevation)
        if t >= 0:
            colour = tuple(h + (tp - h) * t ** 0.6 for h, tp in zip(horizon, top, strict=True))
        else:
            colour = tuple(h + (b - h) * min(1.0, -t * 4) for h, b in zip(horizon, below,
                                                                           strict=True))
        for s in range(segments + 1):
            azimuth = 2 * math.pi * s / segments
            vertex.addData3(radius * math.cos(elevation) * math.cos(azimuth),
                            radius * math.cos(elevation) * math.sin(azimuth),
                            radius * math.sin(elevation))
            col.addData4(*colour)
    triangles = GeomTriangles(Geom.UHStatic)
    width = segments + 1
    for r in range(rings):
        for s in range(segments):
            a, b = r * width + s, (r + 1) * width + s
            triangles.addVertices(a, a + 1, b)
            triangles.addVertices(a + 1, b + 1, b)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    path = parent.attachNewNode(node)
    path.setTwoSided(True)
    path.setLightOff()
    path.setBin("background", 0)
    path.setDepthWrite(False)
    return path


def floor_grid(parent: NodePath, name: str, half_size_m: float, spacing_m: float,
               colour: Rgba, thickness_px: float = 1.5) -> NodePath:
    """Floor lines every ``spacing_m`` metres out to ``half_size_m`` on each side, unlit."""
    lines = LineSegs(name)
    lines.setThickness(thickness_px)
    lines.setColor(*colour)
    steps = int(half_size_m / spacing_m)
    for i in range(-steps, steps + 1):
        offset = i * spacing_m
        lines.moveTo(offset, -half_size_m, 0)
        lines.drawTo(offset, half_size_m, 0)
        lines.moveTo(-half_size_m, offset, 0)
        lines.drawTo(half_size_m, offset, 0)
    path = parent.attachNewNode(lines.create())
    path.setLightOff()
    path.setTransparency(True)
    return path


def sphere(parent: NodePath, name: str, radius: float, colour: Rgba, rings: int = 10,
           segments: int = 16, light: tuple[float, float, float] = (0.3, -0.6, 0.75)) -> NodePath:
    """A sphere with soft shading baked into its vertex colours (no lights needed)."""
    data = GeomVertexData(name, GeomVertexFormat.getV3n3c4(), Geom.UHStatic)
    vertex, normal, col = (GeomVertexWriter(data, c) for c in ("vertex", "normal", "color"))
    lx, ly, lz = light
    norm = math.sqrt(lx * lx + ly * ly + lz * lz)
    for r in range(rings + 1):
        elevation = math.pi / 2 - math.pi * r / rings
        for s in range(segments + 1):
            azimuth = 2 * math.pi * s / segments
            nx = math.cos(elevation) * math.cos(azimuth)
            ny = math.cos(elevation) * math.sin(azimuth)
            nz = math.sin(elevation)
            k = 0.62 + 0.38 * max(0.0, (nx * lx + ny * ly + nz * lz) / norm)
            vertex.addData3(radius * nx, radius * ny, radius * nz)
            normal.addData3(nx, ny, nz)
            col.addData4(colour[0] * k, colour[1] * k, colour[2] * k, colour[3])
    triangles = GeomTriangles(Geom.UHStatic)
    width = segments + 1
    for r in range(rings):
        for s in range(segments):
            a, b = r * width + s, (r + 1) * width + s
            triangles.addVertices(a, b, a + 1)
            triangles.addVertices(a + 1, b, b + 1)
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node = GeomNode(name)
    node.addGeom(geom)
    return parent.attachNewNode(node)
