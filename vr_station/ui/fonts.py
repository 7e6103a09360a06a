"""The bundled fonts (see fonts/README.md), loaded for crisp text in a headset.

One family per script: DejaVu Sans for Latin (German, English, Turkish) and Cyrillic (Ukrainian,
Russian) and the symbols the station draws (✓ ▸ ◀ ⌫), Noto Sans Arabic for Arabic. A Panda3D
``TextNode`` draws with one font, so ``Fonts.for_text`` picks the family by the letters a text
holds, and ``ui.bidi`` gives each run of a mixed line the font of its own script.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from vr_station.ui.bidi import visual_runs

if TYPE_CHECKING:
    from panda3d.core import TextFont

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
ARABIC_REGULAR = "NotoSansArabic-Regular.ttf"
ARABIC_BOLD = "NotoSansArabic-Bold.ttf"
PIXELS_PER_EM = 72
"""Glyph texture resolution: at 1.5° body text a headset shows about 30 px per em; twice that
keeps letters sharp when a visitor leans in."""
LINE_HEIGHT_EM = 1.3
_LOADS = itertools.count()
"""Numbers each ``load_fonts``, so that the names of its run properties are its own."""


def font_path(name: str) -> Path:
    """Where the bundled font file ``name`` lies in the installed package."""
    return Path(str(resources.files("vr_station.ui") / "fonts" / name))


def is_arabic(char: str) -> bool:
    """Whether ``char`` is an Arabic letter, mark or sign (drawn with the Arabic font).

    The Arabic blocks of Unicode: Arabic, Supplement, Extended-A/B and both presentation-forms
    blocks (U+0600–U+06FF, U+0750–U+077F, U+0870–U+08FF, U+FB50–U+FDFF, U+FE70–U+FEFF).
    """
    code = ord(char)
    return (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x0870 <= code <= 0x08FF
            or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF)


def has_glyph(font: TextFont, char: str) -> bool:
    """Whether ``font`` draws ``char`` (a glyph with a quad, not an empty stand-in)."""
    glyph = font.getGlyph(ord(char))
    return glyph is not None and bool(glyph.hasQuad())


@dataclass(frozen=True)
class Fonts:
    """The station's regular and bold fonts, for Latin and Cyrillic and for Arabic."""

    regular: TextFont
    bold: TextFont
    arabic_regular: TextFont
    arabic_bold: TextFont
    load: int = field(default_factory=lambda: next(_LOADS), compare=False)
    """Which ``load_fonts`` made them (names their run properties)."""

    def for_script(self, *, arabic: bool, bold: bool) -> TextFont:
        """The font for Arabic letters or for every other script the station shows."""
        if arabic:
            return self.arabic_bold if bold else self.arabic_regular
        return self.bold if bold else self.regular

    def for_text(self, text: str, *, bold: bool) -> TextFont:
        """The font for a text of one script: Arabic as soon as it holds an Arabic letter."""
        return self.for_script(arabic=any(is_arabic(c) for c in text), bold=bold)

    def run_markup(self, line: str, *, base_rtl: bool, bold: bool,
                   arabic_font_has: Callable[[str], bool]) -> str:
        """``line`` as Panda3D text: its runs in visual order, each in its own properties.

        The runs come from ``ui.bidi``; each is embedded in the properties of its direction
        and font (``run_properties``).
        """
        return "".join(
            f"\1{self.run_properties(rtl=run.rtl, arabic=run.arabic_font, bold=bold)}"
            f"\1{run.text}\2"
            for run in visual_runs(line, base_rtl=base_rtl, arabic=is_arabic,
                                   arabic_font_has=arabic_font_has))

    def run_properties(self, *, rtl: bool, arabic: bool, bold: bool) -> str:
        """The name of the text properties of an embedded run (``ui.bidi``): direction and font.

        Panda3D looks embedded properties up by name in one process-wide manager. The names
        hold this load's number, and they are cleared when these fonts are gone, so the
        manager keeps no station's glyph textures alive after it.
        """
        from panda3d.core import TextProperties, TextPropertiesManager

        name = (f"vr-run-{self.load}-{'rtl' if rtl else 'ltr'}-{'ar' if arabic else 'latin'}"
                f"-{'bold' if bold else 'regular'}")
        manager = TextPropertiesManager.getGlobalPtr()
        if not manager.hasProperties(name):
            properties = TextProperties()
            properties.setFont(self.for_script(arabic=arabic, bold=bold))
            properties.setDirection(TextProperties.D_rtl if rtl else TextProperties.D_ltr)
            manager.setProperties(name, properties)
            weakref.finalize(self, manager.clearProperties, name)
        return name


def load_fonts() -> Fonts:
    """Load the bundled fonts for this station, not into Panda3D's process-wide font pool.

    Their glyph textures go away with the station, and a new station can set them up afresh.
    """
    from panda3d.core import DynamicTextFont, Filename, SamplerState

    fonts = []
    for name in (REGULAR, BOLD, ARABIC_REGULAR, ARABIC_BOLD):
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
    return Fonts(*fonts)
