"""Warehouses and logistics: pallet racking, Euro pallets, forklifts, pallet trucks, markings."""

from __future__ import annotations

import random
from functools import cache

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, number
from scenes.kit.care import wheel
from scenes.kit.parts import CHROME, RUBBER
from scenes.materials import COLOURS, MATERIALS, Material, lighter
from scenes.mesh import MeshBuilder, PropMesh

KIT = Kit("warehouse")

PALLET_WOOD = Material((0.78, 0.66, 0.48), 0.85)
PALLET_BLOCK = Material(lighter(PALLET_WOOD.colour, -0.06), 0.85)
WRAP = Material((0.85, 0.9, 0.95), 0.15, alpha=0.45)
LOADS = ("boxes", "wrapped", "sacks", "empty")


def euro_pallet(
    m: MeshBuilder, x: float, y: float, z: float, load: str, rng: random.Random, load_height: float = 1.0
) -> None:
    """A Euro pallet (1.2 × 0.8 × 0.144 m, long side along x) standing on ``z``, with its load."""
    # A rack holds dozens of pallets: each kind is built once and placed as a whole, which
    # keeps a warehouse's preparation well inside the load budget.
    mesh = _pallet_mesh(load, round(load_height * 20) / 20, rng.randrange(4))
    with m.frame((x, y, z)):
        m.add_prop(mesh)


@cache
def _pallet_mesh(load: str, load_height: float, variant: int) -> PropMesh:
    m = MeshBuilder()
    rng = random.Random(variant)
    for yy in (-0.35, 0.0, 0.35):
        m.span((-0.6, yy - 0.05, 0.0), (0.6, yy + 0.05, 0.022), PALLET_WOOD)
    for xx in (-0.55, 0.0, 0.55):
        for yy in (-0.35, 0.0, 0.35):
            m.span((xx - 0.05, yy - 0.05, 0.022), (xx + 0.05, yy + 0.05, 0.1), PALLET_BLOCK)
    for xx in (-0.55, 0.0, 0.55):
        m.span((xx - 0.05, -0.4, 0.1), (xx + 0.05, 0.4, 0.122), PALLET_WOOD)
    for k in range(5):
        xx = -0.6 + 0.05 + k * 0.275
        m.span((xx - 0.05, -0.4, 0.122), (xx + 0.05, 0.4, 0.144), PALLET_WOOD)
    top = 0.144
    if load == "sacks":
        for layer in range(int(load_height / 0.16)):
            for k in range(3):
                m.box(
                    (-0.4 + k * 0.4, 0.0, top + layer * 0.16),
                    (0.38, 0.75, 0.16),
                    Material((0.9, 0.88, 0.8), 0.9),
                    bevel=0.05,
                )
    elif load != "empty":
        rows, cols = 2, 2  # 600 × 400 mm cartons, the module a Euro pallet is made for
        bw, bd = 1.2 / cols, 0.8 / rows
        layers = max(1, int(load_height / 0.3))
        for layer in range(layers):
            for i in range(cols):
                for j in range(rows):
                    tint = lighter(COLOURS["cardboard"], rng.uniform(-0.05, 0.04))
                    m.box(
                        (-0.6 + (i + 0.5) * bw, -0.4 + (j + 0.5) * bd, top + layer * 0.3),
                        (bw - 0.01, bd - 0.01, 0.295),
                        Material(tint, 0.9),
                    )
            if rng.random() < 0.5:
                m.span(
                    (-0.6 + bw * 0.2, -0.401, top + layer * 0.3 + 0.1),
                    (-0.6 + bw * 0.8, -0.4, top + layer * 0.3 + 0.2),
                    MATERIALS["paper"],
                )
        if load == "wrapped":
            m.span((-0.605, -0.405, top), (0.605, 0.405, top + layers * 0.3 + 0.005), WRAP)
    return m.build()


def bin_label(m: MeshBuilder, x: float, y: float, z: float) -> None:
    """A storage-bin label (aisle, rack, level, place) with its barcode, on a beam's face at ``y``."""
    with m.frame((x, y, z)):
        m.add_prop(_bin_label_mesh())


@cache
def _bin_label_mesh() -> PropMesh:
    # Bars as flat quads: a rack carries dozens of labels, boxes would cost 6 times the triangles.
    m = MeshBuilder()
    m.span((-0.08, -0.002, 0.0), (0.08, 0.0, 0.07), Material(COLOURS["white"], 0.6))
    ink = Material(COLOURS["black"], 0.6)

    def mark(x0: float, x1: float, z0: float, z1: float) -> None:
        m.quad([(x0, -0.0025, z0), (x1, -0.0025, z0), (x1, -0.0025, z1), (x0, -0.0025, z1)], ink)

    bar = -0.065
    for k in range(11):
        width = 0.004 if k % 3 else 0.007
        mark(bar, bar + width, 0.025, 0.062)
        bar += width + 0.005
    mark(0.03, 0.07, 0.03, 0.055)
    mark(-0.065, 0.02, 0.008, 0.018)
    return m.build()


