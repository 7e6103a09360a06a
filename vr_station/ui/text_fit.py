"""Whether a label that cannot page fits its button at the smallest size the panel may draw it.

Lists and long texts page ("1/2 ▸"), but a button's label, a chip, an occupation's title on its
card or a hotspot's floating label has only its own room: the button's width inside its padding,
and the lines that room may take before the row (and so the panel) grows out of its zone. The
panel (``ui.panel.UiKit.text``) shrinks a label until its longest word fits, but never below
``WORD_FIT_MIN_SCALE`` of its size, and then wraps it at spaces; a word still too wide breaks
with a hyphen at its language's hyphenation points (``ui.hyphens``, the same call as the panel's),
and where it has none (Turkish, Arabic) or a piece is still too wide, between letters (Panda3D's
word wrap, ``ui.bidi.break_lines``). ``content validate`` warns about a text that would be
broken between letters, or take more lines than its room has.

The rule here is pure: it measures through an injected ``Measure`` (width in em of a string at
em 1), and a ``LabelRoom`` is data. ``FontMeasures`` measures with the station's real fonts the
way the panel does (HarfBuzz-shaped runs for Arabic), and needs Panda3D but no window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vr_station.ui.bidi import break_lines, starts_right_to_left
from vr_station.ui.fonts import has_glyph, is_arabic
from vr_station.ui.hyphens import WORD_FIT_MIN_SCALE, Hyphenation, break_wide_words

if TYPE_CHECKING:
    from vr_station.ui.fonts import Fonts

__all__ = ["WORD_FIT_MIN_SCALE", "Fit", "FontMeasures", "LabelRoom", "Measure", "fit"]

Measure = Callable[[str], float]
"""The width of a one-line text in em (text 1 unit high)."""



@dataclass(frozen=True)
class LabelRoom:
    """The room one kind of label has on screen, in the metres of its panel."""

    kind: str
    """What the label is, in a staff member's words ("chip label", "hotspot label")."""
    holder: str
    """What holds it ("its button", "its card"), for the warning."""
    width_m: float
    """The width the text wraps in (the button's width less its padding)."""
    em_m: float
    """The label's text size before any shrinking (its angular size at its panel's distance)."""
    max_lines: int | None
    """The most lines it may take; None: any number (the label grows where nothing else is)."""
    bold: bool = True
    template: str = "{}"
    """How the panel decorates the text (``"✓ {}"``: a selected chip's tick, ``"◀  {}"``)."""


@dataclass(frozen=True)
class Fit:
    """How a text lays out in its room at the size the panel draws it."""

    lines: int
    """Lines it takes, words kept whole."""
    scale: float
    """The panel's shrink for its longest word (``WORD_FIT_MIN_SCALE`` … 1)."""
    widest_word: str
    overflow: float
    """How much wider than the room its widest word is at the smallest size (0: it fits)."""
    max_lines: int | None

    @property
    def fits(self) -> bool:
        """No word broken between letters and no more lines than the room has."""
        return self.overflow <= 0.0 and (self.max_lines is None or self.lines <= self.max_lines)


def fit(text: str, room: LabelRoom, measure: Measure, *, break_at_slashes: bool = True,
        hyphenation: Hyphenation | None = None) -> Fit:
    """Lay ``text`` out in ``room`` as the panel does, measured by ``measure``.

    ``hyphenation``: the language's, with which a word too wide even at the smallest size
    breaks with a hyphen (``ui.hyphens.break_wide_words``, which the panel calls too).

    ``break_at_slashes``: a left-to-right text's word too wide for the line breaks after a slash
    ("Pflegefachfrau/Pflegefachmann", ``ui.bidi.break_at_slashes``); the right-to-left path
    does not.
    """
    text = room.template.format(text)
    width_em = room.width_m / room.em_m
    if break_at_slashes or hyphenation is not None:
        text = break_wide_words(text, measure, width_em, hyphenation, slashes=break_at_slashes)
    words = [w for line in text.split("\n") for w in line.split(" ") if w]
    widths = {word: measure(word) for word in words}
    widest = max(widths, key=lambda w: widths[w], default="")
    longest = widths.get(widest, 0.0)
    scale = 1.0
    if longest > width_em:
        scale = max(WORD_FIT_MIN_SCALE, width_em / longest)
    wrap_em = width_em / scale
    overflow = max(0.0, longest / (width_em / WORD_FIT_MIN_SCALE) - 1.0)
    # Words wider than the line are kept whole here: ``overflow`` already says they break.
    lines = sum(len(break_lines(line, wrap_em, _whole_words(measure))) for line in text.split("\n"))
    return Fit(lines, scale, widest, overflow, room.max_lines)


