"""A joiner's workshop.

Planer, CNC machining centre, wood and panel storage, dust extraction, a kitchen cabinet being
assembled, trestles.
"""

from __future__ import annotations

import random

from scenes.kit.base import Kit, PropOptions, colour, flag, integer, number
from scenes.kit.office import screen_image
from scenes.kit.parts import CHROME, STEEL, door_front
from scenes.kit.shipping import hazard_stripes
from scenes.kit.workshop import CAST_TABLE, MACHINE_GREEN, MACHINE_GREY
from scenes.materials import COLOURS, MATERIALS, Material, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("joinery")

DUCT = Material((0.78, 0.8, 0.82), 0.35, metallic=0.8)
HOSE = Material((0.25, 0.26, 0.28), 0.6)
MELAMINE = Material((0.95, 0.95, 0.93), 0.35)
PANELS = (
    (0.62, 0.45, 0.3),  # MDF
    (0.86, 0.76, 0.58),  # birch plywood
    (0.95, 0.95, 0.93),  # white melamine
    (0.72, 0.55, 0.36),  # oak veneer
    (0.35, 0.36, 0.38),  # anthracite melamine
)


@KIT.prop(
    "planer",
    "Abricht- und Dickenhobelmaschine",
    "A combined surface planer and thicknesser: long cast tables, fence, bridge guard, hood.",
    number("length_m", 2.0, 1.4, 2.6, "length of the planing tables (along x)"),
)
def planer(m: MeshBuilder, o: PropOptions) -> None:
    """The operator stands in front (−y); the fence runs along the back of the tables."""
    length = o.num("length_m")
    m.span((-0.6, -0.3, 0.0), (0.6, 0.3, 0.82), MACHINE_GREEN, bevel=0.01)
    m.span((-0.62, -0.32, 0.0), (0.62, 0.32, 0.06), Material(COLOURS["anthracite"], 0.5))
    for x0, x1 in ((-length / 2, -0.06), (0.06, length / 2)):
        m.span((x0, -0.27, 0.84), (x1, 0.25, 0.9), CAST_TABLE)
        m.span((x0 + 0.05, -0.2, 0.72), (x1 - 0.05, 0.2, 0.84), MACHINE_GREEN)
    m.cylinder((0.0, 0.0, 0.82), 0.05, 0.5, STEEL, segments=12, axis="y")
    m.span((-0.5, 0.12, 0.9), (0.5, 0.16, 1.06), MATERIALS["aluminium"])
    m.rod((0.55, 0.2, 0.98), (0.55, 0.4, 0.98), 0.02, MACHINE_GREY)
    # Bridge guard over the cutter block, on its arm from the back.
    m.span((-0.06, -0.25, 0.92), (0.06, 0.12, 0.95), Material(COLOURS["signal-yellow"], 0.4))
    m.rod((0.0, 0.12, 0.94), (0.0, 0.3, 0.94), 0.02, MACHINE_GREY)
    m.box((0.0, 0.3, 0.78), (0.14, 0.12, 0.28), MACHINE_GREY, bevel=0.01)
    # Extraction port at the back with its hood.
    m.cylinder((0.35, 0.36, 0.55), 0.08, 0.6, MACHINE_GREEN, segments=12, axis="y")
    m.box((0.0, -0.31, 0.45), (0.2, 0.02, 0.12), Material(COLOURS["anthracite"], 0.4))
    m.cylinder((-0.04, -0.33, 0.5), 0.025, 0.02, Material(COLOURS["safety-green"], 0.3), segments=8, axis="y")
    m.cylinder((0.05, -0.335, 0.5), 0.03, 0.03, Material(COLOURS["signal-red"], 0.3), segments=8, axis="y")


