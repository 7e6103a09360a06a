"""Compose a layout into a few merged meshes, textures and shader lights (numpy, no Panda3D).

All static geometry of a room ends up in a handful of meshes: one per textured room surface
(floor, walls, lower walls, ceiling), one for every opaque prop and light fixture together, and
one for see-through parts. That keeps a furnished room at a few draw calls per eye whatever
the number of props, and nothing static costs Python time per frame.

Light and shadow are partly baked into the vertices as ambient occlusion: the floor darkens
under and around what stands on it, walls darken into corners and near the floor, and props
darken towards their feet. That reads as contact shadows in a headset at no per-frame cost.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from scenes.fixtures import fixture_mesh
from scenes.kit import PROP_TYPES, PropType
from scenes.layout import LightFixture, PropPlacement, Room, SceneLayout, Surface
from scenes.materials import Material, Rgb, srgb_to_linear
from scenes.mesh import Mesh, MeshBuilder, PropMesh, concat, placement_matrix
from scenes.textures import SurfaceTexture, surface_texture

MAX_SHADER_LIGHTS = 8
"""Lights the scene shader evaluates per pixel; more fixtures are merged into this many."""


@dataclass(frozen=True)
class TexturedSurface:
    """One room surface (floor, walls, lower walls, ceiling) with its texture."""

    name: str
    mesh: Mesh
    texture: SurfaceTexture


@dataclass(frozen=True)
class ShaderLight:
    """A light as the scene shader sees it: position, linear colour and reach in metres."""

    position_m: tuple[float, float, float]
    colour: tuple[float, float, float]
    """Linear RGB times intensity."""
    range_m: float


@dataclass(frozen=True)
class Footprint:
    """Where a prop stands on the floor: an oriented rectangle and its height."""

    centre_m: tuple[float, float]
    half_size_m: tuple[float, float]
    heading_deg: float
    bottom_m: float
    top_m: float
    index: int


@dataclass(frozen=True)
class StaticScene:
    """Everything static in a room, composed: textured surfaces, merged props, lights."""

    surfaces: tuple[TexturedSurface, ...]
    opaque: Mesh
    clear: Mesh
    lights: tuple[ShaderLight, ...]
    sky: Rgb
    """Linear colour of light from above (ambient, and what shiny surfaces reflect upwards)."""
    ground: Rgb
    """Linear colour of light bouncing up from the floor."""
    walls: Rgb
    """Linear colour shiny surfaces reflect sideways: the lit walls around them."""
    footprints: tuple[Footprint, ...]

    @property
    def triangle_count(self) -> int:
        """Triangles in all of the scene's meshes."""
        return (
            sum(s.mesh.triangle_count for s in self.surfaces)
            + self.opaque.triangle_count
            + self.clear.triangle_count
        )


MeshCache = dict[tuple[str, str], PropMesh]


def placed_prop(
    placement: PropPlacement, kit: Mapping[str, PropType] = PROP_TYPES, cache: MeshCache | None = None
) -> tuple[PropMesh, npt.NDArray[np.float64]]:
    """The prop's mesh (built once for identical props) and the matrix that places it."""
    key = (placement.type, repr(sorted(placement.options.items())))
    mesh = cache.get(key) if cache is not None else None
    if mesh is None:
        mesh = kit[placement.type].build(placement.options)
        if cache is not None:
            cache[key] = mesh
    matrix = placement_matrix(placement.position_m, placement.heading_deg, placement.scale)
    return mesh, matrix


def footprint(placement: PropPlacement, mesh: PropMesh) -> Footprint:
    """Where ``placement`` puts ``mesh`` on the floor, and from which height to which."""
    (x0, y0, z0), (x1, y1, z1) = mesh.bounds()
    sx, sy, sz = placement.scale
    matrix = placement_matrix(placement.position_m, placement.heading_deg, placement.scale)
    centre = matrix @ np.array([(x0 + x1) / 2, (y0 + y1) / 2, 0.0, 1.0])
    return Footprint(
        (float(centre[0]), float(centre[1])),
        ((x1 - x0) * sx / 2, (y1 - y0) * sy / 2),
        placement.heading_deg,
        placement.position_m[2] + z0 * sz,
        placement.position_m[2] + z1 * sz,
        placement.index,
    )


