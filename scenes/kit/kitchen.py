"""Commercial kitchen: the cooking line, prep tables, the pass, cold storage, dishwashing.

Sizes follow German catering equipment (Gastronorm containers, 700/900 series lines at
0.9 m working height).
"""

from __future__ import annotations

import math
import random

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, number
from scenes.kit.parts import BRUSHED, CHROME, RUBBER, STEEL, bar_handle, goods_row, legs, vertical_handle
from scenes.materials import COLOURS, MATERIALS, Material
from scenes.mesh import MeshBuilder

KIT = Kit("kitchen")

CERAN = Material((0.05, 0.05, 0.055), roughness=0.12)
OIL = Material((0.72, 0.5, 0.12), roughness=0.1)
DISPLAY = Material((0.3, 0.85, 0.55), roughness=0.2, emission=0.9)
FOOD: dict[str, tuple[str, float, float]] = {
    # name: (colour, radius m, roughness)
    "tomatoes": ("#c8321e", 0.035, 0.3),
    "potatoes": ("#c9a66b", 0.035, 0.8),
    "onions": ("#c88a45", 0.035, 0.5),
    "apples": ("#9bbf3a", 0.037, 0.35),
    "lettuce": ("#7fb648", 0.075, 0.7),
    "carrots": ("#e0761c", 0.02, 0.6),
    "peppers": ("#d43a1c", 0.04, 0.25),
}


def _counter_top(m: MeshBuilder, w: float, d: float, h: float, upstand: bool) -> None:
    m.span((-w / 2, -d / 2, h - 0.04), (w / 2, d / 2, h), STEEL, bevel=0.008)
    if upstand:
        m.span((-w / 2, d / 2 - 0.015, h), (w / 2, d / 2, h + 0.1), STEEL, bevel=0.004)


