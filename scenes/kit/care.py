"""Hospital wards, care homes and medical practices."""

from __future__ import annotations

import itertools
import math

from scenes.kit.base import Kit, PropOptions, colour, flag, integer, number
from scenes.kit.office import screen_image
from scenes.kit.parts import CHROME, RUBBER, STEEL, bar_handle, drawer_front
from scenes.materials import COLOURS, MATERIALS, Material, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("care")

WHITE = Material(COLOURS["white"], 0.4)
GREY_PLASTIC = Material((0.78, 0.8, 0.82), 0.45)
MATTRESS = Material((0.86, 0.9, 0.93), 0.8)
LINEN = Material((0.96, 0.96, 0.95), 0.9)
VITALS_BACKGROUND = (0.02, 0.03, 0.03)


def castor(m: MeshBuilder, x: float, y: float, r: float = 0.05) -> None:
    """A castor at (x, y) under a bed, trolley or stand, ``r`` metres in radius."""
    m.cylinder((x, y, r), r, 0.03, RUBBER, segments=10, axis="x")
    m.box((x, y, 2 * r - 0.005), (0.04, 0.05, 0.04), Material(COLOURS["grey"], 0.5))


def wheel(
    m: MeshBuilder,
    centre: tuple[float, float, float],
    radius: float,
    width: float,
    rim: Material = CHROME,
    axis: str = "x",
    spokes: int = 0,
) -> None:
    """A tyre with a rim, rolling about ``axis`` (x or y)."""
    heading = 90.0 if axis == "x" else 0.0
    with m.frame(centre, heading_deg=heading, pitch_deg=90):
        m.lathe(
            [
                (radius * 0.78, -width / 2),
                (radius, -width / 2 + 0.01),
                (radius, width / 2 - 0.01),
                (radius * 0.78, width / 2),
                (radius * 0.78, -width / 2),
            ],
            RUBBER,
            segments=20,
        )
        m.cylinder((0, 0, -width * 0.4), radius * 0.78, width * 0.8, rim, segments=16)
        for k in range(spokes):
            a = math.radians(k * 360 / spokes)
            m.rod(
                (0, 0, 0),
                (radius * 0.78 * math.cos(a), radius * 0.78 * math.sin(a), 0),
                0.003,
                CHROME,
                segments=4,
            )


@KIT.prop(
    "hospital-bed",
    "Krankenhausbett / Pflegebett",
    "Adjustable bed on castors, made up, with side rails.",
    colour("blanket_color", "#9fc3e0", "blanket colour"),
    colour("frame_color", "#d9dcdf", "colour of head and foot boards"),
    flag("head_raised", True, "head section raised"),
    flag("rails", True, "side rails up"),
)
def hospital_bed(m: MeshBuilder, o: PropOptions) -> None:
    """The head end is at the back (+y): place it with its back to a wall."""
    w, length, top = 1.0, 2.2, 0.6
    board = Material(o.rgb("frame_color"), 0.45)
    for x in (-0.4, 0.4):
        for y in (-0.95, 0.95):
            castor(m, x, y)
    m.span((-0.42, -1.0, 0.16), (0.42, 1.0, 0.22), Material(COLOURS["grey"], 0.5), bevel=0.01)
    m.span((-0.05, -0.3, 0.22), (0.05, 0.3, top - 0.1), STEEL)
    m.span(
        (-0.46, -1.04, top - 0.1), (0.46, 1.04, top - 0.04), Material(COLOURS["light-grey"], 0.5), bevel=0.01
    )
    mattress_z = top - 0.04
    m.span((-0.44, -1.0, mattress_z), (0.44, 0.3, mattress_z + 0.14), MATTRESS, bevel=0.04)
    angle = 35 if o.flag("head_raised") else 0
    with m.frame((0, 0.3, mattress_z), pitch_deg=angle):
        m.span((-0.44, 0.0, 0.0), (0.44, 0.72, 0.14), MATTRESS, bevel=0.04)
        m.box((0, 0.5, 0.13), (0.6, 0.32, 0.12), LINEN, bevel=0.05)
    blanket = Material(o.rgb("blanket_color"), 0.9)
    m.span((-0.46, -0.98, mattress_z + 0.1), (0.46, 0.22, mattress_z + 0.17), blanket, bevel=0.03)
    m.span((-0.46, 0.12, mattress_z + 0.1), (0.46, 0.3, mattress_z + 0.175), LINEN, bevel=0.03)
    m.span((-w / 2, -length / 2 - 0.04, 0.3), (w / 2, -length / 2, top + 0.35), board, bevel=0.03)
    m.span((-w / 2, length / 2, 0.3), (w / 2, length / 2 + 0.04, top + 0.55), board, bevel=0.03)
    if o.flag("rails"):
        for side in (-1, 1):
            x = side * 0.485
            for y0, y1 in ((-0.75, 0.05), (0.2, 0.9)):
                m.span((x - 0.012, y0, top + 0.14), (x + 0.012, y1, top + 0.34), GREY_PLASTIC, bevel=0.008)
                m.span(
                    (x - 0.01, y0 + 0.08, top + 0.18),
                    (x + 0.01, y1 - 0.08, top + 0.3),
                    Material((0.35, 0.4, 0.45), 0.5),
                )
    m.span(
        (0.3, -length / 2 - 0.09, top + 0.1),
        (0.42, -length / 2 - 0.04, top + 0.3),
        Material(COLOURS["white"], 0.4),
    )
    # The patient's hand control, hooked over the right side rail.
    m.box((0.52, 0.05, top + 0.08), (0.035, 0.07, 0.16), GREY_PLASTIC, bevel=0.01)
    for k, tint in enumerate(("blue", "blue", "safety-green")):
        m.span(
            (0.536, 0.03, top + 0.12 + k * 0.035),
            (0.54, 0.07, top + 0.14 + k * 0.035),
            Material(COLOURS[tint], 0.4),
        )
    m.rod((0.52, 0.05, top + 0.24), (0.49, 0.05, top + 0.34), 0.004, Material(COLOURS["grey"], 0.5))


