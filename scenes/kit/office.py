"""Offices and IT: desks, office chairs, screens, computers, printers, server racks."""

from __future__ import annotations

import math
import random

from scenes.kit.base import Kit, PropOptions, choice, colour, flag, integer, number
from scenes.kit.parts import CHROME, RUBBER, STEEL, bar_handle, drawer_front
from scenes.materials import COLOURS, MATERIALS, Material, lighter
from scenes.mesh import MeshBuilder

KIT = Kit("office")

BLACK = Material(COLOURS["black"], 0.45)
DARK = Material(COLOURS["anthracite"], 0.5)
LED_GREEN = Material((0.3, 0.95, 0.4), 0.3, emission=1.0)
LED_BLUE = Material((0.35, 0.6, 1.0), 0.3, emission=1.0)
SCREEN_CONTENT = {
    "document": ((0.93, 0.94, 0.96), (0.25, 0.3, 0.4)),
    "spreadsheet": ((0.95, 0.96, 0.95), (0.2, 0.5, 0.3)),
    "code": ((0.12, 0.14, 0.18), (0.45, 0.75, 0.9)),
    "dashboard": ((0.16, 0.2, 0.27), (0.35, 0.75, 0.55)),
    "x-ray": ((0.05, 0.05, 0.06), (0.75, 0.78, 0.8)),
    "cad": ((0.2, 0.22, 0.26), (0.85, 0.8, 0.5)),
}


def screen_image(m: MeshBuilder, w: float, h: float, y: float, content: str, seed: int) -> None:
    """A lit screen picture ``w`` × ``h`` centred on the origin, in the plane y (facing −y)."""
    background, ink = SCREEN_CONTENT[content]
    m.span((-w / 2, y - 0.001, -h / 2), (w / 2, y, h / 2), Material(background, 0.15, emission=0.85))
    rng = random.Random(seed)
    ink_mat = Material(ink, 0.3, emission=0.8)
    if content == "x-ray":
        with m.frame((0, y - 0.0015, 0), pitch_deg=90):
            m.cylinder((0, 0, 0), h * 0.32, 0.0004, ink_mat, segments=14)
        return
    if content == "dashboard":
        for k in range(4):
            x = -w / 2 + 0.03 + k * (w - 0.06) / 4
            m.span(
                (x, y - 0.0015, -h / 2 + 0.03),
                (x + (w - 0.06) / 5, y - 0.0012, -h / 2 + 0.03 + rng.uniform(0.2, 0.8) * h * 0.5),
                ink_mat,
            )
        m.span(
            (-w / 2 + 0.03, y - 0.0015, h * 0.1),
            (w / 2 - 0.03, y - 0.0012, h / 2 - 0.03),
            Material((0.25, 0.3, 0.38), 0.3, emission=0.8),
        )
        return
    m.span(
        (-w / 2, y - 0.0012, h / 2 - h * 0.08),
        (w / 2, y - 0.001, h / 2),
        Material((0.2, 0.35, 0.6), 0.3, emission=0.8),
    )
    lines = int(h / 0.022)
    for k in range(1, lines - 1):
        z = h / 2 - h * 0.08 - k * (h * 0.9) / lines
        indent = 0.02 + (rng.randint(0, 3) * 0.02 if content == "code" else 0.0)
        length = rng.uniform(0.3, 0.9) * (w - 0.06 - indent)
        m.span(
            (-w / 2 + 0.02 + indent, y - 0.0015, z),
            (-w / 2 + 0.02 + indent + length, y - 0.0012, z + 0.006),
            ink_mat,
        )


