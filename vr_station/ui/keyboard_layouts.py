"""The on-screen keyboards, one definition per language, all drawn by the same logic.

A layout is data: its letter rows as the visitor's own keyboard has them (left to right, also
for Arabic: a keyboard is not mirrored), the Shift layer where the script has capitals, and
the Latin layout a visitor may switch to ("ABC") where the script is not Latin. Rows hold at
most ``MAX_KEYS_PER_ROW`` keys, the Shift key included (it starts the last letter row).
``text_input.TextInput`` draws any of them; ``keyboard.TextEntry`` types with its Shift layer
(Turkish: i → İ, ı → I, which ``str.upper`` gets wrong).

Sources: the national layouts as Windows and Linux (xkb) ship them — German T1 (DIN 2137),
US English, Turkish Q, Ukrainian and Russian ЙЦУКЕН, Arabic (101). Number rows keep their
digits under Shift (a sentence may start with a number), and the punctuation a comment needs
(. , ?) sits on the letter rows where the national layout puts it under Shift.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LAYOUTS", "MAX_KEYS_PER_ROW", "KeyboardLayout", "layout_for"]

MAX_KEYS_PER_ROW = 13
"""13 keys of 6.6 cm and their gaps fill the 1.1 m keyboard panel inside its padding."""


@dataclass(frozen=True)
class KeyboardLayout:
    """One language's keyboard (see the module)."""

    code: str
    """The language (or layout) code: ``de``, ``ar`` …"""
    label: str
    """What the key that switches to this layout shows: its first letters in its own script."""
    rows: tuple[str, ...]
    """The letter rows, one character per key, left to right."""
    shifted: tuple[str, ...] | None = None
    """The same rows with Shift held; None where the script has no capitals (Arabic)."""
    latin: str | None = None
    """The Latin layout a visitor may switch to (a German address, an e-mail); None: Latin."""

    @property
    def has_shift(self) -> bool:
        """Whether the keyboard has a Shift key (the script has capitals)."""
        return self.shifted is not None

    def shift(self, char: str) -> str:
        """``char`` with Shift held: the key's shifted character, else its one-letter capital."""
        if self.shifted is not None:
            for row, shifted_row in zip(self.rows, self.shifted, strict=True):
                index = row.find(char)
                if index >= 0:
                    return shifted_row[index]
        upper = char.upper()
        return upper if len(upper) == 1 else char  # "ß".upper() is "SS": no one-letter capital


LAYOUTS: dict[str, KeyboardLayout] = {layout.code: layout for layout in (
    KeyboardLayout(
        "de", "ABC",
        ("1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm,.-?"),
        ("1234567890ß", "QWERTZUIOPÜ", "ASDFGHJKLÖÄ", "YXCVBNM,.-?")),
    KeyboardLayout(
        "en", "ABC",
        ("1234567890'", "qwertyuiop!", "asdfghjkl;:", "zxcvbnm,.-?"),
        ("1234567890'", "QWERTYUIOP!", "ASDFGHJKL;:", "ZXCVBNM,.-?")),
    KeyboardLayout(
        # Turkish Q: ı and i are two letters, and so are their capitals I and İ.
        "tr", "ABC",
        ("1234567890?", "qwertyuıopğü", "asdfghjklşi", "zxcvbnmöç.,"),
        ("1234567890?", "QWERTYUIOPĞÜ", "ASDFGHJKLŞİ", "ZXCVBNMÖÇ.,")),
    KeyboardLayout(
        # ЙЦУКЕН, Ukrainian: ї і є ґ; the apostrophe is part of words (м'ясо); ґ sits on the
        # key at the end of the home row, as Windows' Ukrainian layout has it.
        "uk", "АБВ",
        ("1234567890'?", "йцукенгшщзхї", "фівапролджєґ", "ячсмитьбю,."),
        ("1234567890'?", "ЙЦУКЕНГШЩЗХЇ", "ФІВАПРОЛДЖЄҐ", "ЯЧСМИТЬБЮ,."),
        latin="de"),
    KeyboardLayout(
        "ru", "АБВ",
        ("ё1234567890?", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю,."),
        ("Ё1234567890?", "ЙЦУКЕНГШЩЗХЪ", "ФЫВАПРОЛДЖЭ", "ЯЧСМИТЬБЮ,."),
        latin="de"),
    KeyboardLayout(
        # Arabic (101): no capitals, so no Shift; the hamza forms أ إ آ that the national layout
        # puts under Shift get keys of their own, and the lam-alef key is left out (ل then ا
        # type the same letters; HarfBuzz joins them into the ligature).
        "ar", "أبت",
        ("ذ1234567890؟", "ضصثقفغعهخحجد", "شسيبلاتنمكط،", "ئءؤرىةوزظأإآ."),
        latin="de"),
)}


def layout_for(code: str) -> KeyboardLayout:
    """The keyboard for ``code`` (English for a language without its own)."""
    return LAYOUTS.get(code, LAYOUTS["en"])