@KIT.prop(
    "bedside-cabinet",
    "Nachttisch (Klinik)",
    "Bedside cabinet with drawer and swing-over table.",
    colour("color", "#e6e1d6", "body colour"),
    flag("table", True, "a swing-over table attached"),
)
def bedside_cabinet(m: MeshBuilder, o: PropOptions) -> None:
    body = Material(o.rgb("color"), 0.45)
    m.span((-0.25, -0.22, 0.06), (0.25, 0.22, 0.82), body, bevel=0.01)
    for x in (-0.2, 0.2):
        for y in (-0.17, 0.17):
            m.cylinder((x, y, 0.0), 0.03, 0.06, RUBBER, segments=8)
    drawer_front(m, -0.24, 0.24, 0.66, 0.8, -0.22, WHITE)
    m.span((-0.24, -0.235, 0.1), (0.24, -0.22, 0.62), WHITE, bevel=0.005)
    m.span((0.17, -0.25, 0.45), (0.2, -0.235, 0.55), CHROME)
    m.span((-0.27, -0.24, 0.82), (0.27, 0.24, 0.85), Material(COLOURS["beech"], 0.4), bevel=0.005)
    if o.flag("table"):
        m.rod((0.27, 0.0, 0.85), (0.27, 0.0, 1.0), 0.015, CHROME)
        m.span((0.22, -0.3, 1.0), (0.8, 0.1, 1.025), Material(COLOURS["beech"], 0.4), bevel=0.005)


