"""Car workshop, joinery and electrical installation: vehicles, lifts, benches, machines, tools."""

from __future__ import annotations

import math
import random

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, number
from scenes.kit.care import castor, wheel
from scenes.kit.parts import CHROME, RUBBER, STEEL, bar_handle, drawer_front
from scenes.materials import COLOURS, MATERIALS, Material, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("workshop")

TINTED_GLASS = Material((0.16, 0.2, 0.24), 0.05, alpha=0.7)
MACHINE_GREEN = Material((0.36, 0.52, 0.42), 0.45)
MACHINE_GREY = Material((0.72, 0.74, 0.74), 0.45)
CAST_TABLE = Material((0.62, 0.64, 0.66), 0.35, metallic=0.9)
WOOD = MATERIALS["wood"]


def car_body(m: MeshBuilder, paint_colour: tuple[float, float, float]) -> None:
    """A compact hatchback, 4.2 m long, front towards −y, standing on its wheels at z = 0."""
    paint = Material(paint_colour, 0.22, metallic=0.35)
    dark = Material((0.08, 0.08, 0.09), 0.5)
    length, width = 4.2, 1.78
    # Side profile in (y, z), front at −y; drawn with x along the profile, then turned.
    # Front bumper, bonnet, roof line, tailgate, then back along the sills with wheel arches.
    profile = [
        (-2.1, 0.3),
        (-2.13, 0.55),
        (-2.02, 0.74),
        (-1.2, 0.88),
        (-0.55, 0.96),
        (0.9, 0.98),
        (1.95, 0.92),
        (2.1, 0.7),
        (2.08, 0.3),
        (1.74, 0.3),
        (1.66, 0.56),
        (1.5, 0.66),
        (1.14, 0.66),
        (0.98, 0.56),
        (0.9, 0.3),
        (-0.9, 0.3),
        (-0.98, 0.56),
        (-1.14, 0.66),
        (-1.5, 0.66),
        (-1.66, 0.56),
        (-1.74, 0.3),
    ]
    cabin = [(-0.5, 0.95), (0.1, 1.4), (1.4, 1.42), (1.98, 0.92)]
    with m.frame((0, 0, 0), heading_deg=90):
        m.extrude([(-y, z) for y, z in profile], width, paint)
        m.extrude([(-y, z) for y, z in cabin], width - 0.16, TINTED_GLASS)
        m.extrude(
            [(-y, z + 0.005) for y, z in [(0.05, 1.39), (1.38, 1.41), (1.45, 1.37), (0.1, 1.36)]],
            width - 0.12,
            paint,
        )
        for y in (0.6,):  # B-pillar
            m.extrude(
                [(-y - 0.06, 0.95), (-y + 0.06, 0.95), (-y + 0.04, 1.4), (-y - 0.04, 1.4)],
                width - 0.14,
                paint,
            )
    for side in (-1, 1):
        for y in (-1.32, 1.32):
            wheel(
                m,
                (side * (width / 2 - 0.13), y, 0.31),
                0.31,
                0.21,
                Material((0.75, 0.76, 0.78), 0.3, 0.9),
                axis="x",
                spokes=5,
            )
        m.span(
            (side * width / 2 - 0.01, -0.55, 0.95), (side * width / 2 + 0.02, -0.42, 1.02), paint
        )  # mirror
        m.span(
            (side * (width / 2) - 0.005, 0.25, 0.72), (side * (width / 2) + 0.005, 0.4, 0.74), dark
        )  # handle
    m.span((-width / 2 + 0.05, -length / 2 - 0.03, 0.3), (width / 2 - 0.05, -length / 2 + 0.1, 0.48), dark)
    m.span((-width / 2 + 0.05, length / 2 - 0.1, 0.3), (width / 2 - 0.05, length / 2 + 0.03, 0.45), dark)
    for side in (-1, 1):
        m.span(
            (side * 0.55 - 0.22, -length / 2 - 0.005, 0.62),
            (side * 0.55 + 0.22, -length / 2 + 0.1, 0.7),
            Material((1.0, 0.98, 0.92), 0.2, emission=0.9),
        )
        m.span(
            (side * 0.62 - 0.15, length / 2 - 0.12, 0.72),
            (side * 0.62 + 0.15, length / 2 + 0.005, 0.82),
            Material((0.85, 0.1, 0.08), 0.2, emission=0.7),
        )
    m.span((-0.26, -length / 2 - 0.035, 0.36), (0.26, -length / 2 - 0.02, 0.47), MATERIALS["paper"])
    m.span((-0.2, length / 2 + 0.02, 0.48), (0.2, length / 2 + 0.035, 0.58), MATERIALS["paper"])
    m.span((-width / 2 + 0.2, -length / 2 + 0.3, 0.14), (width / 2 - 0.2, length / 2 - 0.3, 0.3), dark)
    for y in (-1.32, 1.32):  # wheel wells, dark inside the arches
        m.span((-width / 2 + 0.06, y - 0.36, 0.3), (width / 2 - 0.06, y + 0.36, 0.64), dark)


