"""Office details that tell the trade at a glance.

Headset, desk lamp, shredder, year planner, sprint board, and the server room's UPS and raised
floor.
"""

from __future__ import annotations

import random

from scenes.kit.base import Kit, PropOptions, colour, integer, number
from scenes.materials import COLOURS, MATERIALS, Material
from scenes.mesh import MeshBuilder

KIT = Kit("office-extras")

DARK = Material(COLOURS["anthracite"], 0.4)
BOARD = Material((0.96, 0.96, 0.97), 0.15)
NOTE_COLOURS = ("yellow", "light-green", "pink", "sky", "orange")


@KIT.prop("headset", "Headset", "A telephone headset lying on its stand on the desk.")
def headset(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height)."""
    del o
    m.cylinder((0, 0, 0), 0.06, 0.01, DARK, segments=12)
    m.rod((0, 0, 0.01), (0, 0, 0.16), 0.008, DARK)
    with m.frame((0, 0, 0.2), pitch_deg=90):
        m.lathe(
            [(0.075, -0.015), (0.085, -0.015), (0.085, 0.015), (0.075, 0.015), (0.075, -0.015)],
            DARK,
            segments=14,
        )
    for side in (-1, 1):
        m.cylinder(
            (side * 0.085, 0, 0.18), 0.035, 0.02, Material(COLOURS["black"], 0.8), segments=12, axis="x"
        )
    m.rod((0.095, 0.0, 0.17), (0.07, -0.1, 0.14), 0.004, DARK)
    m.sphere((0.07, -0.105, 0.14), 0.009, Material(COLOURS["black"], 0.8), segments=6, rings=4)


@KIT.prop(
    "desk-lamp",
    "Schreibtischleuchte",
    "An LED desk lamp on a jointed arm, switched on.",
    colour("color", "anthracite", "colour"),
)
def desk_lamp(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height); the head reaches forwards (−y)."""
    body = Material(o.rgb("color"), 0.35)
    m.cylinder((0, 0, 0), 0.08, 0.02, body, segments=14)
    m.rod((0, 0, 0.02), (0.0, 0.05, 0.42), 0.01, body)
    m.rod((0.0, 0.05, 0.42), (0.0, -0.28, 0.48), 0.01, body)
    m.box((0.0, -0.3, 0.44), (0.06, 0.18, 0.025), body, bevel=0.005)
    m.span((-0.025, -0.38, 0.438), (0.025, -0.22, 0.44), MATERIALS["lamp"])


@KIT.prop("shredder", "Aktenvernichter", "A paper shredder on its bin.")
def shredder(m: MeshBuilder, o: PropOptions) -> None:
    del o
    m.box((0, 0, 0), (0.38, 0.28, 0.55), DARK, bevel=0.02)
    m.box((0, 0, 0.55), (0.4, 0.3, 0.12), Material(COLOURS["light-grey"], 0.4), bevel=0.015)
    m.span((-0.12, -0.01, 0.669), (0.12, 0.01, 0.671), Material(COLOURS["black"], 0.6))
    m.span((0.13, -0.135, 0.6), (0.16, -0.15, 0.63), Material((0.3, 1.0, 0.5), 0.2, emission=1.0))
    m.span((-0.15, -0.141, 0.05), (0.15, -0.14, 0.45), Material((0.18, 0.19, 0.2), 0.1, alpha=0.6))