def _whole_words(measure: Measure) -> Measure:
    """``measure`` for ``break_lines`` that never makes it cut a single word between letters."""
    def measured(line: str) -> float:
        return 0.0 if " " not in line else measure(line)
    return measured


class FontMeasures:
    """Measures texts with the station's fonts the way ``UiKit`` lays them out.

    Left-to-right text without Arabic is one ``TextNode`` in DejaVu Sans (``calcWidth``). Text
    with Arabic, or any text of a right-to-left language, is measured as ``UiKit._layout_bidi``
    measures it: each word shaped by HarfBuzz as visual runs in its script's font, plus the
    wider of the two fonts' spaces between words. Needs Panda3D with ``text-use-harfbuzz``
    (``load_prc`` sets it, as the station's display settings do), but no window.
    """

    def __init__(self, fonts: Fonts) -> None:
        from panda3d.core import TextNode

        self._fonts = fonts
        self._nodes = {bold: TextNode(f"measure-{'bold' if bold else 'regular'}")
                       for bold in (False, True)}
        for bold, node in self._nodes.items():
            node.setFont(fonts.bold if bold else fonts.regular)
        self._words: dict[tuple[str, bool, bool], float] = {}
        self._lines: dict[bool, dict[str, float]] = {}
        self._space = max(fonts.regular.getSpaceAdvance(), fonts.arabic_regular.getSpaceAdvance())

    @staticmethod
    def load_prc() -> None:
        """Turn on HarfBuzz shaping for this process (Arabic is measured shaped, as drawn)."""
        from panda3d.core import loadPrcFileData

        loadPrcFileData("vr_station.ui.text_fit", "text-use-harfbuzz #t")

    def fit(self, text: str, room: LabelRoom, *, rtl: bool, language: str | None = None) -> Fit:
        """How ``text`` fits ``room`` in a language written left to right or (``rtl``) right to left.

        ``language``: its code, for the hyphenation the station's panel uses in it
        (``Hyphenation.for_language``); None: none.
        """
        if rtl or any(is_arabic(char) for char in text):
            return fit(text, room, self._bidi_measure(room.template.format(text), room.bold),
                       break_at_slashes=False)
        hyphenation = Hyphenation.for_language(language) if language is not None else None
        return fit(text, room, self._latin_measure(room.bold), hyphenation=hyphenation)

    def _latin_measure(self, bold: bool) -> Measure:
        node = self._nodes[bold]
        widths = self._lines.setdefault(bold, {})

        def measure(line: str) -> float:
            # Remembered: Panda3D takes ~0.4 ms a call, and the "✓" and common words recur.
            width = widths.get(line)
            if width is None:
                width = widths[line] = node.calcWidth(line)
            return width

        return measure

    def _bidi_measure(self, text: str, bold: bool) -> Measure:
        from panda3d.core import TextNode, TextProperties

        base_rtl = starts_right_to_left(text)
        node = TextNode("measure-bidi")
        node.setFont(self._fonts.for_text(text, bold=bold))
        node.setDirection(TextProperties.D_rtl if base_rtl else TextProperties.D_ltr)
        fonts = self._fonts

        def word_width(word: str) -> float:
            key = (word, bold, base_rtl)
            width = self._words.get(key)
            if width is None:
                node.setText(fonts.run_markup(word, base_rtl=base_rtl, bold=bold,
                                              arabic_font_has=self._arabic_font_has))
                width = self._words[key] = float(node.getWidth())
            return width

        def measure(line: str) -> float:
            words = line.split(" ")
            return sum(word_width(word) for word in words) + self._space * (len(words) - 1)

        return measure

    def _arabic_font_has(self, char: str) -> bool:
        return char.isspace() or has_glyph(self._fonts.arabic_regular, char)
