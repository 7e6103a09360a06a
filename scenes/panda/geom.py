"""Meshes and surface images as Panda3D geometry and textures."""

from __future__ import annotations

from functools import cache

import numpy as np
from panda3d.core import (
    Geom,
    GeomNode,
    GeomTriangles,
    GeomVertexArrayFormat,
    GeomVertexData,
    GeomVertexFormat,
    InternalName,
    SamplerState,
    Texture,
)

from scenes.mesh import Mesh
from scenes.textures import SurfaceTexture

SURFACE_COLUMN = "surface"
"""Vertex column with roughness, metallic, emission and baked ambient occlusion."""


@cache
def _format() -> GeomVertexFormat:
    array = GeomVertexArrayFormat()
    array.addColumn(InternalName.getVertex(), 3, Geom.NT_float32, Geom.C_point)
    array.addColumn(InternalName.getNormal(), 3, Geom.NT_float32, Geom.C_normal)
    array.addColumn(InternalName.getColor(), 4, Geom.NT_float32, Geom.C_color)
    array.addColumn(InternalName.make(SURFACE_COLUMN), 4, Geom.NT_float32, Geom.C_other)
    array.addColumn(InternalName.getTexcoord(), 2, Geom.NT_float32, Geom.C_texcoord)
    return GeomVertexFormat.registerFormat(array)


def geom_node(name: str, mesh: Mesh) -> GeomNode:
    """One Geom with every triangle of ``mesh`` (one draw call)."""
    node = GeomNode(name)
    if not mesh.vertex_count:
        return node
    rows = np.concatenate(
        [mesh.positions, mesh.normals, mesh.colours, mesh.surface, mesh.uvs], axis=1
    ).astype(np.float32)
    data = GeomVertexData(name, _format(), Geom.UH_static)
    data.uncleanSetNumRows(len(rows))
    memoryview(data.modifyArray(0)).cast("B")[:] = rows.tobytes()
    triangles = GeomTriangles(Geom.UH_static)
    triangles.setIndexType(Geom.NT_uint32)
    index_array = triangles.modifyVertices()
    index_array.uncleanSetNumRows(mesh.indices.size)
    memoryview(index_array).cast("B")[:] = mesh.indices.astype(np.uint32).tobytes()
    geom = Geom(data)
    geom.addPrimitive(triangles)
    node.addGeom(geom)
    return node


def texture(name: str, surface: SurfaceTexture, anisotropy: int = 8) -> Texture:
    """An sRGB, mipmapped, repeating texture from a generated surface image."""
    image = surface.image
    tex = Texture(name)
    height, width = image.shape[:2]
    tex.setup2dTexture(width, height, Texture.T_unsigned_byte, Texture.F_srgb)
    # Panda3D stores rows bottom-up and channels as BGR.
    tex.setRamImage(np.ascontiguousarray(image[::-1, :, ::-1]).tobytes())
    tex.setWrapU(SamplerState.WM_repeat)
    tex.setWrapV(SamplerState.WM_repeat)
    tex.setMinfilter(SamplerState.FT_linear_mipmap_linear)
    tex.setMagfilter(SamplerState.FT_linear)
    tex.setAnisotropicDegree(anisotropy)
    return tex


def white_texture() -> Texture:
    """A 1 × 1 white texture, for surfaces that take their colour from the vertices."""
    tex = Texture("white")
    tex.setup2dTexture(1, 1, Texture.T_unsigned_byte, Texture.F_rgba8)
    tex.setRamImage(b"\xff\xff\xff\xff")
    return tex
