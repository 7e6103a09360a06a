"""The bundled fonts (DejaVu Sans, see fonts/README.md), loaded for crisp text in a headset."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from direct.showbase.Loader import Loader
    from panda3d.core import TextFont

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
PIXELS_PER_EM = 72
"""Glyph texture resolution: at 1.5° body text a headset shows about 30 px per em; twice that
keeps letters sharp when a visitor leans in."""
LINE_HEIGHT_EM = 1.3


def font_path(name: str) -> Path:
    return Path(str(resources.files("vr_station.ui") / "fonts" / name))


@dataclass(frozen=True)
class Fonts:
    regular: TextFont
    bold: TextFont


def load_fonts(loader: Loader) -> Fonts:
    from panda3d.core import Filename, SamplerState

    fonts = []
    for name in (REGULAR, BOLD):
        path = font_path(name)
        if not path.is_file():
            raise FileNotFoundError(f"the bundled font {path} is missing; reinstall the station")
        font = loader.loadFont(Filename.fromOsSpecific(str(path)).getFullpath(), pixelsPerUnit=PIXELS_PER_EM,
                               minFilter=SamplerState.FT_linear_mipmap_linear,
                               magFilter=SamplerState.FT_linear, anisotropicDegree=4,
                               lineHeight=LINE_HEIGHT_EM)
        if not font.isValid():
            raise RuntimeError(f"Panda3D cannot read the font {path}")
        fonts.append(font)
    return Fonts(fonts[0], fonts[1])