@KIT.prop(
    "monitor",
    "Bildschirm",
    "A flat screen on a stand, switched on.",
    number("width_m", 0.6, 0.3, 1.2, "screen width"),
    choice("content", "document", tuple(SCREEN_CONTENT), "what the screen shows"),
    integer("seed", 1, 0, 999, "vary the picture"),
)
def monitor(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height)."""
    w = o.num("width_m")
    h = w * 0.58
    m.box((0, 0.05, 0), (0.22, 0.18, 0.012), DARK, bevel=0.004)
    m.box((0, 0.07, 0.012), (0.05, 0.025, 0.12), DARK)
    with m.frame((0, 0.04, 0.13 + h / 2), pitch_deg=-5):
        m.span(
            (-w / 2 - 0.01, -0.012, -h / 2 - 0.012), (w / 2 + 0.01, 0.02, h / 2 + 0.01), BLACK, bevel=0.004
        )
        screen_image(m, w - 0.012, h - 0.012, -0.0125, o.text("content"), o.int("seed"))


@KIT.prop(
    "computer",
    "PC (Tower)",
    "A desktop computer case with power light.",
    colour("color", "black", "case colour"),
)
def computer(m: MeshBuilder, o: PropOptions) -> None:
    case = Material(o.rgb("color"), 0.4)
    m.box((0, 0, 0), (0.2, 0.42, 0.44), case, bevel=0.008)
    m.span((-0.09, -0.212, 0.36), (0.09, -0.21, 0.42), DARK)
    m.cylinder((0.05, -0.213, 0.39), 0.008, 0.004, LED_BLUE, segments=8, axis="y")
    for k in range(8):
        m.span((-0.07, -0.2115, 0.06 + k * 0.03), (0.07, -0.211, 0.07 + k * 0.03), DARK)


@KIT.prop(
    "laptop",
    "Laptop",
    "An open laptop.",
    choice("content", "document", tuple(SCREEN_CONTENT), "what the screen shows"),
)
def laptop(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height)."""
    body = Material(COLOURS["dark-grey"], 0.35)
    m.box((0, 0, 0), (0.34, 0.23, 0.015), body, bevel=0.004)
    m.span((-0.15, -0.1, 0.015), (0.15, 0.02, 0.0165), BLACK)
    with m.frame((0, 0.112, 0.012), pitch_deg=-15):
        m.span((-0.17, -0.006, 0.0), (0.17, 0.0, 0.22), body)
        with m.frame((0, 0, 0.11)):
            screen_image(m, 0.3, 0.18, -0.0065, o.text("content"), 3)