def compose(layout: SceneLayout, kit: Mapping[str, PropType] = PROP_TYPES) -> StaticScene:
    """The room of ``layout`` with every prop, light fixture and skirting board merged.

    Occlusion is baked in as the module docstring says.
    """
    room = layout.room
    opaque: list[Mesh] = []
    clear: list[Mesh] = []
    footprints: list[Footprint] = []
    cache: MeshCache = {}
    for placement in layout.props:
        mesh, matrix = placed_prop(placement, kit, cache)
        footprints.append(footprint(placement, mesh))
        opaque.append(_foot_occlusion(mesh.opaque.transformed(matrix), placement.position_m[2]))
        clear.append(mesh.clear.transformed(matrix))
    for fixture in layout.lights:
        if fixture.kind != "point":
            fixture_geometry = fixture_mesh(fixture.kind, room.height_m - fixture.position_m[2])
            matrix = placement_matrix(fixture.position_m, fixture.heading_deg)
            opaque.append(fixture_geometry.opaque.transformed(matrix))
    opaque.append(_skirting(room))
    surfaces = _room_surfaces(room, footprints)
    return StaticScene(
        surfaces,
        concat(opaque),
        concat(clear),
        shader_lights(layout.lights, room),
        *_ambient(room, layout.lights),
        tuple(footprints),
    )


def shader_lights(fixtures: Sequence[LightFixture], room: Room) -> tuple[ShaderLight, ...]:
    """One shader light per fixture, the nearest merged until at most MAX_SHADER_LIGHTS remain."""
    lights = []
    for f in fixtures:
        strength = (
            {"panel": 1.0, "batten": 0.9, "pendant": 0.6, "high-bay": 2.2, "spot": 0.5, "point": 1.0}[f.kind]
            * f.brightness
            * 1.5
        )
        linear = tuple(srgb_to_linear(c) for c in f.colour)
        drop = 0.35 if f.kind in ("panel", "batten") else 0.15
        lights.append(
            ShaderLight(
                (f.position_m[0], f.position_m[1], f.position_m[2] - drop),
                (linear[0] * strength, linear[1] * strength, linear[2] * strength),
                max(6.0, room.height_m * 2.6),
            )
        )
    while len(lights) > MAX_SHADER_LIGHTS:
        best = (math.inf, 0, 1)
        for i in range(len(lights)):
            for j in range(i + 1, len(lights)):
                d = math.dist(lights[i].position_m, lights[j].position_m)
                if d < best[0]:
                    best = (d, i, j)
        _, i, j = best
        a, b = lights[i], lights[j]
        wa, wb = sum(a.colour), sum(b.colour)
        pos = tuple(
            (pa * wa + pb * wb) / (wa + wb) for pa, pb in zip(a.position_m, b.position_m, strict=True)
        )
        merged = ShaderLight(
            (pos[0], pos[1], pos[2]),
            (a.colour[0] + b.colour[0], a.colour[1] + b.colour[1], a.colour[2] + b.colour[2]),
            max(a.range_m, b.range_m) + best[0] / 2,
        )
        lights = [light for k, light in enumerate(lights) if k not in (i, j)] + [merged]
    return tuple(lights)


def _ambient(room: Room, fixtures: Sequence[LightFixture]) -> tuple[Rgb, Rgb, Rgb]:
    area = room.width_m * room.depth_m
    density = min(1.5, sum(f.brightness for f in fixtures) * 6.0 / max(area, 1.0))
    level = room.ambient * (0.45 + 0.3 * density)
    ceiling = [srgb_to_linear(c) for c in room.ceiling.colour]
    walls = [srgb_to_linear(c) for c in room.walls.colour]
    floor = [srgb_to_linear(c) for c in room.floor.colour]
    sky = tuple(level * (0.55 + 0.25 * c + 0.2 * w) for c, w in zip(ceiling, walls, strict=True))
    ground = tuple(level * (0.15 + 0.35 * f + 0.1 * w) for f, w in zip(floor, walls, strict=True))
    lower = [srgb_to_linear(c) for c in (room.wall_lower or room.walls).colour]
    side = tuple(level * (0.25 + 0.8 * w) for w in lower)
    return (sky[0], sky[1], sky[2]), (ground[0], ground[1], ground[2]), (side[0], side[1], side[2])


def _foot_occlusion(mesh: Mesh, base_z: float) -> Mesh:
    """Darken a floor-standing prop towards its feet."""
    if base_z > 0.05 or not mesh.vertex_count:
        return mesh
    z = mesh.positions[:, 2]
    factor = 0.62 + 0.38 * _smoothstep(0.0, 0.3, z)
    surface = mesh.surface.copy()
    surface[:, 3] *= factor
    return Mesh(mesh.positions, mesh.normals, mesh.colours, surface, mesh.uvs, mesh.indices)