@KIT.prop(
    "pallet",
    "Europalette",
    "A Euro pallet, empty or loaded.",
    choice("load", "boxes", LOADS, "what is on it"),
    number("load_height_m", 1.0, 0.2, 1.8, "height of the load"),
    integer("seed", 1, 0, 999, "vary the load"),
)
def pallet(m: MeshBuilder, o: PropOptions) -> None:
    euro_pallet(m, 0, 0, 0, o.text("load"), random.Random(o.int("seed")), o.num("load_height_m"))


@KIT.prop(
    "pallet-rack",
    "Palettenregal",
    "Heavy-duty pallet racking, bays side by side, with loaded pallets.",
    integer("bays", 3, 1, 10, "bays side by side (2.7 m each)"),
    integer("levels", 3, 1, 6, "storage levels above the floor level"),
    number("level_height_m", 1.6, 1.0, 2.5, "height of each level"),
    number("fill", 0.8, 0.0, 1.0, "share of places with a pallet"),
    colour("upright_color", "#1f5fa8", "colour of the uprights"),
    colour("beam_color", "#e87b1a", "colour of the beams"),
    integer("seed", 1, 0, 999, "vary the loads"),
    flag("labels", True, "storage-bin labels with barcodes on the beams"),
)
def pallet_rack(m: MeshBuilder, o: PropOptions) -> None:
    """Its length runs along x, depth 1.1 m; it stands with its back to +y."""
    bays, levels, lh = o.int("bays"), o.int("levels"), o.num("level_height_m")
    bay_w, depth = 2.7, 1.1
    height = (levels + 1) * lh - 0.3
    upright = Material(o.rgb("upright_color"), 0.45)
    beam = Material(o.rgb("beam_color"), 0.4)
    w = bays * bay_w
    rng = random.Random(o.int("seed"))
    for b in range(bays + 1):
        x = -w / 2 + b * bay_w
        for y in (-depth / 2, depth / 2):
            m.span((x - 0.05, y - 0.04, 0.0), (x + 0.05, y + 0.04, height), upright)
        for k in range(int(height / 0.6)):
            z0 = 0.2 + k * 0.6
            m.rod((x, -depth / 2, z0), (x, depth / 2, z0 + 0.5), 0.012, upright, segments=4)
        m.span(
            (x - 0.08, -depth / 2 - 0.12, 0.0),
            (x + 0.08, -depth / 2 - 0.02, 0.4),
            Material(COLOURS["signal-yellow"], 0.5),
        )
    for level in range(levels + 1):
        z = level * lh
        for b in range(bays):
            x0 = -w / 2 + b * bay_w
            if level > 0:
                for y in (-depth / 2, depth / 2):
                    m.span((x0 + 0.05, y - 0.05, z - 0.12), (x0 + bay_w - 0.05, y + 0.05, z), beam)
            if level > 0 and o.flag("labels"):
                for p in range(2):
                    bin_label(m, x0 + 0.69 + p * 1.3, -depth / 2 - 0.05, z - 0.1)
            for p in range(2):
                if rng.random() > o.num("fill"):
                    continue
                px = x0 + 0.07 + 0.62 + p * 1.3
                load = rng.choice(["boxes", "boxes", "wrapped", "sacks"])
                with m.frame((px, 0.0, z), heading_deg=90):
                    euro_pallet(m, 0, 0, 0, load, rng, rng.uniform(0.6, min(1.2, lh - 0.4)))


@KIT.prop(
    "box-stack",
    "Kartonstapel",
    "A stack of cardboard boxes.",
    integer("count", 6, 1, 20, "boxes"),
    integer("seed", 1, 0, 999, "vary the stack"),
)
def box_stack(m: MeshBuilder, o: PropOptions) -> None:
    rng = random.Random(o.int("seed"))
    z = 0.0
    for k in range(o.int("count")):
        w, d, h = rng.uniform(0.3, 0.6), rng.uniform(0.3, 0.45), rng.uniform(0.2, 0.4)
        with m.frame((rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05), z), heading_deg=rng.uniform(-8, 8)):
            m.box(
                (0, 0, 0), (w, d, h), Material(lighter(COLOURS["cardboard"], rng.uniform(-0.06, 0.04)), 0.9)
            )
            m.span((-w / 2, -0.03, h), (w / 2, 0.03, h + 0.002), Material((0.75, 0.62, 0.4), 0.4))
        z += h
        if z > 1.4 or (k > 1 and rng.random() < 0.25):
            break