@KIT.prop(
    "cnc-router",
    "CNC-Bearbeitungszentrum",
    "A CNC machining centre: console table, moving gantry with spindle and tool changer, control "
    "panel, safety mats in front and a fence around the back.",
    number("length_m", 4.0, 3.0, 6.0, "length of the machine bed (along x)"),
    colour("color", "#e8e8e4", "machine colour"),
    colour("accent_color", "#2f5f9e", "colour of the gantry"),
)
def cnc_router(m: MeshBuilder, o: PropOptions) -> None:
    """The operator side with the safety mats is the front (−y); the control panel is at +x."""
    length = o.num("length_m")
    body = Material(o.rgb("color"), 0.4)
    accent = Material(o.rgb("accent_color"), 0.35)
    m.span((-length / 2, -0.2, 0.0), (length / 2, 0.9, 0.7), body, bevel=0.02)
    m.span((-length / 2, -0.2, 0.0), (length / 2, 0.9, 0.08), Material(COLOURS["anthracite"], 0.5))
    # Console table: bars with suction cups, a panel being machined.
    for k in range(8):
        x = -length / 2 + 0.3 + k * (length - 0.6) / 7
        m.span((x - 0.05, -0.15, 0.7), (x + 0.05, 0.75, 0.8), Material(COLOURS["grey"], 0.4))
        for y in (0.05, 0.45):
            m.box((x, y, 0.8), (0.12, 0.12, 0.05), Material((0.2, 0.5, 0.3), 0.5))
    m.span((-length / 2 + 0.4, -0.05, 0.85), (0.2, 0.65, 0.869), Material(PANELS[1], 0.6))
    # Gantry moving along x: two legs on rails at the back, a beam, the spindle unit.
    gx = 0.6
    m.span((-length / 2, 0.8, 0.7), (length / 2, 0.95, 0.78), STEEL)
    for y in (0.85,):
        m.span((gx - 0.25, y - 0.15, 0.7), (gx + 0.25, y + 0.2, 2.3), accent, bevel=0.02)
    m.span((gx - 0.3, -0.1, 1.9), (gx + 0.3, 1.05, 2.35), accent, bevel=0.02)
    m.box((gx, 0.05, 1.25), (0.3, 0.3, 0.65), body, bevel=0.02)
    m.cylinder((gx, 0.05, 1.05), 0.06, 0.2, STEEL, segments=12)
    m.cylinder((gx, 0.05, 0.93), 0.015, 0.12, CHROME, segments=8)
    with m.frame((gx + 0.32, 0.1, 1.55), pitch_deg=90):
        m.cylinder((0, 0, -0.04), 0.2, 0.08, Material(COLOURS["anthracite"], 0.4), segments=14)
    m.rod((gx, 0.2, 2.35), (gx, 0.2, 2.8), 0.09, HOSE, segments=10)
    # Control panel on a swing arm at the right end.
    m.rod((length / 2 + 0.1, -0.05, 0.0), (length / 2 + 0.1, -0.05, 1.25), 0.04, MACHINE_GREY)
    with m.frame((length / 2 + 0.1, -0.2, 1.45), heading_deg=-20, pitch_deg=-15):
        m.box((0, 0, -0.22), (0.5, 0.1, 0.42), Material(COLOURS["anthracite"], 0.4), bevel=0.015)
        with m.frame((0, 0, 0.0)):
            screen_image(m, 0.36, 0.22, -0.051, "cad", 3)
        m.cylinder(
            (0.18, -0.055, -0.16), 0.025, 0.02, Material(COLOURS["signal-red"], 0.3), segments=10, axis="y"
        )
    # Safety: pressure mats in front, a mesh fence round the back and the ends.
    m.span((-length / 2, -1.2, 0.0), (length / 2, -0.25, 0.015), Material((0.15, 0.15, 0.16), 0.8))
    hazard_stripes(m, -length / 2, length / 2, -1.28, -1.2, 0.0)
    fence = Material((0.9, 0.8, 0.2), 0.5)
    mesh = Material((0.3, 0.32, 0.34), 0.6, alpha=0.55)
    for x in (-length / 2 - 0.3, length / 2 + 0.4):
        m.span((x - 0.02, -0.3, 0.0), (x + 0.02, 1.3, 1.8), mesh)
        m.rod((x, -0.3, 0.0), (x, -0.3, 1.8), 0.02, fence)
        m.rod((x, 1.3, 0.0), (x, 1.3, 1.8), 0.02, fence)
    m.span((-length / 2 - 0.3, 1.28, 0.0), (length / 2 + 0.4, 1.32, 1.8), mesh)
    for x in range(int(length) + 2):
        m.rod((-length / 2 - 0.3 + x, 1.3, 0.0), (-length / 2 - 0.3 + x, 1.3, 1.8), 0.02, fence)