@KIT.prop("car", "Auto (Pkw)", "A compact car (hatchback).", colour("color", "#a7242a", "paint colour"))
def car(m: MeshBuilder, o: PropOptions) -> None:
    car_body(m, o.rgb("color"))


@KIT.prop(
    "car-lift",
    "Hebebühne",
    "A two-post car lift, optionally with a raised car on it.",
    flag("car", True, "a car on the lift"),
    colour("car_color", "#2d5d9a", "paint colour of the car"),
    number("raised_m", 1.7, 0.0, 1.9, "how high the car is lifted (1.7 m: room to work under it)"),
    colour("color", "#1f5fa8", "colour of the posts"),
)
def car_lift(m: MeshBuilder, o: PropOptions) -> None:
    """The car's length runs along y; the posts stand left and right of it."""
    posts = Material(o.rgb("color"), 0.4)
    raised = o.num("raised_m")
    for side in (-1, 1):
        x = side * 1.55
        m.span((x - 0.2, -0.35, 0.0), (x + 0.2, 0.35, 0.02), MATERIALS["cast-iron"])
        m.span((x - 0.15, -0.12, 0.0), (x + 0.15, 0.12, 3.4), posts, bevel=0.01)
        m.span((x - 0.12, -0.16, 0.1), (x - 0.05, 0.16, 3.3), Material(COLOURS["signal-yellow"], 0.4))
        carriage_z = 0.1 + raised
        m.span((x - 0.18, -0.16, carriage_z), (x + 0.18, 0.16, carriage_z + 0.35), posts)
        for sign in (-1, 1):
            end_y = sign * 0.95
            m.rod(
                (x - side * 0.1, sign * 0.05, carriage_z + 0.08),
                (side * 0.62, end_y, carriage_z + 0.08),
                0.045,
                Material(COLOURS["anthracite"], 0.4),
                segments=6,
            )
            m.cylinder((side * 0.62, end_y, carriage_z + 0.1), 0.07, 0.08, RUBBER, segments=10)
    m.span((-1.55, -0.1, 3.35), (1.55, 0.1, 3.5), posts)
    m.span((1.75, -0.1, 1.1), (1.9, 0.1, 1.45), Material(COLOURS["signal-yellow"], 0.4), bevel=0.01)
    m.cylinder((1.82, -0.105, 1.3), 0.02, 0.01, Material(COLOURS["safety-green"], 0.3), segments=8, axis="y")
    if o.flag("car"):
        with m.frame((0, 0, raised + 0.18 - 0.14)):
            car_body(m, o.rgb("car_color"))


@KIT.prop(
    "tool-trolley",
    "Werkstattwagen",
    "A rolling tool cabinet with drawers.",
    colour("color", "#c0282d", "cabinet colour"),
    integer("drawers", 6, 3, 8, "number of drawers"),
)
def tool_trolley(m: MeshBuilder, o: PropOptions) -> None:
    body = Material(o.rgb("color"), 0.35)
    for x in (-0.3, 0.3):
        for y in (-0.18, 0.18):
            castor(m, x, y, 0.05)
    m.span((-0.36, -0.24, 0.12), (0.36, 0.24, 1.0), body, bevel=0.012)
    n = o.int("drawers")
    gap = 0.84 / n
    for k in range(n):
        z0 = 0.14 + k * gap
        drawer_front(m, -0.34, 0.34, z0, z0 + gap - 0.01, -0.24, body, handle_mat=STEEL)
    m.span((-0.37, -0.25, 1.0), (0.37, 0.25, 1.03), RUBBER)
    bar_handle(m, -0.2, 0.2, 0.25, 0.95, STEEL)
    for k, c in enumerate(("signal-red", "blue", "yellow")):
        m.span((-0.25 + k * 0.16, -0.1, 1.03), (-0.14 + k * 0.16, 0.12, 1.05), Material(COLOURS[c], 0.4))


