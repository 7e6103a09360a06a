"""A doctor's practice: lab bench equipment, the blood-draw chair, ECG, steriliser, card reader."""

from __future__ import annotations

import math

from scenes.kit.base import Kit, PropOptions, colour
from scenes.kit.care import castor
from scenes.kit.parts import CHROME, STEEL
from scenes.materials import COLOURS, MATERIALS, Material
from scenes.mesh import MeshBuilder

KIT = Kit("practice")

WHITE = Material(COLOURS["white"], 0.35)
GREY = Material((0.78, 0.8, 0.82), 0.4)
TUBE_CAPS = ("signal-red", "orange", "green", "light-blue", "purple", "yellow")


@KIT.prop("centrifuge", "Laborzentrifuge", "A benchtop lab centrifuge with its lid and display.")
def centrifuge(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a worktop (z = the worktop's height)."""
    del o
    m.box((0, 0, 0), (0.34, 0.4, 0.22), WHITE, bevel=0.03)
    with m.frame((0, 0.02, 0.22)):
        m.cylinder((0, 0, 0), 0.15, 0.04, GREY, segments=20, radius_top=0.13)
        m.cylinder((0, 0, 0.04), 0.06, 0.012, Material((0.25, 0.45, 0.65), 0.2, alpha=0.6), segments=14)
    m.span((-0.12, -0.201, 0.07), (0.04, -0.2, 0.15), Material((0.04, 0.06, 0.08), 0.1, emission=0.6))
    m.span((-0.1, -0.203, 0.1), (0.0, -0.201, 0.13), Material((0.3, 0.9, 1.0), 0.2, emission=1.0))
    for k in range(2):
        m.cylinder((0.09 + k * 0.05, -0.205, 0.11), 0.014, 0.01, GREY, segments=8, axis="y")


@KIT.prop("tube-rack", "Röhrchenständer", "A rack of blood sample tubes with coloured caps.")
def tube_rack(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a worktop (z = the worktop's height)."""
    del o
    m.span((-0.12, -0.04, 0.0), (0.12, 0.04, 0.05), WHITE)
    for row in range(2):
        for k in range(6):
            if (row * 6 + k) % 5 == 3:
                continue
            x, y = -0.1 + k * 0.04, -0.018 + row * 0.036
            m.cylinder((x, y, 0.02), 0.007, 0.08, Material((0.85, 0.88, 0.9), 0.2, alpha=0.7), segments=6)
            m.cylinder((x, y, 0.09), 0.0085, 0.02, Material(COLOURS[TUBE_CAPS[k]], 0.4), segments=6)


@KIT.prop(
    "blood-draw-chair",
    "Blutentnahmestuhl",
    "A padded blood-draw chair with an adjustable armrest on the right.",
    colour("color", "#2f6f8f", "upholstery colour"),
)
def blood_draw_chair(m: MeshBuilder, o: PropOptions) -> None:
    """The patient sits facing −y; the padded armrest is on their right (local −x)."""
    pad = Material(o.rgb("color"), 0.5)
    m.span((-0.3, -0.3, 0.0), (0.3, 0.3, 0.04), STEEL)
    m.cylinder((0, 0, 0.04), 0.05, 0.38, CHROME, segments=10)
    m.box((0, 0, 0.42), (0.55, 0.55, 0.1), pad, bevel=0.03)
    with m.frame((0, 0.26, 0.5), pitch_deg=-12):
        m.box((0, 0, 0.0), (0.52, 0.09, 0.62), pad, bevel=0.03)
        m.box((0, -0.01, 0.64), (0.28, 0.1, 0.14), pad, bevel=0.04)
    for side in (-1, 1):
        x = side * 0.32
        m.rod((x, 0.15, 0.45), (x, 0.15, 0.7), 0.015, CHROME)
        length = 0.62 if side < 0 else 0.42
        m.box((x, 0.2 - length / 2 - 0.05, 0.7), (0.12, length, 0.06), pad, bevel=0.02)
    m.span((-0.4, -0.5, 0.76), (-0.24, -0.38, 0.77), Material(COLOURS["white"], 0.9))  # pad for the arm


@KIT.prop(
    "ecg-cart",
    "EKG-Gerät (auf Wagen)",
    "An ECG machine on a trolley: screen with the traces, printer, electrode cables.",
)
def ecg_cart(m: MeshBuilder, o: PropOptions) -> None:
    del o
    for x in (-0.22, 0.22):
        for y in (-0.17, 0.17):
            castor(m, x, y, 0.04)
    m.span((-0.26, -0.2, 0.1), (0.26, 0.2, 0.14), GREY)
    for x in (-0.22, 0.22):
        m.rod((x, 0.15, 0.14), (x, 0.15, 0.85), 0.015, CHROME)
    m.span((-0.27, -0.22, 0.82), (0.27, 0.22, 0.86), GREY, bevel=0.01)
    m.box((0.0, -0.02, 0.28), (0.4, 0.3, 0.12), Material(COLOURS["white"], 0.6), bevel=0.02)
    with m.frame((0, 0.0, 0.86)):
        m.box((0, 0, 0), (0.4, 0.3, 0.08), WHITE, bevel=0.015)
        m.span((0.06, -0.16, 0.04), (0.18, -0.15, 0.06), MATERIALS["paper"])
        with m.frame((0, 0.08, 0.08), pitch_deg=-20):
            m.box((0, 0, 0), (0.36, 0.04, 0.24), WHITE, bevel=0.01)
            m.span(
                (-0.16, -0.021, 0.02), (0.16, -0.02, 0.22), Material((0.02, 0.03, 0.03), 0.1, emission=0.5)
            )
            for k in range(4):
                z = 0.19 - k * 0.045
                for s in range(8):
                    x = -0.15 + s * 0.038
                    peak = 0.025 if s % 4 == 1 else 0.004
                    m.span(
                        (x, -0.023, z),
                        (x + 0.034, -0.022, z + peak),
                        Material((0.3, 1.0, 0.45), 0.2, emission=1.0),
                    )
    cable = Material((0.9, 0.9, 0.88), 0.5)
    for k, cap in enumerate(("signal-red", "yellow", "green", "black", "white", "brown")):
        x = -0.15 + k * 0.06
        sag = 0.25 + 0.05 * math.sin(k)
        m.rod((x, -0.15, 0.86), (x + 0.02, -0.28, 0.86 - sag), 0.004, cable, segments=4)
        m.sphere((x + 0.02, -0.28, 0.86 - sag), 0.012, Material(COLOURS[cap], 0.5), segments=6, rings=4)


@KIT.prop(
    "steriliser", "Dampfsterilisator (Autoklav)", "A benchtop steam steriliser with its door and display."
)
def steriliser(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a worktop (z = the worktop's height)."""
    del o
    m.box((0, 0, 0), (0.48, 0.55, 0.42), WHITE, bevel=0.02)
    with m.frame((-0.04, -0.276, 0.21), pitch_deg=90):
        m.cylinder((0, 0, 0), 0.15, 0.03, GREY, segments=20)
        m.cylinder((0, 0, 0.03), 0.12, 0.005, STEEL, segments=20)
    m.rod((0.11, -0.31, 0.14), (0.11, -0.31, 0.28), 0.012, Material(COLOURS["anthracite"], 0.4))
    m.span((0.15, -0.276, 0.26), (0.22, -0.275, 0.36), Material((0.05, 0.08, 0.1), 0.1, emission=0.6))
    m.span((0.16, -0.278, 0.32), (0.21, -0.276, 0.34), Material((0.3, 1.0, 0.5), 0.2, emission=1.0))
    m.span((0.16, -0.278, 0.28), (0.21, -0.276, 0.3), Material((1.0, 0.7, 0.2), 0.2, emission=0.9))
    # The instrument tray just taken out, with a sterile pack on it.
    m.span((0.28, -0.22, 0.0), (0.58, 0.0, 0.02), STEEL)
    m.box((0.43, -0.11, 0.02), (0.22, 0.14, 0.04), Material((0.7, 0.85, 0.95), 0.7), bevel=0.01)


@KIT.prop("card-reader", "Kartenlesegerät", "The reader for health insurance cards, with a card in it.")
def card_reader(m: MeshBuilder, o: PropOptions) -> None:
    """Place it on a counter (z = the counter's height)."""
    del o
    dark = Material(COLOURS["anthracite"], 0.4)
    with m.frame((0, 0, 0), pitch_deg=-12):
        m.box((0, 0, 0), (0.1, 0.17, 0.045), dark, bevel=0.01)
        m.span((-0.035, -0.07, 0.045), (0.035, -0.02, 0.047), Material((0.05, 0.1, 0.12), 0.1, emission=0.6))
        for k in range(3):
            for j in range(4):
                m.span(
                    (-0.03 + k * 0.022, -0.005 + j * 0.018, 0.045),
                    (-0.016 + k * 0.022, 0.007 + j * 0.018, 0.048),
                    Material(COLOURS["grey"], 0.5),
                )
        m.span((-0.027, 0.06, 0.045), (0.027, 0.12, 0.047), Material(COLOURS["safety-green"], 0.4))


@KIT.prop(
    "lab-fridge", "Laborkühlschrank", "A white lab fridge with a glass door, samples and reagents inside."
)
def lab_fridge(m: MeshBuilder, o: PropOptions) -> None:
    del o
    w, d, h = 0.6, 0.6, 1.4
    m.span((-w / 2, -d / 2, 0.0), (w / 2, d / 2, h), WHITE, bevel=0.01)
    m.span(
        (-w / 2 + 0.03, -d / 2 - 0.001, 0.08),
        (w / 2 - 0.03, -d / 2, h - 0.12),
        Material((0.2, 0.24, 0.27), 0.6),
    )
    for k in range(4):
        z = 0.12 + k * 0.3
        m.span((-w / 2 + 0.04, -d / 2 + 0.02, z), (w / 2 - 0.04, d / 2 - 0.05, z + 0.01), GREY)
        for j in range(4):
            tint = COLOURS[TUBE_CAPS[(k + j) % len(TUBE_CAPS)]] if j % 2 else COLOURS["white"]
            m.box((-0.19 + j * 0.125, -0.05, z + 0.01), (0.1, 0.2, 0.1 + 0.04 * (j % 2)), WHITE, tint)
    m.span((-w / 2 + 0.02, -d / 2 - 0.03, 0.06), (w / 2 - 0.02, -d / 2 - 0.01, h - 0.1), MATERIALS["glass"])
    m.rod((w / 2 - 0.06, -d / 2 - 0.05, 0.5), (w / 2 - 0.06, -d / 2 - 0.05, 1.0), 0.01, CHROME)
    m.span(
        (-0.1, -d / 2 - 0.002, h - 0.09),
        (0.1, -d / 2, h - 0.03),
        Material((0.05, 0.08, 0.1), 0.1, emission=0.6),
    )
    m.span(
        (-0.06, -d / 2 - 0.004, h - 0.075),
        (0.02, -d / 2 - 0.002, h - 0.045),
        Material((0.3, 0.9, 1.0), 0.2, emission=1.0),
    )