@KIT.prop(
    "forklift",
    "Gabelstapler",
    "A counterbalance forklift truck.",
    colour("color", "#e8b418", "body colour"),
    number("fork_height_m", 0.1, 0.0, 5.0, "height of the forks (above 1.6 m the mast extends)"),
    flag("pallet", False, "a loaded pallet on the forks"),
)
def forklift(m: MeshBuilder, o: PropOptions) -> None:
    """The forks point forwards (−y)."""
    body = Material(o.rgb("color"), 0.4)
    dark = Material(COLOURS["anthracite"], 0.5)
    m.span((-0.55, -0.7, 0.15), (0.55, 0.9, 0.75), body, bevel=0.05)
    m.span((-0.55, 0.55, 0.15), (0.55, 1.1, 1.05), dark, bevel=0.08)
    m.box((0, 0.25, 0.75), (0.5, 0.45, 0.1), dark, bevel=0.03)
    m.box((0, 0.45, 0.85), (0.5, 0.1, 0.5), dark, bevel=0.03)
    for x in (-0.55, 0.55):
        for y, top in ((-0.65, 2.1), (0.8, 2.1)):
            m.rod((x, y, 0.75), (x, y, top), 0.03, dark, segments=6)
    m.span((-0.6, -0.7, 2.08), (0.6, 0.85, 2.14), dark)
    for x in (-0.2, 0.2):
        m.rod((x, -0.7, 2.1), (x, 0.85, 2.1), 0.02, dark, segments=4)
    m.rod((0.0, -0.35, 0.85), (0.0, -0.15, 1.15), 0.02, dark, segments=6)
    m.cylinder((0.0, -0.12, 1.15), 0.16, 0.03, RUBBER, segments=14)
    for side in (-1, 1):
        wheel(m, (side * 0.5, -0.45, 0.28), 0.28, 0.22, dark, axis="x")
        wheel(m, (side * 0.45, 0.75, 0.22), 0.22, 0.18, dark, axis="x")
        m.span(
            (side * 0.35 - 0.05, -0.95, 0.05),
            (side * 0.35 + 0.05, -0.88, 2.3),
            Material((0.25, 0.26, 0.28), 0.4),
        )
    m.span((-0.4, -0.98, 2.25), (0.4, -0.86, 2.3), Material((0.25, 0.26, 0.28), 0.4))
    fz = o.num("fork_height_m")
    if fz + 0.65 > 2.25:  # the inner mast telescopes out of the outer one
        inner = Material((0.3, 0.31, 0.33), 0.4)
        for side in (-1, 1):
            m.span((side * 0.27 - 0.04, -0.98, 0.4), (side * 0.27 + 0.04, -0.9, fz + 0.7), inner)
        m.span((-0.31, -0.98, fz + 0.62), (0.31, -0.9, fz + 0.7), inner)
    m.span((-0.45, -1.02, fz + 0.04), (0.45, -0.95, fz + 0.6), dark)
    for x in (-0.3, 0.3):
        m.span((x - 0.06, -2.15, fz), (x + 0.06, -0.95, fz + 0.045), Material((0.2, 0.2, 0.22), 0.4, 0.6))
    m.box((0.35, 0.9, 2.14), (0.1, 0.1, 0.07), Material((1.0, 0.55, 0.1), 0.3, emission=0.9))
    if o.flag("pallet"):
        with m.frame((0.0, -1.6, fz + 0.045), heading_deg=90):
            euro_pallet(m, 0, 0, 0, "wrapped", random.Random(4), 0.9)
    m.span((-0.5, 0.0, 0.5), (-0.49, 0.4, 0.6), Material(COLOURS["black"], 0.5))


@KIT.prop("pallet-jack", "Hubwagen", "A hand pallet truck.", colour("color", "#c0282d", "colour"))
def pallet_jack(m: MeshBuilder, o: PropOptions) -> None:
    """The forks point forwards (−y)."""
    paint = Material(o.rgb("color"), 0.4)
    for x in (-0.19, 0.19):
        m.span((x - 0.08, -1.15, 0.05), (x + 0.08, 0.0, 0.085), paint)
        wheel(m, (x, -1.05, 0.04), 0.04, 0.06, RUBBER, axis="x")
    m.span((-0.3, 0.0, 0.05), (0.3, 0.2, 0.25), paint, bevel=0.02)
    m.cylinder((0.0, 0.15, 0.25), 0.06, 0.2, MATERIALS["cast-iron"], segments=10)
    wheel(m, (0.0, 0.15, 0.09), 0.09, 0.07, RUBBER, axis="x")
    m.rod((0.0, 0.15, 0.4), (0.0, 0.45, 1.15), 0.02, paint, segments=6)
    m.rod((-0.15, 0.45, 1.15), (0.15, 0.45, 1.15), 0.02, RUBBER, segments=6)