@KIT.prop(
    "workbench",
    "Werkbank",
    "A workbench with a vice and a pegboard of tools.",
    number("width_m", 2.0, 1.0, 4.0, "length"),
    choice("top", "wood", ("wood", "steel"), "bench top"),
    flag("pegboard", True, "a pegboard with tools behind it"),
    flag("vice", True, "a bench vice"),
    colour("color", "#3d6fa5", "colour of the frame and drawers"),
)
def workbench(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), 0.75, 0.9
    frame = Material(o.rgb("color"), 0.4)
    top = MATERIALS["varnished-wood"] if o.text("top") == "wood" else MATERIALS["brushed-steel"]
    m.span((-w / 2, -d / 2, h - 0.05), (w / 2, d / 2, h), top, bevel=0.006)
    for x in (-w / 2 + 0.05, w / 2 - 0.05):
        m.span((x - 0.03, -d / 2 + 0.03, 0.0), (x + 0.03, d / 2 - 0.03, h - 0.05), frame)
    m.span((-w / 2 + 0.05, -d / 2 + 0.05, 0.15), (w / 2 - 0.05, d / 2 - 0.05, 0.18), frame)
    cab_x = w / 2 - 0.35
    m.span((cab_x - 0.28, -d / 2 + 0.02, 0.18), (cab_x + 0.28, d / 2 - 0.05, h - 0.05), frame)
    for k in range(4):
        z0 = 0.2 + k * 0.165
        drawer_front(m, cab_x - 0.27, cab_x + 0.27, z0, z0 + 0.16, -d / 2 + 0.02, frame, handle_mat=STEEL)
    if o.flag("vice"):
        vx = -w / 2 + 0.3
        m.span((vx - 0.1, -d / 2 + 0.02, h), (vx + 0.1, -d / 2 + 0.2, h + 0.06), MATERIALS["cast-iron"])
        m.span(
            (vx - 0.08, -d / 2 - 0.06, h + 0.02),
            (vx + 0.08, -d / 2 + 0.02, h + 0.14),
            Material(COLOURS["blue"], 0.4),
        )
        m.span(
            (vx - 0.08, -d / 2 + 0.03, h + 0.02),
            (vx + 0.08, -d / 2 + 0.09, h + 0.14),
            Material(COLOURS["blue"], 0.4),
        )
        m.rod((vx, -d / 2 - 0.06, h + 0.07), (vx, -d / 2 - 0.2, h + 0.07), 0.01, CHROME)
        m.rod((vx - 0.1, -d / 2 - 0.2, h + 0.07), (vx + 0.1, -d / 2 - 0.2, h + 0.07), 0.008, CHROME)
    if o.flag("pegboard"):
        pegboard(m, 0.0, d / 2, h + 0.1, w - 0.1, 0.9)


def pegboard(m: MeshBuilder, x: float, y: float, z: float, w: float, h: float) -> None:
    """A perforated board with hand tools, standing on ``z``, its face towards −y at ``y``."""
    m.span((x - w / 2, y - 0.02, z), (x + w / 2, y, z + h), Material((0.93, 0.93, 0.9), 0.8))
    dots = Material((0.55, 0.55, 0.52), 0.9)
    for i in range(int(w / 0.1)):
        for j in range(int(h / 0.1)):
            px, pz = x - w / 2 + 0.05 + i * 0.1, z + 0.05 + j * 0.1
            m.span((px - 0.006, y - 0.021, pz - 0.006), (px + 0.006, y - 0.02, pz + 0.006), dots)
    rng = random.Random(int(w * 10))
    px = x - w / 2 + 0.12
    red, black = Material(COLOURS["signal-red"], 0.4), Material(COLOURS["black"], 0.5)
    while px < x + w / 2 - 0.12:
        kind = rng.choice(["wrench", "screwdriver", "hammer", "pliers", "wrench"])
        top = z + h - rng.uniform(0.1, 0.2)
        if kind == "wrench":
            length = rng.uniform(0.15, 0.3)
            m.span((px - 0.01, y - 0.03, top - length), (px + 0.01, y - 0.022, top), CHROME)
            m.cylinder((px, y - 0.026, top), 0.022, 0.008, CHROME, segments=8, axis="y")
            px += 0.06
        elif kind == "screwdriver":
            m.span(
                (px - 0.012, y - 0.035, top - 0.11), (px + 0.012, y - 0.022, top), rng.choice([red, black])
            )
            m.rod((px, y - 0.028, top - 0.11), (px, y - 0.028, top - 0.25), 0.003, CHROME, segments=4)
            px += 0.05
        elif kind == "hammer":
            m.span(
                (px - 0.012, y - 0.035, top - 0.3),
                (px + 0.012, y - 0.022, top),
                Material(COLOURS["beech"], 0.6),
            )
            m.span(
                (px - 0.05, y - 0.045, top - 0.02), (px + 0.05, y - 0.022, top + 0.03), MATERIALS["cast-iron"]
            )
            px += 0.12
        else:
            m.span((px - 0.025, y - 0.03, top - 0.2), (px + 0.025, y - 0.022, top - 0.08), red)
            m.span((px - 0.012, y - 0.03, top - 0.08), (px + 0.012, y - 0.022, top), CHROME)
            px += 0.08