def _smoothstep(edge0: float, edge1: float, x: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    t = np.clip((np.asarray(x, dtype=np.float64) - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _grid(
    u_len: float, v_len: float, spacing: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.uint32]]:
    nu = max(1, math.ceil(u_len / spacing))
    nv = max(1, math.ceil(v_len / spacing))
    u = np.linspace(0, u_len, nu + 1)
    v = np.linspace(0, v_len, nv + 1)
    uu, vv = np.meshgrid(u, v, indexing="xy")
    idx = []
    for j in range(nv):
        for i in range(nu):
            a = j * (nu + 1) + i
            idx.append((a, a + 1, a + nu + 2))
            idx.append((a, a + nu + 2, a + nu + 1))
    return uu.ravel(), vv.ravel(), np.array(idx, dtype=np.uint32)


def _surface_mesh(
    positions: npt.NDArray[np.float64],
    normal: Sequence[float],
    uvs: npt.NDArray[np.float64],
    indices: npt.NDArray[np.uint32],
    surface: Surface,
    texture: SurfaceTexture,
    ao: npt.NDArray[np.float64],
) -> Mesh:
    count = len(positions)
    # The texture carries the colour; vertices carry white and the baked occlusion.
    colours = np.ones((count, 4), np.float32)
    attrs = np.tile(np.array([texture.roughness, 0.0, 0.0, 1.0], np.float32), (count, 1))
    attrs[:, 3] = ao.astype(np.float32)
    normals = np.tile(np.array(normal, np.float32), (count, 1))
    del surface
    return Mesh(positions.astype(np.float32), normals, colours, attrs, uvs.astype(np.float32), indices)


def _room_surfaces(room: Room, footprints: Sequence[Footprint]) -> tuple[TexturedSurface, ...]:
    w, d, h = room.width_m, room.depth_m, room.height_m
    spacing = max(0.25, max(w, d) / 90)
    parts: list[TexturedSurface] = []
    # Floor
    u, v, idx = _grid(w, d, spacing)
    pos = np.stack([u - w / 2, v - d / 2, np.zeros_like(u)], axis=-1)
    tex = surface_texture(room.floor)
    ao = _floor_occlusion(pos[:, 0], pos[:, 1], footprints) * _edge_occlusion(pos[:, 0], pos[:, 1], w, d)
    parts.append(
        TexturedSurface(
            "floor",
            _surface_mesh(
                pos,
                (0, 0, 1),
                np.stack([pos[:, 0] / tex.repeat_m[0], pos[:, 1] / tex.repeat_m[1]], -1),
                idx,
                room.floor,
                tex,
                ao,
            ),
            tex,
        )
    )
    # Ceiling (faces down: swap the winding); only its edges darken, so a coarser grid does.
    u, v, idx = _grid(w, d, spacing * 2)
    pos_c = np.stack([u - w / 2, v - d / 2, np.full_like(u, h)], axis=-1)
    tex_c = surface_texture(room.ceiling)
    ao_c = 0.8 + 0.2 * _edge_occlusion(pos_c[:, 0], pos_c[:, 1], w, d)
    parts.append(
        TexturedSurface(
            "ceiling",
            _surface_mesh(
                pos_c,
                (0, 0, -1),
                np.stack([pos_c[:, 0] / tex_c.repeat_m[0], pos_c[:, 1] / tex_c.repeat_m[1]], -1),
                idx[:, ::-1].copy(),
                room.ceiling,
                tex_c,
                ao_c,
            ),
            tex_c,
        )
    )
    # Walls: upper part, and the lower band when the room has one
    bands = [("walls", room.walls, room.wall_lower_height_m if room.wall_lower else 0.0, h)]
    if room.wall_lower is not None and room.wall_lower_height_m > 0:
        bands.insert(0, ("wall-lower", room.wall_lower, 0.0, min(h, room.wall_lower_height_m)))
    for name, surf, z0, z1 in bands:
        tex_w = surface_texture(surf)
        meshes = []
        for origin, direction, normal, length in _walls(w, d):
            uu, zz, widx = _grid(length, z1 - z0, 0.5)
            zz = zz + z0
            p = np.array(origin)[None, :] + uu[:, None] * np.array(direction)[None, :]
            p = np.concatenate([p[:, :2], zz[:, None]], axis=1)
            along = np.minimum(uu, length - uu)
            ao_w = (
                (0.72 + 0.28 * _smoothstep(0.0, 0.45, zz))
                * (0.86 + 0.14 * _smoothstep(0.0, 0.5, h - zz))
                * (0.8 + 0.2 * _smoothstep(0.0, 0.6, along))
                * _wall_occlusion(p, normal, footprints)
            )
            uvs = np.stack([uu / tex_w.repeat_m[0], zz / tex_w.repeat_m[1]], -1)
            meshes.append(_surface_mesh(p, normal, uvs, widx, surf, tex_w, ao_w))
        fixed = [Mesh(m.positions, m.normals, m.colours, m.surface, m.uvs, _facing(m)) for m in meshes]
        parts.append(TexturedSurface(name, concat(fixed), tex_w))
    return tuple(parts)


def _walls(
    w: float, d: float
) -> list[tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float], float]]:
    """Each wall as (start corner, direction along it, inward normal, length)."""
    return [
        ((-w / 2, d / 2, 0.0), (1.0, 0.0, 0.0), (0.0, -1.0, 0.0), w),  # far wall
        ((w / 2, -d / 2, 0.0), (-1.0, 0.0, 0.0), (0.0, 1.0, 0.0), w),  # entrance wall
        ((-w / 2, -d / 2, 0.0), (0.0, 1.0, 0.0), (1.0, 0.0, 0.0), d),  # left wall
        ((w / 2, d / 2, 0.0), (0.0, -1.0, 0.0), (-1.0, 0.0, 0.0), d),  # right wall
    ]