@KIT.prop(
    "keyboard", "Tastatur und Maus", "Keyboard and mouse on a desk.", colour("color", "black", "colour")
)
def keyboard(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height)."""
    c = Material(o.rgb("color"), 0.5)
    m.box((0, 0, 0), (0.44, 0.14, 0.018), c, bevel=0.004)
    for row in range(5):
        m.span(
            (-0.2, -0.055 + row * 0.024, 0.018),
            (0.2, -0.04 + row * 0.024, 0.022),
            Material(lighter(o.rgb("color"), 0.08), 0.6),
        )
    m.sphere((0.3, 0.0, 0.012), (0.032, 0.055, 0.018), c, segments=10, rings=5)
    m.box((0.3, 0.0, 0.0), (0.22, 0.2, 0.003), Material(COLOURS["dark-grey"], 0.9))


@KIT.prop(
    "desk",
    "Schreibtisch",
    "An office desk; optionally with a computer workplace on it.",
    number("width_m", 1.6, 0.8, 2.4, "width"),
    number("depth_m", 0.8, 0.6, 1.0, "depth"),
    number("height_m", 0.74, 0.6, 1.2, "height (1.0 and more: standing desk)"),
    colour("color", "white", "table top colour"),
    colour("frame_color", "aluminium", "frame colour"),
    flag("computer", True, "a screen, keyboard and computer on and under it"),
    integer("screens", 1, 1, 3, "number of screens"),
    choice("content", "document", tuple(SCREEN_CONTENT), "what the screens show"),
    flag("drawers", True, "a drawer unit under the desk"),
    flag("papers", True, "papers, a mug and a phone on the desk"),
)
def desk(m: MeshBuilder, o: PropOptions) -> None:
    w, d, h = o.num("width_m"), o.num("depth_m"), o.num("height_m")
    top = Material(o.rgb("color"), 0.45)
    frame = Material(
        o.rgb("frame_color"), 0.4, 0.8 if o.text("frame_color") in ("aluminium", "chrome") else 0.0
    )
    m.span((-w / 2, -d / 2, h - 0.025), (w / 2, d / 2, h), top, bevel=0.005)
    for x in (-w / 2 + 0.05, w / 2 - 0.05):
        m.span((x - 0.03, -d / 2 + 0.06, 0.0), (x + 0.03, d / 2 - 0.06, 0.03), frame)
        m.span((x - 0.025, -0.03, 0.03), (x + 0.025, 0.03, h - 0.025), frame)
        m.span((x - 0.03, -d / 2 + 0.08, h - 0.06), (x + 0.03, d / 2 - 0.08, h - 0.025), frame)
    m.span((-w / 2 + 0.05, d / 2 - 0.1, h - 0.3), (w / 2 - 0.05, d / 2 - 0.09, h - 0.06), frame)
    if o.flag("drawers"):
        x = w / 2 - 0.3
        m.span(
            (x - 0.21, -d / 2 + 0.08, 0.05),
            (x + 0.21, -d / 2 + 0.62, 0.62),
            Material(COLOURS["light-grey"], 0.5),
            bevel=0.005,
        )
        for k in range(3):
            z0 = 0.08 + k * 0.18
            drawer_front(
                m, x - 0.2, x + 0.2, z0, z0 + 0.17, -d / 2 + 0.08, MATERIALS["laminate"], COLOURS["white"]
            )
        for sx in (-1, 1):
            for sy in (0, 1):
                m.cylinder((x + sx * 0.17, -d / 2 + 0.13 + sy * 0.44, 0.0), 0.02, 0.05, RUBBER, segments=8)
    if o.flag("computer"):
        n = o.int("screens")
        sw = 0.55 if n == 1 else 0.5
        for k in range(n):
            angle = (k - (n - 1) / 2) * 22
            x = (k - (n - 1) / 2) * (sw + 0.03) * math.cos(math.radians(angle))
            y_back = d / 2 - 0.28 - abs(k - (n - 1) / 2) * 0.1
            with m.frame((x, y_back, h), heading_deg=angle):
                monitor(m, _Fixed({"width_m": sw, "content": o.text("content"), "seed": k + 1}))
        with m.frame((0.0, -d / 2 + 0.25, h)):
            keyboard(m, _Fixed({"color": "black"}))
        with m.frame((-w / 2 + 0.22, 0.0, 0.0)):
            computer(m, _Fixed({"color": "black"}))
    if o.flag("papers"):
        rng = random.Random(int(w * 100))
        with m.frame((-w / 2 + 0.3, -d / 2 + 0.3, h), heading_deg=rng.uniform(-12, 12)):
            for k in range(4):
                m.span((-0.105, -0.148, k * 0.002), (0.105, 0.148, k * 0.002 + 0.002), MATERIALS["paper"])
        m.lathe(
            [(0, 0), (0.04, 0), (0.042, 0.1), (0.038, 0.1), (0.036, 0.01), (0, 0.01)],
            MATERIALS["ceramic"],
            COLOURS[rng.choice(["white", "signal-red", "blue", "yellow"])],
            segments=12,
        )
        with m.frame((w / 2 - 0.25, d / 2 - 0.25, h), heading_deg=-20):
            m.box((0, 0, 0), (0.2, 0.22, 0.04), DARK, bevel=0.01)
            m.box((-0.05, 0, 0.04), (0.06, 0.2, 0.035), BLACK, bevel=0.012)


class _Fixed(PropOptions):
    """Options for a prop drawn inside another one (a monitor on a desk)."""

    def __init__(self, values: dict[str, object]):
        super().__init__({}, values)


@KIT.prop(
    "office-chair",
    "Bürostuhl",
    "A swivel office chair on five castors.",
    colour("color", "anthracite", "upholstery colour"),
    flag("armrests", True, "armrests"),
    flag("headrest", False, "a headrest (executive chair)"),
    seat=True,
)
def office_chair(m: MeshBuilder, o: PropOptions) -> None:
    c = o.rgb("color")
    fabric = MATERIALS["fabric"]
    for k in range(5):
        a = math.radians(k * 72 + 18)
        x, y = 0.3 * math.sin(a), 0.3 * math.cos(a)
        m.rod((0, 0, 0.1), (x, y, 0.07), 0.018, BLACK)
        m.sphere((x, y, 0.03), 0.03, BLACK, segments=8, rings=4)
    m.cylinder((0, 0, 0.08), 0.025, 0.34, CHROME, segments=10)
    m.cylinder((0, 0, 0.08), 0.035, 0.12, BLACK, segments=10)
    m.box((0, 0, 0.4), (0.5, 0.48, 0.08), fabric, c, bevel=0.03)
    m.box((0, 0.0, 0.395), (0.36, 0.3, 0.02), BLACK)
    with m.frame((0, 0.25, 0.45), pitch_deg=-10):
        m.box((0, 0.0, 0.04), (0.08, 0.04, 0.16), BLACK)
        m.box((0, 0.02, 0.14), (0.46, 0.07, 0.5), fabric, c, bevel=0.035)
        if o.flag("headrest"):
            m.box((0, 0.03, 0.68), (0.3, 0.07, 0.16), fabric, c, bevel=0.03)
    if o.flag("armrests"):
        for x in (-0.26, 0.26):
            m.span((x - 0.015, -0.02, 0.44), (x + 0.015, 0.02, 0.62), BLACK)
            m.span((x - 0.035, -0.2, 0.62), (x + 0.035, 0.1, 0.65), BLACK, bevel=0.01)


@KIT.prop(
    "filing-cabinet",
    "Aktenschrank (Schubladen)",
    "A metal drawer cabinet for files.",
    integer("drawers", 4, 2, 5, "drawers"),
    colour("color", "light-grey", "colour"),
)
def filing_cabinet(m: MeshBuilder, o: PropOptions) -> None:
    n = o.int("drawers")
    h = 0.34 * n + 0.06
    body = Material(o.rgb("color"), 0.45)
    m.span((-0.24, -0.3, 0.0), (0.24, 0.3, h), body, bevel=0.006)
    for k in range(n):
        z0 = 0.04 + k * 0.34
        drawer_front(m, -0.23, 0.23, z0, z0 + 0.33, -0.3, body)
        m.span((-0.05, -0.322, z0 + 0.24), (0.05, -0.32, z0 + 0.28), MATERIALS["paper"])


@KIT.prop(
    "printer",
    "Drucker (Multifunktion)",
    "A multifunction office printer.",
    flag("stand", True, "a cabinet stand under it"),
)
def printer(m: MeshBuilder, o: PropOptions) -> None:
    z = 0.0
    grey = Material(COLOURS["light-grey"], 0.5)
    if o.flag("stand"):
        m.box((0, 0, 0), (0.58, 0.58, 0.5), Material(COLOURS["dark-grey"], 0.5), bevel=0.008)
        z = 0.5
    m.box((0, 0, z), (0.56, 0.56, 0.32), grey, bevel=0.01)
    m.box((0, 0.02, z + 0.32), (0.56, 0.5, 0.14), Material(COLOURS["white"], 0.45), bevel=0.01)
    m.span((-0.2, -0.28, z + 0.15), (0.2, -0.25, z + 0.2), DARK)
    m.span((-0.2, -0.24, z + 0.2), (0.2, 0.1, z + 0.205), MATERIALS["paper"])
    with m.frame((0.15, -0.26, z + 0.42), pitch_deg=35):
        m.box((0, 0, 0), (0.2, 0.12, 0.02), DARK)
        m.span((-0.07, -0.05, 0.02), (0.07, 0.05, 0.022), MATERIALS["screen"])
    for k in range(2):
        bar_handle(m, -0.15, 0.15, -0.28, z + 0.05 + k * 0.06, DARK, 0.015)


@KIT.prop(
    "whiteboard",
    "Whiteboard",
    "A whiteboard with notes, on the wall.",
    number("width_m", 1.5, 0.6, 3.0, "width"),
    number("height_m", 1.0, 0.5, 1.5, "height"),
    integer("seed", 1, 0, 999, "vary the notes"),
)
def whiteboard(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a wall at the height of its centre (about 1.5 m)."""
    w, h = o.num("width_m"), o.num("height_m")
    m.span((-w / 2, -0.02, -h / 2), (w / 2, 0.0, h / 2), MATERIALS["aluminium"])
    m.span(
        (-w / 2 + 0.015, -0.022, -h / 2 + 0.015),
        (w / 2 - 0.015, -0.02, h / 2 - 0.015),
        Material((0.96, 0.96, 0.97), 0.15),
    )
    m.span((-w / 2 + 0.1, -0.08, -h / 2 - 0.03), (w / 2 - 0.1, -0.0, -h / 2 - 0.01), MATERIALS["aluminium"])
    rng = random.Random(o.int("seed"))
    ink = [Material(COLOURS[c], 0.6) for c in ("blue", "black", "signal-red", "green")]
    for _ in range(3):
        cx, cz = rng.uniform(-w / 2 + 0.25, w / 2 - 0.25), rng.uniform(-h / 2 + 0.2, h / 2 - 0.2)
        pen = rng.choice(ink)
        for k in range(rng.randint(2, 5)):
            length = rng.uniform(0.1, 0.3)
            m.span(
                (cx - 0.15, -0.0225, cz - k * 0.05), (cx - 0.15 + length, -0.022, cz - k * 0.05 + 0.008), pen
            )
    for k in range(3):
        m.cylinder((-0.2 + k * 0.08, -0.05, -h / 2 - 0.01), 0.008, 0.12, ink[k], segments=6, axis="x")


