"""Car workshop: tyre service machines, diagnosis, tyre racks and the high-voltage bay."""

from __future__ import annotations

import itertools
import math

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, number
from scenes.kit.care import castor
from scenes.kit.fittings import KIT as FITTINGS
from scenes.kit.fittings import sign
from scenes.kit.office import screen_image
from scenes.kit.parts import CHROME, RUBBER, STEEL
from scenes.materials import COLOURS, MATERIALS, Material
from scenes.mesh import MeshBuilder

KIT = Kit("garage")

RIM = Material((0.75, 0.76, 0.78), 0.3, 0.9)
TYRE_PROFILE = [(0.2, -0.1), (0.31, -0.095), (0.32, 0.0), (0.31, 0.095), (0.2, 0.1), (0.21, 0.0), (0.2, -0.1)]


def tyre(m: MeshBuilder, centre: tuple[float, float, float], upright: bool, rim: bool = False) -> None:
    """A car tyre (about 205/55 R16), lying flat or standing with its axle along x."""
    pitch = 90.0 if upright else 0.0
    with m.frame(centre, heading_deg=90.0 if upright else 0.0, pitch_deg=pitch):
        m.lathe(TYRE_PROFILE, RUBBER, segments=16)
        if rim:
            m.cylinder((0, 0, -0.08), 0.205, 0.16, RIM, segments=14)
            m.cylinder((0, 0, 0.081), 0.05, 0.004, Material(COLOURS["dark-grey"], 0.4), segments=8)


@KIT.prop(
    "tyre-changer",
    "Reifenmontiermaschine",
    "A tyre changer with turntable, mounting column and bead breaker, a wheel clamped on it.",
    colour("color", "#c0282d", "body colour"),
    flag("wheel", True, "a wheel clamped on the turntable"),
)
def tyre_changer(m: MeshBuilder, o: PropOptions) -> None:
    """The operator stands in front (−y); the column is at the back."""
    body = Material(o.rgb("color"), 0.35)
    dark = Material(COLOURS["anthracite"], 0.45)
    m.box((0, 0.05, 0), (0.78, 0.95, 0.78), body, bevel=0.02)
    m.span((-0.3, -0.43, 0.0), (0.3, -0.4, 0.06), dark)
    for k, x in enumerate((-0.18, 0.0, 0.18)):
        m.span((x - 0.06, -0.6, 0.02), (x + 0.06, -0.43, 0.06 + 0.01 * k), dark)
    m.cylinder((0, -0.02, 0.78), 0.33, 0.05, STEEL, segments=20)
    for a in (0, 90, 180, 270):
        r = math.radians(a)
        m.box((0.27 * math.sin(r), -0.02 + 0.27 * math.cos(r), 0.83), (0.06, 0.06, 0.05), dark)
    if o.flag("wheel"):
        tyre(m, (0, -0.02, 0.97), upright=False, rim=True)
    # Column, arm and mounting head.
    m.span((-0.09, 0.4, 0.78), (0.09, 0.56, 1.9), body, bevel=0.01)
    m.span((-0.07, 0.0, 1.78), (0.07, 0.52, 1.9), body, bevel=0.01)
    m.rod((0.0, -0.02, 1.78), (0.0, -0.02, 1.2), 0.025, CHROME)
    m.box((0.0, -0.02, 1.12), (0.07, 0.1, 0.08), dark, bevel=0.01)
    # Bead breaker on the right and the inflation gauge on the left.
    m.rod((0.39, 0.2, 0.45), (0.62, -0.05, 0.92), 0.03, body)
    m.box((0.62, -0.1, 0.38), (0.08, 0.22, 0.18), dark, bevel=0.01)
    m.cylinder((-0.41, -0.1, 0.7), 0.06, 0.03, CHROME, segments=14, axis="x")
    m.cylinder((-0.43, -0.1, 0.7), 0.05, 0.005, Material(COLOURS["white"], 0.3), segments=14, axis="x")