def _facing(mesh: Mesh) -> npt.NDArray[np.uint32]:
    """Triangles wound so they face along the vertex normals."""
    tri = mesh.positions[mesh.indices]
    face = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    flip = np.einsum("ij,ij->i", face, mesh.normals[mesh.indices[:, 0]]) < 0
    out = mesh.indices.copy()
    out[flip] = out[flip][:, ::-1]
    return out


def _edge_occlusion(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], w: float, d: float
) -> npt.NDArray[np.float64]:
    edge = np.minimum(w / 2 - np.abs(x), d / 2 - np.abs(y))
    return 0.78 + 0.22 * _smoothstep(0.0, 0.5, edge)


def _local(
    points_x: npt.NDArray[np.float64], points_y: npt.NDArray[np.float64], fp: Footprint
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    a = math.radians(fp.heading_deg)
    dx, dy = points_x - fp.centre_m[0], points_y - fp.centre_m[1]
    # Inverse of a compass (clockwise) rotation.
    return dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)


def _floor_occlusion(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], footprints: Sequence[Footprint]
) -> npt.NDArray[np.float64]:
    ao = np.ones_like(x)
    for fp in footprints:
        if fp.bottom_m > 0.05 or fp.top_m < 0.02:
            continue
        height = fp.top_m - fp.bottom_m
        u, v = _local(x, y, fp)
        du = np.maximum(np.abs(u) - fp.half_size_m[0], 0.0)
        dv = np.maximum(np.abs(v) - fp.half_size_m[1], 0.0)
        outside = np.hypot(du, dv)
        reach = min(0.45, 0.12 + 0.15 * height)
        strength = min(0.55, 0.2 + 0.25 * height)
        ao *= 1.0 - strength * (1.0 - _smoothstep(0.0, reach, outside))
    return ao


def _wall_occlusion(
    points: npt.NDArray[np.float64], normal: Sequence[float], footprints: Sequence[Footprint]
) -> npt.NDArray[np.float64]:
    """Darken the wall behind props that stand close to it, up to their height."""
    ao = np.ones(len(points))
    n = np.array(normal[:2])
    for fp in footprints:
        radius = math.hypot(*fp.half_size_m)
        wall_point = points[:, :2]
        along_normal = (np.array(fp.centre_m)[None, :] - wall_point) @ n
        near = along_normal < radius + 0.25
        if not near.any():
            continue
        u, v = _local(points[:, 0], points[:, 1], fp)
        du = np.maximum(np.abs(u) - fp.half_size_m[0], 0.0)
        dv = np.maximum(np.abs(v) - fp.half_size_m[1], 0.0)
        outside = np.hypot(du, dv)
        dz = np.maximum(points[:, 2] - fp.top_m, 0.0) + np.maximum(fp.bottom_m - points[:, 2], 0.0)
        dist = np.hypot(outside, dz).astype(np.float32)
        ao *= np.where(near, 1.0 - 0.35 * (1.0 - _smoothstep(0.0, 0.35, dist)), 1.0)
    return ao


def _skirting(room: Room) -> Mesh:
    m = MeshBuilder()
    shade = tuple(c * 0.8 for c in (room.wall_lower or room.walls).colour)
    mat = Material((shade[0], shade[1], shade[2]), roughness=0.5)
    w, d, t, h = room.width_m, room.depth_m, 0.012, 0.08
    m.span((-w / 2, d / 2 - t, 0), (w / 2, d / 2, h), mat)
    m.span((-w / 2, -d / 2, 0), (w / 2, -d / 2 + t, h), mat)
    m.span((-w / 2, -d / 2, 0), (-w / 2 + t, d / 2, h), mat)
    m.span((w / 2 - t, -d / 2, 0), (w / 2, d / 2, h), mat)
    return m.build().opaque