@KIT.prop(
    "tyre-stack",
    "Reifenstapel",
    "A stack of car tyres.",
    integer("count", 4, 1, 8, "number of tyres"),
    flag("rims", False, "tyres on rims"),
)
def tyre_stack(m: MeshBuilder, o: PropOptions) -> None:
    for k in range(o.int("count")):
        z = k * 0.21
        with m.frame((0.01 * (k % 2), 0.0, z + 0.105), heading_deg=k * 17):
            m.lathe(
                [
                    (0.2, -0.1),
                    (0.31, -0.095),
                    (0.32, 0.0),
                    (0.31, 0.095),
                    (0.2, 0.1),
                    (0.21, 0.0),
                    (0.2, -0.1),
                ],
                RUBBER,
                segments=20,
            )
            if o.flag("rims"):
                m.cylinder((0, 0, -0.08), 0.205, 0.16, Material((0.75, 0.76, 0.78), 0.3, 0.9), segments=16)


@KIT.prop(
    "compressor", "Kompressor", "An air compressor with a tank.", colour("color", "#c0282d", "tank colour")
)
def compressor(m: MeshBuilder, o: PropOptions) -> None:
    m.cylinder((0, 0, 0.35), 0.25, 1.0, Material(o.rgb("color"), 0.35), segments=16, axis="x")
    for x in (-0.35, 0.35):
        m.span((x - 0.04, -0.2, 0.0), (x + 0.04, 0.2, 0.15), MATERIALS["cast-iron"])
    m.box((0.15, 0, 0.58), (0.35, 0.3, 0.25), MATERIALS["cast-iron"], bevel=0.02)
    m.cylinder((-0.25, 0, 0.6), 0.1, 0.2, MATERIALS["cast-iron"], segments=12)
    m.cylinder((-0.25, -0.12, 0.68), 0.04, 0.01, Material(COLOURS["white"], 0.3), segments=10, axis="y")


@KIT.prop("oil-drum", "Ölfass", "A 200-litre drum.", colour("color", "#1f5fa8", "drum colour"))
def oil_drum(m: MeshBuilder, o: PropOptions) -> None:
    paint = Material(o.rgb("color"), 0.35, metallic=0.3)
    m.cylinder((0, 0, 0), 0.29, 0.88, paint, segments=18)
    for z in (0.29, 0.58):
        m.cylinder((0, 0, z), 0.295, 0.02, paint, segments=18, caps=False)
    m.cylinder((0.15, 0.05, 0.88), 0.03, 0.015, MATERIALS["cast-iron"], segments=8)