@KIT.prop(
    "work-table",
    "Arbeitstisch (Edelstahl)",
    "Stainless steel prep table with an undershelf.",
    number("width_m", 1.6, 0.6, 3.0, "length of the table"),
    number("depth_m", 0.7, 0.5, 1.0, "depth front to back"),
    number("height_m", 0.9, 0.7, 1.0, "working height"),
    flag("upstand", True, "a raised edge along the back (against a wall)"),
    flag("undershelf", True, "a shelf near the floor"),
    flag("drawer", False, "a drawer under the top"),
)
def work_table(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    _counter_top(m, w, d, h, o.flag("upstand"))
    legs(m, w, d, h - 0.04, STEEL, inset=0.03, thickness=0.04, round_legs=True)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cylinder((sx * (w / 2 - 0.05), sy * (d / 2 - 0.05), 0.0), 0.028, 0.03, RUBBER, segments=8)
    if o.flag("undershelf"):
        m.span((-w / 2 + 0.04, -d / 2 + 0.04, 0.2), (w / 2 - 0.04, d / 2 - 0.04, 0.23), STEEL, bevel=0.004)
    if o.flag("drawer"):
        m.span((-0.25, -d / 2 - 0.005, h - 0.2), (0.25, -d / 2 + 0.4, h - 0.04), STEEL, bevel=0.004)
        bar_handle(m, -0.1, 0.1, -d / 2 - 0.005, h - 0.12)


@KIT.prop(
    "stove",
    "Herd (Induktion)",
    "Range with cooking zones, oven below; pots optional.",
    number("width_m", 0.8, 0.4, 1.6, "width"),
    number("depth_m", 0.9, 0.6, 1.0, "depth"),
    number("height_m", 0.9, 0.8, 1.0, "height of the cooking surface"),
    choice("top", "induction", ("induction", "gas"), "cooking surface"),
    choice("base", "oven", ("oven", "cabinet", "open"), "what is below the top"),
    flag("pots", True, "pots and pans on the zones"),
)
def stove(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    m.span((-w / 2, -d / 2 + 0.03, 0.12), (w / 2, d / 2, h - 0.05), STEEL, bevel=0.006)
    m.span((-w / 2 + 0.03, -d / 2 + 0.06, 0.0), (w / 2 - 0.03, d / 2 - 0.03, 0.12), RUBBER)  # plinth
    m.span((-w / 2, -d / 2, h - 0.12), (w / 2, -d / 2 + 0.1, h - 0.02), STEEL, bevel=0.01)  # control rail
    m.span((-w / 2, -d / 2 + 0.08, h - 0.05), (w / 2, d / 2, h), STEEL, bevel=0.006)
    cols = max(1, round(w / 0.4))
    zones = [((-w / 2 + (i + 0.5) * w / cols), y) for i in range(cols) for y in (-0.05, d / 2 - 0.25)]
    if o.text("top") == "induction":
        m.span((-w / 2 + 0.03, -d / 2 + 0.12, h), (w / 2 - 0.03, d / 2 - 0.05, h + 0.006), CERAN)
        for x, y in zones:
            m.cylinder((x, y, h + 0.006), 0.12, 0.001, Material((0.22, 0.22, 0.24), 0.3), segments=20)
            m.cylinder((x, y, h + 0.006), 0.11, 0.0015, CERAN, segments=20)
    else:
        for x, y in zones:
            m.cylinder((x, y, h), 0.07, 0.02, MATERIALS["cast-iron"], segments=12)
            for a in range(4):
                ang = a * math.pi / 2 + math.pi / 4
                m.rod(
                    (x, y, h + 0.025),
                    (x + 0.12 * math.cos(ang), y + 0.12 * math.sin(ang), h + 0.025),
                    0.008,
                    MATERIALS["cast-iron"],
                    segments=4,
                )
    for i in range(cols * 2):
        x = -w / 2 + (i + 0.5) * w / (cols * 2)
        m.cylinder((x, -d / 2 - 0.005, h - 0.07), 0.018, 0.03, RUBBER, segments=10, axis="y")
    base = o.text("base")
    if base == "oven":
        m.span(
            (-w / 2 + 0.04, -d / 2 + 0.01, 0.17), (w / 2 - 0.04, -d / 2 + 0.03, h - 0.16), STEEL, bevel=0.005
        )
        m.span((-w / 2 + 0.12, -d / 2 + 0.005, 0.3), (w / 2 - 0.12, -d / 2 + 0.012, h - 0.3), CERAN)
        bar_handle(m, -w / 2 + 0.1, w / 2 - 0.1, -d / 2 + 0.01, h - 0.2)
    elif base == "cabinet":
        for i in range(cols):
            x0 = -w / 2 + i * w / cols
            m.span(
                (x0 + 0.03, -d / 2 + 0.01, 0.17),
                (x0 + w / cols - 0.03, -d / 2 + 0.03, h - 0.16),
                STEEL,
                bevel=0.005,
            )
            vertical_handle(m, x0 + w / cols - 0.07, -d / 2 + 0.01, h - 0.45, h - 0.22)
    if o.flag("pots"):
        for k, (x, y) in enumerate(zones[: min(len(zones), 4)]):
            if k % 3 == 1:
                pan(m, x, y, h + 0.006)
            elif k % 3 == 0:
                pot(m, x, y, h + 0.006, 0.12, 0.16)
            else:
                pot(m, x, y, h + 0.006, 0.1, 0.11)


def pot(m: MeshBuilder, x: float, y: float, z: float, radius: float, height: float) -> None:
    """A steel pot with food in it and two handles, standing at (x, y, z)."""
    with m.frame((x, y, z)):
        m.lathe(
            [
                (0, 0),
                (radius - 0.01, 0),
                (radius, 0.01),
                (radius, height),
                (radius - 0.004, height),
                (radius - 0.004, 0.008),
                (0, 0.008),
            ],
            STEEL,
            segments=16,
        )
        m.cylinder(
            (0, 0, height * 0.75),
            radius - 0.005,
            0.002,
            MATERIALS["food"],
            COLOURS["orange"] if radius > 0.11 else COLOURS["cream"],
            segments=14,
        )
        for s in (-1, 1):
            m.rod((s * radius, 0, height - 0.03), (s * (radius + 0.03), 0, height - 0.03), 0.008, STEEL)


def pan(m: MeshBuilder, x: float, y: float, z: float, radius: float = 0.13) -> None:
    """A frying pan with its handle, standing at (x, y, z)."""
    with m.frame((x, y, z)):
        m.lathe(
            [
                (0, 0),
                (radius - 0.02, 0),
                (radius, 0.05),
                (radius - 0.004, 0.05),
                (radius - 0.022, 0.005),
                (0, 0.005),
            ],
            MATERIALS["cast-iron"],
            segments=16,
        )
        m.rod((-radius, 0, 0.035), (-radius - 0.22, 0, 0.06), 0.011, STEEL)


@KIT.prop(
    "combi-steamer",
    "Kombidämpfer",
    "Combi steamer on its stand, with trays below.",
    number("width_m", 0.85, 0.6, 1.2, "width"),
    flag("stand", True, "a stand with tray rails below"),
)
def combi_steamer(m: MeshBuilder, o: PropOptions) -> None:
    w, d = o.num("width_m"), 0.8
    z0 = 0.7 if o.flag("stand") else 0.0
    if o.flag("stand"):
        legs(m, w * 0.95, d * 0.9, z0, STEEL, thickness=0.035)
        for z in (0.15, 0.3, 0.45, 0.6):
            m.span((-w * 0.44, -d * 0.4, z), (w * 0.44, d * 0.4, z + 0.02), STEEL)
        m.span((-w * 0.47, -d * 0.45, z0 - 0.03), (w * 0.47, d * 0.45, z0), STEEL)
    body = 0.78
    m.span((-w / 2, -d / 2 + 0.05, z0), (w / 2, d / 2, z0 + body), STEEL, bevel=0.015)
    door_w = w * 0.72
    x0 = -w / 2
    m.span(
        (x0 + 0.02, -d / 2 + 0.01, z0 + 0.05),
        (x0 + door_w, -d / 2 + 0.06, z0 + body - 0.05),
        STEEL,
        bevel=0.02,
    )
    m.span(
        (x0 + 0.07, -d / 2 + 0.004, z0 + 0.12),
        (x0 + door_w - 0.05, -d / 2 + 0.011, z0 + body - 0.12),
        MATERIALS["screen-off"],
    )
    for k in range(5):  # trays seen through the door
        z = z0 + 0.2 + k * 0.09
        m.span(
            (x0 + 0.09, -d / 2 + 0.0035, z),
            (x0 + door_w - 0.07, -d / 2 + 0.004, z + 0.008),
            MATERIALS["brushed-steel"],
        )
    vertical_handle(m, x0 + door_w - 0.035, -d / 2 + 0.01, z0 + 0.25, z0 + body - 0.25, BRUSHED, 0.04)
    panel_x = x0 + door_w + 0.02
    m.span(
        (panel_x, -d / 2 + 0.04, z0 + 0.08),
        (w / 2 - 0.02, -d / 2 + 0.05, z0 + body - 0.05),
        Material((0.08, 0.08, 0.09), roughness=0.2),
    )
    m.span(
        (panel_x + 0.02, -d / 2 + 0.035, z0 + body - 0.3),
        (w / 2 - 0.04, -d / 2 + 0.04, z0 + body - 0.1),
        MATERIALS["screen"],
        COLOURS["sky"],
    )
    m.cylinder(
        ((panel_x + w / 2) / 2 - 0.01, -d / 2 + 0.03, z0 + body - 0.42),
        0.03,
        0.02,
        CHROME,
        segments=14,
        axis="y",
    )
    m.span((-w / 2 + 0.1, d / 2 - 0.25, z0 + body), (w / 2 - 0.1, d / 2 - 0.05, z0 + body + 0.12), STEEL)


@KIT.prop(
    "deep-fryer", "Fritteuse", "Deep fryer with two baskets.", number("width_m", 0.4, 0.3, 0.8, "width")
)
def deep_fryer(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), 0.9, 0.9
    m.span((-w / 2, -d / 2 + 0.03, 0.1), (w / 2, d / 2, h - 0.05), STEEL, bevel=0.006)
    m.span((-w / 2 + 0.03, -d / 2 + 0.06, 0.0), (w / 2 - 0.03, d / 2 - 0.03, 0.1), RUBBER)
    m.span((-w / 2, -d / 2, h - 0.12), (w / 2, -d / 2 + 0.1, h - 0.02), STEEL, bevel=0.01)
    m.span((-w / 2, -d / 2 + 0.08, h - 0.05), (-w / 2 + 0.03, d / 2, h), STEEL)
    m.span((w / 2 - 0.03, -d / 2 + 0.08, h - 0.05), (w / 2, d / 2, h), STEEL)
    m.span((-w / 2, -d / 2 + 0.08, h - 0.05), (w / 2, -d / 2 + 0.13, h), STEEL)
    m.span((-w / 2, d / 2 - 0.2, h - 0.05), (w / 2, d / 2, h + 0.05), STEEL, bevel=0.006)
    m.span((-w / 2 + 0.03, -d / 2 + 0.13, h - 0.06), (w / 2 - 0.03, d / 2 - 0.2, h - 0.04), OIL)
    for s in (-1, 1):
        x = s * w / 4
        m.span(
            (x - w / 4 + 0.02, -d / 2 + 0.16, h - 0.05),
            (x + w / 4 - 0.02, d / 2 - 0.25, h + 0.02),
            Material((0.6, 0.6, 0.6), 0.5, 1.0),
        )
        m.rod((x, -d / 2 + 0.16, h + 0.01), (x, -d / 2 - 0.05, h + 0.08), 0.01, RUBBER)
    m.cylinder((0, -d / 2 - 0.005, h - 0.07), 0.02, 0.03, RUBBER, segments=10, axis="y")


@KIT.prop(
    "extractor-hood",
    "Dunstabzugshaube",
    "Wall-mounted hood over the cooking line.",
    number("width_m", 3.0, 0.8, 8.0, "length along the wall"),
    number("depth_m", 1.1, 0.6, 1.6, "how far it reaches into the room"),
    number("height_m", 0.5, 0.3, 0.8, "height of the hood body"),
    flag("lights", True, "lights under the hood"),
)
def extractor_hood(m: MeshBuilder, o: PropOptions) -> None:
    """Drawn from its lower edge: place it at the height of its bottom (about 2.0 m)."""
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    with m.frame((0, 0, 0), heading_deg=90):
        outline = [(-d / 2, 0.0), (d / 2, 0.0), (d / 2, h), (-d / 2 + 0.25, h), (-d / 2, h * 0.45)]
        m.extrude([(-y, z) for y, z in outline], w, STEEL)
    m.span((-w / 2 + 0.05, -d / 2 + 0.05, -0.01), (w / 2 - 0.05, d / 2 - 0.05, 0.0), BRUSHED)
    filters = max(1, int((w - 0.1) / 0.5))
    for i in range(filters):
        x = -w / 2 + 0.05 + (i + 0.5) * (w - 0.1) / filters
        with m.frame((x, d / 2 - 0.25, -0.02), pitch_deg=-50):
            m.span((-0.22, -0.12, 0.0), (0.22, 0.12, 0.012), Material((0.55, 0.56, 0.57), 0.6, 1.0))
            for k in range(6):
                m.span((-0.21, -0.11 + k * 0.04, -0.004), (0.21, -0.1 + k * 0.04, 0.0), BRUSHED)
    if o.flag("lights"):
        for i in range(max(1, int(w / 1.2))):
            x = -w / 2 + (i + 0.5) * w / max(1, int(w / 1.2))
            m.span((x - 0.25, -d / 2 + 0.12, -0.02), (x + 0.25, -d / 2 + 0.22, -0.005), MATERIALS["lamp"])


@KIT.prop(
    "pass",
    "Pass (Speisenausgabe)",
    "The pass: counter with a heat-lamp gantry where plates go out to the service.",
    number("width_m", 2.0, 0.8, 4.0, "length"),
    number("depth_m", 0.7, 0.5, 1.0, "depth"),
    flag("plates", True, "finished plates under the lamps"),
    flag("tickets", True, "order tickets on a rail"),
)
def the_pass(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), 0.9
    _counter_top(m, w, d, h, upstand=False)
    m.span((-w / 2 + 0.02, -d / 2 + 0.05, 0.12), (w / 2 - 0.02, d / 2 - 0.02, h - 0.04), STEEL, bevel=0.005)
    m.span((-w / 2 + 0.05, -d / 2 + 0.07, 0.0), (w / 2 - 0.05, d / 2 - 0.05, 0.12), RUBBER)
    for i in range(max(1, round(w / 0.6))):
        x0 = -w / 2 + 0.02 + i * (w - 0.04) / max(1, round(w / 0.6))
        x1 = x0 + (w - 0.04) / max(1, round(w / 0.6))
        m.span((x0 + 0.01, -d / 2 + 0.03, 0.16), (x1 - 0.01, -d / 2 + 0.05, h - 0.08), STEEL, bevel=0.004)
        vertical_handle(m, x1 - 0.05, -d / 2 + 0.03, h - 0.4, h - 0.15)
    top = 1.5
    for s in (-1, 1):
        m.span((s * (w / 2 - 0.03) - 0.02, -0.02, h), (s * (w / 2 - 0.03) + 0.02, 0.02, top), STEEL)
    m.span((-w / 2, -0.2, top), (w / 2, 0.2, top + 0.05), STEEL, bevel=0.006)
    m.span((-w / 2 + 0.02, -0.18, top + 0.05), (w / 2 - 0.02, 0.18, top + 0.06), BRUSHED)
    lamps = max(1, round(w / 0.45))
    for i in range(lamps):
        x = -w / 2 + (i + 0.5) * w / lamps
        m.cylinder((x, 0.0, top - 0.09), 0.05, 0.09, BRUSHED, segments=12, radius_top=0.03)
        m.sphere((x, 0.0, top - 0.09), (0.045, 0.045, 0.03), MATERIALS["heat-lamp"], segments=10, rings=4)
    if o.flag("tickets"):
        m.span((-w / 2 + 0.05, -0.215, top - 0.06), (w / 2 - 0.05, -0.2, top), MATERIALS["aluminium"])
        rng = random.Random(7)
        x = -w / 2 + 0.2
        while x < w / 2 - 0.25:
            m.span(
                (x, -0.222, top - 0.16 - rng.uniform(0, 0.03)),
                (x + 0.075, -0.217, top - 0.01),
                MATERIALS["paper"],
            )
            x += rng.uniform(0.25, 0.5)
    if o.flag("plates"):
        for i, x in enumerate((-w / 4, 0.05, w / 4 + 0.05)):
            plate(m, x, -0.05 + (i % 2) * 0.08, h, food=True)


def plate(m: MeshBuilder, x: float, y: float, z: float, food: bool = False, radius: float = 0.14) -> None:
    """A plate standing at (x, y, z), with a served dish on it when ``food``."""
    with m.frame((x, y, z)):
        m.lathe(
            [
                (0, 0),
                (radius * 0.55, 0),
                (radius * 0.6, 0.012),
                (radius, 0.02),
                (radius - 0.01, 0.022),
                (radius * 0.6, 0.016),
                (0, 0.016),
            ],
            MATERIALS["ceramic"],
            segments=18,
        )
        if food:
            m.sphere(
                (-0.02, 0.01, 0.03),
                (0.055, 0.045, 0.022),
                MATERIALS["food"],
                COLOURS["brown"],
                segments=10,
                rings=5,
            )
            m.sphere(
                (0.045, -0.02, 0.028),
                (0.035, 0.03, 0.02),
                MATERIALS["food"],
                COLOURS["yellow"],
                segments=8,
                rings=4,
            )
            m.sphere(
                (0.02, 0.05, 0.026),
                (0.03, 0.025, 0.012),
                MATERIALS["foliage"],
                COLOURS["green"],
                segments=8,
                rings=4,
            )


@KIT.prop(
    "plate-stack",
    "Tellerstapel",
    "A stack of white plates.",
    integer("count", 12, 1, 40, "number of plates"),
    number("radius_m", 0.14, 0.08, 0.18, "plate radius"),
)
def plate_stack(m: MeshBuilder, o: PropOptions) -> None:
    r = o.num("radius_m")
    n = o.int("count")
    m.lathe(
        [(0, 0), (r * 0.6, 0), (r, 0.012), (r, n * 0.016 + 0.008), (0, n * 0.016 + 0.008)],
        MATERIALS["ceramic"],
        segments=18,
    )
    for k in range(n):
        m.cylinder(
            (0, 0, k * 0.016 + 0.014),
            r + 0.0015,
            0.003,
            MATERIALS["ceramic"],
            COLOURS["off-white"],
            segments=18,
            caps=False,
        )


@KIT.prop(
    "sink",
    "Spültisch",
    "Stainless sink unit with one or two bowls and a tap.",
    number("width_m", 1.2, 0.6, 2.4, "length"),
    integer("bowls", 1, 1, 3, "number of bowls"),
    flag("pre_rinse", False, "a pre-rinse spray arm (in a dishwashing area)"),
)
def sink(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), 0.7, 0.9
    n = o.int("bowls")
    bowl_w = min(0.5, (w - 0.2) / n - 0.05)
    centres = [-w / 2 + (i + 0.5) * w / n for i in range(n)] if n > 1 else [w / 2 - bowl_w / 2 - 0.15]
    edges = [-w / 2]
    for c in centres:
        edges += [c - bowl_w / 2, c + bowl_w / 2]
    edges.append(w / 2)
    for a, b in zip(edges[0::2], edges[1::2], strict=True):
        m.span((a, -d / 2, h - 0.04), (b, d / 2, h), STEEL)
    for c in centres:
        m.span((c - bowl_w / 2, -d / 2, h - 0.04), (c + bowl_w / 2, -d / 2 + 0.1, h), STEEL)
        m.span((c - bowl_w / 2, d / 2 - 0.12, h - 0.04), (c + bowl_w / 2, d / 2, h), STEEL)
        m.span((c - bowl_w / 2, -d / 2 + 0.1, h - 0.3), (c + bowl_w / 2, d / 2 - 0.12, h - 0.29), BRUSHED)
        for side in (-1, 1):
            m.span(
                (c + side * bowl_w / 2 - 0.005, -d / 2 + 0.1, h - 0.3),
                (c + side * bowl_w / 2 + 0.005, d / 2 - 0.12, h),
                BRUSHED,
            )
        m.span((c - bowl_w / 2, -d / 2 + 0.095, h - 0.3), (c + bowl_w / 2, -d / 2 + 0.105, h), BRUSHED)
        m.span((c - bowl_w / 2, d / 2 - 0.125, h - 0.3), (c + bowl_w / 2, d / 2 - 0.115, h), BRUSHED)
        tap_y = d / 2 - 0.06
        m.cylinder((c, tap_y, h), 0.025, 0.05, CHROME, segments=10)
        m.rod((c, tap_y, h), (c, tap_y, h + 0.35), 0.013, CHROME)
        m.rod((c, tap_y, h + 0.35), (c, tap_y - 0.22, h + 0.33), 0.012, CHROME)
        m.rod((c, tap_y - 0.22, h + 0.33), (c, tap_y - 0.22, h + 0.26), 0.012, CHROME)
    m.span((-w / 2, d / 2 - 0.015, h), (w / 2, d / 2, h + 0.12), STEEL)
    legs(m, w, d, h - 0.04, STEEL, inset=0.03, round_legs=True)
    m.span((-w / 2 + 0.04, -d / 2 + 0.04, 0.2), (w / 2 - 0.04, d / 2 - 0.04, 0.23), STEEL)
    if o.flag("pre_rinse"):
        c = centres[0]
        m.rod((c + 0.1, d / 2 - 0.05, h + 0.12), (c + 0.1, d / 2 - 0.05, h + 1.0), 0.012, CHROME)
        m.rod((c + 0.1, d / 2 - 0.05, h + 1.0), (c + 0.1, d / 2 - 0.3, h + 1.0), 0.012, CHROME)
        for k in range(6):
            m.rod(
                (c + 0.1, d / 2 - 0.3, h + 0.95 - k * 0.08),
                (c + 0.1, d / 2 - 0.3, h + 0.92 - k * 0.08),
                0.03,
                CHROME,
                segments=8,
            )
        m.cylinder((c + 0.1, d / 2 - 0.3, h + 0.45), 0.035, 0.1, RUBBER, segments=10)


@KIT.prop(
    "dishwasher",
    "Haubenspülmaschine",
    "Hood-type commercial dishwasher.",
    flag("hood_open", False, "the hood lifted"),
)
def dishwasher(m: MeshBuilder, o: PropOptions) -> None:
    w, d = 0.66, 0.76
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, 0.85), STEEL, bevel=0.01)
    m.span((-w / 2 + 0.03, -d / 2 - 0.005, 0.08), (w / 2 - 0.03, -d / 2 + 0.01, 0.75), BRUSHED)
    hood_z = 1.3 if o.flag("hood_open") else 0.85
    m.span(
        (-w / 2 - 0.01, -d / 2 - 0.01, hood_z), (w / 2 + 0.01, d / 2 + 0.01, hood_z + 0.55), STEEL, bevel=0.02
    )
    bar_handle(m, -w / 2 + 0.08, w / 2 - 0.08, -d / 2 - 0.01, hood_z + 0.25, STEEL, 0.05)
    m.span((-w / 2, d / 2 - 0.2, hood_z + 0.55), (w / 2, d / 2, 1.95), STEEL, bevel=0.01)
    m.span((-0.15, -d / 2 - 0.015, 0.77), (0.15, -d / 2 - 0.005, 0.83), MATERIALS["screen-off"])
    m.span((-0.12, -d / 2 - 0.017, 0.785), (-0.02, -d / 2 - 0.014, 0.815), DISPLAY)


