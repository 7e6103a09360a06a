"""Triangle meshes as numpy arrays, and a builder of low-poly shapes (no Panda3D here).

Every vertex carries what the scene shader needs, so that all static geometry of a room can be
merged into very few draw calls: position, normal, linear colour with alpha, and a *surface*
vector (roughness, metallic, emission, ambient occlusion). Coordinates are metres, x right,
y forward, z up, as in Panda3D.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from scenes.materials import Material, Rgb, srgb_to_linear

FloatArray = npt.NDArray[np.float32]
IndexArray = npt.NDArray[np.uint32]
Vec3 = tuple[float, float, float]


@dataclass(frozen=True)
class Mesh:
    """Vertices and triangles; every array has one row per vertex (indices: per triangle)."""

    positions: FloatArray
    normals: FloatArray
    colours: FloatArray
    """Linear RGB and alpha."""
    surface: FloatArray
    """Roughness, metallic, emission, ambient occlusion (1 = fully lit)."""
    uvs: FloatArray
    indices: IndexArray

    @property
    def vertex_count(self) -> int:
        """Vertices in the mesh."""
        return len(self.positions)

    @property
    def triangle_count(self) -> int:
        """Triangles in the mesh."""
        return len(self.indices)

    def transformed(self, matrix: npt.NDArray[np.float64]) -> Mesh:
        """This mesh moved by a 4×4 matrix (column vectors)."""
        positions = self.positions @ matrix[:3, :3].T.astype(np.float32) + matrix[:3, 3].astype(np.float32)
        normals = _normalised(self.normals @ np.linalg.inv(matrix[:3, :3]).astype(np.float32))
        return Mesh(positions.astype(np.float32), normals, self.colours, self.surface, self.uvs, self.indices)

    def bounds(self) -> tuple[Vec3, Vec3]:
        """The lowest and highest corner of the mesh's bounding box, in metres."""
        if not self.vertex_count:
            return (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)
        lo, hi = self.positions.min(axis=0), self.positions.max(axis=0)
        return (float(lo[0]), float(lo[1]), float(lo[2])), (float(hi[0]), float(hi[1]), float(hi[2]))


def empty_mesh() -> Mesh:
    """A mesh without vertices."""
    return Mesh(
        np.zeros((0, 3), np.float32),
        np.zeros((0, 3), np.float32),
        np.zeros((0, 4), np.float32),
        np.zeros((0, 4), np.float32),
        np.zeros((0, 2), np.float32),
        np.zeros((0, 3), np.uint32),
    )


def concat(meshes: Sequence[Mesh]) -> Mesh:
    """The meshes merged into one (one draw call)."""
    meshes = [m for m in meshes if m.vertex_count]
    if not meshes:
        return empty_mesh()
    offsets = np.cumsum([0] + [m.vertex_count for m in meshes[:-1]])
    return Mesh(
        np.concatenate([m.positions for m in meshes]),
        np.concatenate([m.normals for m in meshes]),
        np.concatenate([m.colours for m in meshes]),
        np.concatenate([m.surface for m in meshes]),
        np.concatenate([m.uvs for m in meshes]),
        np.concatenate([m.indices + np.uint32(o) for m, o in zip(meshes, offsets, strict=True)]),
    )


@dataclass(frozen=True)
class PropMesh:
    """A prop's geometry: opaque parts, and see-through parts drawn after them."""

    opaque: Mesh
    clear: Mesh

    @property
    def triangle_count(self) -> int:
        """Triangles in both parts."""
        return self.opaque.triangle_count + self.clear.triangle_count

    def bounds(self) -> tuple[Vec3, Vec3]:
        """The lowest and highest corner of the bounding box around both parts."""
        boxes = [m.bounds() for m in (self.opaque, self.clear) if m.vertex_count]
        if not boxes:
            return (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)
        lo = tuple(min(b[0][i] for b in boxes) for i in range(3))
        hi = tuple(max(b[1][i] for b in boxes) for i in range(3))
        return (lo[0], lo[1], lo[2]), (hi[0], hi[1], hi[2])


