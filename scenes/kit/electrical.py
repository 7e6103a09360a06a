"""Electrical installation on a building site.

Wall chases with cables and flush boxes, the bathroom's protection zones, the installation
tester, a smart-home panel, wall tiles.
"""

from __future__ import annotations

from scenes.kit.base import Kit, PropOptions, colour, flag, integer, number
from scenes.kit.office import screen_image
from scenes.kit.parts import CHROME
from scenes.materials import COLOURS, Material, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("electrical")

GROOVE = Material((0.42, 0.4, 0.37), 0.95)
CABLE = Material((0.86, 0.86, 0.84), 0.5)
"""NYM installation cable is light grey."""
FLUSH_BOX = Material((0.15, 0.42, 0.75), 0.6)
TAPE = {"red": Material((0.85, 0.15, 0.12), 0.6), "yellow": Material((0.95, 0.78, 0.1), 0.6)}

# Segments of a seven-segment digit: (x0, z0, x1, z1) in a 0.6 × 1.0 cell.
_SEGMENTS = {
    "a": (0.0, 0.9, 0.6, 1.0),
    "b": (0.5, 0.5, 0.6, 1.0),
    "c": (0.5, 0.0, 0.6, 0.5),
    "d": (0.0, 0.0, 0.6, 0.1),
    "e": (0.0, 0.0, 0.1, 0.5),
    "f": (0.0, 0.5, 0.1, 1.0),
    "g": (0.0, 0.45, 0.6, 0.55),
}
_DIGITS = {"0": "abcdef", "1": "bc", "2": "abged"}


def digit(m: MeshBuilder, text: str, x: float, z: float, height: float, y: float, mat: Material) -> None:
    """A seven-segment digit on a face at ``y`` (looking towards −y), lower left at (x, z)."""
    for name in _DIGITS[text]:
        x0, z0, x1, z1 = _SEGMENTS[name]
        m.span((x + x0 * height, y - 0.002, z + z0 * height), (x + x1 * height, y, z + z1 * height), mat)


@KIT.prop(
    "wall-chase",
    "Mauerschlitz mit Leitungen",
    "A fresh chase cut into the plaster with cables in it; vertical ones end in flush boxes.",
    number("length_m", 2.0, 0.2, 10.0, "length"),
    flag("vertical", False, "runs downwards from where it is placed (else along x)"),
    integer("boxes", 0, 0, 5, "flush boxes in a row at the lower end (vertical chases)"),
    integer("cables", 3, 1, 6, "cables in the chase"),
)
def wall_chase(m: MeshBuilder, o: PropOptions) -> None:
    """On a wall (back to it), at the height of its centre line (horizontal) or of its top end (vertical)."""
    length, n = o.num("length_m"), o.int("cables")
    width = 0.045 + 0.012 * n
    if not o.flag("vertical"):
        m.span((-length / 2, -0.004, -width / 2), (length / 2, 0.0, width / 2), GROOVE)
        for k in range(n):
            z = -width / 2 + 0.02 + k * 0.012
            m.rod((-length / 2, -0.008, z), (length / 2, -0.008, z), 0.005, CABLE, segments=5)
        return
    bottom = -length
    m.span((-width / 2, -0.004, bottom), (width / 2, 0.0, 0.0), GROOVE)
    for k in range(n):
        x = -width / 2 + 0.02 + k * 0.012
        m.rod((x, -0.008, bottom + 0.05), (x, -0.008, 0.0), 0.005, CABLE, segments=5)
    boxes = o.int("boxes")
    for k in range(boxes):
        x = (k - (boxes - 1) / 2) * 0.071  # boxes sit on a 71 mm pitch for multiple frames
        m.span((x - 0.04, -0.004, bottom - 0.04), (x + 0.04, 0.0, bottom + 0.04), GROOVE)
        with m.frame((x, -0.002, bottom), pitch_deg=90):
            m.cylinder((0, 0, 0), 0.034, 0.004, FLUSH_BOX, segments=14)
            m.cylinder((0, 0, 0.004), 0.026, 0.0005, Material((0.08, 0.1, 0.14), 0.8), segments=14)
        m.rod((x - 0.01, -0.007, bottom + 0.02), (x + 0.02, -0.05, bottom + 0.05), 0.004, CABLE, segments=4)