@KIT.prop(
    "fridge",
    "Gastro-Kühlschrank",
    "Upright stainless fridge; one or two doors.",
    number("width_m", 0.7, 0.5, 1.5, "width"),
    number("height_m", 2.0, 0.8, 2.2, "height"),
    integer("doors", 1, 1, 2, "number of doors"),
    flag("glass_doors", False, "glass doors with the goods visible"),
)
def fridge(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), 0.8, o.num("height_m")
    m.span((-w / 2, -d / 2 + 0.04, 0.1), (w / 2, d / 2, h), STEEL, bevel=0.01)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cylinder((sx * (w / 2 - 0.06), sy * (d / 2 - 0.08), 0.0), 0.022, 0.1, STEEL, segments=8)
    doors = o.int("doors")
    dw = w / doors
    rng = random.Random(11)
    for i in range(doors):
        x0, x1 = -w / 2 + i * dw, -w / 2 + (i + 1) * dw
        m.span((x0 + 0.005, -d / 2, 0.12), (x1 - 0.005, -d / 2 + 0.045, h - 0.18), STEEL, bevel=0.012)
        if o.flag("glass_doors"):
            m.span(
                (x0 + 0.06, -d / 2 + 0.02, 0.25),
                (x1 - 0.06, -d / 2 + 0.04, h - 0.3),
                Material((0.85, 0.9, 0.95), 0.2, emission=0.25),
            )
            for z in (0.3, 0.7, 1.1, 1.5):
                if z < h - 0.4:
                    goods_row(m, x0 + 0.07, x1 - 0.07, -d / 2 + 0.1, z, 0.05, 0.3, rng, "kitchen")
        # Two doors open from the middle: handles on the inner edges.
        hx = x0 + 0.06 if doors == 2 and i == 1 else x1 - 0.06
        vertical_handle(m, hx, -d / 2, h * 0.45, h * 0.75, STEEL, 0.04)
    m.span((-w / 2, -d / 2 + 0.02, h - 0.17), (w / 2, -d / 2 + 0.045, h - 0.02), STEEL)
    m.span((-0.08, -d / 2 + 0.015, h - 0.12), (0.08, -d / 2 + 0.02, h - 0.07), MATERIALS["screen-off"])
    m.span((-0.05, -d / 2 + 0.012, h - 0.11), (0.03, -d / 2 + 0.016, h - 0.08), DISPLAY)