@KIT.prop(
    "roll-container",
    "Rollcontainer",
    "A wire roll cage on castors, with boxes.",
    flag("filled", True, "boxes inside"),
)
def roll_container(m: MeshBuilder, o: PropOptions) -> None:
    for x in (-0.33, 0.33):
        for y in (-0.28, 0.28):
            m.cylinder((x, y, 0.0), 0.05, 0.1, RUBBER, segments=8)
    m.span((-0.36, -0.3, 0.1), (0.36, 0.3, 0.14), Material(COLOURS["grey"], 0.5))
    for side in (-1, 1):
        for k in range(8):
            y = -0.28 + k * 0.08
            m.rod((side * 0.36, y, 0.14), (side * 0.36, y, 1.7), 0.005, CHROME, segments=4)
        for z in (0.5, 1.0, 1.5, 1.7):
            m.rod((side * 0.36, -0.3, z), (side * 0.36, 0.3, z), 0.006, CHROME, segments=4)
    for k in range(10):
        x = -0.34 + k * 0.075
        m.rod((x, 0.3, 0.14), (x, 0.3, 1.7), 0.005, CHROME, segments=4)
    if o.flag("filled"):
        rng = random.Random(3)
        z = 0.14
        while z < 1.3:
            h = rng.uniform(0.2, 0.35)
            m.box(
                (0, 0, z),
                (0.66, 0.54, h - 0.01),
                Material(lighter(COLOURS["cardboard"], rng.uniform(-0.05, 0.05)), 0.9),
            )
            z += h


@KIT.prop(
    "floor-marking",
    "Bodenmarkierung",
    "A painted line on the floor (walkways, storage areas).",
    number("length_m", 4.0, 0.2, 60.0, "length (along x)"),
    number("width_m", 0.1, 0.03, 1.0, "line width"),
    choice(
        "style",
        "solid",
        ("solid", "hazard", "dashed"),
        "solid colour, yellow-black hazard stripes, or a dashed line",
    ),
    colour("color", "signal-yellow", "colour"),
)
def floor_marking(m: MeshBuilder, o: PropOptions) -> None:
    length, width = o.num("length_m"), o.num("width_m")
    paint = Material(o.rgb("color"), 0.6)
    style = o.text("style")
    if style == "solid":
        m.span((-length / 2, -width / 2, 0.0), (length / 2, width / 2, 0.002), paint)
        return
    step = 0.3 if style == "hazard" else 0.5
    x = -length / 2
    k = 0
    while x < length / 2:
        mat = paint if k % 2 == 0 else (Material(COLOURS["black"], 0.6) if style == "hazard" else None)
        if mat is not None:
            m.span((x, -width / 2, 0.0), (min(length / 2, x + step), width / 2, 0.002), mat)
        x += step
        k += 1


@KIT.prop(
    "roller-door",
    "Rolltor",
    "A sectional roller door in a wall (loading bay).",
    number("width_m", 3.0, 1.5, 6.0, "width"),
    number("height_m", 3.0, 2.0, 5.0, "height"),
    colour("color", "#c9ccce", "door colour"),
)
def roller_door(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall line with its back to the wall."""
    w, h = o.num("width_m"), o.num("height_m")
    door = Material(o.rgb("color"), 0.45, 0.4)
    m.span((-w / 2, -0.04, 0.0), (w / 2, 0.0, h), door)
    for k in range(1, int(h / 0.5)):
        m.span(
            (-w / 2, -0.05, k * 0.5 - 0.01),
            (w / 2, -0.04, k * 0.5 + 0.01),
            Material(lighter(o.rgb("color"), -0.1), 0.5),
        )
    for x in (-w / 2 - 0.1, w / 2):
        m.span((x, -0.12, 0.0), (x + 0.1, 0.0, h + 0.1), Material(COLOURS["grey"], 0.5))
        for k in range(int(1.2 / 0.2)):
            colour_ = COLOURS["signal-yellow"] if k % 2 == 0 else COLOURS["black"]
            m.span((x, -0.125, k * 0.2), (x + 0.1, -0.12, k * 0.2 + 0.2), Material(colour_, 0.5))
    m.span((-w / 2 - 0.1, -0.3, h + 0.1), (w / 2 + 0.1, 0.0, h + 0.45), Material(COLOURS["grey"], 0.5))
    m.span((-w / 2 + 0.2, -0.055, h * 0.45), (w / 2 - 0.2, -0.05, h * 0.5), MATERIALS["frosted-glass"])