def rotation_matrix(
    heading_deg: float = 0.0, pitch_deg: float = 0.0, roll_deg: float = 0.0
) -> npt.NDArray[np.float64]:
    """4×4 rotation from heading, pitch and roll in degrees.

    Heading is a compass angle (clockwise seen from above, as in the layout files); pitch turns
    about x, positive tilting +y up (as Panda3D's P); roll turns about y.
    """
    h, p, r = (math.radians(a) for a in (heading_deg, pitch_deg, roll_deg))
    ch, sh = math.cos(-h), math.sin(-h)
    rz = np.array([[ch, -sh, 0], [sh, ch, 0], [0, 0, 1]])
    cp, sp = math.cos(p), math.sin(p)
    rx = np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
    cr, sr = math.cos(r), math.sin(r)
    ry = np.array([[cr, 0, sr], [0, 1, 0], [-sr, 0, cr]])
    m = np.eye(4)
    m[:3, :3] = rz @ rx @ ry
    return m


def placement_matrix(
    position: Vec3,
    heading_deg: float = 0.0,
    scale: Vec3 = (1.0, 1.0, 1.0),
    pitch_deg: float = 0.0,
    roll_deg: float = 0.0,
) -> npt.NDArray[np.float64]:
    """4×4 matrix that scales, then rotates (degrees, as ``rotation_matrix``), then moves."""
    m = rotation_matrix(heading_deg, pitch_deg, roll_deg)
    m[:3, :3] = m[:3, :3] @ np.diag(scale)
    m[:3, 3] = position
    return m


@cache
def _unit_tube(segments: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], IndexArray]:
    """The side of a cylinder of radius 1 from z = 0 to 1, with outward-facing triangles."""
    builder = MeshBuilder()
    builder.lathe([(1.0, 0.0), (1.0, 1.0)], Material((1.0, 1.0, 1.0)), segments=segments, smooth_sides=True)
    tube = builder.build().opaque
    positions = tube.positions.astype(np.float64)
    normals = tube.normals.astype(np.float64)
    positions.setflags(write=False)
    normals.setflags(write=False)
    tube.indices.setflags(write=False)
    return positions, normals, tube.indices