@KIT.prop(
    "table-saw",
    "Formatkreissäge",
    "A panel saw with sliding table and blade guard.",
)
def table_saw(m: MeshBuilder, o: PropOptions) -> None:
    del o
    m.span((-0.45, -0.4, 0.0), (0.45, 0.4, 0.82), MACHINE_GREEN, bevel=0.01)
    m.span((-0.6, -0.5, 0.82), (0.6, 0.5, 0.88), CAST_TABLE)
    m.span((-1.6, -0.9, 0.84), (-0.62, -0.5, 0.89), MATERIALS["aluminium"])
    m.span((-1.55, -0.5, 0.4), (-1.5, -0.45, 0.84), MATERIALS["aluminium"])
    m.span((0.62, -0.5, 0.82), (1.1, 0.5, 0.88), CAST_TABLE)
    m.span((-0.6, 0.3, 0.88), (1.1, 0.35, 0.96), MATERIALS["aluminium"])
    with m.frame((0.0, 0.0, 0.88), heading_deg=90, pitch_deg=90):
        m.cylinder((0, 0, -0.002), 0.15, 0.004, CHROME, segments=20)
    m.rod((0.0, 0.55, 0.88), (0.0, 0.55, 1.5), 0.03, MACHINE_GREY)
    m.rod((0.0, 0.55, 1.5), (0.0, 0.0, 1.5), 0.03, MACHINE_GREY)
    m.box((0.0, 0.0, 1.08), (0.08, 0.4, 0.14), Material((0.9, 0.5, 0.1), 0.4), bevel=0.01)
    m.rod((0.0, 0.0, 1.22), (0.0, 0.0, 1.5), 0.03, MACHINE_GREY)
    m.box((0.46, -0.41, 0.55), (0.2, 0.03, 0.18), MACHINE_GREY)
    m.cylinder((0.42, -0.44, 0.64), 0.025, 0.02, Material(COLOURS["safety-green"], 0.3), segments=8, axis="y")
    m.cylinder((0.5, -0.44, 0.64), 0.03, 0.025, Material(COLOURS["signal-red"], 0.3), segments=8, axis="y")


@KIT.prop(
    "carpenters-bench",
    "Hobelbank",
    "A traditional beech carpenter's bench with vices.",
    number("width_m", 2.0, 1.4, 3.0, "length"),
)
def carpenters_bench(m: MeshBuilder, o: PropOptions) -> None:
    w = o.num("width_m")
    beech = MATERIALS["varnished-wood"]
    m.span((-w / 2, -0.3, 0.82), (w / 2, 0.3, 0.9), beech, bevel=0.005)
    m.span((-w / 2 + 0.05, 0.05, 0.8), (w / 2 - 0.3, 0.28, 0.82), beech)
    for x in (-w / 2 + 0.2, w / 2 - 0.25):
        m.span((x - 0.05, -0.28, 0.0), (x + 0.05, -0.2, 0.82), beech)
        m.span((x - 0.05, 0.2, 0.0), (x + 0.05, 0.28, 0.82), beech)
        m.span((x - 0.06, -0.3, 0.0), (x + 0.06, 0.3, 0.08), beech)
        m.span((x - 0.05, -0.28, 0.3), (x + 0.05, 0.28, 0.36), beech)
    m.span((-w / 2 + 0.2, -0.04, 0.3), (w / 2 - 0.25, 0.04, 0.38), beech)
    m.span((-w / 2 - 0.25, -0.3, 0.78), (-w / 2, -0.1, 0.9), beech)
    m.rod((-w / 2 - 0.12, -0.3, 0.84), (-w / 2 - 0.12, -0.5, 0.84), 0.015, CHROME)
    m.rod((-w / 2 - 0.2, -0.5, 0.84), (-w / 2 - 0.04, -0.5, 0.84), 0.012, beech)
    m.span((w / 2 - 0.02, -0.3, 0.78), (w / 2 + 0.12, 0.2, 0.9), beech)
    for k in range(6):
        x = -w / 2 + 0.3 + k * 0.25
        m.span((x, -0.26, 0.899), (x + 0.03, -0.24, 0.902), Material((0.2, 0.15, 0.1), 0.8))
    m.box((0.2, 0.0, 0.9), (0.35, 0.07, 0.08), Material(COLOURS["blue"], 0.4), bevel=0.01)
    m.box((-0.3, 0.1, 0.9), (0.8, 0.14, 0.02), MATERIALS["wood"], bevel=0.003)