@KIT.prop(
    "wall-planner",
    "Jahresplaner",
    "A year planner on the wall: twelve months with holidays, trips and deadlines marked in colour.",
    number("width_m", 2.0, 0.8, 3.0, "width"),
    number("height_m", 1.0, 0.5, 1.5, "height"),
    integer("seed", 1, 0, 999, "vary the entries"),
)
def wall_planner(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.5 m)."""
    w, h = o.num("width_m"), o.num("height_m")
    m.span((-w / 2, -0.015, -h / 2), (w / 2, 0.0, h / 2), MATERIALS["aluminium"])
    m.span((-w / 2 + 0.02, -0.017, -h / 2 + 0.02), (w / 2 - 0.02, -0.015, h / 2 - 0.02), MATERIALS["paper"])
    m.span(
        (-w / 2 + 0.04, -0.018, h / 2 - 0.09),
        (w / 2 - 0.04, -0.017, h / 2 - 0.04),
        Material(COLOURS["blue"], 0.7),
    )
    grid = Material((0.75, 0.77, 0.8), 0.8)
    x0, x1 = -w / 2 + 0.06, w / 2 - 0.04
    z0, z1 = -h / 2 + 0.04, h / 2 - 0.11
    col = (x1 - x0) / 12
    row = (z1 - z0) / 31
    for k in range(13):
        x = x0 + k * col
        m.span((x - 0.001, -0.0185, z0), (x + 0.001, -0.018, z1), grid)
    m.span((x0, -0.0185, z1 - 0.001), (x1, -0.018, z1 + 0.001), grid)
    for k in range(0, 32, 7):
        m.span((x0, -0.0185, z1 - k * row - 0.0006), (x1, -0.018, z1 - k * row + 0.0006), grid)
    rng = random.Random(o.int("seed"))
    palette = [
        Material(COLOURS[c], 0.7) for c in ("signal-red", "green", "orange", "turquoise", "purple", "yellow")
    ]
    for month in range(12):
        for _ in range(rng.randint(1, 3)):
            start = rng.randint(0, 26)
            length = rng.randint(1, 5)
            mat = rng.choice(palette)
            m.span(
                (x0 + month * col + col * 0.15, -0.0195, z1 - (start + length) * row),
                (x0 + (month + 1) * col - col * 0.15, -0.0185, z1 - start * row),
                mat,
            )


@KIT.prop(
    "sprint-board",
    "Sprint-Board (Kanban)",
    "A whiteboard with sticky notes in the columns to do, in progress and done.",
    number("width_m", 2.0, 1.0, 3.0, "width"),
    number("height_m", 1.2, 0.6, 1.5, "height"),
    integer("seed", 1, 0, 999, "vary the notes"),
)
def sprint_board(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.5 m)."""
    w, h = o.num("width_m"), o.num("height_m")
    m.span((-w / 2, -0.02, -h / 2), (w / 2, 0.0, h / 2), MATERIALS["aluminium"])
    m.span((-w / 2 + 0.015, -0.022, -h / 2 + 0.015), (w / 2 - 0.015, -0.02, h / 2 - 0.015), BOARD)
    ink = Material(COLOURS["black"], 0.6)
    rng = random.Random(o.int("seed"))
    columns = 3
    cw = (w - 0.06) / columns
    for c in range(columns):
        x = -w / 2 + 0.03 + c * cw
        if c:
            m.span((x - 0.003, -0.0225, -h / 2 + 0.04), (x + 0.003, -0.022, h / 2 - 0.04), ink)
        m.span((x + 0.06, -0.0225, h / 2 - 0.1), (x + cw * 0.6, -0.022, h / 2 - 0.08), ink)
        notes = (6, 4, 5)[c]
        for k in range(notes):
            nx = x + 0.08 + (k % 3) * (cw - 0.12) / 3
            nz = h / 2 - 0.22 - (k // 3) * 0.16 - rng.uniform(0.0, 0.03)
            tint = COLOURS[rng.choice(NOTE_COLOURS)]
            with m.frame((nx + 0.05, -0.023, nz), roll_deg=rng.uniform(-5, 5)):
                m.span((-0.05, -0.001, -0.05), (0.05, 0.0, 0.05), Material(tint, 0.8))
                for line in range(2):
                    m.span((-0.035, -0.0015, 0.015 - line * 0.025), (0.03, -0.001, 0.022 - line * 0.025), ink)
    m.span((-w / 2 + 0.1, -0.07, -h / 2 - 0.03), (w / 2 - 0.1, 0.0, -h / 2 - 0.01), MATERIALS["aluminium"])
    for k, pen in enumerate(("blue", "signal-red", "green")):
        m.cylinder(
            (-0.2 + k * 0.08, -0.045, -h / 2 - 0.01),
            0.008,
            0.12,
            Material(COLOURS[pen], 0.6),
            segments=6,
            axis="x",
        )


@KIT.prop(
    "ups-cabinet",
    "USV-Anlage",
    "An uninterruptible power supply: a cabinet with status display and battery modules.",
    number("width_m", 0.6, 0.4, 1.2, "width"),
)
def ups_cabinet(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), 0.9, 1.9
    body = Material(COLOURS["anthracite"], 0.4)
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, h), body, bevel=0.005)
    m.span(
        (-w / 2 + 0.03, -d / 2 - 0.005, 0.05),
        (w / 2 - 0.03, -d / 2, h - 0.05),
        Material(COLOURS["dark-grey"], 0.5),
    )
    for k in range(6):
        z = 0.15 + k * 0.14
        m.span(
            (-w / 2 + 0.06, -d / 2 - 0.012, z),
            (w / 2 - 0.06, -d / 2 - 0.005, z + 0.11),
            Material(COLOURS["black"], 0.5),
        )
        m.span(
            (w / 2 - 0.12, -d / 2 - 0.014, z + 0.04),
            (w / 2 - 0.09, -d / 2 - 0.012, z + 0.07),
            Material((0.2, 1.0, 0.4), 0.2, emission=1.0),
        )
    m.span(
        (-0.12, -d / 2 - 0.012, 1.35),
        (0.12, -d / 2 - 0.005, 1.55),
        Material((0.04, 0.06, 0.08), 0.1, emission=0.4),
    )
    for k in range(3):
        m.span(
            (-0.1, -d / 2 - 0.014, 1.49 - k * 0.045),
            (-0.1 + 0.06 * (3 - k), -d / 2 - 0.012, 1.52 - k * 0.045),
            Material((0.3, 0.9, 0.5), 0.2, emission=1.0),
        )
    m.span((-0.2, -d / 2 - 0.012, 1.7), (0.2, -d / 2 - 0.005, 1.78), Material(COLOURS["white"], 0.5))


