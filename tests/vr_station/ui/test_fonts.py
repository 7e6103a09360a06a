"""The bundled font covers the languages the station is built for, Arabic shaped right to left."""

from __future__ import annotations

import pytest
from panda3d.core import DynamicTextFont, DynamicTextGlyph, Filename

from vr_station.ui.fonts import BOLD, REGULAR, font_path

SAMPLES = {
    "de": "Größe Übung Äpfel Straße „Zitat“ – 1.300 €",
    "tr": "Ağaç Işık İstanbul şeker çiçek göğüs öğün",
    "pl": "Zażółć gęślą jaźń Łódź",
    "uk": "Привіт Їжак Ґанок Євген",
    "ru": "Съешь же ещё этих мягких французских булок",
    "ar": "مرحبا بكم في المحطة",
    "ui": "✓ ▶ ◀ ↻ ✎ ⌫ • ▏",
}


@pytest.mark.parametrize("name", [REGULAR, BOLD])
@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_every_letter_has_a_glyph(name: str, language: str):
    font = DynamicTextFont(Filename.fromOsSpecific(str(font_path(name))))
    missing = [ch for ch in SAMPLES[language] if not ch.isspace()
               and not (isinstance(font.getGlyph(ord(ch)), DynamicTextGlyph)
                        and font.getGlyph(ord(ch)).hasQuad())]
    assert missing == []


def test_the_licence_ships_with_the_fonts():
    licence = font_path("LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence


def test_arabic_is_shaped_so_letters_join(tmp_path):
    """With HarfBuzz, joined Arabic letters take less width than the same letters isolated."""
    from panda3d.core import TextNode, loadPrcFileData, unloadPrcFile

    font = DynamicTextFont(Filename.fromOsSpecific(str(font_path(REGULAR))))
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