@KIT.prop(
    "lumber-stack",
    "Holzstapel",
    "Boards stacked on bearers.",
    number("length_m", 3.0, 1.0, 5.0, "board length (along x)"),
    integer("layers", 6, 1, 20, "layers of boards"),
    colour("color", "pine", "wood colour"),
)
def lumber_stack(m: MeshBuilder, o: PropOptions) -> None:
    length = o.num("length_m")
    base = o.rgb("color")
    rng = random.Random(o.int("layers"))
    for x in (-length / 2 + 0.2, 0.0, length / 2 - 0.2):
        m.span((x - 0.05, -0.45, 0.0), (x + 0.05, 0.45, 0.1), MATERIALS["wood"], COLOURS["walnut"])
    z = 0.1
    for layer in range(o.int("layers")):
        y = -0.42
        while y < 0.4:
            width = rng.choice([0.12, 0.14, 0.16, 0.2])
            tint = lighter(base, rng.uniform(-0.08, 0.05))
            m.span(
                (-length / 2 + rng.uniform(0, 0.06), y, z),
                (length / 2 - rng.uniform(0, 0.06), y + width - 0.005, z + 0.027),
                Material(tint, 0.75),
            )
            y += width
        z += 0.027
        if layer % 3 == 2:
            for x in (-length / 2 + 0.2, length / 2 - 0.2):
                m.span((x - 0.015, -0.42, z), (x + 0.015, 0.4, z + 0.02), Material(COLOURS["walnut"], 0.8))
            z += 0.02


@KIT.prop(
    "band-saw",
    "Bandsäge",
    "A tall band saw.",
)
def band_saw(m: MeshBuilder, o: PropOptions) -> None:
    del o
    m.span((-0.3, -0.3, 0.0), (0.3, 0.3, 0.1), MACHINE_GREEN)
    m.span((-0.12, 0.0, 0.1), (0.12, 0.25, 0.9), MACHINE_GREEN, bevel=0.01)
    m.span((-0.35, -0.35, 0.9), (0.35, 0.3, 0.95), CAST_TABLE)
    m.box((0.0, 0.12, 0.95), (0.55, 0.3, 0.9), MACHINE_GREEN, bevel=0.04)
    with m.frame((0.0, 0.12, 1.4), heading_deg=90, pitch_deg=90):
        m.cylinder((0, 0, -0.16), 0.3, 0.32, MACHINE_GREEN, segments=18)
    m.rod((0.0, -0.05, 0.95), (0.0, -0.05, 1.3), 0.012, CHROME)
    m.box((0.0, -0.05, 1.3), (0.08, 0.08, 0.1), MACHINE_GREY)


@KIT.prop(
    "dust-extractor",
    "Absauganlage",
    "A mobile dust extractor with filter bags.",
    colour("color", "#36845a", "body colour"),
)
def dust_extractor(m: MeshBuilder, o: PropOptions) -> None:
    body = Material(o.rgb("color"), 0.45)
    m.box((0, 0, 0.05), (0.9, 0.6, 0.8), body, bevel=0.02)
    for x in (-0.3, 0.3):
        m.cylinder((x, 0, 0.85), 0.22, 0.9, Material((0.9, 0.9, 0.88), 0.9), segments=14, radius_top=0.2)
    m.rod((0, 0, 0.8), (0, -0.2, 2.3), 0.08, MATERIALS["aluminium"], segments=10)
    for x in (-0.35, 0.35):
        castor(m, x, -0.2, 0.05)
        castor(m, x, 0.2, 0.05)


@KIT.prop(
    "cable-drum",
    "Kabeltrommel",
    "A wooden cable reel with cable wound on it.",
    number("diameter_m", 0.9, 0.4, 1.6, "flange diameter"),
    colour("cable_color", "black", "cable colour"),
)
def cable_drum(m: MeshBuilder, o: PropOptions) -> None:
    r = o.num("diameter_m") / 2
    with m.frame((0, 0, r), heading_deg=90, pitch_deg=90):
        for z in (-0.3, 0.25):
            m.cylinder((0, 0, z), r, 0.05, MATERIALS["wood"], COLOURS["pine"], segments=20)
        m.cylinder((0, 0, -0.25), r * 0.75, 0.5, Material(o.rgb("cable_color"), 0.5), segments=20)
        m.cylinder((0, 0, -0.35), r * 0.12, 0.7, MATERIALS["wood"], COLOURS["walnut"], segments=10)