@KIT.prop(
    "lumber-rack",
    "Kragarmregal (Massivholz)",
    "A cantilever rack on the wall with boards of solid wood on its arms.",
    number("length_m", 4.0, 1.0, 10.0, "length (along x)"),
    integer("levels", 4, 1, 8, "levels of arms"),
    integer("seed", 1, 0, 999, "vary the boards"),
)
def lumber_rack(m: MeshBuilder, o: PropOptions) -> None:
    """Place it with its back to a wall; the arms reach forwards (−y) 0.7 m."""
    length, levels = o.num("length_m"), o.int("levels")
    steel = Material(COLOURS["blue"], 0.45)
    h = 0.4 + levels * 0.45
    columns = max(2, round(length / 1.3) + 1)
    xs = [-length / 2 + 0.1 + k * (length - 0.2) / (columns - 1) for k in range(columns)]
    rng = random.Random(o.int("seed"))
    woods = [COLOURS[c] for c in ("oak", "beech", "pine", "walnut", "birch")]
    for x in xs:
        m.span((x - 0.06, -0.8, 0.0), (x + 0.06, 0.0, 0.08), steel)
        m.span((x - 0.05, -0.12, 0.0), (x + 0.05, 0.0, h), steel)
    for level in range(levels):
        z = 0.35 + level * 0.45
        for x in xs:
            m.span((x - 0.03, -0.75, z - 0.06), (x + 0.03, -0.12, z), steel)
        y = -0.7
        while y < -0.26:
            width = min(rng.choice([0.14, 0.18, 0.22, 0.26]), -0.12 - y)
            thick = rng.choice([0.027, 0.04, 0.052])
            tint = lighter(rng.choice(woods), rng.uniform(-0.06, 0.05))
            stack = rng.randint(1, 4)
            for k in range(stack):
                m.span(
                    (-length / 2 + rng.uniform(-0.1, 0.2), y, z + k * thick),
                    (length / 2 - rng.uniform(-0.1, 0.3), y + width - 0.008, z + (k + 1) * thick - 0.002),
                    Material(tint, 0.75),
                )
            y += width


@KIT.prop(
    "panel-rack",
    "Plattenregal",
    "Panels (MDF, plywood, melamine) standing on edge in a rack with vertical dividers.",
    number("length_m", 2.5, 1.0, 6.0, "length (along x)"),
    integer("seed", 1, 0, 999, "vary the panels"),
)
def panel_rack(m: MeshBuilder, o: PropOptions) -> None:
    """The panels stand upright, their faces along x, seen edge-on from the front (−y)."""
    length = o.num("length_m")
    frame = Material(COLOURS["blue"], 0.45)
    depth, h = 2.1, 2.2
    m.span((-length / 2, -depth / 2, 0.0), (length / 2, depth / 2, 0.1), frame)
    slots = max(2, int(length / 0.35))
    for k in range(slots + 1):
        x = -length / 2 + k * length / slots
        for y in (-depth / 2 + 0.05, depth / 2 - 0.05):
            m.rod((x, y, 0.1), (x, y, h), 0.025, frame, segments=6)
    rng = random.Random(o.int("seed"))
    for k in range(slots):
        x0 = -length / 2 + k * length / slots + 0.04
        count = rng.randint(3, 9)
        tint = rng.choice(PANELS)
        x = x0
        for _ in range(count):
            thick = 0.019
            lean = rng.uniform(0.0, 0.06)
            m.span(
                (x, -depth / 2 + 0.08, 0.1),
                (x + thick, depth / 2 - 0.08 - lean, 0.1 + 2.07),
                Material(tint, 0.6),
            )
            x += thick + 0.002


@KIT.prop(
    "extraction-duct",
    "Absaugrohr",
    "A round dust-extraction duct under the ceiling (along x).",
    number("length_m", 6.0, 0.5, 30.0, "length (along x)"),
    number("diameter_m", 0.35, 0.1, 0.8, "diameter"),
)
def extraction_duct(m: MeshBuilder, o: PropOptions) -> None:
    """Place it at the height of the duct's centre line; hangers go up 0.6 m to the ceiling."""
    length, r = o.num("length_m"), o.num("diameter_m") / 2
    m.cylinder((0, 0, 0), r, length, DUCT, segments=14, axis="x")
    for k in range(int(length / 1.5) + 1):
        x = -length / 2 + 0.2 + k * (length - 0.4) / max(1, int(length / 1.5))
        m.cylinder((x, 0, 0), r + 0.012, 0.04, STEEL, segments=14, axis="x")
        m.rod((x, 0, r), (x, 0, r + 0.6), 0.008, STEEL)


@KIT.prop(
    "extraction-drop",
    "Absaugstutzen mit Schlauch",
    "A branch from the extraction duct down to a machine, ending in a flexible hose.",
    number("length_m", 1.2, 0.3, 4.0, "length of the rigid pipe down from the duct"),
    number("hose_m", 1.2, 0.2, 3.0, "length of the hose below it"),
    number("diameter_m", 0.15, 0.08, 0.3, "diameter"),
)
def extraction_drop(m: MeshBuilder, o: PropOptions) -> None:
    """Place it at the duct's centre line (z = the duct's height): it hangs down from there."""
    pipe, hose, r = o.num("length_m"), o.num("hose_m"), o.num("diameter_m") / 2
    m.cylinder((0, 0, -pipe), r, pipe, DUCT, segments=12)
    m.cylinder((0, 0, -pipe - 0.05), r + 0.015, 0.08, Material(COLOURS["signal-yellow"], 0.4), segments=12)
    bottom = -pipe - hose
    m.cylinder((0, 0, bottom), r * 0.9, hose, HOSE, segments=12)
    for k in range(int(hose / 0.08)):
        m.cylinder((0, 0, bottom + k * 0.08), r * 0.95, 0.015, HOSE, segments=12, caps=False)


