"""Typing a comment: capitals where a sentence starts, no double spaces, a length limit."""

from vr_station.ui.keyboard import MAX_COMMENT_CHARS, TextEntry, cap, layout_for


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
    keys = "".join(layout_for("de"))
    assert all(c in keys for c in "äöüß")
    assert layout_for("xx") == layout_for("en")


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