def _cross(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Row-wise cross product of (…, 3) arrays.

    numpy's own spends most of its time on axis bookkeeping for the few-row arrays a prop is built
    from.
    """
    out = np.empty(np.broadcast_shapes(a.shape, b.shape), dtype=np.result_type(a, b))
    out[..., 0] = a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1]
    out[..., 1] = a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2]
    out[..., 2] = a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    return out


def _rows(values: Sequence[float], count: int) -> npt.NDArray[np.float32]:
    """``count`` copies of one row (a material's colour or surface for every vertex)."""
    out = np.empty((count, len(values)), np.float32)
    out[:] = values
    return out


def _normalised(v: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    length = np.linalg.norm(v, axis=1, keepdims=True)
    return (v / np.maximum(length, 1e-9)).astype(np.float32)


class MeshBuilder:
    """Collects low-poly shapes in a local frame; ``build()`` returns the prop's mesh.

    ``with builder.frame(pos, heading_deg=...)`` moves everything added inside it.
    """

    def __init__(self) -> None:
        self._stack: list[npt.NDArray[np.float64]] = [np.eye(4)]
        # Per frame: the inverse of its 3 × 3 part (for normals) and whether it mirrors,
        # worked out once per frame rather than once per shape (a warehouse has thousands).
        self._normal_stack: list[tuple[npt.NDArray[np.float64], bool]] = [(np.eye(3), False)]
        self._opaque: list[Mesh] = []
        self._clear: list[Mesh] = []

    @contextmanager
    def frame(
        self,
        pos: Sequence[float] = (0.0, 0.0, 0.0),
        heading_deg: float = 0.0,
        pitch_deg: float = 0.0,
        roll_deg: float = 0.0,
        scale: float | Sequence[float] = 1.0,
    ) -> Iterator[None]:
        """Place everything added inside the ``with`` block at ``pos``, turned and scaled."""
        s = (scale, scale, scale) if isinstance(scale, int | float) else tuple(scale)
        local = placement_matrix(
            (pos[0], pos[1], pos[2]), heading_deg, (s[0], s[1], s[2]), pitch_deg, roll_deg
        )
        self._push(self._stack[-1] @ local)
        try:
            yield
        finally:
            self._pop()

    def build(self) -> PropMesh:
        """The prop's mesh: what was added so far, opaque and see-through parts apart."""
        return PropMesh(concat(self._opaque), concat(self._clear))

    def _push(self, matrix: npt.NDArray[np.float64]) -> None:
        self._stack.append(matrix)
        inverse = np.asarray(np.linalg.inv(matrix[:3, :3]), dtype=np.float64)
        self._normal_stack.append((inverse, bool(np.linalg.det(matrix[:3, :3]) < 0)))

    def _pop(self) -> None:
        self._stack.pop()
        self._normal_stack.pop()

    def add(self, mesh: Mesh) -> None:
        """A mesh built elsewhere (a head, another prop), placed by the current frame."""
        moved = mesh.transformed(self._stack[-1])
        see_through = moved.colours[moved.indices[:, 0], 3] < 1.0
        for target, keep in ((self._opaque, ~see_through), (self._clear, see_through)):
            if keep.any():
                target.append(
                    Mesh(
                        moved.positions,
                        moved.normals,
                        moved.colours,
                        moved.surface,
                        moved.uvs,
                        moved.indices[keep],
                    )
                )

    def add_prop(self, prop: PropMesh) -> None:
        """A whole prop's mesh (both its opaque and its see-through part), placed by the frame."""
        for part in (prop.opaque, prop.clear):
            if part.vertex_count:
                self.add(part)

    # -- shapes ------------------------------------------------------------------------------

    def box(
        self,
        pos: Sequence[float],
        size: Sequence[float],
        mat: Material,
        colour: Rgb | None = None,
        bevel: float = 0.0,
    ) -> None:
        """A box standing on ``pos`` (the centre of its bottom face)."""
        sx, sy, sz = size
        self.span(
            (pos[0] - sx / 2, pos[1] - sy / 2, pos[2]),
            (pos[0] + sx / 2, pos[1] + sy / 2, pos[2] + sz),
            mat,
            colour,
            bevel,
        )

    def span(
        self,
        lo: Sequence[float],
        hi: Sequence[float],
        mat: Material,
        colour: Rgb | None = None,
        bevel: float = 0.0,
    ) -> None:
        """A box between two opposite corners; ``bevel`` chamfers its edges (metres)."""
        centre = np.array([(lo[i] + hi[i]) / 2 for i in range(3)])
        half = np.array([abs(hi[i] - lo[i]) / 2 for i in range(3)])
        bevel = min(bevel, *(half * 0.9))
        if bevel > 1e-4:
            signs, inner_mask, normals, indices = _box_template(True)
            positions = signs * np.where(inner_mask, half - bevel, half) + centre
        else:
            signs, inner_mask, normals, indices = _box_template(False)
            positions = signs * half + centre
        self._add_indexed(positions, normals, indices, mat, colour)

    def quad(
        self,
        corners: Sequence[Sequence[float]],
        mat: Material,
        colour: Rgb | None = None,
        two_sided: bool = False,
    ) -> None:
        """A flat four-cornered face; its front is counter-clockwise seen from outside."""
        pts = np.array(corners, dtype=np.float64)
        normal = _cross(pts[1] - pts[0], pts[2] - pts[0])
        faces = [(pts, normal)]
        if two_sided:
            faces.append((pts[::-1].copy(), -normal))
        self._add_faces(faces, mat, colour)

    def cylinder(
        self,
        pos: Sequence[float],
        radius: float,
        height: float,
        mat: Material,
        colour: Rgb | None = None,
        segments: int = 12,
        radius_top: float | None = None,
        caps: bool = True,
        axis: str = "z",
    ) -> None:
        """An upright cylinder (or cone frustum) standing on ``pos``.

        ``axis`` x or y lays it down along that axis, centred on ``pos``.
        """
        top = radius if radius_top is None else radius_top
        profile = (
            [(0.0, 0.0), (radius, 0.0), (top, height), (0.0, height)]
            if caps
            else [(radius, 0.0), (top, height)]
        )
        if axis == "z":
            with self.frame(pos):
                self.lathe(profile, mat, colour, segments, smooth_sides=True)
        else:
            rot = {"x": (90.0, 90.0), "y": (0.0, 90.0)}[axis]
            with self.frame(pos, heading_deg=rot[0], pitch_deg=rot[1]), self.frame((0.0, 0.0, -height / 2)):
                self.lathe(profile, mat, colour, segments, smooth_sides=True)

    def rod(
        self,
        start: Sequence[float],
        end: Sequence[float],
        radius: float,
        mat: Material,
        colour: Rgb | None = None,
        segments: int = 6,
    ) -> None:
        """A round bar from ``start`` to ``end`` (tubes, rails, legs, handles)."""
        a, b = np.array(start, dtype=np.float64), np.array(end, dtype=np.float64)
        axis = b - a
        length = float(np.linalg.norm(axis))
        if length < 1e-6:
            return
        z = axis / length
        helper = np.array([1.0, 0, 0]) if abs(z[0]) < 0.9 else np.array([0, 1.0, 0])
        x = _cross(helper, z)
        x /= np.linalg.norm(x)
        y = _cross(z, x)
        # A unit tube, scaled to the rod: rods are the commonest shape (legs, rails, tripods,
        # cables), and building each from its profile took a third of a scene's preparation.
        local = np.eye(4)
        local[:3, 0], local[:3, 1], local[:3, 2], local[:3, 3] = x * radius, y * radius, z * length, a
        positions, normals, indices = _unit_tube(segments)
        self._push(self._stack[-1] @ local)
        try:
            self._add_indexed(positions, normals, indices, mat, colour)
        finally:
            self._pop()

    def sphere(
        self,
        pos: Sequence[float],
        radius: float | Sequence[float],
        mat: Material,
        colour: Rgb | None = None,
        segments: int = 12,
        rings: int = 8,
    ) -> None:
        """A sphere (or ellipsoid with three radii) centred on ``pos``."""
        r = (radius, radius, radius) if isinstance(radius, int | float) else tuple(radius)
        theta = np.linspace(0, math.pi, rings + 1)
        phi = np.linspace(0, 2 * math.pi, segments + 1)
        t, p = np.meshgrid(theta, phi, indexing="ij")
        unit = np.stack([np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)], axis=-1).reshape(-1, 3)
        positions = unit * np.array(r) + np.array(pos[:3])
        normals = unit / np.array(r)
        idx = []
        for i in range(rings):
            for j in range(segments):
                a, b = i * (segments + 1) + j, i * (segments + 1) + j + 1
                c, d = a + segments + 1, b + segments + 1
                if i > 0:
                    idx.append((a, c, b))
                if i < rings - 1:
                    idx.append((b, c, d))
        self._add_indexed(positions, normals, np.array(idx, dtype=np.uint32), mat, colour)

    def sphere_patch(
        self,
        pos: Sequence[float],
        radii: Sequence[float],
        mat: Material,
        theta_range: Callable[[float], tuple[float, float]],
        colour: Rgb | None = None,
        segments: int = 24,
        rings: int = 8,
        phi_range: tuple[float, float] = (0.0, 360.0),
        shape: Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]] | None = None,
    ) -> None:
        """Part of an ellipsoid's surface (hair, eyelids, beards).

        For each azimuth ``phi`` (degrees from +y towards +x), ``theta_range(phi)`` gives the polar
        band to cover, in degrees from +z (0 = top, 90 = the equator, 180 = bottom). ``shape`` moves
        the points (relative to the centre) to sculpt the ellipsoid, e.g. into a head; normals follow.
        """
        phis = np.radians(np.linspace(phi_range[0], phi_range[1], segments + 1))
        rows = []
        for phi in phis:
            start, stop = theta_range(math.degrees(float(phi)) % 360.0)
            rows.append(np.radians(np.linspace(start, stop, rings + 1)))
        theta = np.array(rows)  # (segments+1, rings+1)
        phi = np.repeat(phis[:, None], rings + 1, axis=1)
        unit = np.stack(
            [np.sin(theta) * np.sin(phi), np.sin(theta) * np.cos(phi), np.cos(theta)], -1
        ).reshape(-1, 3)
        r = np.array(radii, dtype=np.float64)
        local = unit * r
        idx = []
        n = rings + 1
        for i in range(segments):
            for j in range(rings):
                a, b = i * n + j, i * n + j + 1
                c, d = a + n, b + n
                idx += [(a, b, d), (a, d, c)]
        indices = np.array(idx, dtype=np.uint32)
        if shape is None:
            normals = unit / r
        else:
            local = shape(local)
            normals = smooth_normals(local, _outward(local, unit / r, indices))
        self._add_indexed(local + np.array(pos[:3]), normals, indices, mat, colour, fix_winding=True)

    def lathe(
        self,
        profile: Sequence[tuple[float, float]],
        mat: Material,
        colour: Rgb | None = None,
        segments: int = 16,
        smooth_sides: bool = True,
    ) -> None:
        """Turn a profile of (radius, height) points around the local z axis.

        For pots, plates, lamp shades, stools. Consecutive points with the same height make a flat
        ring.
        """
        prof = np.array(profile, dtype=np.float64)
        angles = np.linspace(0, 2 * math.pi, segments + 1)
        cos, sin = np.cos(angles), np.sin(angles)
        parts_pos, parts_nrm, parts_idx = [], [], []
        base = 0
        for k in range(len(prof) - 1):
            (r0, z0), (r1, z1) = prof[k], prof[k + 1]
            dr, dz = r1 - r0, z1 - z0
            if abs(dr) < 1e-9 and abs(dz) < 1e-9:
                continue
            # Outward normal of this band in the (r, z) plane.
            nr, nz = dz, -dr
            length = math.hypot(nr, nz)
            nr, nz = nr / length, nz / length
            ring0 = np.stack([r0 * cos, r0 * sin, np.full_like(cos, z0)], axis=-1)
            ring1 = np.stack([r1 * cos, r1 * sin, np.full_like(cos, z1)], axis=-1)
            if smooth_sides:
                n = np.stack([nr * cos, nr * sin, np.full_like(cos, nz)], axis=-1)
                normals = np.concatenate([n, n])
            else:
                mid = (angles[:-1] + angles[1:]) / 2
                n = np.stack([nr * np.cos(mid), nr * np.sin(mid), np.full_like(mid, nz)], axis=-1)
                normals = np.concatenate([np.vstack([n, n[-1:]]), np.vstack([n, n[-1:]])])
            parts_pos.append(np.concatenate([ring0, ring1]))
            parts_nrm.append(normals)
            n1 = segments + 1
            for j in range(segments):
                a, b, c, d = base + j, base + j + 1, base + n1 + j, base + n1 + j + 1
                parts_idx.append((a, b, d))
                parts_idx.append((a, d, c))
            base += 2 * n1
        if not parts_pos:
            return
        indices = np.array(parts_idx, dtype=np.uint32)
        positions, normals = np.concatenate(parts_pos), np.concatenate(parts_nrm)
        if not smooth_sides:
            positions, normals, indices = _flat(positions, indices)
        self._add_indexed(positions, normals, indices, mat, colour, fix_winding=True)

    def extrude(
        self,
        outline: Sequence[tuple[float, float]],
        depth: float,
        mat: Material,
        colour: Rgb | None = None,
        y: float = 0.0,
    ) -> None:
        """A side profile drawn in the x–z plane (counter-clockwise seen from −y), made solid.

        It fills ``y - depth/2`` to ``y + depth/2`` (car bodies, chair sides, signs).
        """
        pts = [(float(u), float(v)) for u, v in outline]
        if _signed_area(pts) < 0:
            pts.reverse()
        front = np.array([(u, y - depth / 2, v) for u, v in pts])
        back = np.array([(u, y + depth / 2, v) for u, v in pts])
        tris = _triangulate(pts)
        faces: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]] = []
        for a, b, c in tris:
            faces.append((front[[a, c, b]], np.array([0, -1.0, 0])))
            faces.append((back[[a, b, c]], np.array([0, 1.0, 0])))
        n = len(pts)
        for i in range(n):
            j = (i + 1) % n
            quad = np.array([front[i], front[j], back[j], back[i]])
            du, dv = pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]
            faces.append((quad, np.array([dv, 0.0, -du])))
        self._add_faces(faces, mat, colour)

    # -- internals ---------------------------------------------------------------------------

    def _add_faces(
        self,
        faces: Sequence[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]],
        mat: Material,
        colour: Rgb | None,
    ) -> None:
        """Planar convex polygons with their outward normals; winding is fixed to match."""
        positions, normals, indices = [], [], []
        base = 0
        for corners, normal in faces:
            k = len(corners)
            unit = normal / max(float(np.linalg.norm(normal)), 1e-12)
            turn = _cross(corners[1] - corners[0], corners[2] - corners[0])
            order = list(range(k)) if float(np.dot(turn, unit)) >= 0 else list(range(k))[::-1]
            positions.append(corners[order])
            normals.append(np.repeat(unit[None, :], k, axis=0))
            for i in range(1, k - 1):
                indices.append((base, base + i, base + i + 1))
            base += k
        self._add_indexed(
            np.concatenate(positions),
            np.concatenate(normals),
            np.array(indices, dtype=np.uint32),
            mat,
            colour,
        )

    def _add_indexed(
        self,
        positions: npt.NDArray[np.float64],
        normals: npt.NDArray[np.float64],
        indices: IndexArray,
        mat: Material,
        colour: Rgb | None,
        fix_winding: bool = False,
    ) -> None:
        matrix = self._stack[-1]
        inverse, mirrors = self._normal_stack[-1]
        world = positions @ matrix[:3, :3].T + matrix[:3, 3]
        world_normals = normals @ inverse
        if mirrors:  # a mirroring frame turns triangles inside out
            indices = indices[:, ::-1].copy()
        if fix_winding:
            indices = _outward(world, world_normals, indices)
        count = len(world)
        rgb = mat.colour if colour is None else colour
        linear = [srgb_to_linear(c) for c in rgb]
        mesh = Mesh(
            world.astype(np.float32),
            _normalised(world_normals.astype(np.float32)),
            _rows([*linear, mat.alpha], count),
            _rows([mat.roughness, mat.metallic, mat.emission, 1.0], count),
            np.zeros((count, 2), np.float32),
            indices.astype(np.uint32),
        )
        (self._clear if mat.alpha < 1.0 else self._opaque).append(mesh)


