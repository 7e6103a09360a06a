"""The bundled fonts (DejaVu Sans, see fonts/README.md), loaded for crisp text in a headset."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from panda3d.core import TextFont

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
PIXELS_PER_EM = 72
"""Glyph texture resolution: at 1.5° body text a headset shows about 30 px per em; twice that
keeps letters sharp when a visitor leans in."""
LINE_HEIGHT_EM = 1.3


def font_path(name: str) -> Path:
    """Where the bundled font file ``name`` lies in the installed package."""
    return Path(str(resources.files("vr_station.ui") / "fonts" / name))


@dataclass(frozen=True)
class Fonts:
    """The station's regular and bold fonts."""

    regular: TextFont
    bold: TextFont


def load_fonts() -> Fonts:
    """Load the bundled fonts for this station, not into Panda3D's process-wide font pool.

    Their glyph textures go away with the station, and a new station can set them up afresh.
    """
    from panda3d.core import DynamicTextFont, Filename, SamplerState

    fonts = []
    for name in (REGULAR, BOLD):
        path = font_path(name)
        if not path.is_file():
            raise FileNotFoundError(f"the bundled font {path} is missing; reinstall the station")
        font = DynamicTextFont(Filename.fromOsSpecific(str(path)))
        if not font.isValid():
            raise RuntimeError(f"Panda3D cannot read the font {path}")
        font.setPixelsPerUnit(PIXELS_PER_EM)
        font.setMinfilter(SamplerState.FT_linear_mipmap_linear)
        font.setMagfilter(SamplerState.FT_linear)
        font.setAnisotropicDegree(4)
        font.setLineHeight(LINE_HEIGHT_EM)
        fonts.append(font)
    return Fonts(fonts[0], fonts[1])
