"""Daycare centres (Kita) and schools: child-sized furniture, toys, a cloakroom."""

from __future__ import annotations

import math
import random

from scenes.kit.base import Kit, PropOptions, choice, colour, integer, number
from scenes.materials import COLOURS, MATERIALS, Material
from scenes.mesh import MeshBuilder

KIT = Kit("daycare")

BIRCH = Material(COLOURS["birch"], 0.55)
CHROME_BLADE = Material((0.85, 0.86, 0.88), 0.2, 1.0)
TOY_COLOURS = ("signal-red", "yellow", "blue", "green", "orange", "purple", "pink", "turquoise")


@KIT.prop(
    "kids-table",
    "Kindertisch",
    "A low table for children, with a coloured edge.",
    number("width_m", 1.2, 0.6, 2.4, "width"),
    number("depth_m", 0.7, 0.5, 1.2, "depth"),
    number("height_m", 0.52, 0.4, 0.7, "height"),
    colour("edge_color", "#e0a21f", "edge colour"),
)
def kids_table(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    m.span((-w / 2, -d / 2, h - 0.025), (w / 2, d / 2, h), BIRCH, bevel=0.008)
    m.span(
        (-w / 2 - 0.005, -d / 2 - 0.005, h - 0.03),
        (w / 2 + 0.005, d / 2 + 0.005, h - 0.02),
        Material(o.rgb("edge_color"), 0.5),
    )
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cylinder((sx * (w / 2 - 0.07), sy * (d / 2 - 0.07), 0.0), 0.025, h - 0.025, BIRCH, segments=10)


@KIT.prop(
    "kids-chair",
    "Kinderstuhl",
    "A small stackable chair for children.",
    colour("color", "#3fa0d8", "seat colour"),
)
def kids_chair(m: MeshBuilder, o: PropOptions) -> None:
    seat = Material(o.rgb("color"), 0.35)
    h = 0.31
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cylinder((sx * 0.13, sy * 0.13, 0.0), 0.013, h, BIRCH, segments=8)
    m.box((0, 0, h), (0.32, 0.31, 0.025), seat, bevel=0.01)
    with m.frame((0, 0.14, h), pitch_deg=-8):
        for x in (-0.13, 0.13):
            m.rod((x, 0, 0), (x, 0, 0.28), 0.012, BIRCH, segments=6)
        m.box((0, 0, 0.15), (0.3, 0.02, 0.14), seat, bevel=0.008)


@KIT.prop(
    "toy-shelf",
    "Spielzeugregal",
    "A low shelf with coloured toy boxes.",
    number("width_m", 1.2, 0.6, 2.4, "width"),
    integer("levels", 2, 1, 4, "levels"),
    integer("seed", 1, 0, 999, "vary the boxes"),
)
def toy_shelf(m: MeshBuilder, o: PropOptions) -> None:
    w, n = o.num("width_m"), o.int("levels")
    h = 0.05 + n * 0.32
    d = 0.4
    for x in (-w / 2, w / 2 - 0.02):
        m.span((x, -d / 2, 0), (x + 0.02, d / 2, h), BIRCH)
    m.span((-w / 2, d / 2 - 0.01, 0), (w / 2, d / 2, h), BIRCH)
    rng = random.Random(o.int("seed"))
    cols = max(1, round(w / 0.38))
    for k in range(n + 1):
        z = 0.04 + k * 0.32
        m.span((-w / 2, -d / 2, z - 0.02), (w / 2, d / 2, z), BIRCH)
        if k == n:
            continue
        for c in range(cols):
            x = -w / 2 + 0.02 + (c + 0.5) * (w - 0.04) / cols
            bin_colour = COLOURS[rng.choice(TOY_COLOURS)]
            m.box(
                (x, 0.0, z),
                ((w - 0.04) / cols - 0.03, d - 0.06, 0.24),
                MATERIALS["glossy-plastic"],
                bin_colour,
                bevel=0.015,
            )
            if rng.random() < 0.6:
                m.sphere(
                    (x + rng.uniform(-0.05, 0.05), 0.0, z + 0.25),
                    0.04,
                    MATERIALS["glossy-plastic"],
                    COLOURS[rng.choice(TOY_COLOURS)],
                    segments=8,
                    rings=5,
                )
    for c in range(3):
        m.box(
            (-w / 2 + 0.2 + c * 0.3, 0.0, h),
            (0.12, 0.12, 0.12),
            MATERIALS["wood"],
            COLOURS[TOY_COLOURS[c]],
            bevel=0.01,
        )


@KIT.prop(
    "play-mat",
    "Spielmatte",
    "A soft floor mat of coloured squares.",
    number("width_m", 2.0, 0.5, 6.0, "width"),
    number("depth_m", 2.0, 0.5, 6.0, "depth"),
)
def play_mat(m: MeshBuilder, o: PropOptions) -> None:
    w, d = o.num("width_m"), o.num("depth_m")
    nx, ny = max(1, round(w / 0.5)), max(1, round(d / 0.5))
    for i in range(nx):
        for j in range(ny):
            tint = COLOURS[("green", "yellow", "blue", "signal-red")[(i + 2 * j) % 4]]
            m.span(
                (-w / 2 + i * w / nx + 0.003, -d / 2 + j * d / ny + 0.003, 0.0),
                (-w / 2 + (i + 1) * w / nx - 0.003, -d / 2 + (j + 1) * d / ny - 0.003, 0.02),
                Material(tint, 0.9),
                bevel=0.004,
            )


@KIT.prop(
    "building-blocks",
    "Bauklötze",
    "A pile of wooden building blocks and a small tower.",
    integer("seed", 1, 0, 999, "vary the pile"),
)
def building_blocks(m: MeshBuilder, o: PropOptions) -> None:
    rng = random.Random(o.int("seed"))
    for _ in range(12):
        size = rng.choice([(0.06, 0.06, 0.06), (0.12, 0.06, 0.06), (0.06, 0.06, 0.12)])
        with m.frame((rng.uniform(-0.3, 0.3), rng.uniform(-0.25, 0.25), 0.0), heading_deg=rng.uniform(0, 90)):
            m.box((0, 0, 0), size, MATERIALS["wood"], COLOURS[rng.choice(TOY_COLOURS)], bevel=0.005)
    for k in range(4):
        m.box(
            (0.35, 0.1, k * 0.06), (0.06, 0.06, 0.06), MATERIALS["wood"], COLOURS[TOY_COLOURS[k]], bevel=0.005
        )


@KIT.prop(
    "kids-cloakroom",
    "Kindergarderobe",
    "A children's cloakroom: bench, hooks, shoe shelf and jackets.",
    integer("places", 5, 2, 10, "places side by side"),
    integer("seed", 1, 0, 999, "vary the jackets"),
)
def kids_cloakroom(m: MeshBuilder, o: PropOptions) -> None:
    n = o.int("places")
    w = n * 0.3
    rng = random.Random(o.int("seed"))
    m.span((-w / 2, -0.35, 0.0), (w / 2, 0.0, 0.06), BIRCH)
    m.span((-w / 2, -0.35, 0.28), (w / 2, 0.0, 0.31), BIRCH, bevel=0.005)
    m.span((-w / 2, -0.02, 0.0), (w / 2, 0.0, 1.3), BIRCH)
    for k in range(n + 1):
        x = -w / 2 + k * 0.3
        m.span((x - 0.01, -0.35, 0.0), (x + 0.01, 0.0, 1.3), BIRCH)
    for k in range(n):
        x = -w / 2 + (k + 0.5) * 0.3
        m.rod(
            (x, -0.02, 1.1), (x, -0.08, 1.13), 0.008, Material(COLOURS[TOY_COLOURS[k % 8]], 0.4), segments=6
        )
        with m.frame((x, -0.021, 1.22), pitch_deg=90):
            m.cylinder((0, 0, 0), 0.05, 0.002, Material(COLOURS[TOY_COLOURS[(k + 3) % 8]], 0.6), segments=12)
        if rng.random() < 0.7:
            m.box(
                (x, -0.08, 0.72),
                (0.24, 0.08, 0.4),
                MATERIALS["fabric"],
                COLOURS[rng.choice(TOY_COLOURS)],
                bevel=0.04,
            )
        if rng.random() < 0.8:
            for s in (-0.04, 0.04):
                m.box(
                    (x + s, -0.2, 0.06),
                    (0.06, 0.14, 0.06),
                    MATERIALS["rubber"],
                    COLOURS[rng.choice(TOY_COLOURS)],
                    bevel=0.015,
                )


@KIT.prop(
    "easel",
    "Malstaffelei",
    "A children's painting easel with a picture.",
    integer("seed", 1, 0, 999, "vary the picture"),
)
def easel(m: MeshBuilder, o: PropOptions) -> None:
    rng = random.Random(o.int("seed"))
    for side in (-1, 1):
        m.rod((side * 0.3, -0.25, 0.0), (side * 0.25, 0.0, 1.2), 0.02, BIRCH, segments=6)
        m.rod((side * 0.3, 0.25, 0.0), (side * 0.25, 0.0, 1.2), 0.02, BIRCH, segments=6)
    with m.frame((0, -0.12, 0.75), pitch_deg=-12):
        m.span((-0.3, -0.01, -0.25), (0.3, 0.0, 0.3), MATERIALS["paper"])
        for _ in range(7):
            cx, cz, r = rng.uniform(-0.2, 0.2), rng.uniform(-0.15, 0.2), rng.uniform(0.02, 0.08)
            with m.frame((cx, -0.011, cz), pitch_deg=90):
                m.cylinder((0, 0, 0), r, 0.001, Material(COLOURS[rng.choice(TOY_COLOURS)], 0.8), segments=10)
    m.span((-0.3, -0.2, 0.5), (0.3, -0.12, 0.52), BIRCH)
    for k in range(5):
        m.cylinder(
            (-0.2 + k * 0.1, -0.16, 0.52),
            0.025,
            0.05,
            MATERIALS["glossy-plastic"],
            COLOURS[TOY_COLOURS[k]],
            segments=8,
        )


@KIT.prop(
    "bean-bag", "Sitzsack", "A bean bag for the reading corner.", colour("color", "#e07a1f", "cover colour")
)
def bean_bag(m: MeshBuilder, o: PropOptions) -> None:
    cover = Material(o.rgb("color"), 0.95)
    m.sphere((0, 0, 0.24), (0.42, 0.42, 0.24), cover, segments=16, rings=8)
    m.sphere((0, 0.12, 0.45), (0.32, 0.2, 0.2), cover, segments=14, rings=6)


@KIT.prop(
    "cot",
    "Kinderbett (Ruheraum)",
    "A small bed for the nap room, with a blanket.",
    colour("blanket_color", "#9fd4bf", "blanket colour"),
)
def cot(m: MeshBuilder, o: PropOptions) -> None:
    m.span((-0.35, -0.65, 0.1), (0.35, 0.65, 0.2), BIRCH, bevel=0.01)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.span(
                (sx * 0.33 - 0.02, sy * 0.63 - 0.02, 0.0), (sx * 0.33 + 0.02, sy * 0.63 + 0.02, 0.45), BIRCH
            )
    for y in (-0.65, 0.65):
        for k in range(7):
            x = -0.3 + k * 0.1
            m.rod((x, y, 0.2), (x, y, 0.45), 0.01, BIRCH, segments=5)
        m.span((-0.35, y - 0.02, 0.43), (0.35, y + 0.02, 0.47), BIRCH)
    m.span((-0.32, -0.62, 0.2), (0.32, 0.62, 0.28), Material((0.92, 0.94, 0.96), 0.8), bevel=0.02)
    m.span((-0.33, -0.6, 0.27), (0.33, 0.2, 0.31), Material(o.rgb("blanket_color"), 0.9), bevel=0.02)
    m.box((0, 0.42, 0.28), (0.34, 0.2, 0.07), Material((0.97, 0.97, 0.95), 0.9), bevel=0.03)


@KIT.prop(
    "ball",
    "Ball",
    "A play ball.",
    number("diameter_m", 0.22, 0.05, 0.8, "diameter"),
    colour("color", "#c7201c", "colour"),
)
def ball(m: MeshBuilder, o: PropOptions) -> None:
    r = o.num("diameter_m") / 2
    m.sphere((0, 0, r), r, MATERIALS["glossy-plastic"], o.rgb("color"), segments=14, rings=8)
    with m.frame((0, 0, r)):
        for a in (0, 90):
            with m.frame((0, 0, 0), heading_deg=a, pitch_deg=90):
                m.cylinder(
                    (0, 0, -0.003), r * 1.005, 0.006, Material(COLOURS["white"], 0.4), segments=16, caps=False
                )


@KIT.prop(
    "basket",
    "Korb",
    "A woven basket; for the morning circle with the talking stone in it.",
    choice("content", "stone", ("stone", "toys", "none"), "what lies in it"),
    colour("color", "#b58a55", "wicker colour"),
)
def basket(m: MeshBuilder, o: PropOptions) -> None:
    wicker = Material(o.rgb("color"), 0.85)
    m.lathe(
        [(0.0, 0.0), (0.15, 0.0), (0.19, 0.16), (0.2, 0.17), (0.18, 0.17), (0.17, 0.03), (0.0, 0.03)],
        wicker,
        segments=18,
    )
    for k in range(4):
        m.cylinder(
            (0, 0, 0.03 + k * 0.035),
            0.155 + k * 0.009,
            0.006,
            Material(COLOURS["brown"], 0.8),
            segments=18,
            caps=False,
        )
    if o.text("content") == "stone":
        m.sphere(
            (0.02, 0.0, 0.08), (0.075, 0.06, 0.045), Material((0.52, 0.55, 0.6), 0.35), segments=12, rings=6
        )
        m.sphere(
            (-0.07, 0.05, 0.05), (0.04, 0.05, 0.02), Material(COLOURS["purple"], 0.9), segments=8, rings=4
        )
    elif o.text("content") == "toys":
        rng = random.Random(4)
        for k in range(5):
            m.sphere(
                (rng.uniform(-0.08, 0.08), rng.uniform(-0.08, 0.08), 0.08 + k * 0.02),
                0.045,
                MATERIALS["glossy-plastic"],
                COLOURS[TOY_COLOURS[k]],
                segments=8,
                rings=5,
            )


@KIT.prop(
    "book-display",
    "Bilderbuchregal",
    "A low picture-book shelf with the covers facing the room, at children's height.",
    number("width_m", 1.2, 0.6, 2.4, "width"),
    integer("seed", 1, 0, 999, "vary the books"),
)
def book_display(m: MeshBuilder, o: PropOptions) -> None:
    w, h, d = o.num("width_m"), 1.0, 0.32
    rng = random.Random(o.int("seed"))
    for x in (-w / 2, w / 2 - 0.02):
        m.span((x, -d / 2, 0.0), (x + 0.02, d / 2, h), BIRCH)
    m.span((-w / 2, d / 2 - 0.012, 0.0), (w / 2, d / 2, h), BIRCH)
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, 0.06), BIRCH)
    for level in range(3):
        z = 0.06 + level * 0.31
        # A sloping ledge with a lip: the books lean back and show their covers.
        m.span((-w / 2 + 0.02, -d / 2, z), (w / 2 - 0.02, -d / 2 + 0.12, z + 0.02), BIRCH)
        m.span((-w / 2 + 0.02, -d / 2, z + 0.02), (w / 2 - 0.02, -d / 2 + 0.015, z + 0.06), BIRCH)
        x = -w / 2 + 0.05
        while x < w / 2 - 0.22:
            bw = rng.uniform(0.17, 0.24)
            bh = rng.uniform(0.2, 0.27)
            cover = COLOURS[rng.choice(TOY_COLOURS)]
            with m.frame((x + bw / 2, -d / 2 + 0.05, z + 0.02), pitch_deg=-14):
                m.span((-bw / 2, 0.0, 0.0), (bw / 2, 0.012, bh), Material(cover, 0.6))
                m.sphere(
                    (rng.uniform(-0.04, 0.04), -0.001, bh * 0.55),
                    (0.045, 0.002, 0.045),
                    Material(COLOURS[rng.choice(TOY_COLOURS)], 0.6),
                    segments=10,
                    rings=4,
                )
                m.span(
                    (-bw / 2 + 0.02, -0.001, bh - 0.05),
                    (bw / 2 - 0.02, 0.0, bh - 0.03),
                    Material(COLOURS["white"], 0.6),
                )
            x += bw + rng.uniform(0.02, 0.05)