@KIT.prop(
    "server-rack",
    "Serverschrank",
    "A 19-inch server rack with glass door and blinking lights, or a network cabinet with patch "
    "panels and cables.",
    number("height_m", 2.0, 1.0, 2.2, "height"),
    integer("seed", 1, 0, 999, "vary the equipment"),
    choice("kind", "servers", ("servers", "network"), "servers, or patch panels and switches"),
)
def server_rack(m: MeshBuilder, o: PropOptions) -> None:
    h = o.num("height_m")
    w, d = 0.6, 1.0
    m.span((-w / 2, -d / 2 + 0.03, 0.0), (w / 2, d / 2, h), BLACK, bevel=0.005)
    rng = random.Random(o.int("seed"))
    z = 0.1
    top = _patch_panels(m, h, d, rng) if o.text("kind") == "network" else h - 0.1
    while z < top - 0.05:
        units = rng.choice([1, 1, 2, 2, 4])
        uh = 0.0445 * units
        if z + uh > top:
            break
        if rng.random() < 0.15:
            m.span(
                (-0.24, -d / 2 + 0.03, z),
                (0.24, -d / 2 + 0.035, z + uh - 0.003),
                Material((0.05, 0.05, 0.05), 0.6),
            )
        else:
            face = Material(COLOURS[rng.choice(["dark-grey", "anthracite", "grey", "black"])], 0.4)
            m.span((-0.24, -d / 2 + 0.02, z), (0.24, -d / 2 + 0.03, z + uh - 0.003), face)
            for k in range(rng.randint(2, 8)):
                led = (
                    LED_GREEN
                    if rng.random() < 0.75
                    else LED_BLUE
                    if rng.random() < 0.8
                    else Material((1.0, 0.6, 0.2), 0.3, emission=1.0)
                )
                m.span(
                    (0.05 + k * 0.02, -d / 2 + 0.018, z + 0.012),
                    (0.058 + k * 0.02, -d / 2 + 0.02, z + 0.02),
                    led,
                )
            if units >= 2:
                for k in range(4):
                    m.span(
                        (-0.22 + k * 0.06, -d / 2 + 0.019, z + 0.01),
                        (-0.17 + k * 0.06, -d / 2 + 0.02, z + uh - 0.015),
                        Material((0.1, 0.1, 0.11), 0.5),
                    )
        z += uh
    m.span(
        (-w / 2 + 0.02, -d / 2, 0.05),
        (w / 2 - 0.02, -d / 2 + 0.01, h - 0.05),
        Material((0.15, 0.18, 0.2), 0.1, alpha=0.3),
    )
    m.span((w / 2 - 0.06, -d / 2 - 0.02, h * 0.45), (w / 2 - 0.04, -d / 2, h * 0.6), CHROME)