@KIT.prop(
    "iv-stand",
    "Infusionsständer",
    "Drip stand on castors with an infusion bag, optionally an infusion pump on the pole.",
    flag("bag", True, "an infusion bag hanging"),
    flag("pump", False, "a volumetric infusion pump clamped to the pole"),
)
def iv_stand(m: MeshBuilder, o: PropOptions) -> None:
    if o.flag("pump"):
        # Faces −y: place the stand with its front towards where the nurse stands.
        m.box((0.0, -0.09, 1.1), (0.2, 0.14, 0.16), Material(COLOURS["off-white"], 0.4), bevel=0.015)
        m.span((-0.08, -0.161, 1.17), (0.04, -0.16, 1.24), Material((0.05, 0.1, 0.12), 0.1, emission=0.6))
        m.span((-0.06, -0.163, 1.2), (0.02, -0.161, 1.22), Material((0.4, 1.0, 0.6), 0.2, emission=1.0))
        for k in range(3):
            m.span(
                (0.06, -0.163, 1.14 + k * 0.03),
                (0.085, -0.161, 1.16 + k * 0.03),
                Material(COLOURS["light-grey"], 0.4),
            )
        m.rod((0.0, -0.02, 1.18), (0.0, 0.0, 1.18), 0.02, CHROME)
    for k in range(5):
        a = math.radians(k * 72)
        m.rod((0, 0, 0.08), (0.28 * math.sin(a), 0.28 * math.cos(a), 0.05), 0.012, CHROME)
        m.sphere((0.28 * math.sin(a), 0.28 * math.cos(a), 0.025), 0.025, RUBBER, segments=8, rings=4)
    m.rod((0, 0, 0.05), (0, 0, 1.95), 0.012, CHROME)
    for a in (0, 90, 180, 270):
        r = math.radians(a)
        m.rod((0, 0, 1.9), (0.12 * math.sin(r), 0.12 * math.cos(r), 1.95), 0.005, CHROME, segments=4)
    if o.flag("bag"):
        m.box(
            (0.12, 0.0, 1.55), (0.12, 0.04, 0.22), Material((0.92, 0.95, 0.97), 0.2, alpha=0.55), bevel=0.015
        )
        m.box((0.12, 0.0, 1.6), (0.1, 0.035, 0.12), Material((0.97, 0.97, 0.9), 0.3, alpha=0.5), bevel=0.01)
        m.rod(
            (0.12, 0.0, 1.55),
            (0.06, -0.2, 0.9),
            0.002,
            Material((0.9, 0.95, 1.0), 0.2, alpha=0.6),
            segments=4,
        )


@KIT.prop(
    "privacy-curtain",
    "Trennvorhang",
    "A curtain on a ceiling track between beds.",
    number("width_m", 2.0, 0.6, 5.0, "length of the curtain"),
    number("height_m", 2.6, 2.0, 4.0, "height of the track above the floor"),
    colour("color", "#b9d7cf", "fabric colour"),
    flag("drawn", True, "drawn across (false: pushed to one end)"),
)
def privacy_curtain(m: MeshBuilder, o: PropOptions) -> None:
    w, h = o.num("width_m"), o.num("height_m")
    m.span((-w / 2, -0.02, h - 0.03), (w / 2, 0.02, h), MATERIALS["aluminium"])
    fabric = Material(o.rgb("color"), 0.95)
    span = w if o.flag("drawn") else 0.45
    x0 = -w / 2
    folds = max(3, int(span / 0.12))
    points = []
    for k in range(folds + 1):
        points.append((x0 + k * span / folds, 0.045 if k % 2 else -0.045))
    for (xa, ya), (xb, yb) in itertools.pairwise(points):
        m.quad(
            [(xa, ya, 0.35), (xb, yb, 0.35), (xb, yb, h - 0.35), (xa, ya, h - 0.35)], fabric, two_sided=True
        )
        m.quad(
            [(xa, ya, h - 0.35), (xb, yb, h - 0.35), (xb, yb, h - 0.08), (xa, ya, h - 0.08)],
            Material(lighter(o.rgb("color"), 0.12), 0.9),
            two_sided=True,
        )