@cache
def _box_template(
    bevelled: bool,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.float64], IndexArray]:
    """A box's vertices as signs, and which coordinates sit on the bevel's inner line.

    With normals and triangles: built once, then scaled for every box (most props are boxes).
    """
    half = np.array([10.0, 10.0, 10.0])
    faces = _chamfer_box(half, 1.0) if bevelled else _plain_box(half)
    builder = MeshBuilder()
    builder._add_faces(faces, Material((1.0, 1.0, 1.0)), None)
    mesh = builder._opaque[0]
    positions = mesh.positions.astype(np.float64)
    signs = np.sign(positions)
    inner = np.isclose(np.abs(positions), 9.0)
    return signs, inner, mesh.normals.astype(np.float64), mesh.indices


def smooth_normals(positions: npt.NDArray[np.float64], indices: IndexArray) -> npt.NDArray[np.float64]:
    """Vertex normals averaged over the faces around each point (seams welded by position)."""
    keys = np.round(positions * 1e6).astype(np.int64)
    _, weld = np.unique(keys, axis=0, return_inverse=True)
    weld = weld.reshape(-1)
    tri = positions[indices]
    face = _cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    summed = np.zeros((weld.max() + 1, 3))
    for corner in range(3):
        np.add.at(summed, weld[indices[:, corner]], face)
    normals = summed[weld]
    return normals / np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)