@KIT.prop(
    "floor-cushion",
    "Sitzkissen",
    "A round floor cushion (morning circle, reading corner).",
    colour("color", "#e07a1f", "cover colour"),
)
def floor_cushion(m: MeshBuilder, o: PropOptions) -> None:
    cover = Material(o.rgb("color"), 0.95)
    m.lathe([(0.0, 0.0), (0.19, 0.0), (0.22, 0.04), (0.2, 0.08), (0.0, 0.09)], cover, segments=16)
    m.cylinder((0, 0, 0.085), 0.02, 0.01, Material(COLOURS["white"], 0.8), segments=8)


@KIT.prop(
    "craft-supplies",
    "Bastelmaterial",
    "Crayons in a pot, coloured paper, children's drawings, scissors and glue on a table.",
    integer("seed", 1, 0, 999, "vary the things"),
)
def craft_supplies(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a table (z = the table's height)."""
    rng = random.Random(o.int("seed"))
    m.cylinder((0.0, 0.0, 0.0), 0.045, 0.1, MATERIALS["glossy-plastic"], COLOURS["yellow"], segments=12)
    for k in range(7):
        a = k * 0.9
        tip = (0.025 * math.cos(a), 0.025 * math.sin(a))
        m.rod(
            (tip[0] * 0.5, tip[1] * 0.5, 0.02),
            (tip[0] * 1.6, tip[1] * 1.6, 0.16),
            0.006,
            Material(COLOURS[TOY_COLOURS[k]], 0.5),
            segments=5,
        )
    for k in range(4):
        with m.frame(
            (rng.uniform(-0.35, 0.35), rng.uniform(-0.2, 0.2), 0.001 * k), heading_deg=rng.uniform(-30, 30)
        ):
            m.span(
                (-0.105, -0.148, 0.0),
                (0.105, 0.148, 0.001),
                MATERIALS["paper"],
                COLOURS[rng.choice(("white", "white", "yellow", "sky"))],
            )
            for _ in range(3):
                m.sphere(
                    (rng.uniform(-0.07, 0.07), rng.uniform(-0.1, 0.1), 0.0012),
                    (rng.uniform(0.015, 0.04), rng.uniform(0.015, 0.04), 0.0003),
                    Material(COLOURS[rng.choice(TOY_COLOURS)], 0.7),
                    segments=8,
                    rings=3,
                )
    with m.frame((0.25, 0.12, 0.0), heading_deg=30):
        m.rod((-0.06, 0.0, 0.005), (0.02, 0.0, 0.005), 0.004, CHROME_BLADE, segments=4)
        m.box((0.04, 0.0, 0.0), (0.04, 0.05, 0.01), Material(COLOURS["signal-red"], 0.4), bevel=0.004)
    m.cylinder((-0.25, 0.15, 0.0), 0.018, 0.09, Material(COLOURS["white"], 0.5), segments=8)
    m.cylinder((-0.25, 0.15, 0.09), 0.012, 0.02, Material(COLOURS["signal-red"], 0.5), segments=8)
