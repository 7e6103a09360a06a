"""Colleagues at work: standing people in the clothes of their trade, built like the interviewer.

A workplace reads at a glance when someone works in it: chef's whites at the stove, scrubs on
the ward, overalls under the car. People are still (no animation), so they merge into the
room's static geometry like any prop.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scenes.avatar.figure import static_head
from scenes.avatar.looks import AvatarLook
from scenes.kit.base import Kit, PropOptions, choice, colour, flag
from scenes.materials import COLOURS, Material, Rgb, lighter, parse_colour
from scenes.mesh import MeshBuilder, placement_matrix

KIT = Kit("people")


def _rgb(code: str) -> Rgb:
    value = parse_colour(code)
    assert value is not None, code
    return value


@dataclass(frozen=True)
class Outfit:
    """The clothes of a trade on a standing colleague (colours sRGB)."""

    top: Rgb
    trousers: Rgb
    shoes: Rgb
    sleeves: Rgb | None = None
    """Sleeve colour where it differs from the top (a vest over a shirt)."""
    apron: Rgb | None = None
    vest: Rgb | None = None
    """A high-visibility or tool vest over the top."""
    hat: str = ""
    """chef (toque), cap, helmet or none."""
    coat: bool = False
    """A long open coat (doctor, lab)."""


OUTFITS: dict[str, Outfit] = {
    "chef": Outfit(_rgb("#f4f4f0"), _rgb("#2b2b2e"), _rgb("#1d1d1f"), apron=_rgb("#f0f0ec"), hat="chef"),
    "nurse": Outfit(_rgb("#f2f4f6"), _rgb("#f2f4f6"), _rgb("#f0f0f0"), sleeves=_rgb("#f2f4f6"), vest=None),
    "scrubs": Outfit(_rgb("#5fa3b5"), _rgb("#5fa3b5"), _rgb("#f0f0f0")),
    "doctor": Outfit(_rgb("#b9d3ea"), _rgb("#3b4350"), _rgb("#2a2420"), sleeves=_rgb("#f7f7f5"), coat=True),
    "mechanic": Outfit(_rgb("#2c3e63"), _rgb("#2c3e63"), _rgb("#1d1d1f"), vest=None),
    "warehouse": Outfit(_rgb("#4a4f57"), _rgb("#30343b"), _rgb("#1d1d1f"), vest=_rgb("#e8f02a")),
    "joiner": Outfit(_rgb("#5c6b4e"), _rgb("#4a4032"), _rgb("#3b2a1d"), apron=_rgb("#6b5a44")),
    "electrician": Outfit(
        _rgb("#2f5f9e"), _rgb("#3a3f47"), _rgb("#1d1d1f"), vest=_rgb("#e07a1f"), hat="helmet"
    ),
    "office": Outfit(_rgb("#8aa9c9"), _rgb("#3a3f47"), _rgb("#2a2420")),
    "educator": Outfit(_rgb("#d9773a"), _rgb("#3b4d63"), _rgb("#6b4a30")),
    "it": Outfit(_rgb("#3a3f47"), _rgb("#2f3a4c"), _rgb("#e8e4da")),
}
"""Work clothes by trade."""

SKINS = {"light": _rgb("#e6bea2"), "medium": _rgb("#c68e6b"), "dark": _rgb("#7e5035")}


def _look(o: PropOptions) -> AvatarLook:
    outfit = OUTFITS[o.text("outfit")]
    return AvatarLook(
        id="person",
        description="",
        skin=SKINS[o.text("skin")],
        hair=o.rgb("hair_color"),
        hair_style=o.text("hair_style"),
        jacket=outfit.top,
        shirt=outfit.top,
        trousers=outfit.trousers,
        iris=_rgb("#4a3a2a"),
        lips=lighter(SKINS[o.text("skin")], -0.18),
        beard=o.flag("beard"),
    )


@KIT.prop(
    "person",
    "Person (Kollegin/Kollege)",
    "A colleague standing at work, in the clothes of the trade.",
    choice("outfit", "chef", tuple(OUTFITS), "work clothes"),
    choice("skin", "light", tuple(SKINS), "skin tone"),
    colour("hair_color", "#3b2619", "hair colour"),
    choice("hair_style", "short", ("short", "bob", "bun", "ponytail"), "hair style"),
    flag("beard", False, "a trimmed beard"),
    choice("pose", "working", ("working", "standing"), "hands at work in front, or arms down"),
)
def person(m: MeshBuilder, o: PropOptions) -> None:
    """Faces −y like every prop: place people facing the counter or machine they work at."""
    outfit = OUTFITS[o.text("outfit")]
    look = _look(o)
    skin = Material(look.skin, 0.55)
    top = Material(outfit.top, 0.8)
    sleeves = Material(outfit.sleeves or outfit.top, 0.8)
    trousers = Material(outfit.trousers, 0.85)
    shoes = Material(outfit.shoes, 0.5)
    # Legs and shoes; the figure is built facing +y and turned round at the end.
    with m.frame((0, 0, 0), heading_deg=180):
        for side in (-1, 1):
            m.rod((side * 0.1, 0.0, 0.92), (side * 0.1, 0.01, 0.1), 0.07, trousers, segments=10)
            m.box((side * 0.1, 0.06, 0.0), (0.11, 0.28, 0.1), shoes, bevel=0.035)
        m.sphere((0, 0, 0.93), (0.17, 0.11, 0.1), trousers, segments=12, rings=6)
        # Torso.
        with m.frame((0, 0, 0.9), scale=(1.0, 0.6, 1.0)):
            m.lathe(
                [
                    (0.0, 0.0),
                    (0.165, 0.0),
                    (0.158, 0.15),
                    (0.18, 0.45),
                    (0.17, 0.52),
                    (0.09, 0.58),
                    (0.0, 0.58),
                ],
                top,
                segments=16,
            )
        m.sphere((0.0, 0.0, 1.43), (0.2, 0.1, 0.06), top, segments=12, rings=6)
        if outfit.vest is not None:
            vest = Material(outfit.vest, 0.6, emission=0.12)
            with m.frame((0, 0, 0.98), scale=(1.0, 0.6, 1.0)):
                m.lathe(
                    [(0.172, 0.0), (0.172, 0.1), (0.19, 0.4), (0.17, 0.45), (0.172, 0.0)], vest, segments=16
                )
            for z in (1.08, 1.2):
                with m.frame((0, 0, z), scale=(1.0, 0.6, 1.0)):
                    m.cylinder(
                        (0, 0, 0),
                        0.19,
                        0.03,
                        Material((0.85, 0.85, 0.85), 0.2, emission=0.3),
                        segments=16,
                        caps=False,
                    )
        if outfit.apron is not None:
            m.span((-0.17, 0.1, 0.45), (0.17, 0.115, 1.2), Material(outfit.apron, 0.85))
        if outfit.coat:
            # A coat worn open: round like the torso under it, the shirt showing in front.
            coat = Material(_rgb("#f7f7f5"), 0.75)
            with m.frame((0, 0, 0.6), scale=(1.0, 0.64, 1.0)):
                m.lathe(
                    [
                        (0.0, 0.0),
                        (0.205, 0.0),
                        (0.2, 0.35),
                        (0.195, 0.62),
                        (0.2, 0.8),
                        (0.15, 0.85),
                        (0.0, 0.85),
                    ],
                    coat,
                    segments=16,
                )
            m.span((-0.045, 0.12, 0.95), (0.045, 0.134, 1.42), top)
            for side in (-1, 1):
                m.rod((side * 0.045, 0.134, 0.95), (side * 0.09, 0.13, 1.4), 0.008, coat, segments=4)
        if o.text("outfit") == "chef":
            for k in range(3):
                for side in (-1, 1):
                    m.sphere(
                        (side * 0.06, 0.105, 1.3 - k * 0.09),
                        0.009,
                        Material(_rgb("#2b2b2e"), 0.4),
                        segments=6,
                        rings=4,
                    )
        # Arms.
        sleeve_r = 0.048
        for side in (-1, 1):
            shoulder = (side * 0.2, 0.0, 1.42)
            if o.text("pose") == "working":
                elbow = (side * 0.23, 0.04, 1.12)
                hand = (side * 0.14, 0.36, 1.0)
            else:
                elbow = (side * 0.23, -0.01, 1.12)
                hand = (side * 0.24, 0.02, 0.84)
            m.rod(shoulder, elbow, sleeve_r, sleeves, segments=10)
            m.sphere(elbow, sleeve_r, sleeves, segments=8, rings=5)
            m.rod(
                elbow, hand, sleeve_r * 0.85, sleeves if outfit.sleeves or outfit.coat else skin, segments=10
            )
            m.sphere(
                hand,
                (0.04, 0.05, 0.025) if o.text("pose") == "working" else (0.025, 0.04, 0.05),
                skin,
                segments=8,
                rings=5,
            )
        m.cylinder((0, -0.01, 1.4), 0.05, 0.14, skin, segments=10)
        head_pivot = (0.0, 0.0, 1.5)
        head = static_head(replace(look, jacket=outfit.top))
        m.add(head.transformed(placement_matrix(head_pivot)))
        hat = outfit.hat
        if hat == "chef":
            m.cylinder((0, 0.005, 1.68), 0.1, 0.08, Material(_rgb("#f8f8f6"), 0.8), segments=16)
            m.sphere(
                (0, 0.005, 1.8), (0.12, 0.12, 0.07), Material(_rgb("#f8f8f6"), 0.85), segments=16, rings=6
            )
        elif hat == "helmet":
            m.sphere_patch(
                (0, 0.005, 1.62),
                (0.115, 0.13, 0.13),
                Material(COLOURS["white"], 0.3),
                lambda phi: (0.0, 80.0),
                segments=18,
                rings=6,
            )
            m.cylinder((0, 0.09, 1.63), 0.06, 0.01, Material(COLOURS["white"], 0.3), segments=8)
