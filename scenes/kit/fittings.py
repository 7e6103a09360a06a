"""Fittings many workplaces share.

Partition walls, counters, wall cupboards, handrails, safety signs, first-aid kits and rugs.
"""

from __future__ import annotations

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, number
from scenes.kit.parts import CHROME, STEEL, door_front, drawer_front
from scenes.materials import COLOURS, MATERIALS, Material, Rgb, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("fittings")

WHITE = Material(COLOURS["white"], 0.45)
SIGNS = (
    "high-voltage",
    "do-not-switch",
    "first-aid",
    "exit",
    "ear-protection",
    "eye-protection",
    "forklifts",
)


@KIT.prop(
    "partition-wall",
    "Trennwand",
    "A room-high partition wall, plastered or glazed (a patient room, a server room).",
    number("length_m", 3.0, 0.3, 20.0, "length (along x)"),
    number("height_m", 3.0, 0.3, 6.0, "height: make it the room's height (less above a door)"),
    choice("style", "solid", ("solid", "glass"), "plastered drywall, or glass in an aluminium frame"),
    colour("color", "#ecebe6", "wall colour (solid) or frame colour (glass)"),
    integer("panes", 0, 0, 20, "glass panes side by side (0: about one per 1.2 m)"),
)
def partition_wall(m: MeshBuilder, o: PropOptions) -> None:
    """Centred on its line (10 cm thick). Doorway: a gap, with a door (heading as for a wall) on one face."""
    length, h = o.num("length_m"), o.num("height_m")
    if o.text("style") == "solid":
        wall = Material(o.rgb("color"), 0.85)
        m.span((-length / 2, -0.05, 0.0), (length / 2, 0.05, h), wall)
        skirting = Material(lighter(o.rgb("color"), -0.2), 0.5)
        m.span((-length / 2, -0.062, 0.0), (length / 2, 0.062, 0.08), skirting)
        return
    frame = Material(o.rgb("color") if o.text("color") != "#ecebe6" else COLOURS["aluminium"], 0.35, 0.8)
    m.span((-length / 2, -0.04, 0.0), (length / 2, 0.04, 0.1), frame)
    m.span((-length / 2, -0.04, h - 0.08), (length / 2, 0.04, h), frame)
    panes = o.int("panes") or max(1, round(length / 1.2))
    for k in range(panes + 1):
        x = -length / 2 + k * length / panes
        m.span((max(-length / 2, x - 0.03), -0.04, 0.1), (min(length / 2, x + 0.03), 0.04, h - 0.08), frame)
    m.span((-length / 2, -0.01, 0.1), (length / 2, 0.01, h - 0.08), MATERIALS["glass"])
    # A frosted band at eye height, as safety glazing is marked so that nobody walks into it.
    if h > 1.5:
        m.span((-length / 2, -0.0125, 1.3), (length / 2, 0.0125, 1.42), MATERIALS["frosted-glass"])