def _plain_box(
    half: npt.NDArray[np.float64],
) -> list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]]:
    faces = []
    for axis in range(3):
        for sign in (-1.0, 1.0):
            u, v = [a for a in range(3) if a != axis]
            corners = []
            for cu, cv in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                p = np.zeros(3)
                p[axis] = sign * half[axis]
                p[u], p[v] = cu * half[u], cv * half[v]
                corners.append(p)
            normal = np.zeros(3)
            normal[axis] = sign
            faces.append((np.array(corners), normal))
    return faces


def _chamfer_box(
    half: npt.NDArray[np.float64], b: float
) -> list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]]:
    inner = half - b
    faces = []
    for axis in range(3):  # six main faces, shrunk by the bevel
        for sign in (-1.0, 1.0):
            u, v = [a for a in range(3) if a != axis]
            corners = []
            for cu, cv in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                p = np.zeros(3)
                p[axis] = sign * half[axis]
                p[u], p[v] = cu * inner[u], cv * inner[v]
                corners.append(p)
            normal = np.zeros(3)
            normal[axis] = sign
            faces.append((np.array(corners), normal))
    for along in range(3):  # twelve edge strips
        a, c = [x for x in range(3) if x != along]
        for sa in (-1.0, 1.0):
            for sc in (-1.0, 1.0):
                ends = []
                for end in (-1.0, 1.0):
                    p = np.zeros(3)
                    p[along] = end * inner[along]
                    p[a], p[c] = sa * half[a], sc * inner[c]
                    q = p.copy()
                    q[a], q[c] = sa * inner[a], sc * half[c]
                    ends.append((p, q))
                quad = np.array([ends[0][0], ends[1][0], ends[1][1], ends[0][1]])
                normal = np.zeros(3)
                normal[a], normal[c] = sa, sc
                faces.append((quad, normal))
    for sx in (-1.0, 1.0):  # eight corner triangles
        for sy in (-1.0, 1.0):
            for sz in (-1.0, 1.0):
                s = np.array([sx, sy, sz])
                tri = []
                for axis in range(3):
                    p = s * inner
                    p[axis] = s[axis] * half[axis]
                    tri.append(p)
                faces.append((np.array(tri), s))
    return faces


