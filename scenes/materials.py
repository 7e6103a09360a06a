"""Named colours and surface materials, in the words staff use in a layout file.

Colours are written in sRGB (``#rrggbb`` or a name below) because that is what colour pickers
show; the mesh builder converts them to linear light once, at load time, for the shader.
A material is how a surface reacts to light (roughness, metal, glow, see-through), with a
typical colour that a prop or a layout may replace.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

Rgb = tuple[float, float, float]
"""sRGB colour, each channel 0..1."""

COLOURS: dict[str, Rgb] = {
    name: (int(code[1:3], 16) / 255, int(code[3:5], 16) / 255, int(code[5:7], 16) / 255)
    for name, code in {
        "white": "#f2f2ee",
        "off-white": "#e8e4da",
        "cream": "#eee3c8",
        "black": "#1d1d1f",
        "light-grey": "#c4c6c8",
        "grey": "#8c8f92",
        "dark-grey": "#4a4d50",
        "anthracite": "#33363a",
        "red": "#b8322c",
        "signal-red": "#c7201c",
        "orange": "#e07a1f",
        "yellow": "#e8c22a",
        "signal-yellow": "#f0b800",
        "green": "#4f8a3c",
        "dark-green": "#2f5a2c",
        "safety-green": "#1f8a4c",
        "mint": "#9fd4bf",
        "teal": "#2c7f86",
        "turquoise": "#3aa6a8",
        "light-blue": "#8cb8da",
        "blue": "#2f5f9e",
        "navy": "#22304a",
        "purple": "#6b4a8c",
        "pink": "#e08aa8",
        "beige": "#d6c3a0",
        "sand": "#cdb68a",
        "brown": "#6e4a30",
        "dark-brown": "#3e2a1d",
        "oak": "#b8895a",
        "beech": "#d9b487",
        "walnut": "#6b4a33",
        "pine": "#dcb97e",
        "birch": "#e3cda6",
        "terracotta": "#b9633f",
        "steel": "#b9bcbf",
        "stainless": "#c9ccce",
        "aluminium": "#cfd2d4",
        "chrome": "#e4e6e8",
        "brass": "#c9a45a",
        "copper": "#b8724a",
        "rubber": "#26272a",
        "cardboard": "#b98f5e",
        "kraft": "#c49a66",
        "skin-light": "#eac3a6",
        "skin-medium": "#c68e67",
        "skin-dark": "#8a5a3c",
        "light-green": "#a9cf8a",
        "lime": "#b5d33a",
        "sky": "#a8cbe8",
        "lavender": "#b7a8d8",
    }.items()
}
"""Colour names staff may use instead of ``#rrggbb``."""

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def parse_colour(value: str) -> Rgb | None:
    """``#rrggbb`` or a name from COLOURS; None when it is neither."""
    if _HEX.match(value):
        return (int(value[1:3], 16) / 255, int(value[3:5], 16) / 255, int(value[5:7], 16) / 255)
    return COLOURS.get(value)


def colour_problem(value: object) -> str | None:
    """Why ``value`` is not a colour (with the nearest name), or None when it is one."""
    if isinstance(value, str) and parse_colour(value) is not None:
        return None
    close = difflib.get_close_matches(str(value), list(COLOURS), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{value!r} is not a colour{hint}: write #rrggbb or one of {', '.join(sorted(COLOURS))}"


def lighter(colour: Rgb, amount: float) -> Rgb:
    """``colour`` with ``amount`` (0..1) added to each channel; negative darkens."""
    r, g, b = (min(1.0, max(0.0, c + amount)) for c in colour)
    return (r, g, b)


def srgb_to_linear(channel: float) -> float:
    """One sRGB channel (0..1) as linear light, for the shader."""
    if channel <= 0.04045:
        return channel / 12.92
    return float(((channel + 0.055) / 1.055) ** 2.4)


@dataclass(frozen=True)
class Material:
    """How a surface looks: its colour and how it reacts to light."""

    colour: Rgb
    """Typical sRGB colour; props and layouts may tint it."""
    roughness: float = 0.7
    """0 = mirror-like, 1 = completely matt."""
    metallic: float = 0.0
    """1 for bare metal (steel, chrome), 0 for everything else."""
    emission: float = 0.0
    """Self-lit share of the colour: screens, lamps, daylight behind a window (0..1)."""
    alpha: float = 1.0
    """Below 1 the surface is see-through (glass) and drawn after everything opaque."""

    def tinted(self, colour: Rgb | None) -> Material:
        """This material in ``colour`` instead of its own (unchanged for None)."""
        return self if colour is None else replace(self, colour=colour)


MATERIALS: dict[str, Material] = {
    "stainless-steel": Material(COLOURS["stainless"], roughness=0.32, metallic=1.0),
    "brushed-steel": Material(COLOURS["steel"], roughness=0.45, metallic=1.0),
    "chrome": Material(COLOURS["chrome"], roughness=0.12, metallic=1.0),
    "aluminium": Material(COLOURS["aluminium"], roughness=0.4, metallic=1.0),
    "cast-iron": Material(COLOURS["anthracite"], roughness=0.6, metallic=0.8),
    "brass": Material(COLOURS["brass"], roughness=0.35, metallic=1.0),
    "painted-metal": Material(COLOURS["light-grey"], roughness=0.45),
    "powder-coat": Material(COLOURS["anthracite"], roughness=0.55),
    "plastic": Material(COLOURS["light-grey"], roughness=0.55),
    "glossy-plastic": Material(COLOURS["white"], roughness=0.25),
    "rubber": Material(COLOURS["rubber"], roughness=0.9),
    "wood": Material(COLOURS["oak"], roughness=0.65),
    "varnished-wood": Material(COLOURS["beech"], roughness=0.35),
    "laminate": Material(COLOURS["white"], roughness=0.4),
    "fabric": Material(COLOURS["grey"], roughness=0.95),
    "leather": Material(COLOURS["dark-brown"], roughness=0.5),
    "ceramic": Material(COLOURS["white"], roughness=0.15),
    "paper": Material(COLOURS["white"], roughness=0.9),
    "cardboard": Material(COLOURS["cardboard"], roughness=0.9),
    "concrete": Material(COLOURS["grey"], roughness=0.9),
    "plaster": Material(COLOURS["off-white"], roughness=0.9),
    "foliage": Material(COLOURS["green"], roughness=0.7),
    "soil": Material(COLOURS["dark-brown"], roughness=1.0),
    "glass": Material((0.75, 0.86, 0.9), roughness=0.05, alpha=0.28),
    "frosted-glass": Material((0.88, 0.92, 0.94), roughness=0.4, alpha=0.55),
    "screen": Material((0.55, 0.7, 0.85), roughness=0.1, emission=0.9),
    "screen-off": Material((0.06, 0.07, 0.08), roughness=0.1),
    "lamp": Material((1.0, 0.97, 0.9), roughness=0.5, emission=1.0),
    "heat-lamp": Material((1.0, 0.55, 0.25), roughness=0.5, emission=1.0),
    "daylight": Material((0.78, 0.88, 0.98), roughness=1.0, emission=1.0),
    "skin": Material(COLOURS["skin-light"], roughness=0.6),
    "hair": Material(COLOURS["dark-brown"], roughness=0.55),
    "eye-white": Material((0.93, 0.92, 0.9), roughness=0.2),
    "food": Material((0.8, 0.55, 0.3), roughness=0.6),
}
"""Materials by name; a layout's surfaces and a prop's ``material`` option choose from these."""