def _patch_panels(m: MeshBuilder, h: float, d: float, rng: random.Random) -> float:
    """Patch panels and switches from the top down, with patch cables between them.

    Returns the height (m) below which the rack holds other equipment.
    """
    cables = [Material(COLOURS[c], 0.5) for c in ("blue", "yellow", "green", "signal-red", "white")]
    panel = Material(COLOURS["light-grey"], 0.4)
    switch = Material(COLOURS["dark-grey"], 0.4)
    z = h - 0.15
    y = -d / 2 + 0.02
    for row in range(6):
        face = panel if row % 2 == 0 else switch
        m.span((-0.24, y, z - 0.044), (0.24, y + 0.01, z), face)
        for k in range(12):
            x = -0.21 + k * 0.036
            m.span((x, y - 0.001, z - 0.03), (x + 0.014, y, z - 0.014), Material((0.1, 0.1, 0.11), 0.5))
            if row % 2 == 0 and rng.random() < 0.8:
                cable = rng.choice(cables)
                m.rod(
                    (x + 0.007, y - 0.002, z - 0.022),
                    (x + 0.007, y - 0.04, z - 0.05),
                    0.003,
                    cable,
                    segments=4,
                )
                m.rod(
                    (x + 0.007, y - 0.04, z - 0.05),
                    (x + 0.02, y - 0.002, z - 0.066),
                    0.003,
                    cable,
                    segments=4,
                )
            elif row % 2 == 1 and k % 2 == 0:
                m.span((x, y - 0.002, z - 0.012), (x + 0.006, y - 0.001, z - 0.006), LED_GREEN)
        z -= 0.0445
    return z - 0.01


