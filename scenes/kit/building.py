"""What every room has: doors, windows, plants, chairs, tables, cupboards, clocks, pictures."""

from __future__ import annotations

import math
import random

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, material, number
from scenes.kit.parts import CHROME, RUBBER, STEEL, door_front, goods_row, legs
from scenes.materials import COLOURS, MATERIALS, Material
from scenes.mesh import MeshBuilder

KIT = Kit("building")

FRAME = MATERIALS["painted-metal"]
WHITE = Material(COLOURS["white"], 0.5)


@KIT.prop(
    "door",
    "Tür",
    "A closed door in a wall, with frame and lever handle.",
    number("width_m", 0.9, 0.6, 2.0, "clear width"),
    number("height_m", 2.05, 1.8, 3.0, "height"),
    colour("color", "white", "colour of the door leaf"),
    choice(
        "style",
        "plain",
        ("plain", "glass", "swing", "steel", "double", "garden"),
        "plain, with a glass panel, a swing door with round windows (kitchens), "
        "a steel fire door, a double door, or a glazed door to the outside",
    ),
    colour("frame_color", "light-grey", "colour of the frame"),
)
def door(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall line with its back to the wall (heading towards that wall)."""
    w, h = o.num("width_m"), o.num("height_m")
    frame = Material(o.rgb("frame_color"), 0.45)
    style = o.text("style")
    leaf_mat = STEEL if style == "swing" and o.text("color") == "white" else Material(o.rgb("color"), 0.5)
    m.span((-w / 2 - 0.06, -0.03, 0.0), (-w / 2, 0.0, h + 0.06), frame)
    m.span((w / 2, -0.03, 0.0), (w / 2 + 0.06, 0.0, h + 0.06), frame)
    m.span((-w / 2 - 0.06, -0.03, h), (w / 2 + 0.06, 0.0, h + 0.06), frame)
    leaves = 2 if style in ("double", "swing") and w > 1.1 else 1
    lw = w / leaves
    for k in range(leaves):
        x0 = -w / 2 + k * lw
        m.span((x0 + 0.005, -0.045, 0.01), (x0 + lw - 0.005, -0.005, h - 0.005), leaf_mat, bevel=0.006)
        hinge_right = leaves == 2 and k == 1
        hx = x0 + (0.08 if hinge_right else lw - 0.08)
        if style == "swing":
            for z in (h * 0.62,):
                with m.frame((x0 + lw / 2, -0.046, z), pitch_deg=90):
                    m.cylinder((0, 0, -0.002), 0.15, 0.004, MATERIALS["screen-off"], segments=20)
                    m.cylinder((0, 0, -0.003), 0.17, 0.003, STEEL, segments=20, caps=False)
            m.span((x0 + 0.05, -0.05, 0.05), (x0 + lw - 0.05, -0.045, 0.35), STEEL)
            continue
        if style == "glass":
            m.span(
                (x0 + 0.15, -0.048, h * 0.45), (x0 + lw - 0.15, -0.044, h - 0.2), MATERIALS["frosted-glass"]
            )
        if style == "garden":
            # Glazed from knee height, the garden behind it drawn on the leaf like a window's view.
            garden_view(m, x0 + 0.09, x0 + lw - 0.09, 0.35, h - 0.09, -0.046)
            m.span((x0 + 0.09, -0.05, 0.35), (x0 + lw - 0.09, -0.048, h - 0.09), MATERIALS["glass"])
        m.span((hx - 0.03, -0.06, 1.0), (hx + 0.03, -0.045, 1.1), CHROME)
        sign = 1 if hinge_right else -1
        m.rod((hx, -0.085, 1.05), (hx + sign * 0.13, -0.085, 1.05), 0.01, CHROME)
        m.rod((hx, -0.045, 1.05), (hx, -0.085, 1.05), 0.009, CHROME)
        if style == "steel":
            m.span(
                (x0 + 0.1, -0.05, 1.6), (x0 + 0.3, -0.045, 1.75), MATERIALS["paper"], COLOURS["safety-green"]
            )


def garden_view(m: MeshBuilder, x0: float, x1: float, z0: float, z1: float, y: float) -> None:
    """A sunny garden seen through glass, self-lit, in the plane ``y`` (facing −y).

    Lawn, hedge, two trees and a children's slide.
    """

    def lit(rgb: tuple[float, float, float], emission: float = 0.8) -> Material:
        return Material(rgb, 1.0, emission=emission)

    m.span((x0, y - 0.0005, z0), (x1, y, z1), MATERIALS["daylight"])
    horizon = z0 + (z1 - z0) * 0.38
    m.span((x0, y - 0.001, z0), (x1, y - 0.0005, horizon), lit((0.47, 0.66, 0.33)))
    m.span((x0, y - 0.0012, horizon - 0.02), (x1, y - 0.001, horizon + 0.12), lit((0.27, 0.45, 0.25), 0.7))
    w = x1 - x0
    for fx, share in ((0.25, 0.2), (0.72, 0.26)):
        cx, size = x0 + w * fx, w * share
        m.span(
            (cx - 0.02, y - 0.0014, horizon),
            (cx + 0.02, y - 0.0012, horizon + size * 1.3),
            lit((0.4, 0.28, 0.18), 0.6),
        )
        for dx, dz, r in (
            (0.0, size * 1.6, size * 0.75),
            (-size * 0.4, size * 1.3, size * 0.5),
            (size * 0.4, size * 1.35, size * 0.55),
        ):
            with m.frame((cx + dx, y - 0.0016, horizon + dz), pitch_deg=90):
                m.cylinder((0, 0, 0), r, 0.0002, lit((0.3, 0.52, 0.26), 0.75), segments=14)
    sx = x0 + w * 0.5
    red = lit((0.85, 0.2, 0.15), 0.75)
    m.quad(
        [
            (sx - 0.1, y - 0.0018, z0 + 0.06),
            (sx + 0.12, y - 0.0018, z0 + 0.06),
            (sx - 0.02, y - 0.0018, horizon + 0.1),
            (sx - 0.08, y - 0.0018, horizon + 0.1),
        ],
        red,
    )
    m.span(
        (sx - 0.1, y - 0.0019, z0 + 0.04),
        (sx - 0.09, y - 0.0018, horizon + 0.14),
        lit((0.9, 0.75, 0.2), 0.75),
    )


@KIT.prop(
    "window",
    "Fenster",
    "A window with daylight outside: frame, sill and glazing bars.",
    number("width_m", 1.5, 0.4, 6.0, "width"),
    number("height_m", 1.4, 0.4, 3.0, "height"),
    number("sill_m", 0.9, 0.0, 6.0, "height of the sill above the floor (high windows in halls)"),
    integer("panes", 2, 1, 6, "panes side by side"),
    colour("frame_color", "white", "frame colour"),
    flag("blinds", False, "half-lowered blinds"),
)
def window(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall line with its back to the wall; it is drawn on the wall surface."""
    w, h, sill = o.num("width_m"), o.num("height_m"), o.num("sill_m")
    frame = Material(o.rgb("frame_color"), 0.4)
    t = 0.06
    # The view outside: sky above a band of distant trees and houses, self-lit.
    m.span((-w / 2, -0.012, sill), (w / 2, -0.006, sill + h), MATERIALS["daylight"])
    rng = random.Random(int(w * 10 + h))
    x = -w / 2
    while x < w / 2:
        width = rng.uniform(0.15, 0.5)
        top = sill + h * rng.uniform(0.12, 0.32)
        tint = rng.choice([(0.5, 0.62, 0.48), (0.6, 0.68, 0.58), (0.72, 0.7, 0.66)])
        m.span((x, -0.0125, sill), (min(w / 2, x + width), -0.0121, top), Material(tint, 1.0, emission=0.85))
        x += width
    m.span((-w / 2 - t, -0.05, sill - t), (w / 2 + t, 0.0, sill), frame)
    m.span((-w / 2 - t, -0.05, sill + h), (w / 2 + t, 0.0, sill + h + t), frame)
    m.span((-w / 2 - t, -0.05, sill), (-w / 2, 0.0, sill + h), frame)
    m.span((w / 2, -0.05, sill), (w / 2 + t, 0.0, sill + h), frame)
    panes = o.int("panes")
    for k in range(1, panes):
        x = -w / 2 + k * w / panes
        m.span((x - 0.035, -0.05, sill), (x + 0.035, 0.0, sill + h), frame)
    for k in range(panes):
        x = -w / 2 + (k + 0.5) * w / panes
        m.span(
            (x + w / panes / 2 - 0.1, -0.075, sill + h * 0.5 - 0.06),
            (x + w / panes / 2 - 0.085, -0.05, sill + h * 0.5 + 0.06),
            CHROME,
        )
    if sill > 0.3:
        m.span((-w / 2 - 0.1, -0.2, sill - t - 0.03), (w / 2 + 0.1, 0.0, sill - t), WHITE)
    if o.flag("blinds"):
        for k in range(int(h * 0.5 / 0.05)):
            z = sill + h - 0.04 - k * 0.05
            m.span(
                (-w / 2, -0.09, z),
                (w / 2, -0.07, z + 0.035),
                Material(COLOURS["light-grey"], 0.5),
            )


@KIT.prop(
    "plant",
    "Zimmerpflanze",
    "A potted plant.",
    number("height_m", 1.1, 0.3, 2.2, "height including the pot"),
    colour("pot_color", "terracotta", "pot colour"),
    choice("kind", "leafy", ("leafy", "tall", "small"), "bushy, a tall palm-like plant or a small one"),
    integer("seed", 1, 0, 999, "vary the leaves"),
)
def plant(m: MeshBuilder, o: PropOptions) -> None:
    h = o.num("height_m")
    kind = o.text("kind")
    pot_h = min(0.35, h * 0.3)
    pot_r = pot_h * 0.65
    pot = Material(o.rgb("pot_color"), 0.7)
    m.lathe(
        [
            (0, 0),
            (pot_r * 0.75, 0),
            (pot_r, pot_h),
            (pot_r * 1.05, pot_h),
            (pot_r * 1.05, pot_h * 1.05),
            (pot_r * 0.95, pot_h * 1.05),
            (0, pot_h * 0.95),
        ],
        pot,
        segments=14,
    )
    m.cylinder((0, 0, pot_h * 0.9), pot_r * 0.95, 0.01, MATERIALS["soil"], segments=14)
    rng = random.Random(o.int("seed"))
    leaf_green = [(0.22, 0.45, 0.2), (0.3, 0.55, 0.24), (0.18, 0.38, 0.18), (0.35, 0.6, 0.3)]
    top = h - pot_h
    count = {"leafy": 22, "tall": 14, "small": 10}[kind]
    for _ in range(count):
        angle = rng.uniform(0, 360)
        tilt = rng.uniform(20, 70) if kind != "tall" else rng.uniform(10, 45)
        length = top * rng.uniform(0.55, 1.0) * (0.9 if kind == "leafy" else 1.0)
        base_z = pot_h + (rng.uniform(0, top * 0.5) if kind == "tall" else 0.0)
        if kind == "tall":
            length *= 0.6
        mat = Material(rng.choice(leaf_green), 0.6)
        with m.frame((0, 0, base_z), heading_deg=angle, pitch_deg=90 - tilt):
            leaf_w = length * (0.18 if kind != "tall" else 0.12)
            m.extrude(
                [(0.0, 0.0), (leaf_w * 0.5, length * 0.35), (0.0, length), (-leaf_w * 0.5, length * 0.35)],
                0.004,
                mat,
                y=0.0,
            )
    if kind == "tall":
        m.rod((0, 0, pot_h), (0, 0, pot_h + top * 0.6), 0.02, Material(COLOURS["brown"], 0.8))


@KIT.prop(
    "chair",
    "Stuhl",
    "A four-legged chair (visitor, canteen, waiting room).",
    colour("color", "#3a5f8a", "seat and back colour"),
    material("frame", "brushed-steel", "frame material"),
    choice("style", "upholstered", ("upholstered", "wood", "plastic"), "what seat and back are made of"),
    flag("armrests", False, "armrests"),
    seat=True,
)
def chair(m: MeshBuilder, o: PropOptions) -> None:
    c = o.rgb("color")
    frame = o.material("frame")
    style = o.text("style")
    seat_mat = {
        "upholstered": MATERIALS["fabric"],
        "wood": MATERIALS["varnished-wood"],
        "plastic": MATERIALS["glossy-plastic"],
    }[style]
    seat_h = 0.46
    legs(m, 0.44, 0.44, seat_h - 0.03, frame, inset=0.02, thickness=0.022, round_legs=True)
    m.box(
        (0, 0, seat_h - 0.04),
        (0.46, 0.45, 0.06 if style == "upholstered" else 0.025),
        seat_mat,
        c,
        bevel=0.012,
    )
    with m.frame((0, 0.2, seat_h), pitch_deg=-8):
        for x in (-0.19, 0.19):
            m.rod((x, 0.0, 0.0), (x, 0.0, 0.42), 0.011, frame)
        m.box(
            (0, 0.0, 0.18), (0.44, 0.04 if style == "upholstered" else 0.02, 0.28), seat_mat, c, bevel=0.012
        )
    if o.flag("armrests"):
        for x in (-0.24, 0.24):
            m.rod((x, -0.18, seat_h), (x, -0.18, seat_h + 0.22), 0.01, frame)
            m.span((x - 0.025, -0.22, seat_h + 0.2), (x + 0.025, 0.15, seat_h + 0.24), RUBBER)


@KIT.prop(
    "table",
    "Tisch",
    "A four-legged table (canteen, meeting, break room).",
    number("width_m", 1.6, 0.5, 4.0, "length"),
    number("depth_m", 0.8, 0.5, 2.0, "depth"),
    number("height_m", 0.74, 0.4, 1.1, "height"),
    colour("color", "beech", "table top colour"),
    material("top", "laminate", "table top material"),
    material("frame", "brushed-steel", "leg material"),
)
def table(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    m.span((-w / 2, -d / 2, h - 0.03), (w / 2, d / 2, h), o.material("top"), o.rgb("color"), bevel=0.006)
    legs(m, w, d, h - 0.03, o.material("frame"), inset=0.05, thickness=0.045)
    m.span(
        (-w / 2 + 0.07, -d / 2 + 0.07, h - 0.1), (w / 2 - 0.07, -d / 2 + 0.09, h - 0.03), o.material("frame")
    )
    m.span(
        (-w / 2 + 0.07, d / 2 - 0.09, h - 0.1), (w / 2 - 0.07, d / 2 - 0.07, h - 0.03), o.material("frame")
    )


@KIT.prop(
    "cabinet",
    "Schrank",
    "A cupboard with doors (office, ward, staff room).",
    number("width_m", 0.8, 0.3, 2.4, "width"),
    number("depth_m", 0.42, 0.3, 0.7, "depth"),
    number("height_m", 1.9, 0.4, 2.4, "height"),
    colour("color", "light-grey", "body colour"),
    colour("door_color", "white", "door colour"),
    integer("doors", 2, 1, 4, "doors side by side"),
)
def cabinet(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    body = Material(o.rgb("color"), 0.5)
    m.span((-w / 2, -d / 2 + 0.02, 0.0), (w / 2, d / 2, h), body, bevel=0.005)
    m.span((-w / 2 + 0.02, -d / 2 + 0.02, 0.0), (w / 2 - 0.02, -d / 2 + 0.03, 0.08), RUBBER)
    n = o.int("doors")
    for k in range(n):
        x0 = -w / 2 + k * w / n
        door_front(
            m,
            x0,
            x0 + w / n,
            0.08,
            h - 0.01,
            -d / 2 + 0.02,
            MATERIALS["laminate"],
            o.rgb("door_color"),
            handle="right" if k % 2 == 0 and n > 1 else "left" if n > 1 else "right",
        )


@KIT.prop(
    "shelf",
    "Regal",
    "An open shelf unit (books, folders, toys, supplies).",
    number("width_m", 0.9, 0.3, 3.0, "width"),
    number("depth_m", 0.35, 0.2, 0.6, "depth"),
    number("height_m", 1.8, 0.4, 2.4, "height"),
    integer("shelves", 5, 1, 8, "number of shelves"),
    colour("color", "beech", "colour"),
    choice(
        "goods",
        "files",
        ("files", "boxes", "toys", "medical", "linen", "parts", "kitchen", "none"),
        "what stands on the shelves",
    ),
    integer("seed", 1, 0, 999, "vary the goods"),
)
def shelf(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    mat = Material(o.rgb("color"), 0.55)
    t = 0.02
    m.span((-w / 2, -d / 2, 0), (-w / 2 + t, d / 2, h), mat)
    m.span((w / 2 - t, -d / 2, 0), (w / 2, d / 2, h), mat)
    m.span((-w / 2, d / 2 - 0.008, 0), (w / 2, d / 2, h), mat)
    n = o.int("shelves")
    rng = random.Random(o.int("seed"))
    gap = (h - 0.04) / n
    for k in range(n + 1):
        z = 0.04 + k * gap if k < n else h - t
        m.span((-w / 2 + t, -d / 2, z - t), (w / 2 - t, d / 2 - 0.008, z), mat)
        if k < n and o.text("goods") != "none":
            goods_row(m, -w / 2 + t, w / 2 - t, 0.0, z, d * 0.9, gap - 0.04, rng, o.text("goods"))


@KIT.prop(
    "wall-clock",
    "Wanduhr",
    "A round station-style wall clock.",
    number("diameter_m", 0.35, 0.2, 0.6, "diameter"),
)
def wall_clock(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre."""
    r = o.num("diameter_m") / 2
    with m.frame((0, 0, 0), pitch_deg=90):  # the frame's z points away from the wall (−y)
        m.cylinder((0, 0, 0.0), r, 0.05, MATERIALS["painted-metal"], COLOURS["black"], segments=24)
        m.cylinder((0, 0, 0.05), r * 0.92, 0.003, WHITE, segments=24)
    for k in range(12):
        a = math.radians(k * 30)
        length = 0.05 if k % 3 == 0 else 0.025
        m.span(
            (r * 0.82 * math.sin(a) - 0.006, -0.06, r * 0.82 * math.cos(a) - length / 2),
            (r * 0.82 * math.sin(a) + 0.006, -0.055, r * 0.82 * math.cos(a) + length / 2),
            MATERIALS["plastic"],
            COLOURS["black"],
        )
    m.rod((0, -0.062, 0), (r * 0.45, -0.062, r * 0.35), 0.008, MATERIALS["plastic"], COLOURS["black"])
    m.rod((0, -0.066, 0), (-r * 0.1, -0.066, r * 0.75), 0.006, MATERIALS["plastic"], COLOURS["black"])
    m.rod((0, -0.07, 0), (-r * 0.6, -0.07, -r * 0.4), 0.003, MATERIALS["plastic"], COLOURS["signal-red"])


@KIT.prop(
    "picture",
    "Bild",
    "A framed picture or poster on the wall.",
    number("width_m", 0.6, 0.2, 3.0, "width"),
    number("height_m", 0.45, 0.2, 2.0, "height"),
    choice(
        "motif",
        "landscape",
        ("landscape", "abstract", "chart", "safety", "hygiene", "children"),
        "what it shows",
    ),
    colour("frame_color", "black", "frame colour"),
)
def picture(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre."""
    w, h = o.num("width_m"), o.num("height_m")
    frame = Material(o.rgb("frame_color"), 0.4)
    m.span((-w / 2, -0.02, -h / 2), (w / 2, 0.0, h / 2), frame)
    motif = o.text("motif")
    y = -0.021
    paper = MATERIALS["paper"]
    m.span((-w / 2 + 0.03, y - 0.001, -h / 2 + 0.03), (w / 2 - 0.03, y, h / 2 - 0.03), paper)
    iw, ih = w - 0.1, h - 0.1
    rng = random.Random(int(w * 100 + h * 10) + len(motif))
    if motif == "landscape":
        m.span((-iw / 2, y - 0.002, -ih / 2), (iw / 2, y - 0.0015, ih / 2), Material((0.55, 0.72, 0.88), 0.8))
        m.span(
            (-iw / 2, y - 0.003, -ih / 2),
            (iw / 2, y - 0.0025, -ih / 2 + ih * 0.4),
            Material((0.4, 0.6, 0.3), 0.8),
        )
        m.extrude(
            [
                (-iw / 2, -ih / 2 + ih * 0.35),
                (-iw * 0.1, ih * 0.2),
                (iw * 0.2, -ih / 2 + ih * 0.45),
                (iw / 2, ih * 0.1),
                (iw / 2, -ih / 2 + ih * 0.35),
            ],
            0.001,
            Material((0.45, 0.5, 0.6), 0.8),
            y=y - 0.0022,
        )
    elif motif in ("abstract", "children"):
        palette = ["signal-red", "yellow", "blue", "green", "orange", "purple"]
        for _ in range(6 if motif == "abstract" else 9):
            cx, cz = rng.uniform(-iw / 2 + 0.05, iw / 2 - 0.05), rng.uniform(-ih / 2 + 0.05, ih / 2 - 0.05)
            r = rng.uniform(0.03, min(iw, ih) * 0.25)
            with m.frame((cx, y - 0.002 - rng.uniform(0, 0.001), cz), pitch_deg=90):
                m.cylinder((0, 0, 0), r, 0.0005, Material(COLOURS[rng.choice(palette)], 0.8), segments=12)
    elif motif == "chart":
        for k in range(5):
            bh = rng.uniform(0.2, 0.9) * ih * 0.8
            x = -iw / 2 + 0.05 + k * iw / 5.5
            m.span(
                (x, y - 0.002, -ih / 2 + 0.04),
                (x + iw / 8, y - 0.0015, -ih / 2 + 0.04 + bh),
                Material(COLOURS["blue" if k % 2 else "teal"], 0.8),
            )
    else:  # safety or hygiene notice: coloured header, pictogram, lines of text
        head = COLOURS["safety-green"] if motif == "safety" else COLOURS["blue"]
        m.span((-iw / 2, y - 0.002, ih / 2 - ih * 0.22), (iw / 2, y - 0.0015, ih / 2), Material(head, 0.8))
        with m.frame((-iw / 4, y - 0.002, 0.0), pitch_deg=90):
            m.cylinder((0, 0, 0), min(iw, ih) * 0.15, 0.0005, Material(head, 0.8), segments=16)
        for k in range(5):
            z = ih * 0.15 - k * ih * 0.12
            m.span(
                (0.0, y - 0.002, z), (iw / 2 - 0.03, y - 0.0015, z + 0.012), Material((0.3, 0.3, 0.3), 0.8)
            )


@KIT.prop(
    "notice-board",
    "Pinnwand",
    "A pin board with notes and lists on the wall.",
    number("width_m", 1.0, 0.4, 3.0, "width"),
    number("height_m", 0.7, 0.3, 1.5, "height"),
    integer("seed", 1, 0, 999, "vary the notes"),
)
def notice_board(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre."""
    w, h = o.num("width_m"), o.num("height_m")
    m.span((-w / 2, -0.02, -h / 2), (w / 2, 0.0, h / 2), MATERIALS["aluminium"])
    m.span(
        (-w / 2 + 0.02, -0.022, -h / 2 + 0.02),
        (w / 2 - 0.02, -0.02, h / 2 - 0.02),
        Material((0.72, 0.56, 0.38), 0.9),
    )
    rng = random.Random(o.int("seed"))
    colours = ["white", "white", "yellow", "light-blue", "pink", "mint"]
    for _ in range(int(w * h * 14)):
        nw, nh = rng.uniform(0.1, 0.21), rng.uniform(0.1, 0.3)
        x = rng.uniform(-w / 2 + 0.04 + nw / 2, w / 2 - 0.04 - nw / 2)
        z = rng.uniform(-h / 2 + 0.04 + nh / 2, h / 2 - 0.04 - nh / 2)
        off = rng.uniform(0.0, 0.002)
        with m.frame((x, -0.024 - off, z), roll_deg=rng.uniform(-4, 4)):
            m.span(
                (-nw / 2, -0.001, -nh / 2), (nw / 2, 0.0, nh / 2), Material(COLOURS[rng.choice(colours)], 0.9)
            )
            for k in range(int(nh / 0.035) - 1):
                m.span(
                    (-nw / 2 + 0.015, -0.0015, nh / 2 - 0.03 - k * 0.03),
                    (nw / 2 - 0.02, -0.001, nh / 2 - 0.024 - k * 0.03),
                    Material((0.35, 0.35, 0.38), 0.9),
                )
        m.sphere(
            (x, -0.03 - off, z + nh / 2 - 0.015),
            0.006,
            MATERIALS["glossy-plastic"],
            COLOURS[rng.choice(["signal-red", "blue", "yellow", "green"])],
            segments=6,
            rings=4,
        )


@KIT.prop(
    "clipboard",
    "Klemmbrett (Liste)",
    "A clipboard with a checklist hanging on the wall (temperature log, cleaning plan).",
    colour("color", "#2f5f9e", "board colour"),
)
def clipboard(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre."""
    m.span((-0.12, -0.012, -0.17), (0.12, 0.0, 0.17), MATERIALS["plastic"], o.rgb("color"), bevel=0.004)
    m.span((-0.105, -0.014, -0.155), (0.105, -0.012, 0.13), MATERIALS["paper"])
    m.span((-0.06, -0.03, 0.11), (0.06, -0.012, 0.16), CHROME, bevel=0.004)
    for k in range(9):
        z = 0.09 - k * 0.026
        m.span((-0.095, -0.0145, z), (0.095, -0.014, z + 0.0015), Material((0.3, 0.3, 0.35), 0.9))
    for k in range(5):
        z = 0.076 - k * 0.026
        m.span((0.02, -0.0148, z), (0.07, -0.0145, z + 0.008), Material((0.15, 0.25, 0.6), 0.9))
    m.rod((0.0, -0.005, 0.2), (0.0, -0.005, 0.17), 0.003, STEEL)


@KIT.prop(
    "coat-rack",
    "Garderobe",
    "A wall coat rack with hooks and a few jackets.",
    number("width_m", 1.0, 0.4, 3.0, "width"),
    integer("coats", 2, 0, 8, "jackets hanging on it"),
)
def coat_rack(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its rail (about 1.7 m)."""
    w = o.num("width_m")
    m.span((-w / 2, -0.02, -0.05), (w / 2, 0.0, 0.05), MATERIALS["varnished-wood"])
    hooks = max(2, int(w / 0.2))
    rng = random.Random(hooks)
    for k in range(hooks):
        x = -w / 2 + (k + 0.5) * w / hooks
        m.rod((x, -0.02, 0.0), (x, -0.08, 0.03), 0.007, CHROME)
    for k in range(min(o.int("coats"), hooks)):
        x = -w / 2 + (k * 2 + 0.5) * w / hooks if k * 2 < hooks else -w / 2 + (k + 0.5) * w / hooks
        c = COLOURS[rng.choice(["navy", "anthracite", "beige", "red", "dark-green"])]
        m.box((x, -0.09, -0.85), (0.42, 0.14, 0.82), MATERIALS["fabric"], c, bevel=0.05)
        m.box((x, -0.09, -0.08), (0.16, 0.1, 0.08), MATERIALS["fabric"], c, bevel=0.03)


@KIT.prop(
    "fire-extinguisher",
    "Feuerlöscher",
    "A red fire extinguisher on its wall bracket, with sign.",
)
def fire_extinguisher(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at floor level (it hangs at about 1 m)."""
    del o
    red = Material(COLOURS["signal-red"], 0.3)
    m.cylinder((0, -0.1, 0.72), 0.075, 0.5, red, segments=14)
    m.sphere((0, -0.1, 1.22), (0.075, 0.075, 0.04), red, segments=14, rings=5)
    m.cylinder((0, -0.1, 1.24), 0.02, 0.06, MATERIALS["painted-metal"], COLOURS["black"], segments=8)
    m.rod((0, -0.1, 1.3), (0.1, -0.1, 1.28), 0.01, MATERIALS["painted-metal"], COLOURS["black"])
    m.rod((0.06, -0.1, 1.27), (0.09, -0.2, 0.9), 0.008, RUBBER)
    m.span((-0.03, -0.02, 0.95), (0.03, 0.0, 1.25), STEEL)
    m.span((-0.1, -0.003, 1.45), (0.1, 0.0, 1.65), Material(COLOURS["signal-red"], 0.6))
    m.span((-0.06, -0.004, 1.49), (0.06, -0.003, 1.61), WHITE)
