"""Hyphenation of a word too wide even at the smallest text size (``ui.hyphens``), with a fake
measure: every character 1 em wide."""

from __future__ import annotations

from vr_station.ui.hyphens import WORD_FIT_MIN_SCALE, Hyphenation, break_wide_words


def letters(text: str) -> float:
    return float(len(text))


def test_a_two_word_compound_breaks_at_the_boundary_between_its_words() -> None:
    german = Hyphenation.for_language("de")
    assert german is not None
    assert german.split("Drehmomentschlüssel", letters, 12) == ["Drehmoment-", "schlüssel"]
    assert german.split("Hammer", letters, 12) == ["Hammer"]


def test_only_a_word_too_wide_at_the_smallest_size_breaks_and_slashes_come_first() -> None:
    german = Hyphenation.for_language("de-x-ls")  # Leichte Sprache: German's patterns
    width = 10.0  # the line at full size; a word may be 10 / 0.7 = 14.3 em at the smallest
    assert width / WORD_FIT_MIN_SCALE < len("Drehmomentschlüssel")
    assert break_wide_words("Kaltgerätekabel zur USV", letters, 11, german) \
        == "Kaltgerätekabel zur USV"  # 15 em: shrinks to fit, stays whole
    assert break_wide_words("✓ Drehmomentschlüssel", letters, width, german) \
        == "✓ Drehmoment-\nschlüssel"
    assert break_wide_words("Pflegefachfrau/Pflegefachmann", letters, 16, german) \
        == "Pflegefachfrau/\nPflegefachmann"


def test_a_language_without_patterns_keeps_the_letter_break() -> None:
    assert Hyphenation.for_language("tr") is None
    assert Hyphenation.for_language("ar") is None
    assert break_wide_words("Drehmomentschlüssel", letters, 10, None) == "Drehmomentschlüssel"
    assert Hyphenation.for_language("uk") is not None and Hyphenation.for_language("ru") is not None