@KIT.prop(
    "cabinet-carcass",
    "Küchenschrank in der Montage",
    "A kitchen base cabinet being assembled on a low assembly bench: carcass, drawers, a door "
    "waiting to be hung, hinges and a cordless drill.",
    number("width_m", 0.8, 0.4, 1.2, "cabinet width"),
    colour("color", "#f2f2ee", "colour of the fronts"),
    flag("bench", True, "on a low assembly bench"),
)
def cabinet_carcass(m: MeshBuilder, o: PropOptions) -> None:
    w = o.num("width_m")
    front = Material(o.rgb("color"), 0.35)
    z = 0.0
    if o.flag("bench"):
        z = 0.5
        beech = MATERIALS["varnished-wood"]
        m.span((-1.1, -0.5, z - 0.05), (1.1, 0.5, z), beech, bevel=0.004)
        for x in (-0.95, 0.95):
            for y in (-0.4, 0.4):
                m.span((x - 0.04, y - 0.04, 0.0), (x + 0.04, y + 0.04, z - 0.05), beech)
        m.span((-0.95, -0.02, 0.15), (0.95, 0.02, 0.2), beech)
    with m.frame((-0.3, 0.05, z)):
        h, d, t = 0.72, 0.56, 0.019
        for x in (-w / 2, w / 2 - t):
            m.span((x, -d / 2, 0.0), (x + t, d / 2, h), MELAMINE)
        m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, t), MELAMINE)
        m.span((-w / 2, d / 2 - 0.008, 0.0), (w / 2, d / 2, h), Material(COLOURS["off-white"], 0.5))
        for y in (-d / 2, d / 2 - 0.1):
            m.span((-w / 2 + t, y, h - t), (w / 2 - t, y + 0.1, h), MELAMINE)
        for k in range(2):  # two drawers already in, the third one's runners waiting
            zz = 0.03 + k * 0.22
            door_front(m, -w / 2, w / 2, zz, zz + 0.21, -d / 2, front, handle="none")
            m.rod((-0.12, -d / 2 - 0.035, zz + 0.15), (0.12, -d / 2 - 0.035, zz + 0.15), 0.007, CHROME)
        for x in (-w / 2 + t, w / 2 - t - 0.012):
            m.span((x, -d / 2 + 0.03, 0.5), (x + 0.012, d / 2 - 0.03, 0.535), STEEL)
    # The door, lying on the bench with its hinges on, and the drill.
    with m.frame((0.55, -0.05, z)):
        m.span((-0.3, -0.36, 0.0), (0.3, 0.36, 0.019), front)
        for y in (-0.25, 0.25):
            m.cylinder((-0.22, y, 0.019), 0.018, 0.012, STEEL, segments=10)
        m.box((0.12, 0.0, 0.019), (0.06, 0.22, 0.07), Material(COLOURS["signal-red"], 0.4), bevel=0.01)
        m.box((0.12, 0.13, 0.019), (0.08, 0.07, 0.06), Material(COLOURS["black"], 0.5), bevel=0.01)
        m.rod((0.12, -0.11, 0.05), (0.12, -0.18, 0.05), 0.006, CHROME)
    m.box((-0.9, -0.3, z), (0.12, 0.08, 0.05), Material(COLOURS["yellow"], 0.5), bevel=0.01)


@KIT.prop(
    "trestle-table",
    "Arbeitsböcke mit Platte",
    "Two folding trestles with a board on them (a work table on site or in the workshop).",
    number("width_m", 2.0, 1.0, 3.0, "length of the board"),
    number("depth_m", 0.7, 0.4, 1.2, "depth of the board"),
)
def trestle_table(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), 0.85
    board = Material(COLOURS["pine"], 0.7)
    m.span((-w / 2, -d / 2, h - 0.03), (w / 2, d / 2, h), board)
    trestle = Material(COLOURS["signal-red"], 0.45)
    for x in (-w / 2 + 0.3, w / 2 - 0.3):
        m.span((x - 0.04, -d / 2 + 0.05, h - 0.07), (x + 0.04, d / 2 - 0.05, h - 0.03), trestle)
        for sx in (-1, 1):
            for sy in (-1, 1):
                m.rod(
                    (x, sy * (d / 2 - 0.1), h - 0.07),
                    (x + sx * 0.25, sy * (d / 2 - 0.05), 0.0),
                    0.015,
                    trestle,
                )