@KIT.prop(
    "cold-room",
    "Kühlzelle",
    "Walk-in cold room of insulated panels, with its door.",
    number("width_m", 2.0, 1.2, 5.0, "width"),
    number("depth_m", 2.0, 1.2, 5.0, "depth"),
    number("height_m", 2.4, 2.0, 3.0, "height"),
    number("door_x_m", 0.0, -2.5, 2.5, "door position along the front, from the centre"),
)
def cold_room(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    panel = Material(COLOURS["white"], 0.5)
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, h), panel, bevel=0.02)
    n = max(2, round(w / 1.0))
    for i in range(1, n):
        x = -w / 2 + i * w / n
        m.span(
            (x - 0.004, -d / 2 - 0.004, 0.02),
            (x + 0.004, -d / 2, h - 0.02),
            MATERIALS["plastic"],
            COLOURS["light-grey"],
        )
    dx = max(-w / 2 + 0.5, min(w / 2 - 0.5, o.num("door_x_m")))
    m.span((dx - 0.45, -d / 2 - 0.02, 0.0), (dx + 0.45, -d / 2, 2.05), MATERIALS["aluminium"])
    m.span((dx - 0.42, -d / 2 - 0.1, 0.02), (dx + 0.42, -d / 2 - 0.02, 2.0), panel, bevel=0.02)
    m.span(
        (dx + 0.18, -d / 2 - 0.14, 1.0),
        (dx + 0.36, -d / 2 - 0.1, 1.12),
        MATERIALS["painted-metal"],
        COLOURS["anthracite"],
    )
    m.rod((dx + 0.2, -d / 2 - 0.17, 1.06), (dx + 0.36, -d / 2 - 0.17, 1.06), 0.015, CHROME)
    for z in (0.25, 1.7):
        m.span((dx - 0.4, -d / 2 - 0.13, z), (dx - 0.33, -d / 2 - 0.1, z + 0.15), CHROME)
    m.span((dx + 0.55, -d / 2 - 0.03, 1.5), (dx + 0.75, -d / 2, 1.62), MATERIALS["screen-off"])
    m.span((dx + 0.58, -d / 2 - 0.034, 1.52), (dx + 0.7, -d / 2 - 0.03, 1.6), DISPLAY, COLOURS["red"])