def _flat(
    positions: npt.NDArray[np.float64], indices: IndexArray
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], IndexArray]:
    tri = positions[indices.reshape(-1)].reshape(-1, 3, 3)
    normal = _cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    normals = np.repeat(normal, 3, axis=0)
    return tri.reshape(-1, 3), normals, np.arange(len(tri) * 3, dtype=np.uint32).reshape(-1, 3)


def _outward(
    positions: npt.NDArray[np.float64], normals: npt.NDArray[np.float64], indices: IndexArray
) -> IndexArray:
    """Flip triangles whose winding disagrees with their vertices' normals."""
    if not len(indices):
        return indices
    tri = positions[indices]
    face = _cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    avg = normals[indices].sum(axis=1)
    flip = np.einsum("ij,ij->i", face, avg) < 0
    out = indices.copy()
    out[flip] = out[flip][:, ::-1]
    return out


def _signed_area(pts: Sequence[tuple[float, float]]) -> float:
    return 0.5 * sum(
        pts[i][0] * pts[(i + 1) % len(pts)][1] - pts[(i + 1) % len(pts)][0] * pts[i][1]
        for i in range(len(pts))
    )


def _triangulate(pts: Sequence[tuple[float, float]]) -> list[tuple[int, int, int]]:
    """Ear clipping of a simple counter-clockwise polygon."""
    remaining = list(range(len(pts)))
    tris: list[tuple[int, int, int]] = []
    guard = 0
    while len(remaining) > 3 and guard < 10_000:
        guard += 1
        for k in range(len(remaining)):
            i, j, n = remaining[k - 1], remaining[k], remaining[(k + 1) % len(remaining)]
            a, b, c = pts[i], pts[j], pts[n]
            cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
            if cross <= 1e-12:
                continue
            if any(_inside(pts[m], a, b, c) for m in remaining if m not in (i, j, n)):
                continue
            tris.append((i, j, n))
            remaining.pop(k)
            break
        else:  # degenerate outline: fall back to a fan
            break
    for k in range(1, len(remaining) - 1):
        tris.append((remaining[0], remaining[k], remaining[k + 1]))
    return tris


def _inside(
    p: tuple[float, float], a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]
) -> bool:
    def side(p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]) -> float:
        return (p1[0] - p3[0]) * (p2[1] - p3[1]) - (p2[0] - p3[0]) * (p1[1] - p3[1])

    d1, d2, d3 = side(p, a, b), side(p, b, c), side(p, c, a)
    return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))
