"""Pieces many props share: legs, handles, doors, drawers, small goods on shelves."""

from __future__ import annotations

import random

from scenes.materials import COLOURS, MATERIALS, Material, Rgb
from scenes.mesh import MeshBuilder

STEEL = MATERIALS["stainless-steel"]
BRUSHED = MATERIALS["brushed-steel"]
CHROME = MATERIALS["chrome"]
RUBBER = MATERIALS["rubber"]
PLASTIC = MATERIALS["plastic"]


def legs(
    m: MeshBuilder,
    width: float,
    depth: float,
    height: float,
    mat: Material,
    inset: float = 0.04,
    thickness: float = 0.04,
    round_legs: bool = False,
    colour: Rgb | None = None,
) -> None:
    """Four legs under a rectangle ``width`` × ``depth`` centred on the origin."""
    for sx in (-1, 1):
        for sy in (-1, 1):
            x = sx * (width / 2 - inset - thickness / 2)
            y = sy * (depth / 2 - inset - thickness / 2)
            if round_legs:
                m.cylinder((x, y, 0.0), thickness / 2, height, mat, colour, segments=8)
            else:
                m.box((x, y, 0.0), (thickness, thickness, height), mat, colour)


def bar_handle(
    m: MeshBuilder, x0: float, x1: float, y: float, z: float, mat: Material = CHROME, standoff: float = 0.03
) -> None:
    """A horizontal bar handle in front of a face at ``y`` (the face looks towards −y)."""
    m.rod((x0, y - standoff, z), (x1, y - standoff, z), 0.008, mat)
    for x in (x0 + 0.01, x1 - 0.01):
        m.rod((x, y, z), (x, y - standoff, z), 0.006, mat)


def vertical_handle(
    m: MeshBuilder, x: float, y: float, z0: float, z1: float, mat: Material = CHROME, standoff: float = 0.03
) -> None:
    """An upright bar handle from ``z0`` to ``z1``, ``standoff`` metres in front of ``y``."""
    m.rod((x, y - standoff, z0), (x, y - standoff, z1), 0.009, mat)
    for z in (z0 + 0.01, z1 - 0.01):
        m.rod((x, y, z), (x, y - standoff, z), 0.006, mat)


def door_front(
    m: MeshBuilder,
    x0: float,
    x1: float,
    z0: float,
    z1: float,
    y: float,
    mat: Material,
    colour: Rgb | None = None,
    handle: str = "right",
    handle_mat: Material = CHROME,
    gap: float = 0.004,
) -> None:
    """A cabinet door on the face at ``y`` (looking towards −y), with a vertical handle."""
    m.span((x0 + gap, y - 0.02, z0 + gap), (x1 - gap, y, z1 - gap), mat, colour, bevel=0.004)
    if handle != "none":
        hx = x1 - 0.05 if handle == "right" else x0 + 0.05
        top = min(z1 - 0.06, z0 + 0.9)
        vertical_handle(m, hx, y - 0.02, max(z0 + 0.06, top - 0.25), top, handle_mat)


def drawer_front(
    m: MeshBuilder,
    x0: float,
    x1: float,
    z0: float,
    z1: float,
    y: float,
    mat: Material,
    colour: Rgb | None = None,
    handle_mat: Material = CHROME,
) -> None:
    """A drawer front in the plane ``y`` (facing −y), with a bar handle above its middle."""
    m.span((x0 + 0.004, y - 0.02, z0 + 0.004), (x1 - 0.004, y, z1 - 0.004), mat, colour, bevel=0.004)
    mid = (x0 + x1) / 2
    width = min(0.25, (x1 - x0) * 0.5)
    bar_handle(
        m,
        mid - width / 2,
        mid + width / 2,
        y - 0.02,
        (z0 + z1) / 2 + (z1 - z0) * 0.2,
        handle_mat,
        standoff=0.025,
    )


def goods_row(
    m: MeshBuilder,
    x0: float,
    x1: float,
    y: float,
    z: float,
    depth: float,
    max_height: float,
    rng: random.Random,
    kind: str = "boxes",
) -> None:
    """A row of goods standing on a shelf at height ``z``, from ``x0`` to ``x1``."""
    palette = {
        "boxes": ["cardboard", "kraft", "white", "cardboard", "beige"],
        "kitchen": ["white", "signal-red", "yellow", "stainless", "green", "white", "orange"],
        "files": ["blue", "red", "yellow", "green", "navy", "grey", "white"],
        "toys": ["red", "yellow", "blue", "green", "orange", "purple", "pink"],
        "medical": ["white", "light-blue", "white", "mint", "white"],
        "linen": ["white", "light-blue", "white", "mint"],
        "parts": ["anthracite", "blue", "signal-red", "grey", "yellow"],
    }[kind]

    x = x0 + 0.02
    while x < x1 - 0.08:
        name = rng.choice(palette)
        colour = COLOURS[name]
        w = rng.uniform(0.08, 0.22) if kind != "files" else rng.uniform(0.05, 0.08)
        w = min(w, x1 - x - 0.02)
        if w < 0.05:
            break
        h = rng.uniform(0.45, 0.95) * min(max_height, 0.3)
        d = rng.uniform(0.6, 0.9) * depth
        if kind == "kitchen" and rng.random() < 0.45:
            r = min(w, d, 0.16) / 2
            mat = MATERIALS["stainless-steel"] if name == "stainless" else MATERIALS["glossy-plastic"]
            m.cylinder((x + r, y, z), r, h, mat, colour, segments=10)
            w = 2 * r
        elif kind == "files":
            m.box((x + w / 2, y, z), (w, d, max_height * 0.85), MATERIALS["plastic"], colour)
        else:
            mat = MATERIALS["cardboard"] if name in ("cardboard", "kraft") else MATERIALS["plastic"]
            m.box((x + w / 2, y, z), (w, d, h), mat, colour, bevel=0.006)
        x += w + rng.uniform(0.01, 0.05)
        if rng.random() < 0.12:
            x += rng.uniform(0.08, 0.2)  # a gap where something was taken