@KIT.prop(
    "wheel-balancer",
    "Wuchtmaschine",
    "A wheel balancer with a wheel on its shaft, guard raised and the imbalance display.",
    colour("color", "#2f5f9e", "body colour"),
)
def wheel_balancer(m: MeshBuilder, o: PropOptions) -> None:
    """The operator stands in front (−y); the wheel sits on the shaft at the left."""
    body = Material(o.rgb("color"), 0.35)
    m.span((-0.3, -0.28, 0.0), (0.45, 0.3, 0.85), body, bevel=0.02)
    m.span((-0.3, -0.3, 0.85), (0.45, 0.3, 0.9), Material(COLOURS["anthracite"], 0.5))
    for k in range(4):  # the tray of balancing weights
        x = -0.25 + k * 0.17
        m.span((x, -0.26, 0.86), (x + 0.15, -0.05, 0.9), Material(COLOURS["dark-grey"], 0.6))
        m.span((x + 0.02, -0.2, 0.9), (x + 0.12, -0.12, 0.91), Material(COLOURS["steel"], 0.3, 0.8))
    m.rod((-0.3, 0.0, 0.95), (-0.75, 0.0, 0.95), 0.02, CHROME)
    tyre(m, (-0.55, 0.0, 0.95), upright=True, rim=True)
    m.cylinder((-0.71, 0.0, 0.95), 0.06, 0.04, Material(COLOURS["anthracite"], 0.4), segments=10, axis="x")
    # The wheel guard, swung up behind the wheel.
    with m.frame((-0.55, 0.3, 1.0), pitch_deg=-25):
        m.span((-0.22, -0.02, 0.0), (0.22, 0.02, 0.55), Material(COLOURS["anthracite"], 0.5), bevel=0.01)
    m.rod((-0.3, 0.3, 0.9), (-0.55, 0.3, 1.0), 0.015, CHROME)
    # Display on a post: inner and outer imbalance in grams.
    m.span((0.15, 0.2, 0.9), (0.2, 0.26, 1.35), body)
    with m.frame((0.17, 0.2, 1.45), pitch_deg=-10):
        m.box((0, 0, -0.13), (0.42, 0.06, 0.28), Material(COLOURS["anthracite"], 0.4), bevel=0.01)
        m.span((-0.18, -0.031, -0.1), (0.18, -0.03, 0.1), Material((0.04, 0.05, 0.06), 0.1, emission=0.5))
        for x, tint in ((-0.09, (1.0, 0.3, 0.2)), (0.09, (0.3, 1.0, 0.45))):
            m.span((x - 0.06, -0.033, -0.02), (x + 0.06, -0.031, 0.05), Material(tint, 0.2, emission=1.0))


@KIT.prop(
    "diagnosis-cart",
    "Diagnosegerät (Werkstattwagen)",
    "A mobile diagnosis tester: a tablet showing live data, the vehicle interface and its cable.",
    colour("color", "#33363a", "cart colour"),
)
def diagnosis_cart(m: MeshBuilder, o: PropOptions) -> None:
    cart = Material(o.rgb("color"), 0.4)
    for x in (-0.25, 0.25):
        for y in (-0.18, 0.18):
            castor(m, x, y, 0.05)
            m.rod((x, y, 0.1), (x, y, 0.95), 0.015, cart)
    for z in (0.15, 0.55, 0.95):
        m.span((-0.28, -0.21, z - 0.02), (0.28, 0.21, z), cart)
    m.rod((-0.22, 0.25, 0.95), (0.22, 0.25, 0.95), 0.015, CHROME)
    m.box((0.05, 0.0, 0.55), (0.35, 0.25, 0.12), Material(COLOURS["signal-red"], 0.35), bevel=0.01)
    m.box((-0.15, 0.05, 0.15), (0.2, 0.3, 0.25), Material(COLOURS["black"], 0.5), bevel=0.02)
    with m.frame((0.0, 0.05, 0.95), pitch_deg=-30):
        m.box((0, 0, 0), (0.4, 0.03, 0.28), Material(COLOURS["black"], 0.4), bevel=0.01)
        with m.frame((0, 0, 0.14)):
            screen_image(m, 0.36, 0.23, -0.016, "dashboard", 4)
    # The interface plugged in and its cable hanging in a loop towards the car.
    m.box((-0.2, -0.12, 0.95), (0.1, 0.06, 0.04), Material(COLOURS["yellow"], 0.4), bevel=0.008)
    cable = Material(COLOURS["black"], 0.5)
    points = [
        (-0.2, -0.15, 0.97),
        (-0.3, -0.3, 0.8),
        (-0.32, -0.35, 0.55),
        (-0.3, -0.3, 0.35),
        (-0.26, -0.22, 0.5),
    ]
    for a, b in itertools.pairwise(points):
        m.rod(a, b, 0.007, cable, segments=5)


