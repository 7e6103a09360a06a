"""Goods receipt and goods issue.

Dock doors, packing tables, stretch wrappers, scanners and the forklift's charger.
"""

from __future__ import annotations

import random

from scenes.kit.base import Kit, PropOptions, colour, flag, number
from scenes.kit.office import screen_image
from scenes.kit.parts import CHROME, RUBBER, STEEL, legs
from scenes.kit.warehouse import KIT as WAREHOUSE
from scenes.kit.warehouse import euro_pallet, roller_door
from scenes.materials import COLOURS, MATERIALS, Material, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("shipping")

HAZARD = (Material(COLOURS["signal-yellow"], 0.5), Material(COLOURS["black"], 0.5))
CHECKER_PLATE = Material((0.55, 0.57, 0.58), 0.5, metallic=0.7)
PALLET = Material((0.78, 0.66, 0.48), 0.85)


def hazard_stripes(m: MeshBuilder, x0: float, x1: float, y0: float, y1: float, z: float) -> None:
    """Yellow and black stripes on a flat strip (along x) at height ``z``."""
    x, k = x0, 0
    while x < x1:
        m.span((x, y0, z), (min(x1, x + 0.15), y1, z + 0.004), HAZARD[k % 2])
        x += 0.15
        k += 1


@KIT.prop(
    "dock-door",
    "Verladetor mit Überladebrücke",
    "A loading dock: sectional door, dock leveller, buffers and traffic light; open, it shows "
    "the back of a lorry's trailer.",
    number("width_m", 3.0, 2.0, 4.0, "door width"),
    number("height_m", 3.2, 2.5, 4.5, "door height"),
    flag("open", False, "door up, a trailer docked behind it"),
    colour("color", "#c9ccce", "door colour"),
)
def dock_door(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall line with its back to the wall."""
    w, h = o.num("width_m"), o.num("height_m")
    if o.flag("open"):
        # The trailer, seen through the dock shelter: its load space drawn in perspective on
        # the wall plane (the room ends at the wall), with pallets loaded at the front.
        m.span((-w / 2, -0.012, 0.0), (w / 2, -0.006, h), Material((0.08, 0.08, 0.09), 0.9))
        x0, x1, top = -w / 2 + 0.3, w / 2 - 0.3, h - 0.35
        ix0, ix1, iz0, iz1 = -0.45, 0.45, 0.55, top - 0.85
        y = -0.014
        m.quad([(x0, y, 0.05), (x1, y, 0.05), (ix1, y, iz0), (ix0, y, iz0)], Material((0.42, 0.31, 0.2), 0.8))
        m.quad([(x0, y, 0.05), (ix0, y, iz0), (ix0, y, iz1), (x0, y, top)], Material((0.55, 0.57, 0.6), 0.8))
        m.quad([(ix1, y, iz0), (x1, y, 0.05), (x1, y, top), (ix1, y, iz1)], Material((0.62, 0.64, 0.67), 0.8))
        m.quad([(x0, y, top), (ix0, y, iz1), (ix1, y, iz1), (x1, y, top)], Material((0.85, 0.87, 0.88), 0.6))
        m.span((ix0, y - 0.001, iz0), (ix1, y, iz1), Material((0.72, 0.74, 0.76), 0.8))
        rng = random.Random(5)
        for k in range(2):  # pallets already loaded at the front of the load space
            px = -0.5 + k * 0.95
            tint = lighter(COLOURS["cardboard"], rng.uniform(-0.05, 0.04))
            top_z = 0.2 + rng.uniform(0.9, 1.2)
            m.span((px - 0.4, y - 0.004, 0.3), (px + 0.4, y - 0.003, top_z), Material(tint, 0.9))
            m.span((px - 0.4, y - 0.004, 0.18), (px + 0.4, y - 0.003, 0.3), PALLET)
        frame = Material(COLOURS["grey"], 0.5)
        m.span((-w / 2 - 0.1, -0.3, h), (w / 2 + 0.1, 0.0, h + 0.5), frame)
        for x in (-w / 2 - 0.1, w / 2):
            m.span((x, -0.12, 0.0), (x + 0.1, 0.0, h + 0.1), frame)
    else:
        roller_door(
            m,
            PropOptions(
                WAREHOUSE.types["roller-door"].options,
                {
                    "width_m": w,
                    "height_m": h,
                    "color": o.text("color"),
                },
            ),
        )
    # Dock leveller in the floor in front of the door, with hazard stripes along its edges.
    m.span((-1.0, -2.5, 0.0), (1.0, -0.01, 0.008), CHECKER_PLATE)
    for x in (-1.1, 1.0):
        m.span((x, -2.5, 0.0), (x + 0.1, -0.01, 0.009), HAZARD[0])
    hazard_stripes(m, -1.0, 1.0, -2.62, -2.5, 0.0)
    for x in (-0.85, 0.85):  # rubber buffers
        m.box((x, -0.1, 0.15), (0.25, 0.2, 0.3), RUBBER, bevel=0.02)
    # Traffic light for the driver and the dock worker, and the leveller's control box.
    m.box((w / 2 + 0.35, -0.08, 1.8), (0.14, 0.08, 0.3), Material(COLOURS["anthracite"], 0.5), bevel=0.01)
    for k, tint in enumerate(((0.9, 0.1, 0.08), (0.1, 0.85, 0.3))):
        lit = (k == 1) == o.flag("open")
        m.cylinder(
            (w / 2 + 0.35, -0.125, 2.02 - k * 0.12),
            0.04,
            0.01,
            Material(tint, 0.3, emission=0.9 if lit else 0.1),
            segments=10,
            axis="y",
        )
    m.box((-w / 2 - 0.45, -0.14, 1.1), (0.35, 0.14, 0.45), Material(COLOURS["off-white"], 0.4), bevel=0.01)
    for k, button in enumerate(("safety-green", "signal-red", "black")):
        m.cylinder(
            (-w / 2 - 0.55 + k * 0.1, -0.145, 1.35),
            0.025,
            0.015,
            Material(COLOURS[button], 0.4),
            segments=10,
            axis="y",
        )


@KIT.prop(
    "packing-table",
    "Packtisch",
    "A packing station: table with a shelf frame, box blanks, tape, scale, label printer and screen.",
    number("width_m", 1.8, 1.2, 3.0, "width"),
    flag("parcel", True, "an open parcel being packed"),
)
def packing_table(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), 0.8, 0.9
    frame = Material(COLOURS["light-grey"], 0.45)
    top = Material(COLOURS["beech"], 0.5)
    m.span((-w / 2, -d / 2, h - 0.04), (w / 2, d / 2, h), top, bevel=0.004)
    legs(m, w, d, h - 0.04, frame, thickness=0.05)
    m.span((-w / 2 + 0.05, -d / 2 + 0.05, 0.2), (w / 2 - 0.05, d / 2 - 0.05, 0.22), frame)
    for x in (-w / 2 + 0.03, w / 2 - 0.03):
        m.span((x - 0.025, d / 2 - 0.06, h), (x + 0.025, d / 2 - 0.01, 2.0), frame)
    m.span((-w / 2, d / 2 - 0.35, 1.6), (w / 2, d / 2, 1.63), frame)
    rng = random.Random(2)
    for k in range(8):  # folded box blanks on the shelf
        m.span(
            (-w / 2 + 0.1, d / 2 - 0.33, 1.63 + k * 0.012),
            (-w / 2 + 0.1 + rng.uniform(0.5, 0.7), d / 2 - 0.02, 1.63 + (k + 1) * 0.012 - 0.001),
            Material(lighter(COLOURS["cardboard"], rng.uniform(-0.05, 0.05)), 0.9),
        )
    for k in range(3):  # rolls: film, paper, tape
        m.cylinder(
            (0.25 + k * 0.3, d / 2 - 0.17, 1.63),
            0.07,
            0.28,
            Material(COLOURS[("white", "kraft", "sand")[k]], 0.6),
            segments=12,
        )
    # Screen on the frame, label printer and scale on the table.
    m.rod((w / 2 - 0.35, d / 2 - 0.04, 1.3), (w / 2 - 0.35, d / 2 - 0.2, 1.3), 0.015, STEEL)
    with m.frame((w / 2 - 0.35, d / 2 - 0.22, 1.3)):
        m.span((-0.22, -0.02, -0.14), (0.22, 0.0, 0.14), Material(COLOURS["black"], 0.4))
        screen_image(m, 0.4, 0.24, -0.021, "spreadsheet", 8)
    m.box((w / 2 - 0.25, 0.15, h), (0.22, 0.25, 0.18), Material(COLOURS["white"], 0.4), bevel=0.015)
    m.span((w / 2 - 0.33, 0.025, h + 0.08), (w / 2 - 0.17, 0.03, h + 0.1), Material(COLOURS["white"], 0.9))
    m.box((-w / 2 + 0.3, -0.1, h), (0.4, 0.4, 0.04), STEEL)
    m.box((-w / 2 + 0.3, -0.33, h), (0.16, 0.05, 0.07), Material(COLOURS["anthracite"], 0.4))
    m.span(
        (-w / 2 + 0.25, -0.356, h + 0.02),
        (-w / 2 + 0.35, -0.355, h + 0.05),
        Material((0.3, 1.0, 0.5), 0.2, emission=1.0),
    )
    m.box((0.35, -0.25, h), (0.12, 0.06, 0.08), Material(COLOURS["signal-red"], 0.4), bevel=0.01)
    if o.flag("parcel"):
        card = MATERIALS["cardboard"]
        with m.frame((-0.1, -0.05, h)):
            m.span((-0.25, -0.18, 0.0), (0.25, 0.18, 0.005), card)
            for sx in (-0.25, 0.245):
                m.span((sx, -0.18, 0.0), (sx + 0.005, 0.18, 0.25), card)
            for sy in (-0.18, 0.175):
                m.span((-0.25, sy, 0.0), (0.25, sy + 0.005, 0.25), card)
            with m.frame((0.0, -0.18, 0.25), pitch_deg=-60):
                m.span((-0.25, -0.18, 0.0), (0.25, 0.0, 0.004), card)
            m.box((0.0, 0.0, 0.005), (0.3, 0.2, 0.12), Material(COLOURS["white"], 0.8), bevel=0.02)


@KIT.prop(
    "stretch-wrapper",
    "Stretchfolienwickler",
    "A pallet stretch wrapper: turntable, mast with the film carriage and a wrapped pallet.",
    flag("pallet", True, "a pallet on the turntable, half wrapped"),
)
def stretch_wrapper(m: MeshBuilder, o: PropOptions) -> None:
    """The mast stands at the back (+y); the pallet is driven on from the front."""
    base = Material(COLOURS["anthracite"], 0.5)
    m.cylinder((0, 0, 0), 0.85, 0.08, base, segments=28)
    m.cylinder((0, 0, 0.08), 0.8, 0.01, CHECKER_PLATE, segments=28)
    m.span((-0.3, 0.75, 0.0), (0.3, 1.3, 0.1), base)
    m.span((-0.15, 1.0, 0.1), (0.15, 1.25, 2.6), Material(COLOURS["signal-yellow"], 0.4), bevel=0.01)
    with m.frame((0.0, 0.92, 1.1)):  # film carriage with the roll
        m.box((0, 0.05, -0.2), (0.4, 0.2, 0.55), Material(COLOURS["signal-yellow"], 0.4), bevel=0.02)
        m.cylinder((-0.05, -0.08, -0.25), 0.06, 0.5, Material((0.85, 0.9, 0.95), 0.2, alpha=0.7), segments=12)
    m.box((0.35, 1.15, 1.0), (0.35, 0.2, 0.5), Material(COLOURS["off-white"], 0.4), bevel=0.01)
    m.span((0.24, 1.049, 1.25), (0.46, 1.05, 1.4), Material((0.2, 0.4, 0.6), 0.2, emission=0.8))
    m.cylinder((0.3, 1.045, 1.1), 0.03, 0.02, Material(COLOURS["signal-red"], 0.3), segments=10, axis="y")
    if o.flag("pallet"):
        euro_pallet(m, 0.0, 0.0, 0.09, "wrapped", random.Random(9), 1.2)


@KIT.prop(
    "hand-scanner",
    "Handscanner (in der Ladestation)",
    "A handheld barcode scanner standing in its charging cradle.",
)
def hand_scanner(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk or counter (z = its height)."""
    del o
    dark = Material(COLOURS["anthracite"], 0.4)
    m.box((0, 0, 0), (0.12, 0.14, 0.05), dark, bevel=0.01)
    with m.frame((0, 0.0, 0.05), pitch_deg=-20):
        m.box((0, 0, 0), (0.065, 0.045, 0.16), Material(COLOURS["signal-yellow"], 0.4), bevel=0.01)
        m.box((0, -0.01, 0.15), (0.075, 0.15, 0.045), dark, bevel=0.01)
        m.span((-0.025, -0.036, 0.085), (0.025, -0.024, 0.12), Material((0.05, 0.08, 0.1), 0.1, emission=0.7))
        m.span((-0.03, -0.086, 0.155), (0.03, -0.084, 0.18), Material((1.0, 0.15, 0.1), 0.2, emission=1.0))
    m.span((0.02, -0.072, 0.03), (0.04, -0.07, 0.04), Material((0.2, 1.0, 0.4), 0.2, emission=1.0))


@KIT.prop(
    "battery-charger",
    "Ladegerät (Flurförderzeuge)",
    "The forklift's battery charger: a cabinet on the wall with its charging cable and plug.",
)
def battery_charger(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall line with its back to the wall (it stands on a bracket)."""
    del o
    m.span((-0.3, -0.05, 0.9), (0.3, 0.0, 0.95), STEEL)
    m.span((-0.28, -0.4, 0.95), (0.28, -0.02, 1.6), Material(COLOURS["light-grey"], 0.45), bevel=0.015)
    m.span((-0.18, -0.402, 1.35), (0.0, -0.4, 1.5), Material((0.05, 0.08, 0.1), 0.1, emission=0.6))
    m.span((-0.15, -0.404, 1.4), (-0.03, -0.402, 1.45), Material((0.3, 1.0, 0.5), 0.2, emission=1.0))
    for k, tint in enumerate(((0.1, 0.85, 0.3), (1.0, 0.7, 0.1), (0.9, 0.1, 0.08))):
        m.cylinder(
            (0.08 + k * 0.06, -0.405, 1.45),
            0.015,
            0.01,
            Material(tint, 0.3, emission=0.9 if k == 0 else 0.1),
            segments=8,
            axis="y",
        )
    cable = Material(COLOURS["black"], 0.5)
    m.rod((0.2, -0.3, 0.95), (0.25, -0.35, 0.5), 0.018, cable, segments=6)
    m.rod((0.25, -0.35, 0.5), (0.15, -0.3, 0.35), 0.018, cable, segments=6)
    m.box((0.15, -0.3, 0.25), (0.14, 0.1, 0.12), Material(COLOURS["signal-red"], 0.4), bevel=0.01)
    m.rod((-0.25, -0.03, 1.0), (-0.25, -0.03, 0.0), 0.02, CHROME)