@KIT.prop(
    "wire-shelf",
    "Lagerregal (Draht)",
    "Chrome wire shelving with goods on it.",
    number("width_m", 1.2, 0.6, 2.0, "width"),
    number("depth_m", 0.5, 0.3, 0.7, "depth"),
    number("height_m", 1.8, 1.0, 2.2, "height"),
    integer("shelves", 5, 2, 7, "number of shelves"),
    choice(
        "goods",
        "kitchen",
        ("kitchen", "boxes", "none", "linen", "medical", "parts"),
        "what stands on the shelves",
    ),
    integer("seed", 1, 0, 999, "vary the arrangement of goods"),
)
def wire_shelf(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cylinder((sx * (w / 2 - 0.015), sy * (d / 2 - 0.015), 0.0), 0.013, h, CHROME, segments=8)
    n = o.int("shelves")
    rng = random.Random(o.int("seed"))
    gap = (h - 0.18) / (n - 1)
    for k in range(n):
        z = 0.15 + k * gap
        m.span((-w / 2, -d / 2, z - 0.015), (w / 2, d / 2, z), Material(COLOURS["chrome"], 0.3, 1.0))
        for x in (-w / 2, w / 2):
            m.rod((x, -d / 2, z), (x, d / 2, z), 0.006, CHROME)
        for y in (-d / 2, d / 2):
            m.rod((-w / 2, y, z), (w / 2, y, z), 0.006, CHROME)
        # Goods on every shelf but the top one, where only boxes are stored.
        if o.text("goods") != "none" and (k < n - 1 or o.text("goods") == "boxes"):
            goods_row(m, -w / 2, w / 2, 0.0, z, d, min(gap - 0.05, 0.4), rng, o.text("goods"))


@KIT.prop(
    "wall-shelf",
    "Wandbord",
    "Stainless shelf on wall brackets, with containers.",
    number("width_m", 1.2, 0.4, 3.0, "length"),
    number("depth_m", 0.35, 0.2, 0.5, "depth"),
    flag("filled", True, "containers and pots on it"),
)
def wall_shelf(m: MeshBuilder, o: PropOptions) -> None:
    """Place it at the height of its board (e.g. 1.6 m) against a wall."""
    w, d = o.num("width_m"), o.num("depth_m")
    m.span((-w / 2, -d / 2, -0.03), (w / 2, d / 2, 0.0), STEEL, bevel=0.004)
    for x in (-w / 2 + 0.1, w / 2 - 0.1):
        with m.frame((x, d / 2, 0.0), heading_deg=90):
            m.extrude([(0.0, -0.03), (0.0, -0.25), (0.04, -0.25), (d - 0.02, -0.03)], 0.01, STEEL)
    if o.flag("filled"):
        rng = random.Random(int(w * 100))
        x = -w / 2 + 0.1
        while x < w / 2 - 0.12:
            r = rng.uniform(0.08, 0.12)
            if x + 2 * r > w / 2 - 0.02:
                break
            if rng.random() < 0.5:
                for k in range(rng.randint(1, 3)):
                    with m.frame((x + r, 0.0, k * 0.16)):
                        m.lathe(
                            [
                                (0, 0),
                                (r - 0.01, 0),
                                (r, 0.01),
                                (r, 0.15),
                                (r - 0.004, 0.15),
                                (r - 0.004, 0.008),
                                (0, 0.008),
                            ],
                            STEEL,
                            segments=14,
                        )
            else:
                for k in range(rng.randint(2, 5)):
                    with m.frame((x + r, 0.0, k * 0.025)):
                        m.lathe(
                            [
                                (0, 0),
                                (r * 0.5, 0),
                                (r, 0.06),
                                (r - 0.004, 0.06),
                                (r * 0.5 - 0.004, 0.004),
                                (0, 0.004),
                            ],
                            STEEL,
                            segments=14,
                        )
            x += 2 * r + rng.uniform(0.02, 0.08)


@KIT.prop(
    "cutting-board",
    "Schneidebrett",
    "Chopping board with a chef's knife and vegetables.",
    colour("color", "#3f9a4a", "board colour (green: vegetables, red: meat, blue: fish)"),
    choice("food", "vegetables", ("vegetables", "none"), "what lies on it"),
)
def cutting_board(m: MeshBuilder, o: PropOptions) -> None:
    m.box((0, 0, 0), (0.5, 0.32, 0.02), MATERIALS["plastic"], o.rgb("color"), bevel=0.004)
    knife(m, 0.05, -0.08, 0.02, 20)
    if o.text("food") == "vegetables":
        for k in range(5):
            m.box((-0.12 + k * 0.012, 0.05, 0.02), (0.008, 0.06, 0.03), MATERIALS["food"], COLOURS["orange"])
        m.cylinder(
            (-0.02, 0.06, 0.02),
            0.014,
            0.14,
            MATERIALS["food"],
            COLOURS["orange"],
            segments=8,
            radius_top=0.004,
        )
        m.sphere((0.16, 0.07, 0.045), 0.035, MATERIALS["food"], FOOD_COLOUR["tomatoes"], segments=10, rings=6)
        m.sphere((0.1, 0.09, 0.04), 0.03, MATERIALS["food"], FOOD_COLOUR["onions"], segments=10, rings=6)


FOOD_COLOUR = {
    name: (int(c[1:3], 16) / 255, int(c[3:5], 16) / 255, int(c[5:7], 16) / 255)
    for name, (c, _r, _g) in FOOD.items()
}


def knife(m: MeshBuilder, x: float, y: float, z: float, heading: float) -> None:
    """A chef's knife at (x, y, z) on its board, turned by ``heading`` degrees."""
    with m.frame((x, y, z), heading_deg=heading):
        m.extrude([(-0.02, 0.0), (0.2, 0.0), (0.2, 0.01), (0.0, 0.045), (-0.02, 0.045)], 0.003, CHROME, y=0.0)
        m.span((-0.14, -0.01, 0.005), (-0.02, 0.01, 0.035), Material(COLOURS["black"], 0.4))


@KIT.prop(
    "knife-rack",
    "Magnetleiste mit Messern",
    "Magnetic knife strip on the wall.",
    number("width_m", 0.6, 0.3, 1.0, "length"),
)
def knife_rack(m: MeshBuilder, o: PropOptions) -> None:
    """Place it at the height of the strip (about 1.5 m) against a wall."""
    w = o.num("width_m")
    m.span((-w / 2, 0.0, -0.025), (w / 2, 0.02, 0.025), Material(COLOURS["black"], 0.3))
    for k in range(int(w / 0.07)):
        x = -w / 2 + 0.05 + k * 0.07
        length = 0.15 + (k % 3) * 0.06
        m.span((x - 0.012, -0.003, -length), (x + 0.012, 0.0, 0.02), CHROME)
        m.span((x - 0.012, -0.01, 0.02), (x + 0.012, 0.005, 0.14), Material(COLOURS["black"], 0.4))


@KIT.prop(
    "produce-crate",
    "Gemüsekiste",
    "Crate of fresh produce.",
    choice("produce", "tomatoes", tuple(FOOD), "what is in the crate"),
    colour("color", "#3d7d3a", "crate colour"),
    integer("seed", 1, 0, 999, "vary the arrangement"),
)
def produce_crate(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = 0.6, 0.4, 0.18
    mat = MATERIALS["plastic"]
    c = o.rgb("color")
    m.span((-w / 2, -d / 2, 0), (w / 2, d / 2, 0.01), mat, c)
    for s in (-1, 1):
        m.span((-w / 2, s * d / 2 - 0.006, 0), (w / 2, s * d / 2 + 0.006, h), mat, c)
        m.span((s * w / 2 - 0.006, -d / 2, 0), (s * w / 2 + 0.006, d / 2, h), mat, c)
    name = o.text("produce")
    hexcode, r, rough = FOOD[name]
    food = Material(FOOD_COLOUR[name], rough)
    rng = random.Random(o.int("seed"))
    if name == "carrots":
        for k in range(14):
            x = -w / 2 + 0.05 + (k % 7) * 0.075
            y = -0.08 + (k // 7) * 0.14
            with m.frame((x, y, h * 0.7), heading_deg=rng.uniform(-20, 20), pitch_deg=90):
                m.cylinder((0, 0, -0.1), 0.02, 0.2, food, segments=7, radius_top=0.004)
        return
    step = 2 * r * 0.95
    for layer in range(2):
        y = -d / 2 + r + 0.01
        while y < d / 2 - r:
            x = -w / 2 + r + 0.01 + (layer * r)
            while x < w / 2 - r:
                jitter = rng.uniform(-0.006, 0.006)
                m.sphere(
                    (x + jitter, y + jitter, h * 0.45 + layer * r * 1.2 + r * 0.5),
                    (r, r, r * 0.9),
                    food,
                    segments=8,
                    rings=5,
                )
                x += step
            y += step
    del hexcode


@KIT.prop(
    "gastronorm-pan",
    "GN-Behälter",
    "Gastronorm container (GN 1/1) with food.",
    colour("food_color", "#d08a3c", "colour of what is inside"),
    number("depth_m", 0.065, 0.02, 0.2, "container depth"),
)
def gastronorm_pan(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = 0.53, 0.325, o.num("depth_m")
    rim = 0.02
    m.span((-w / 2, -d / 2, h - 0.006), (w / 2, -d / 2 + rim, h), STEEL)
    m.span((-w / 2, d / 2 - rim, h - 0.006), (w / 2, d / 2, h), STEEL)
    m.span((-w / 2, -d / 2 + rim, h - 0.006), (-w / 2 + rim, d / 2 - rim, h), STEEL)
    m.span((w / 2 - rim, -d / 2 + rim, h - 0.006), (w / 2, d / 2 - rim, h), STEEL)
    m.span((-w / 2 + 0.02, -d / 2 + 0.02, 0), (w / 2 - 0.02, d / 2 - 0.02, h - 0.012), STEEL)
    m.span(
        (-w / 2 + 0.025, -d / 2 + 0.025, h - 0.012),
        (w / 2 - 0.025, d / 2 - 0.025, h - 0.004),
        MATERIALS["food"],
        o.rgb("food_color"),
    )


@KIT.prop(
    "hand-wash-basin",
    "Handwaschbecken",
    "Hand-wash basin with soap and paper towels.",
)
def hand_wash_basin(m: MeshBuilder, o: PropOptions) -> None:
    del o
    m.span((-0.25, -0.2, 0.75), (0.25, 0.2, 0.9), STEEL, bevel=0.02)
    m.span((-0.2, -0.15, 0.86), (0.2, 0.12, 0.905), BRUSHED)
    m.cylinder((0, 0.14, 0.9), 0.02, 0.15, CHROME, segments=8)
    m.rod((0, 0.14, 1.05), (0, 0.02, 1.02), 0.01, CHROME)
    m.span((0.3, 0.12, 1.1), (0.42, 0.2, 1.32), MATERIALS["glossy-plastic"])
    m.span((-0.17, 0.1, 1.25), (0.17, 0.2, 1.6), MATERIALS["glossy-plastic"])
    m.span((-0.1, 0.095, 1.27), (0.1, 0.1, 1.29), MATERIALS["paper"])


@KIT.prop(
    "trash-bin",
    "Abfallbehälter",
    "Pedal bin with a lid.",
    colour("color", "#c9ccce", "bin colour"),
    number("height_m", 0.7, 0.3, 1.1, "height"),
)
def trash_bin(m: MeshBuilder, o: PropOptions) -> None:
    h = o.num("height_m")
    r = 0.2 * (h / 0.7) ** 0.5
    body = STEEL if o.text("color") in ("#c9ccce", "stainless") else MATERIALS["glossy-plastic"]
    m.cylinder((0, 0, 0.02), r, h - 0.06, body, o.rgb("color"), segments=16, radius_top=r * 1.05)
    m.cylinder((0, 0, h - 0.04), r * 1.07, 0.04, body, o.rgb("color"), segments=16)
    m.span((-0.06, -r - 0.08, 0.0), (0.06, -r, 0.03), RUBBER)


@KIT.prop(
    "mixer",
    "Rührmaschine",
    "Planetary stand mixer with a steel bowl.",
    colour("color", "#e8e4da", "body colour"),
)
def mixer(m: MeshBuilder, o: PropOptions) -> None:
    c = o.rgb("color")
    body = MATERIALS["glossy-plastic"]
    m.box((0, 0.05, 0), (0.3, 0.38, 0.06), body, c, bevel=0.02)
    m.box((0, 0.16, 0.06), (0.14, 0.14, 0.38), body, c, bevel=0.03)
    m.box((0, 0.06, 0.4), (0.16, 0.36, 0.14), body, c, bevel=0.04)
    m.lathe(
        [(0, 0), (0.07, 0), (0.12, 0.08), (0.12, 0.2), (0.115, 0.2), (0.115, 0.01), (0, 0.01)],
        STEEL,
        segments=16,
    )
    m.rod((0, -0.02, 0.4), (0, -0.02, 0.12), 0.01, CHROME)


@KIT.prop(
    "cold-room-door",
    "Kühlraumtür",
    "Insulated door to a walk-in cold room, with its thermometer.",
    flag("strip_curtain", False, "a plastic strip curtain in the open doorway"),
)
def cold_room_door(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall (position on the wall line, back against the wall)."""
    panel = Material(COLOURS["white"], 0.45)
    m.span((-0.6, -0.06, 0.0), (0.6, 0.0, 2.2), MATERIALS["aluminium"])
    m.span((-0.5, -0.14, 0.02), (0.5, -0.06, 2.08), panel, bevel=0.02)
    m.span((-0.48, -0.145, 0.06), (0.48, -0.14, 0.25), STEEL)
    m.span((0.22, -0.18, 1.0), (0.42, -0.14, 1.14), MATERIALS["painted-metal"], COLOURS["anthracite"])
    m.rod((0.24, -0.21, 1.07), (0.42, -0.21, 1.07), 0.016, CHROME)
    for z in (0.3, 1.75):
        m.span((-0.52, -0.17, z), (-0.44, -0.13, z + 0.18), CHROME)
    m.span((0.68, -0.03, 1.45), (0.9, 0.0, 1.6), MATERIALS["screen-off"])
    m.span((0.71, -0.034, 1.48), (0.84, -0.03, 1.57), DISPLAY, COLOURS["red"])
    if o.flag("strip_curtain"):
        for k in range(8):
            x = -0.44 + k * 0.125
            m.span((x, -0.2, 0.05), (x + 0.11, -0.195, 2.0), MATERIALS["frosted-glass"])