@KIT.prop(
    "tyre-rack",
    "Reifenregal",
    "A steel rack with car tyres standing on three levels.",
    number("width_m", 2.4, 0.8, 6.0, "length"),
    integer("levels", 3, 1, 4, "levels"),
    number("fill", 0.85, 0.0, 1.0, "share of places with a tyre"),
    colour("color", "#1f5fa8", "frame colour"),
)
def tyre_rack(m: MeshBuilder, o: PropOptions) -> None:
    w, levels = o.num("width_m"), o.int("levels")
    frame = Material(o.rgb("color"), 0.45)
    depth, step = 0.45, 0.7
    h = levels * step + 0.1
    for x in (-w / 2, w / 2):
        for y in (-depth / 2, depth / 2):
            m.span((x - 0.025, y - 0.025, 0.0), (x + 0.025, y + 0.025, h), frame)
    count = int((w - 0.1) / 0.23)
    seed = 7
    for level in range(levels):
        z = 0.1 + level * step
        for y in (-0.12, 0.12):
            m.span((-w / 2, y - 0.02, z - 0.04), (w / 2, y + 0.02, z), frame)
        for k in range(count):
            seed = (seed * 1103515245 + 12345) % 2**31
            if seed / 2**31 > o.num("fill"):
                continue
            x = -w / 2 + 0.05 + (k + 0.5) * (w - 0.1) / count
            tyre(m, (x, 0.0, z + 0.3), upright=True)


@KIT.prop(
    "chain-barrier",
    "Absperrung (Kette)",
    "Red and white posts with a plastic chain, optionally with a warning sign on it.",
    number("length_m", 3.0, 0.8, 12.0, "length (along x)"),
    choice("sign", "high-voltage", ("none", "high-voltage"), "sign hanging on the chain"),
)
def chain_barrier(m: MeshBuilder, o: PropOptions) -> None:
    length = o.num("length_m")
    posts = max(2, math.ceil(length / 2.0) + 1)
    red, white = Material(COLOURS["signal-red"], 0.4), Material(COLOURS["white"], 0.4)
    xs = [-length / 2 + k * length / (posts - 1) for k in range(posts)]
    for x in xs:
        m.cylinder((x, 0, 0), 0.17, 0.05, Material(COLOURS["anthracite"], 0.5), segments=14)
        for k in range(5):
            m.cylinder((x, 0, 0.05 + k * 0.19), 0.025, 0.19, red if k % 2 == 0 else white, segments=8)
        m.sphere((x, 0, 1.0), 0.03, white, segments=8, rings=4)
    for a, b in itertools.pairwise(xs):
        links = max(4, int((b - a) / 0.09))
        for k in range(links):
            t0, t1 = k / links, (k + 1) / links
            sag0, sag1 = 0.18 * 4 * t0 * (1 - t0), 0.18 * 4 * t1 * (1 - t1)
            m.rod(
                (a + (b - a) * t0, 0.0, 0.95 - sag0),
                (a + (b - a) * t1, 0.0, 0.95 - sag1),
                0.012,
                red if k % 2 == 0 else white,
                segments=4,
            )
    if o.text("sign") != "none":
        mid = (xs[0] + xs[1]) / 2
        # Printed on both sides, hanging from the chain.
        options = PropOptions(FITTINGS.types["sign"].options, {"motif": "high-voltage", "size_m": 0.36})
        with m.frame((mid, -0.015, 0.6)):
            sign(m, options)
        with m.frame((mid, 0.015, 0.6), heading_deg=180):
            sign(m, options)


