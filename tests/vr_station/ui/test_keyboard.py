"""Typing a comment: capitals where a sentence starts, no double spaces, a length limit; one
keyboard definition per language, all of the same shape."""

import unicodedata

import pytest

from vr_station.ui.keyboard import MAX_COMMENT_CHARS, TextEntry, cap, layout_for
from vr_station.ui.keyboard_layouts import LAYOUTS, MAX_KEYS_PER_ROW


def test_sentences_start_with_a_capital_letter():
    entry = TextEntry()
    entry.type("gut gemacht. weiter so")
    assert entry.text == "Gut gemacht. Weiter so"


def test_spaces_never_double_and_never_lead():
    entry = TextEntry()
    entry.type("  hallo   welt")
    assert entry.text == "Hallo welt"


def test_backspace_removes_the_last_character_and_restores_the_capital():
    entry = TextEntry()
    entry.type("a")
    assert entry.text == "A"
    entry.backspace()
    assert entry.text == "" and entry.shift


def test_control_characters_are_ignored_and_newlines_become_spaces():
    entry = TextEntry()
    entry.type("ok\x07\nthanks")
    assert entry.text == "Ok thanks"


def test_comments_are_limited_in_length():
    entry = TextEntry()
    entry.type("x" * (MAX_COMMENT_CHARS + 50))
    assert len(entry.text) == MAX_COMMENT_CHARS


def test_german_keyboards_have_umlauts_and_sharp_s():
    keys = "".join(layout_for("de").rows)
    assert all(c in keys for c in "äöüß")
    assert "".join(layout_for("de").shifted or ()).count("Ä") == 1
    assert layout_for("xx") == layout_for("en")
    assert layout_for("de-x-ls") == layout_for("de"), "Leichte Sprache types on the German keys"


def test_shift_capitalises_the_next_letter_only_and_keeps_sharp_s_one_letter():
    entry = TextEntry("Ich ")
    entry.toggle_shift()
    entry.type("küche")
    assert entry.text == "Ich Küche"
    assert not entry.shift, "one letter, then small letters again"
    entry.type(" ")
    entry.toggle_shift()
    entry.type("ß")
    assert entry.text == "Ich Küche ß", "no capital ß on the keys: it stays one letter"
    assert cap("ä") == "Ä" and cap("ß") == "ß"


def test_shift_at_a_sentence_start_gives_a_small_letter():
    entry = TextEntry()
    assert entry.shift
    entry.toggle_shift()
    entry.type("iPhone")
    assert entry.text == "iPhone"


SCRIPT_LETTERS = {
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyz",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءآأؤإئةى",
}
"""Every letter of each alphabet (Turkish has no q w x: they are on the keys for loanwords)."""


@pytest.mark.parametrize("code", sorted(SCRIPT_LETTERS))
def test_every_letter_of_the_alphabet_has_a_key(code):
    keys = "".join(LAYOUTS[code].rows)
    assert [c for c in SCRIPT_LETTERS[code] if c not in keys] == []


@pytest.mark.parametrize("code", sorted(LAYOUTS))
def test_every_layout_has_the_same_shape(code):
    layout = LAYOUTS[code]
    keys = "".join(layout.rows)
    assert len(keys) == len(set(keys)), "a key twice"
    assert all(len(row) + (layout.has_shift and i == len(layout.rows) - 1) <= MAX_KEYS_PER_ROW
               for i, row in enumerate(layout.rows))
    assert {".", "?"} & set(keys) or {".", "؟"} <= set(keys), "a sentence can end"
    if layout.shifted is None:
        assert not any(c.lower() != c.upper() for c in keys), "capitals need a Shift layer"
    else:
        assert [len(r) for r in layout.shifted] == [len(r) for r in layout.rows]
        for row, shifted in zip(layout.rows, layout.shifted, strict=True):
            for key, capital in zip(row, shifted, strict=True):
                if key.isalpha() and key != "ß":
                    assert capital.lower() == key or (key, capital) in (("i", "İ"), ("ı", "I"))
                else:
                    assert capital == key, "digits and punctuation stay under Shift"
    if code in ("uk", "ru", "ar"):
        assert layout.latin == "de", "a non-Latin keyboard switches to the German Latin one"


def test_the_arabic_keyboard_is_the_arabic_101_layout_without_shift():
    arabic = LAYOUTS["ar"]
    assert not arabic.has_shift
    assert arabic.rows[1] == "ضصثقفغعهخحجد"
    assert all(unicodedata.bidirectional(c) in ("AL", "EN", "CS", "ON") for c in "".join(arabic.rows))


def test_turkish_capitals_keep_the_dot():
    entry = TextEntry(layout=LAYOUTS["tr"])
    entry.type("istanbul. ırmak")
    assert entry.text == "İstanbul. Irmak"
    assert cap("i", LAYOUTS["tr"]) == "İ" and cap("ı", LAYOUTS["tr"]) == "I"


def test_ukrainian_capitals_and_an_arabic_question_ends_a_sentence():
    entry = TextEntry(layout=LAYOUTS["uk"])
    entry.type("їжак і ґанок")
    assert entry.text == "Їжак і ґанок"
    arabic = TextEntry(layout=LAYOUTS["ar"])
    arabic.type("لماذا؟ شكرا")
    assert arabic.text == "لماذا؟ شكرا" and arabic.shift is False