@KIT.prop(
    "wall-tiles",
    "Fliesenspiegel",
    "Tiles on a wall, with grout lines (a bathroom, a kitchen).",
    number("width_m", 2.0, 0.3, 8.0, "width"),
    number("height_m", 2.0, 0.3, 3.0, "height"),
    number("tile_m", 0.3, 0.1, 0.6, "tile size"),
    colour("color", "#e8ecee", "tile colour"),
)
def wall_tiles(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall with its back to the wall (z = 0, the floor)."""
    w, h, tile = o.num("width_m"), o.num("height_m"), o.num("tile_m")
    m.span((-w / 2, -0.01, 0.0), (w / 2, 0.0, h), Material(o.rgb("color"), 0.25))
    grout = Material(lighter(o.rgb("color"), -0.18), 0.8)
    for k in range(1, int(w / tile) + 1):
        x = -w / 2 + k * tile
        if x < w / 2 - 0.01:
            m.quad(
                [
                    (x - 0.002, -0.0105, 0.0),
                    (x + 0.002, -0.0105, 0.0),
                    (x + 0.002, -0.0105, h),
                    (x - 0.002, -0.0105, h),
                ],
                grout,
            )
    for k in range(1, int(h / tile) + 1):
        z = k * tile
        if z < h - 0.01:
            m.quad(
                [
                    (-w / 2, -0.0105, z - 0.002),
                    (w / 2, -0.0105, z - 0.002),
                    (w / 2, -0.0105, z + 0.002),
                    (-w / 2, -0.0105, z + 0.002),
                ],
                grout,
            )


@KIT.prop(
    "shower-zones",
    "Duschtasse mit Schutzbereichen",
    "A shower tray in a corner with the bathroom protection zones 0, 1 and 2 taped on floor and "
    "walls (DIN VDE 0100-701): zone 1 above the tray up to 2.25 m, zone 2 a further 0.6 m out.",
    flag("labels", True, "zone numbers on the floor and walls"),
)
def shower_zones(m: MeshBuilder, o: PropOptions) -> None:
    """Place it in a corner: its back (+y) and its right side (+x) against the walls."""
    tray = Material((0.96, 0.96, 0.95), 0.2)
    m.span((-0.45, -0.45, 0.0), (0.45, 0.45, 0.05), tray, bevel=0.01)
    m.cylinder((0.0, 0.0, 0.05), 0.045, 0.002, CHROME, segments=12)
    top = 2.25
    for edge, tape in ((-0.45, TAPE["red"]), (-1.05, TAPE["yellow"])):
        # On the floor, round the tray (zone 1) and 0.6 m beyond it (zone 2).
        m.span((edge - 0.025, edge, 0.0), (edge + 0.025, 0.45, 0.052 if edge > -0.5 else 0.003), tape)
        m.span((edge, edge - 0.025, 0.0), (0.45, edge + 0.025, 0.052 if edge > -0.5 else 0.003), tape)
        # Up the back wall and the right wall, and along the top of the zone.
        m.span((edge - 0.025, 0.443, 0.0), (edge + 0.025, 0.45, top), tape)
        m.span((0.443, edge - 0.025, 0.0), (0.45, edge + 0.025, top), tape)
        m.span((edge, 0.443, top - 0.025), (0.45, 0.45, top + 0.025), tape)
        m.span((0.443, edge, top - 0.025), (0.45, 0.45, top + 0.025), tape)
    if o.flag("labels"):
        ink = Material(COLOURS["black"], 0.6)
        with m.frame((-0.06, 0.1, 0.051), pitch_deg=-90):
            digit(m, "0", 0.0, 0.0, 0.18, 0.0, ink)
        for label, x, colour_name in (("1", -0.12, "red"), ("2", -0.84, "yellow")):
            m.span((x - 0.05, 0.441, 1.35), (x + 0.17, 0.443, 1.65), TAPE[colour_name])
            digit(m, label, x + 0.02, 1.4, 0.2, 0.441, ink)
        with m.frame((0.0, 0.0, 0.0), heading_deg=90):
            for label, x, colour_name in (("1", -0.05, "red"), ("2", 0.72, "yellow")):
                m.span((x - 0.05, 0.441, 1.35), (x + 0.17, 0.443, 1.65), TAPE[colour_name])
                digit(m, label, x + 0.02, 1.4, 0.2, 0.441, ink)


@KIT.prop(
    "installation-tester",
    "Installationstester",
    "An installation tester (insulation, loop impedance, RCD trip time) with its test leads.",
)
def installation_tester(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a table (z = the table's height); the display faces −y."""
    del o
    yellow = Material(COLOURS["signal-yellow"], 0.45)
    with m.frame((0, 0, 0), pitch_deg=-15):
        m.box((0, 0, 0), (0.24, 0.3, 0.07), yellow, bevel=0.02)
        m.span((-0.1, -0.13, 0.07), (0.1, 0.06, 0.072), Material(COLOURS["anthracite"], 0.5))
        m.span((-0.08, -0.1, 0.072), (0.08, 0.0, 0.074), Material((0.2, 0.3, 0.25), 0.1, emission=0.7))
        m.span((-0.06, -0.07, 0.074), (0.05, -0.04, 0.075), Material((0.1, 0.1, 0.1), 0.3))
        with m.frame((0.04, 0.03, 0.073)):
            m.cylinder((0, 0, 0), 0.025, 0.015, Material(COLOURS["black"], 0.5), segments=12)
    for k, lead in enumerate(("signal-red", "blue", "black")):
        x = -0.06 + k * 0.06
        tint = Material(COLOURS[lead], 0.5)
        m.rod((x, 0.15, 0.05), (x + 0.05, 0.28, 0.005), 0.004, tint, segments=4)
        m.rod((x + 0.05, 0.28, 0.005), (x - 0.15 + k * 0.1, 0.3, 0.005), 0.004, tint, segments=4)
        m.rod((x - 0.15 + k * 0.1, 0.3, 0.01), (x - 0.25 + k * 0.1, 0.22, 0.01), 0.009, tint, segments=6)


@KIT.prop(
    "touch-panel",
    "Smart-Home-Bedienfeld (KNX)",
    "A wall touch panel of a building-automation system, showing rooms, light and heating.",
    colour("color", "white", "frame colour"),
)
def touch_panel(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.4 m)."""
    m.span((-0.13, -0.015, -0.09), (0.13, 0.0, 0.09), Material(o.rgb("color"), 0.3), bevel=0.004)
    with m.frame((0, 0, 0)):
        screen_image(m, 0.23, 0.15, -0.016, "dashboard", 7)
    # Cable ends still hanging out of the flush box beside it: the panel is being commissioned.
    m.rod((0.2, -0.005, -0.1), (0.23, -0.06, -0.2), 0.004, CABLE, segments=4)
    m.rod((0.21, -0.005, -0.1), (0.19, -0.05, -0.22), 0.003, Material((0.2, 0.6, 0.3), 0.5), segments=4)
    with m.frame((0.2, -0.002, -0.1), pitch_deg=90):
        m.cylinder((0, 0, 0), 0.034, 0.004, FLUSH_BOX, segments=14)