@KIT.prop(
    "counter",
    "Unterschrank mit Arbeitsplatte / Theke",
    "Base cupboards with a worktop (lab corner, nurses' station, helpdesk, coffee corner).",
    number("width_m", 1.8, 0.4, 8.0, "length"),
    number("depth_m", 0.6, 0.4, 1.0, "depth"),
    number("height_m", 0.9, 0.6, 1.1, "worktop height"),
    colour("color", "white", "colour of the fronts"),
    colour("top_color", "light-grey", "worktop colour"),
    choice("fronts", "mixed", ("mixed", "doors", "drawers"), "cupboard doors, drawers or both"),
    number("knee_space_m", 0.0, 0.0, 3.0, "open space at the left end for sitting at it"),
)
def counter(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    body = Material(o.rgb("color"), 0.45)
    top = Material(o.rgb("top_color"), 0.35)
    knee = min(o.num("knee_space_m"), w - 0.3) if o.num("knee_space_m") > 0 else 0.0
    x0 = -w / 2 + knee
    m.span((-w / 2, -d / 2, h - 0.035), (w / 2, d / 2, h), top, bevel=0.004)
    m.span((x0 + 0.02, -d / 2 + 0.06, 0.0), (w / 2 - 0.02, d / 2, 0.1), Material(COLOURS["anthracite"], 0.6))
    m.span((x0, -d / 2 + 0.02, 0.1), (w / 2, d / 2, h - 0.035), body)
    if knee:
        m.span((-w / 2, -d / 2 + 0.02, 0.0), (-w / 2 + 0.02, d / 2, h - 0.035), body)
        m.span((-w / 2, d / 2 - 0.02, 0.1), (x0, d / 2, h - 0.035), body)
    units = max(1, round((w - knee) / 0.6))
    unit = (w - knee) / units
    style = o.text("fronts")
    for k in range(units):
        a, b = x0 + k * unit, x0 + (k + 1) * unit
        drawers = style == "drawers" or (style == "mixed" and k % 3 == 0)
        if drawers:
            rows = 4
            for r in range(rows):
                z0 = 0.1 + r * (h - 0.135) / rows
                drawer_front(m, a, b, z0, z0 + (h - 0.135) / rows, -d / 2 + 0.02, body, handle_mat=STEEL)
        else:
            door_front(m, a, b, 0.1, h - 0.035, -d / 2 + 0.02, body, handle="right" if k % 2 else "left")


@KIT.prop(
    "wall-cabinet",
    "Hängeschrank",
    "A wall cupboard, optionally with glass doors or locked (medicines).",
    number("width_m", 1.2, 0.3, 4.0, "width"),
    number("height_m", 0.7, 0.3, 1.2, "height"),
    number("depth_m", 0.35, 0.2, 0.5, "depth"),
    colour("color", "white", "colour"),
    flag("glass", False, "glass doors with the contents behind them"),
    choice("contents", "medical", ("medical", "files", "kitchen"), "what is behind glass doors"),
    flag("locked", False, "a lock and a red cross (medicine cabinet)"),
)
def wall_cabinet(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its bottom edge (about 1.4 m)."""
    w, h, d = o.num("width_m"), o.num("height_m"), o.num("depth_m")
    body = Material(o.rgb("color"), 0.45)
    m.span((-w / 2, -d, 0.0), (w / 2, 0.0, h), body, bevel=0.005)
    doors = max(1, round(w / 0.5))
    dw = w / doors
    if o.flag("glass"):
        m.span(
            (-w / 2 + 0.02, -d + 0.02, 0.02),
            (w / 2 - 0.02, -d + 0.021, h - 0.02),
            Material((0.2, 0.22, 0.24), 0.8),
        )
        palette = {
            "medical": ("white", "light-blue", "white", "mint", "signal-red", "white"),
            "files": ("blue", "red", "yellow", "green", "navy"),
            "kitchen": ("white", "white", "off-white", "light-grey"),
        }[o.text("contents")]
        shelves = max(1, int(h / 0.3))
        for s in range(shelves):
            z = 0.02 + s * (h - 0.04) / shelves
            m.span((-w / 2 + 0.02, -d + 0.02, z), (w / 2 - 0.02, -0.01, z + 0.015), body)
            x = -w / 2 + 0.05
            k = s * 3
            while x < w / 2 - 0.1:
                bw = 0.05 + 0.04 * ((k * 7) % 3)
                bh = min(0.2, (h - 0.04) / shelves - 0.05) * (0.6 + 0.15 * (k % 3))
                m.box(
                    (x + bw / 2, -d / 2, z + 0.015),
                    (bw, d * 0.6, bh),
                    WHITE,
                    COLOURS[palette[k % len(palette)]],
                )
                x += bw + 0.02
                k += 1
        for k in range(doors):
            a, b = -w / 2 + k * dw, -w / 2 + (k + 1) * dw
            frame = Material(o.rgb("color"), 0.4)
            m.span((a + 0.005, -d - 0.02, 0.005), (b - 0.005, -d, 0.04), frame)
            m.span((a + 0.005, -d - 0.02, h - 0.04), (b - 0.005, -d, h - 0.005), frame)
            m.span((a + 0.005, -d - 0.02, 0.04), (a + 0.035, -d, h - 0.04), frame)
            m.span((b - 0.035, -d - 0.02, 0.04), (b - 0.005, -d, h - 0.04), frame)
            m.span((a + 0.035, -d - 0.012, 0.04), (b - 0.035, -d - 0.008, h - 0.04), MATERIALS["glass"])
    else:
        for k in range(doors):
            a, b = -w / 2 + k * dw, -w / 2 + (k + 1) * dw
            m.span((a + 0.003, -d - 0.02, 0.003), (b - 0.003, -d, h - 0.003), body, bevel=0.004)
            hx = b - 0.04 if k % 2 == 0 else a + 0.04
            m.rod((hx, -d - 0.045, 0.05), (hx, -d - 0.045, 0.2), 0.007, CHROME)
    if o.flag("locked"):
        m.cylinder((0.0, -d - 0.02, 0.12), 0.014, 0.012, CHROME, segments=10, axis="y")
        red = Material(COLOURS["signal-red"], 0.5)
        m.span((-0.08, -d - 0.026, h - 0.2), (0.08, -d - 0.022, h - 0.15), red)
        m.span((-0.025, -d - 0.026, h - 0.255), (0.025, -d - 0.022, h - 0.095), red)


@KIT.prop(
    "handrail",
    "Handlauf",
    "A handrail along a corridor wall, on brackets.",
    number("length_m", 3.0, 0.5, 20.0, "length (along x)"),
    number("rail_height_m", 0.9, 0.6, 1.1, "height of the rail"),
    colour("color", "beech", "rail colour"),
)
def handrail(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall line with its back to the wall (z = 0)."""
    length, z = o.num("length_m"), o.num("rail_height_m")
    rail = Material(o.rgb("color"), 0.4)
    m.rod((-length / 2, -0.075, z), (length / 2, -0.075, z), 0.022, rail, segments=10)
    for k in range(int(length / 1.2) + 1):
        x = -length / 2 + 0.1 + k * (length - 0.2) / max(1, int(length / 1.2))
        m.rod((x, -0.075, z - 0.02), (x, -0.075, z - 0.06), 0.008, CHROME)
        m.rod((x, -0.075, z - 0.06), (x, 0.0, z - 0.06), 0.008, CHROME)
        m.span((x - 0.03, -0.01, z - 0.1), (x + 0.03, 0.0, z - 0.02), CHROME)


def _triangle(m: MeshBuilder, size: float, y: float, fill: Rgb, edge: Rgb) -> None:
    """A warning triangle (point up) in the plane ``y``, centred on the origin."""
    r = size / 2
    for scale, tint, dy in ((1.0, edge, 0.0), (0.78, fill, -0.001)):
        pts = [(-r * scale, -r * 0.8 * scale), (r * scale, -r * 0.8 * scale), (0.0, r * 0.95 * scale)]
        m.extrude(pts, 0.001, Material(tint, 0.5), y=y + dy)


def _disc(m: MeshBuilder, x: float, z: float, r: float, y: float, tint: Rgb) -> None:
    with m.frame((x, y, z), pitch_deg=90):
        m.cylinder((0, 0, 0), r, 0.001, Material(tint, 0.5), segments=20)


@KIT.prop(
    "sign",
    "Schild",
    "A safety or information sign on the wall (ISO 7010 style pictograms).",
    choice("motif", "first-aid", SIGNS, "what it says"),
    number("size_m", 0.3, 0.1, 1.0, "height of the sign"),
)
def sign(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall (or on a post or barrier) at the height of its centre."""
    s = o.num("size_m")
    motif = o.text("motif")
    black, white = COLOURS["black"], (0.97, 0.97, 0.95)
    y = -0.006
    if motif in ("high-voltage", "forklifts"):
        m.span((-s / 2, -0.004, -s / 2), (s / 2, 0.0, s / 2), Material(white, 0.5))
        _triangle(m, s * 0.9, y, COLOURS["signal-yellow"], black)
        if motif == "high-voltage":
            bolt = [
                (-0.02, 0.14),
                (0.05, 0.14),
                (0.0, 0.03),
                (0.045, 0.03),
                (-0.04, -0.14),
                (-0.005, -0.01),
                (-0.05, -0.01),
            ]
            m.extrude([(u * s, v * s) for u, v in bolt], 0.001, Material(black, 0.5), y=y - 0.002)
        else:
            m.span((-0.12 * s, y - 0.003, -0.16 * s), (0.06 * s, y - 0.002, -0.02 * s), Material(black, 0.5))
            m.span((0.06 * s, y - 0.003, -0.16 * s), (0.08 * s, y - 0.002, 0.14 * s), Material(black, 0.5))
            m.span((-0.06 * s, y - 0.003, -0.02 * s), (0.02 * s, y - 0.002, 0.08 * s), Material(black, 0.5))
        return
    if motif == "do-not-switch":
        # "Nicht schalten!" after DGUV: white board, red border, a struck-through switch.
        w = s * 1.4
        red = Material(COLOURS["signal-red"], 0.5)
        m.span((-w / 2, -0.004, -s / 2), (w / 2, 0.0, s / 2), red)
        m.span(
            (-w / 2 + 0.03 * s * 3, y, -s / 2 + 0.1 * s),
            (w / 2 - 0.09 * s, y + 0.001, s / 2 - 0.1 * s),
            Material(white, 0.5),
        )
        for k in range(2):
            z = s * (0.18 - k * 0.16)
            m.span((-w * 0.32, y - 0.001, z - s * 0.05), (w * 0.32, y, z + s * 0.05), Material(black, 0.5))
        m.span((-w * 0.22, y - 0.001, -s * 0.3), (w * 0.22, y, -s * 0.22), red)
        m.box(
            (w / 2 - 0.05, -0.03, -s / 2 - 0.08),
            (0.05, 0.025, 0.045),
            Material(COLOURS["signal-red"], 0.3),
            bevel=0.006,
        )
        m.rod((w / 2 - 0.065, -0.03, -s / 2 - 0.035), (w / 2 - 0.065, -0.03, -s / 2 + 0.005), 0.004, CHROME)
        m.rod((w / 2 - 0.035, -0.03, -s / 2 - 0.035), (w / 2 - 0.035, -0.03, -s / 2 + 0.005), 0.004, CHROME)
        return
    if motif in ("first-aid", "exit"):
        green = COLOURS["safety-green"]
        w = s if motif == "first-aid" else s * 2
        m.span((-w / 2, -0.004, -s / 2), (w / 2, 0.0, s / 2), Material(green, 0.5, emission=0.25))
        cross = Material(white, 0.5, emission=0.3)
        if motif == "first-aid":
            m.span((-0.3 * s, y, -0.1 * s), (0.3 * s, y + 0.001, 0.1 * s), cross)
            m.span((-0.1 * s, y, -0.3 * s), (0.1 * s, y + 0.001, 0.3 * s), cross)
        else:
            m.span((-0.75 * s, y, -0.38 * s), (-0.2 * s, y + 0.001, 0.38 * s), cross)
            m.span((0.05 * s, y, -0.05 * s), (0.7 * s, y + 0.001, 0.05 * s), cross)
            m.extrude([(0.6 * s, -0.2 * s), (0.85 * s, 0.0), (0.6 * s, 0.2 * s)], 0.001, cross, y=y)
        return
    # Mandatory signs: white field, blue disc, a white pictogram.
    m.span((-s / 2, -0.004, -s / 2), (s / 2, 0.0, s / 2), Material(white, 0.5))
    _disc(m, 0.0, 0.0, s * 0.44, y, COLOURS["blue"])
    pic = Material(white, 0.5)
    if motif == "ear-protection":
        for side in (-1, 1):
            _disc(m, side * 0.2 * s, -0.05 * s, 0.08 * s, y - 0.002, white)
        m.span((-0.2 * s, y - 0.003, 0.12 * s), (0.2 * s, y - 0.002, 0.17 * s), pic)
    else:  # eye protection: goggles
        for side in (-1, 1):
            _disc(m, side * 0.14 * s, 0.0, 0.1 * s, y - 0.002, white)
        m.span((-0.3 * s, y - 0.003, -0.02 * s), (0.3 * s, y - 0.002, 0.02 * s), pic)


@KIT.prop(
    "first-aid-kit",
    "Verbandkasten (Wandkasten)",
    "A wall-mounted first-aid cabinet with the green first-aid sign.",
)
def first_aid_kit(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.5 m)."""
    del o
    m.span((-0.2, -0.14, -0.16), (0.2, 0.0, 0.16), WHITE, bevel=0.01)
    m.span((-0.19, -0.145, -0.15), (0.19, -0.14, 0.15), Material(COLOURS["safety-green"], 0.45))
    cross = Material(COLOURS["white"], 0.4, emission=0.2)
    m.span((-0.09, -0.148, -0.03), (0.09, -0.145, 0.03), cross)
    m.span((-0.03, -0.148, -0.09), (0.03, -0.145, 0.09), cross)
    m.span((0.12, -0.16, -0.04), (0.15, -0.145, 0.04), CHROME)


@KIT.prop(
    "rug",
    "Teppich",
    "A rug on the floor, round or rectangular (morning circle, reading corner, office).",
    choice("shape", "round", ("round", "rectangle"), "round or rectangular"),
    number("width_m", 2.5, 0.6, 6.0, "diameter or width"),
    number("depth_m", 1.8, 0.6, 6.0, "depth (rectangle)"),
    colour("color", "#5f8fc0", "main colour"),
    colour("border_color", "#e0a21f", "colour of the border"),
    integer("rings", 1, 0, 4, "coloured rings (round) or border stripes"),
)
def rug(m: MeshBuilder, o: PropOptions) -> None:
    fabric = Material(o.rgb("color"), 0.95)
    border = Material(o.rgb("border_color"), 0.95)
    w = o.num("width_m")
    rings = o.int("rings")
    if o.text("shape") == "round":
        r = w / 2
        m.cylinder((0, 0, 0), r, 0.012, border, segments=40)
        m.cylinder((0, 0, 0.0005), r - 0.1, 0.012, fabric, segments=40)
        for k in range(rings):
            rr = (r - 0.1) * (0.75 - k * 0.2)
            if rr < 0.15:
                break
            tint = border if k % 2 == 0 else fabric
            m.cylinder((0, 0, 0.001 + 0.0005 * k), rr, 0.012, tint, segments=36)
            m.cylinder((0, 0, 0.0015 + 0.0005 * k), rr - 0.06, 0.012, fabric, segments=36)
        return
    d = o.num("depth_m")
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, 0.012), border)
    m.span((-w / 2 + 0.1, -d / 2 + 0.1, 0.0), (w / 2 - 0.1, d / 2 - 0.1, 0.0125), fabric)
    for k in range(rings):
        inset = 0.18 + k * 0.12
        if inset * 2 > min(w, d) - 0.2:
            break
        m.span(
            (-w / 2 + inset, -d / 2 + inset, 0.0), (w / 2 - inset, d / 2 - inset, 0.013 + 0.0003 * k), border
        )
        m.span(
            (-w / 2 + inset + 0.04, -d / 2 + inset + 0.04, 0.0),
            (w / 2 - inset - 0.04, d / 2 - inset - 0.04, 0.0132 + 0.0003 * k),
            fabric,
        )


@KIT.prop(
    "coffee-machine",
    "Kaffeevollautomat",
    "A bean-to-cup coffee machine with cups (coffee corner).",
    colour("color", "anthracite", "body colour"),
)
def coffee_machine(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a counter (z = worktop height)."""
    body = Material(o.rgb("color"), 0.3)
    m.box((0, 0, 0), (0.3, 0.42, 0.38), body, bevel=0.02)
    m.span((-0.1, -0.215, 0.1), (0.1, -0.2, 0.16), STEEL)
    m.span((-0.08, -0.22, 0.25), (0.08, -0.21, 0.33), Material((0.1, 0.2, 0.3), 0.1, emission=0.8))
    m.cylinder((0.0, -0.17, 0.015), 0.035, 0.08, MATERIALS["ceramic"], segments=12)
    for k in range(3):
        x = 0.25 + (k % 2) * 0.09
        m.cylinder((x, -0.1 + (k // 2) * 0.09, 0.0), 0.035, 0.08, MATERIALS["ceramic"], segments=12)