@KIT.prop(
    "torque-wrench",
    "Drehmomentschlüssel",
    "A click-type torque wrench lying on a surface.",
)
def torque_wrench(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a bench or trolley (z = the surface's height)."""
    del o
    m.rod((-0.3, 0.0, 0.02), (0.2, 0.0, 0.02), 0.014, CHROME, segments=8)
    m.rod((0.2, 0.0, 0.02), (0.33, 0.0, 0.02), 0.018, Material(COLOURS["black"], 0.6), segments=8)
    m.cylinder((-0.33, 0.0, 0.0), 0.026, 0.035, CHROME, segments=12)
    m.box((-0.33, 0.0, 0.0), (0.02, 0.02, 0.045), MATERIALS["cast-iron"])
    m.span((0.0, -0.016, 0.025), (0.09, 0.016, 0.036), Material((0.9, 0.9, 0.85), 0.3))
    m.box((0.12, 0.0, 0.0), (0.04, 0.04, 0.04), Material(COLOURS["signal-red"], 0.4), bevel=0.005)


@KIT.prop(
    "wallbox",
    "Wallbox (Ladestation)",
    "A wall charger for electric cars with its cable coiled on a holder.",
    colour("color", "white", "housing colour"),
)
def wallbox(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.3 m)."""
    housing = Material(o.rgb("color"), 0.3)
    m.span((-0.17, -0.12, -0.22), (0.17, 0.0, 0.22), housing, bevel=0.02)
    m.span((-0.1, -0.122, 0.08), (0.1, -0.12, 0.12), Material((0.3, 0.8, 1.0), 0.2, emission=1.0))
    m.span((-0.05, -0.14, -0.12), (0.05, -0.12, -0.04), Material(COLOURS["anthracite"], 0.4))
    cable = Material(COLOURS["black"], 0.5)
    with m.frame((0.32, -0.06, 0.0), pitch_deg=90):
        m.lathe([(0.14, -0.02), (0.16, 0.0), (0.14, 0.02), (0.12, 0.0), (0.14, -0.02)], cable, segments=16)
    m.span((0.29, -0.1, 0.1), (0.35, -0.02, 0.16), Material(COLOURS["anthracite"], 0.4))
    m.rod((0.0, -0.12, -0.2), (0.1, -0.1, -0.45), 0.012, cable, segments=5)
    m.rod((0.1, -0.1, -0.45), (0.3, -0.1, -0.2), 0.012, cable, segments=5)


@KIT.prop(
    "oil-drainer",
    "Altölauffanggerät",
    "A mobile waste-oil drainer with a funnel on a telescopic tube.",
    colour("color", "#e8c22a", "tank colour"),
)
def oil_drainer(m: MeshBuilder, o: PropOptions) -> None:
    tank = Material(o.rgb("color"), 0.35)
    for x in (-0.2, 0.2):
        castor(m, x, -0.15, 0.05)
        castor(m, x, 0.15, 0.05)
    m.box((0, 0, 0.1), (0.5, 0.4, 0.5), tank, bevel=0.05)
    m.cylinder((0, 0, 0.6), 0.035, 0.9, CHROME, segments=8)
    m.cylinder((0, 0, 1.5), 0.08, 0.1, tank, segments=14, radius_top=0.3)
    m.cylinder((0, 0, 1.6), 0.3, 0.02, Material(COLOURS["anthracite"], 0.4), segments=20, caps=False)
    m.rod((-0.2, 0.2, 0.6), (-0.2, 0.3, 1.0), 0.015, CHROME)