@KIT.prop(
    "raised-floor",
    "Doppelboden (Rechenzentrum)",
    "A raised access floor of 60 cm tiles, some perforated for the cold air (server rooms).",
    number("width_m", 4.0, 0.6, 12.0, "width (along x)"),
    number("depth_m", 2.4, 0.6, 12.0, "depth"),
    number("height_m", 0.12, 0.05, 0.3, "height of the floor above the room's floor"),
)
def raised_floor(m: MeshBuilder, o: PropOptions) -> None:
    """Stand props on it at z = its height."""
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, h), Material((0.68, 0.7, 0.72), 0.6))
    seam = Material((0.45, 0.47, 0.5), 0.7)
    for k in range(int(w / 0.6) + 1):
        x = -w / 2 + k * 0.6
        m.span((x - 0.004, -d / 2, h), (x + 0.004, d / 2, h + 0.001), seam)
    for k in range(int(d / 0.6) + 1):
        y = -d / 2 + k * 0.6
        m.span((-w / 2, y - 0.004, h), (w / 2, y + 0.004, h + 0.001), seam)
    vent = Material((0.35, 0.37, 0.4), 0.7)
    for k in range(int(w / 0.6)):
        if k % 2:
            continue
        x = -w / 2 + k * 0.6 + 0.3
        for j in range(4):
            m.span(
                (x - 0.22, -d / 2 + 0.1 + j * 0.1, h), (x + 0.22, -d / 2 + 0.14 + j * 0.1, h + 0.0015), vent
            )
    hazard = (Material(COLOURS["signal-yellow"], 0.5), Material(COLOURS["black"], 0.5))
    x, k = -w / 2, 0
    while x < w / 2:
        m.span((x, -d / 2 - 0.002, 0.0), (min(w / 2, x + 0.1), -d / 2, h), hazard[k % 2])
        x += 0.1
        k += 1