@KIT.prop(
    "patient-monitor",
    "Patientenmonitor",
    "Vital signs monitor on a wall arm.",
)
def patient_monitor(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of the screen's centre (about 1.7 m)."""
    del o
    m.span((-0.06, -0.02, -0.1), (0.06, 0.0, 0.1), GREY_PLASTIC)
    m.rod((0, -0.02, 0.0), (0.0, -0.3, 0.0), 0.02, GREY_PLASTIC)
    with m.frame((0, -0.32, 0.0), pitch_deg=-8):
        m.box((0, 0, -0.17), (0.38, 0.08, 0.3), Material(COLOURS["light-grey"], 0.4), bevel=0.015)
        m.span((-0.16, -0.041, -0.13), (0.16, -0.04, 0.1), Material(VITALS_BACKGROUND, 0.1, emission=0.6))
        for k, tint in enumerate(((0.3, 1.0, 0.45), (1.0, 0.9, 0.3), (0.35, 0.8, 1.0))):
            z = 0.06 - k * 0.065
            for s in range(10):
                x = -0.15 + s * 0.022
                peak = 0.02 if s % 5 == 2 else 0.004
                m.span((x, -0.043, z), (x + 0.02, -0.042, z + peak), Material(tint, 0.2, emission=1.0))
            m.span((0.09, -0.043, z - 0.005), (0.15, -0.042, z + 0.02), Material(tint, 0.2, emission=1.0))


@KIT.prop(
    "medical-cart",
    "Pflegewagen / Visitenwagen",
    "Care trolley with drawers, a laptop and supplies.",
    colour("color", "#e9ecef", "body colour"),
    flag("laptop", True, "a laptop on top"),
)
def medical_cart(m: MeshBuilder, o: PropOptions) -> None:
    body = Material(o.rgb("color"), 0.45)
    for x in (-0.3, 0.3):
        for y in (-0.2, 0.2):
            castor(m, x, y, 0.04)
    m.span((-0.35, -0.25, 0.1), (0.35, 0.25, 0.95), body, bevel=0.015)
    tints = ["light-blue", "mint", "yellow", "pink", "light-blue"]
    for k in range(5):
        z0 = 0.13 + k * 0.16
        drawer_front(m, -0.33, 0.33, z0, z0 + 0.155, -0.25, Material(COLOURS[tints[k]], 0.45))
    m.span((-0.37, -0.27, 0.95), (0.37, 0.27, 0.98), Material(COLOURS["light-grey"], 0.4), bevel=0.01)
    bar_handle(m, -0.25, 0.25, 0.27, 0.9, STEEL)
    if o.flag("laptop"):
        with m.frame((-0.05, 0.02, 0.98)):
            m.box((0, 0, 0), (0.34, 0.23, 0.015), Material(COLOURS["dark-grey"], 0.35), bevel=0.004)
            with m.frame((0, 0.112, 0.012), pitch_deg=-15):
                m.span((-0.17, -0.006, 0.0), (0.17, 0.0, 0.22), Material(COLOURS["dark-grey"], 0.35))
                with m.frame((0, 0, 0.11)):
                    screen_image(m, 0.3, 0.18, -0.0065, "spreadsheet", 5)
    for k, c in enumerate(("blue", "white", "signal-red")):
        m.cylinder(
            (0.22 + k * 0.04, -0.15, 0.98), 0.018, 0.16, MATERIALS["glossy-plastic"], COLOURS[c], segments=8
        )
    m.box((0.26, 0.12, 0.98), (0.14, 0.1, 0.08), Material(COLOURS["white"], 0.7))


@KIT.prop("wheelchair", "Rollstuhl", "A folding wheelchair.", colour("color", "#2c4f7c", "seat colour"))
def wheelchair(m: MeshBuilder, o: PropOptions) -> None:
    seat = Material(o.rgb("color"), 0.8)
    for side in (-1, 1):
        wheel(m, (side * 0.3, 0.1, 0.3), 0.3, 0.04, CHROME, spokes=12)
        wheel(m, (side * 0.22, -0.32, 0.08), 0.08, 0.03, Material(COLOURS["grey"], 0.5))
        m.rod((side * 0.24, -0.32, 0.16), (side * 0.24, 0.2, 0.5), 0.012, CHROME)
        m.rod((side * 0.24, 0.15, 0.5), (side * 0.24, 0.2, 0.95), 0.012, CHROME)
        m.rod((side * 0.24, 0.2, 0.95), (side * 0.24, 0.32, 0.98), 0.014, RUBBER)
        m.rod((side * 0.24, -0.2, 0.48), (side * 0.24, -0.4, 0.15), 0.01, CHROME)
        m.span((side * 0.24 - 0.06, -0.46, 0.12), (side * 0.24 + 0.06, -0.36, 0.14), RUBBER)
        m.span((side * 0.24 - 0.025, -0.1, 0.68), (side * 0.24 + 0.025, 0.15, 0.71), RUBBER)
    m.span((-0.23, -0.2, 0.48), (0.23, 0.18, 0.5), seat)
    with m.frame((0, 0.18, 0.5), pitch_deg=-10):
        m.span((-0.23, -0.01, 0.05), (0.23, 0.01, 0.45), seat)


@KIT.prop(
    "disinfectant-dispenser",
    "Desinfektionsmittelspender",
    "Wall dispenser for hand disinfectant.",
)
def disinfectant_dispenser(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.2 m)."""
    del o
    m.span((-0.06, -0.1, -0.16), (0.06, 0.0, 0.12), WHITE, bevel=0.01)
    m.span((-0.05, -0.13, -0.02), (0.05, -0.1, 0.14), Material(COLOURS["light-grey"], 0.4))
    m.rod((0.0, -0.12, -0.03), (0.0, -0.18, -0.05), 0.006, STEEL)
    m.span((-0.04, -0.101, -0.12), (0.04, -0.1, -0.06), Material(COLOURS["blue"], 0.5))


@KIT.prop(
    "exam-couch",
    "Untersuchungsliege",
    "Padded examination couch with a paper roll.",
    colour("color", "#2f6f8f", "upholstery colour"),
)
def exam_couch(m: MeshBuilder, o: PropOptions) -> None:
    """Its length runs along x; the head end is on the right (+x)."""
    pad = Material(o.rgb("color"), 0.5)
    for x in (-0.85, 0.85):
        m.span((x - 0.03, -0.3, 0.0), (x + 0.03, 0.3, 0.04), STEEL)
        m.rod((x, 0, 0.04), (x, 0, 0.62), 0.025, STEEL)
    m.span((-0.95, -0.32, 0.62), (0.95, 0.32, 0.66), STEEL)
    m.span((-0.95, -0.3, 0.66), (0.45, 0.3, 0.74), pad, bevel=0.03)
    with m.frame((0.45, 0, 0.66), roll_deg=-25):
        m.span((0.0, -0.3, 0.0), (0.55, 0.3, 0.08), pad, bevel=0.03)
    m.span((-0.9, -0.29, 0.742), (0.45, 0.29, 0.745), MATERIALS["paper"])
    m.cylinder((-1.0, 0.0, 0.7), 0.06, 0.58, MATERIALS["paper"], segments=12, axis="y")


@KIT.prop(
    "reception-desk",
    "Empfangstresen",
    "Reception counter with a raised front and a computer.",
    number("width_m", 2.4, 1.2, 5.0, "width"),
    colour("color", "#f2f2f0", "front colour"),
    colour("top_color", "#b8895a", "counter top colour"),
    flag("computer", True, "a screen and keyboard behind it"),
)
def reception_desk(m: MeshBuilder, o: PropOptions) -> None:
    """The visitor side is the front (−y); staff sit behind it."""
    w = o.num("width_m")
    front = Material(o.rgb("color"), 0.5)
    top = Material(o.rgb("top_color"), 0.4)
    m.span((-w / 2, -0.45, 0.0), (w / 2, -0.4, 1.1), front, bevel=0.008)
    m.span((-w / 2, -0.55, 1.1), (w / 2, -0.3, 1.14), top, bevel=0.008)
    m.span((-w / 2, -0.4, 0.72), (w / 2, 0.35, 0.75), front, bevel=0.008)
    for x in (-w / 2 + 0.02, w / 2 - 0.02):
        m.span((x - 0.02, -0.4, 0.0), (x + 0.02, 0.35, 0.72), front)
    m.span((-w / 2, -0.46, 0.05), (w / 2, -0.455, 0.1), Material(COLOURS["anthracite"], 0.5))
    if o.flag("computer"):
        with m.frame((0.3, 0.05, 0.75), heading_deg=180):
            m.box((0, 0.05, 0), (0.2, 0.16, 0.012), Material(COLOURS["anthracite"], 0.5))
            m.box((0, 0.06, 0.012), (0.04, 0.02, 0.12), Material(COLOURS["anthracite"], 0.5))
            with m.frame((0, 0.04, 0.3)):
                m.span((-0.28, -0.012, -0.17), (0.28, 0.02, 0.16), Material(COLOURS["black"], 0.4))
                screen_image(m, 0.54, 0.31, -0.0125, "spreadsheet", 2)


@KIT.prop(
    "waiting-chairs",
    "Wartebank (Stuhlreihe)",
    "A row of linked waiting-room chairs.",
    integer("seats", 4, 1, 8, "number of seats"),
    colour("color", "#3f6f9f", "seat colour"),
)
def waiting_chairs(m: MeshBuilder, o: PropOptions) -> None:
    n = o.int("seats")
    pitch = 0.55
    w = n * pitch
    seat = Material(o.rgb("color"), 0.4)
    m.span((-w / 2 + 0.05, -0.05, 0.36), (w / 2 - 0.05, 0.05, 0.4), Material(COLOURS["anthracite"], 0.4))
    for x in (-w / 2 + 0.2, w / 2 - 0.2):
        m.span((x - 0.03, -0.25, 0.0), (x + 0.03, 0.25, 0.03), STEEL)
        m.span((x - 0.025, -0.02, 0.03), (x + 0.025, 0.02, 0.38), STEEL)
    for k in range(n):
        x = -w / 2 + (k + 0.5) * pitch
        m.box((x, -0.02, 0.4), (0.48, 0.46, 0.05), seat, bevel=0.015)
        with m.frame((x, 0.22, 0.44), pitch_deg=-12):
            m.box((0, 0, 0.0), (0.46, 0.04, 0.42), seat, bevel=0.015)


@KIT.prop("blood-pressure-monitor", "Blutdruckmessgerät", "Wall-mounted blood pressure monitor with cuff.")
def blood_pressure_monitor(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre."""
    del o
    m.span((-0.1, -0.06, -0.14), (0.1, 0.0, 0.14), WHITE, bevel=0.01)
    m.span((-0.07, -0.062, -0.02), (0.07, -0.06, 0.1), Material((0.05, 0.07, 0.06), 0.2, emission=0.5))
    m.span((-0.05, -0.064, 0.02), (0.03, -0.062, 0.06), Material((0.4, 0.9, 0.6), 0.2, emission=1.0))
    m.box((0.0, -0.08, -0.35), (0.14, 0.06, 0.14), Material(COLOURS["navy"], 0.8), bevel=0.02)
    m.rod((0.0, -0.06, -0.14), (0.0, -0.08, -0.21), 0.005, Material(COLOURS["grey"], 0.5), segments=4)


@KIT.prop(
    "linen-cart",
    "Wäschewagen",
    "Laundry trolley with a fabric bag.",
    colour("color", "#5b8fc0", "bag colour"),
)
def linen_cart(m: MeshBuilder, o: PropOptions) -> None:
    for x in (-0.3, 0.3):
        for y in (-0.22, 0.22):
            castor(m, x, y, 0.04)
            m.rod((x, y, 0.1), (x, y, 0.95), 0.012, STEEL)
    for z in (0.12, 0.95):
        m.span((-0.32, -0.24, z - 0.01), (0.32, 0.24, z + 0.01), STEEL)
    m.span((-0.29, -0.21, 0.25), (0.29, 0.21, 0.93), Material(o.rgb("color"), 0.95), bevel=0.04)
    m.span((-0.27, -0.19, 0.93), (0.27, 0.19, 0.96), LINEN, bevel=0.02)


@KIT.prop(
    "wall-ward-panel",
    "Bettenleiste (Versorgungsschiene)",
    "The wall rail above a hospital bed with light, sockets, oxygen and nurse call.",
    number("width_m", 1.6, 0.8, 3.0, "length"),
)
def ward_panel(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of the rail (about 1.5 m)."""
    w = o.num("width_m")
    m.span((-w / 2, -0.08, -0.12), (w / 2, 0.0, 0.12), Material(COLOURS["off-white"], 0.4), bevel=0.01)
    m.span((-w / 2 + 0.05, -0.085, 0.05), (w / 2 - 0.05, -0.08, 0.1), MATERIALS["lamp"])
    for k, c in enumerate(("white", "white", "signal-red", "safety-green")):
        x = -w / 2 + 0.2 + k * 0.12
        m.span((x - 0.04, -0.09, -0.08), (x + 0.04, -0.08, 0.0), Material(COLOURS[c], 0.4))
    m.cylinder((w / 2 - 0.25, -0.1, -0.05), 0.03, 0.03, Material(COLOURS["blue"], 0.4), segments=10, axis="y")
    m.cylinder(
        (w / 2 - 0.15, -0.1, -0.05), 0.03, 0.03, Material(COLOURS["white"], 0.4), segments=10, axis="y"
    )