@KIT.prop("ladder", "Stehleiter", "An aluminium step ladder.", integer("steps", 6, 3, 10, "steps"))
def ladder(m: MeshBuilder, o: PropOptions) -> None:
    n = o.int("steps")
    h = n * 0.28
    alu = MATERIALS["aluminium"]
    spread = h * 0.28
    for side in (-1, 1):
        m.span(
            (side * 0.25 - 0.015, -spread - 0.03, 0.0), (side * 0.25 + 0.015, -spread + 0.03, 0.05), RUBBER
        )
        m.rod((side * 0.25, -spread, 0.0), (side * 0.22, 0.0, h), 0.018, alu, segments=6)
        m.rod((side * 0.25, spread, 0.0), (side * 0.22, 0.03, h), 0.015, alu, segments=6)
    for k in range(1, n):
        z = k * 0.28
        y = -spread * (1 - z / h)
        m.span((-0.24 + 0.03 * z / h, y - 0.05, z - 0.015), (0.24 - 0.03 * z / h, y + 0.05, z + 0.005), alu)
    m.span((-0.25, -0.12, h), (0.25, 0.1, h + 0.04), Material(COLOURS["signal-red"], 0.4), bevel=0.01)


@KIT.prop(
    "distribution-board",
    "Verteilerkasten (Unterverteilung)",
    "A wall-mounted distribution board, door open, rows of breakers.",
    number("width_m", 0.6, 0.3, 1.2, "width"),
    number("height_m", 0.9, 0.4, 1.6, "height"),
    integer("rows", 4, 1, 8, "rows of breakers"),
    flag("open", True, "door open"),
)
def distribution_board(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its bottom edge (about 0.9 m)."""
    w, h = o.num("width_m"), o.num("height_m")
    grey = Material((0.88, 0.88, 0.86), 0.45)
    m.span((-w / 2, -0.14, 0.0), (w / 2, 0.0, h), grey, bevel=0.008)
    m.span((-w / 2 + 0.03, -0.141, 0.03), (w / 2 - 0.03, -0.13, h - 0.03), Material((0.7, 0.7, 0.68), 0.5))
    n = o.int("rows")
    rng = random.Random(n)
    for k in range(n):
        z = h - 0.12 - k * (h - 0.18) / n
        m.span(
            (-w / 2 + 0.05, -0.145, z - 0.06),
            (w / 2 - 0.05, -0.14, z + 0.06),
            Material((0.95, 0.95, 0.93), 0.4),
        )
        for j in range(int((w - 0.1) / 0.018)):
            x = -w / 2 + 0.05 + j * 0.018
            m.span(
                (x + 0.001, -0.16, z - 0.04), (x + 0.016, -0.145, z + 0.04), Material((0.97, 0.97, 0.95), 0.4)
            )
            tint = (
                COLOURS["blue"]
                if rng.random() < 0.7
                else COLOURS["signal-red"]
                if rng.random() < 0.5
                else COLOURS["black"]
            )
            m.span((x + 0.005, -0.165, z - 0.005), (x + 0.012, -0.16, z + 0.015), Material(tint, 0.4))
    if o.flag("open"):
        # Swung open by 100° towards the room (−y), not into the wall.
        with m.frame((w / 2, -0.14, 0.0), heading_deg=80):
            m.span((0.0, -0.02, 0.0), (w, 0.0, h), grey, bevel=0.006)
    else:
        m.span((-w / 2, -0.16, 0.0), (w / 2, -0.14, h), grey, bevel=0.006)


@KIT.prop("safety-cone", "Leitkegel", "A red and white traffic cone.")
def safety_cone(m: MeshBuilder, o: PropOptions) -> None:
    del o
    m.span((-0.19, -0.19, 0.0), (0.19, 0.19, 0.03), Material(COLOURS["signal-red"], 0.5))
    red, white = Material((0.9, 0.25, 0.12), 0.5), Material((0.95, 0.95, 0.93), 0.4)
    bands = [(0.03, 0.16, red), (0.16, 0.28, white), (0.28, 0.4, red), (0.4, 0.5, white), (0.5, 0.62, red)]
    for z0, z1, mat in bands:
        r0, r1 = 0.15 * (1 - (z0 - 0.03) / 0.62), 0.15 * (1 - (z1 - 0.03) / 0.62)
        m.cylinder((0, 0, z0), r0, z1 - z0, mat, segments=14, radius_top=max(r1, 0.012), caps=False)


@KIT.prop(
    "work-light",
    "Baustrahler",
    "An LED site light on a tripod.",
    number("height_m", 1.6, 0.5, 2.5, "height of the lamp"),
)
def work_light(m: MeshBuilder, o: PropOptions) -> None:
    h = o.num("height_m")
    yellow = Material(COLOURS["signal-yellow"], 0.4)
    for k in range(3):
        a = math.radians(k * 120)
        m.rod((0, 0, h * 0.45), (0.45 * math.sin(a), 0.45 * math.cos(a), 0.012), 0.012, yellow, segments=6)
    m.rod((0, 0, h * 0.45), (0, 0, h), 0.015, yellow, segments=6)
    with m.frame((0, 0, h), pitch_deg=25):
        m.box((0, 0, -0.14), (0.3, 0.1, 0.28), Material(COLOURS["anthracite"], 0.4), bevel=0.01)
        m.span((-0.13, -0.051, -0.12), (0.13, -0.05, 0.12), MATERIALS["lamp"])


@KIT.prop(
    "cable-tray",
    "Kabelrinne",
    "A cable tray along a wall or ceiling, with cables in it.",
    number("length_m", 3.0, 0.5, 20.0, "length (along x)"),
    flag("cables", True, "cables in the tray"),
)
def cable_tray(m: MeshBuilder, o: PropOptions) -> None:
    """Place it at the height of its bottom, its back against a wall."""
    length = o.num("length_m")
    m.span((-length / 2, -0.3, 0.0), (length / 2, 0.0, 0.004), STEEL)
    for y in (-0.3, -0.004):
        m.span((-length / 2, y, 0.0), (length / 2, y + 0.004, 0.06), STEEL)
    for x in range(int(length / 1.0) + 1):
        px = -length / 2 + x * 1.0
        m.span((px - 0.01, -0.32, -0.03), (px + 0.01, 0.0, 0.0), STEEL)
    if o.flag("cables"):
        for k, c in enumerate(("black", "grey", "light-grey", "black", "anthracite")):
            m.rod(
                (-length / 2, -0.05 - k * 0.05, 0.015),
                (length / 2, -0.05 - k * 0.05, 0.015),
                0.011,
                Material(COLOURS[c], 0.5),
                segments=6,
            )


@KIT.prop(
    "scaffold-tower",
    "Rollgerüst",
    "A mobile aluminium scaffold tower with a platform.",
    number("height_m", 2.0, 1.0, 4.0, "platform height"),
)
def scaffold_tower(m: MeshBuilder, o: PropOptions) -> None:
    h = o.num("height_m")
    alu = MATERIALS["aluminium"]
    for x in (-0.7, 0.7):
        for y in (-0.35, 0.35):
            castor(m, x, y, 0.08)
            m.rod((x, y, 0.15), (x, y, h + 1.0), 0.024, alu, segments=6)
        for z in [0.5 + k * 0.28 for k in range(int((h + 0.5) / 0.28))]:
            m.rod((x, -0.35, z), (x, 0.35, z), 0.014, alu, segments=5)
    for y in (-0.35, 0.35):
        for z in (0.3, h - 0.1, h + 0.5, h + 1.0):
            m.rod((-0.7, y, z), (0.7, y, z), 0.016, alu, segments=5)
        m.rod((-0.7, y, 0.3), (0.7, y, h - 0.1), 0.014, alu, segments=5)
    m.span((-0.68, -0.33, h), (0.68, 0.33, h + 0.04), Material((0.72, 0.55, 0.35), 0.7))
    m.span((-0.7, -0.37, h + 0.04), (0.7, -0.35, h + 0.2), Material((0.72, 0.55, 0.35), 0.7))


@KIT.prop("tool-box", "Werkzeugkoffer", "A closed tool case.", colour("color", "#c0282d", "case colour"))
def tool_box(m: MeshBuilder, o: PropOptions) -> None:
    m.box((0, 0, 0), (0.5, 0.25, 0.24), Material(o.rgb("color"), 0.4), bevel=0.02)
    m.span((-0.24, -0.127, 0.18), (0.24, 0.127, 0.19), Material(COLOURS["black"], 0.5))
    m.rod((-0.1, 0.0, 0.27), (0.1, 0.0, 0.27), 0.012, Material(COLOURS["black"], 0.5))
    for x in (-0.1, 0.1):
        m.rod((x, 0.0, 0.24), (x, 0.0, 0.27), 0.01, Material(COLOURS["black"], 0.5))
    for x in (-0.2, 0.2):
        m.span((x - 0.02, -0.128, 0.15), (x + 0.02, -0.125, 0.2), CHROME)
