"""The mesh builder makes closed, outward-facing low-poly shapes where they are asked for."""

import numpy as np
import pytest

from scenes.materials import MATERIALS
from scenes.mesh import Mesh, MeshBuilder, concat, placement_matrix

STEEL = MATERIALS["stainless-steel"]


def outward_share(mesh: Mesh) -> float:
    """Share of triangles whose winding agrees with their vertex normals."""
    tri = mesh.positions[mesh.indices]
    face = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    area = np.linalg.norm(face, axis=1)
    keep = area > 1e-12
    agree = np.einsum("ij,ij->i", face[keep], mesh.normals[mesh.indices[keep, 0]]) > 0
    return float(agree.mean())


def test_box_stands_on_its_position_with_outward_faces():
    m = MeshBuilder()
    m.box((1.0, 2.0, 0.5), (0.4, 0.6, 0.8), STEEL)
    mesh = m.build().opaque
    lo, hi = mesh.bounds()
    assert lo == pytest.approx((0.8, 1.7, 0.5))
    assert hi == pytest.approx((1.2, 2.3, 1.3))
    assert mesh.triangle_count == 12
    assert outward_share(mesh) == 1.0


def test_bevelled_box_keeps_its_size_and_gains_edges():
    m = MeshBuilder()
    m.span((0, 0, 0), (1, 1, 1), STEEL, bevel=0.05)
    mesh = m.build().opaque
    assert mesh.bounds() == (pytest.approx((0, 0, 0)), pytest.approx((1, 1, 1)))
    assert mesh.triangle_count == 6 * 2 + 12 * 2 + 8
    assert outward_share(mesh) == 1.0


@pytest.mark.parametrize("shape", ["cylinder", "sphere", "rod", "lathe", "extrude", "patch"])
def test_round_shapes_face_outwards(shape):
    m = MeshBuilder()
    if shape == "cylinder":
        m.cylinder((0, 0, 0), 0.2, 0.5, STEEL, radius_top=0.1)
    elif shape == "sphere":
        m.sphere((0, 0, 1), (0.1, 0.2, 0.3), STEEL)
    elif shape == "rod":
        m.rod((0, 0, 0), (0.3, -0.2, 0.9), 0.02, STEEL)
    elif shape == "lathe":
        m.lathe([(0, 0), (0.2, 0), (0.25, 0.3), (0, 0.3)], STEEL)
    elif shape == "extrude":
        m.extrude([(0, 0), (1, 0), (1, 0.5), (0.5, 0.2), (0, 0.5)], 0.1, STEEL)
    else:
        m.sphere_patch((0, 0, 0), (0.1, 0.1, 0.1), STEEL, lambda phi: (0.0, 60.0 + phi / 10))
    assert outward_share(m.build().opaque) > 0.97


def test_frames_move_rotate_by_compass_heading_and_mirror_safely():
    m = MeshBuilder()
    with m.frame((2.0, 0.0, 0.0), heading_deg=90):
        m.box((0, 1.0, 0), (0.1, 0.1, 0.1), STEEL)  # one metre "forward" in the frame
    lo, hi = m.build().opaque.bounds()
    # Heading 90 turns +y towards +x.
    assert (lo[0] + hi[0]) / 2 == pytest.approx(3.0)
    assert (lo[1] + hi[1]) / 2 == pytest.approx(0.0, abs=1e-6)
    mirrored = MeshBuilder()
    with mirrored.frame(scale=(-1, 1, 1)):
        mirrored.box((0, 0, 0), (0.2, 0.2, 0.2), STEEL)
    assert outward_share(mirrored.build().opaque) == 1.0


def test_glass_goes_to_the_see_through_part():
    m = MeshBuilder()
    m.box((0, 0, 0), (1, 1, 1), STEEL)
    m.box((0, 0, 1), (1, 0.01, 1), MATERIALS["glass"])
    prop = m.build()
    assert prop.opaque.triangle_count == 12
    assert prop.clear.triangle_count == 12
    assert prop.clear.colours[:, 3].max() < 1.0


def test_concat_and_transform_keep_triangles_and_normals_unit():
    a = MeshBuilder()
    a.box((0, 0, 0), (1, 1, 1), STEEL)
    mesh = concat([a.build().opaque, a.build().opaque])
    assert mesh.triangle_count == 24
    assert mesh.indices.max() == mesh.vertex_count - 1
    moved = mesh.transformed(placement_matrix((5, 0, 0), 30, (2, 1, 1)))
    assert np.allclose(np.linalg.norm(moved.normals, axis=1), 1.0, atol=1e-5)
    assert moved.bounds()[0][0] > 3.5