@KIT.prop("desk-phone", "Telefon", "A desk telephone.")
def desk_phone(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height)."""
    del o
    m.box((0, 0, 0), (0.2, 0.22, 0.04), DARK, bevel=0.01)
    m.box((-0.05, 0, 0.04), (0.06, 0.2, 0.035), BLACK, bevel=0.012)
    m.span((0.02, -0.05, 0.04), (0.08, 0.05, 0.042), MATERIALS["screen"])


@KIT.prop("water-dispenser", "Wasserspender", "A water cooler with a big bottle.")
def water_dispenser(m: MeshBuilder, o: PropOptions) -> None:
    del o
    m.box((0, 0, 0), (0.32, 0.34, 1.0), Material(COLOURS["white"], 0.4), bevel=0.01)
    m.span((-0.1, -0.175, 0.55), (0.1, -0.16, 0.75), DARK)
    for x in (-0.05, 0.05):
        m.cylinder(
            (x, -0.15, 0.7),
            0.012,
            0.03,
            MATERIALS["glossy-plastic"],
            COLOURS["blue"] if x < 0 else COLOURS["signal-red"],
            segments=8,
        )
    with m.frame((0, 0, 1.0)):
        m.lathe(
            [(0.03, 0), (0.03, 0.05), (0.1, 0.08), (0.135, 0.14), (0.135, 0.38), (0.0, 0.4)],
            Material((0.55, 0.75, 0.92), 0.1, alpha=0.5),
            segments=16,
        )


@KIT.prop(
    "partition",
    "Stellwand",
    "A fabric office partition screen.",
    number("width_m", 1.6, 0.6, 2.4, "width"),
    number("height_m", 1.5, 0.8, 2.0, "height"),
    colour("color", "teal", "fabric colour"),
)
def partition(m: MeshBuilder, o: PropOptions) -> None:
    w, h = o.num("width_m"), o.num("height_m")
    m.span((-w / 2, -0.03, 0.05), (w / 2, 0.03, h), MATERIALS["fabric"], o.rgb("color"), bevel=0.01)
    m.span((-w / 2 - 0.02, -0.035, 0.04), (w / 2 + 0.02, 0.035, 0.06), MATERIALS["aluminium"])
    m.span((-w / 2 - 0.02, -0.035, h), (w / 2 + 0.02, 0.035, h + 0.02), MATERIALS["aluminium"])
    for x in (-w / 2 + 0.1, w / 2 - 0.1):
        m.span((x - 0.03, -0.2, 0.0), (x + 0.03, 0.2, 0.05), MATERIALS["aluminium"])


@KIT.prop(
    "sofa",
    "Sofa",
    "A two- or three-seat sofa (waiting area, break room).",
    integer("seats", 2, 1, 4, "seats"),
    colour("color", "#5b6b7d", "upholstery colour"),
    seat=True,
)
def sofa(m: MeshBuilder, o: PropOptions) -> None:
    n = o.int("seats")
    w = 0.6 * n + 0.3
    c = o.rgb("color")
    fabric = MATERIALS["fabric"]
    m.box((0, 0, 0.08), (w, 0.85, 0.3), fabric, c, bevel=0.04)
    for k in range(n):
        x = -w / 2 + 0.15 + (k + 0.5) * 0.6
        m.box((x, -0.05, 0.38), (0.58, 0.65, 0.1), fabric, c, bevel=0.04)
        m.box((x, 0.3, 0.38), (0.58, 0.22, 0.42), fabric, c, bevel=0.06)
    for x in (-w / 2 + 0.075, w / 2 - 0.075):
        m.box((x, 0, 0.08), (0.15, 0.85, 0.55), fabric, c, bevel=0.05)
    for sx in (-1, 1):
        for sy in (-1, 1):
            m.cylinder((sx * (w / 2 - 0.08), sy * 0.35, 0.0), 0.025, 0.08, STEEL, segments=8)


@KIT.prop(
    "notepad",
    "Notizblock mit Stift",
    "A writing pad with a pen, lying on a desk.",
    colour("color", "white", "paper colour"),
)
def notepad(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a desk (z = desk height)."""
    m.span((-0.105, -0.15, 0.0), (0.105, 0.15, 0.008), MATERIALS["paper"], o.rgb("color"))
    m.span((-0.105, 0.13, 0.0), (0.105, 0.15, 0.01), DARK)
    for k in range(10):
        y = 0.1 - k * 0.022
        m.span((-0.09, y, 0.0081), (0.09, y + 0.0012, 0.0083), Material((0.55, 0.65, 0.8), 0.9))
    for k in range(4):
        y = 0.08 - k * 0.022
        m.span(
            (-0.08, y + 0.002, 0.0084),
            (-0.08 + 0.03 * (k + 2), y + 0.005, 0.0086),
            Material((0.1, 0.15, 0.4), 0.9),
        )
    m.rod((0.13, -0.1, 0.006), (0.15, 0.05, 0.006), 0.0045, Material(COLOURS["navy"], 0.3), segments=6)


@KIT.prop(
    "drinking-glass",
    "Wasserglas",
    "A glass of water (and optionally a bottle).",
    flag("bottle", True, "a water bottle beside it"),
)
def drinking_glass(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a table (z = table height)."""
    glass = Material((0.8, 0.9, 0.95), 0.05, alpha=0.35)
    m.lathe([(0, 0), (0.03, 0), (0.036, 0.11), (0.033, 0.11), (0.027, 0.005), (0, 0.005)], glass, segments=14)
    m.cylinder((0, 0, 0.006), 0.03, 0.07, Material((0.75, 0.88, 0.95), 0.05, alpha=0.25), segments=14)
    if o.flag("bottle"):
        with m.frame((0.09, 0.04, 0.0)):
            m.lathe(
                [(0, 0), (0.036, 0), (0.036, 0.17), (0.015, 0.22), (0.013, 0.25), (0, 0.25)],
                glass,
                segments=14,
            )
            m.cylinder((0, 0, 0.245), 0.014, 0.02, MATERIALS["glossy-plastic"], COLOURS["blue"], segments=10)
            m.cylinder(
                (0, 0, 0.07), 0.0365, 0.06, MATERIALS["paper"], COLOURS["light-blue"], segments=14, caps=False
            )
