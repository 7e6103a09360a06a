"""The bundled fonts cover the languages the station is built for: DejaVu Sans the Latin and
Cyrillic ones and the symbols, Noto Sans Arabic the Arabic letters; licences ship with them."""

from __future__ import annotations

import pytest
from panda3d.core import DynamicTextFont, DynamicTextGlyph, Filename

from vr_station.ui.fonts import ARABIC_BOLD, ARABIC_REGULAR, BOLD, REGULAR, font_path

SAMPLES = {
    "de": "Größe Übung Äpfel Straße „Zitat“ – 1.300 €",
    "tr": "Ağaç Işık İstanbul şeker çiçek göğüs öğün ĞÜŞÇÖ",
    "pl": "Zażółć gęślą jaźń Łódź",
    "uk": "Привіт Їжак Ґанок Євген ї є і ґ ’",
    "ru": "Съешь же ещё этих мягких французских булок",
    "ui": "✓ ▶ ◀ ▸ ◂ ↻ ↺ ✎ ⌫ • ▏ ( ) / ? …",
}
ARABIC = "مرحبا بكم في المحطة، ما رأيك؟ ٠١٢٣ 0123 ! . : ء آ أ ؤ إ ئ ة ى ً ٌ ٍ َ ُ ِ ّ ْ"
"""Letters, Arabic punctuation, both kinds of digits and the vowel marks."""


def _missing(font_name: str, text: str) -> list[str]:
    font = DynamicTextFont(Filename.fromOsSpecific(str(font_path(font_name))))
    return [ch for ch in text if not ch.isspace()
            and not (isinstance(font.getGlyph(ord(ch)), DynamicTextGlyph)
                     and font.getGlyph(ord(ch)).hasQuad())]


@pytest.mark.parametrize("name", [REGULAR, BOLD])
@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_every_letter_has_a_glyph(name: str, language: str):
    assert _missing(name, SAMPLES[language]) == []


@pytest.mark.parametrize("name", [ARABIC_REGULAR, ARABIC_BOLD])
def test_the_arabic_font_has_every_arabic_letter_mark_and_digit(name: str):
    assert _missing(name, ARABIC) == []


def test_the_licence_ships_with_the_fonts():
    licence = font_path("LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence
    noto = font_path("LICENSE-Noto.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in noto and "Google" in noto
    notice = font_path("NOTICE").read_text(encoding="utf-8")
    assert all(name in notice for name in (REGULAR, BOLD, ARABIC_REGULAR, ARABIC_BOLD))


def test_arabic_is_shaped_so_letters_join(tmp_path):
    """With HarfBuzz, joined Arabic letters take less width than the same letters isolated."""
    from panda3d.core import TextNode, loadPrcFileData, unloadPrcFile

    font = DynamicTextFont(Filename.fromOsSpecific(str(font_path(ARABIC_REGULAR))))
    word = "مرحبا"
    widths = {}
    for shaped in (True, False):
        page = loadPrcFileData("test", f"text-use-harfbuzz {'#t' if shaped else '#f'}")
        node = TextNode("ar")
        node.setFont(font)
        node.setText(word)
        widths[shaped] = node.getWidth()
        unloadPrcFile(page)
    assert widths[True] != pytest.approx(widths[False], rel=0.02)
