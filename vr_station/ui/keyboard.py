"""An on-screen keyboard for a short typed text, laid out like the visitor's own keyboard.

Pure logic (layouts and editing) here; ``text_input.TextInput`` draws the keys as buttons and
takes a physical keyboard's characters too (desktop mode, staff helping).
"""

from __future__ import annotations

from dataclasses import dataclass

LAYOUTS: dict[str, tuple[str, ...]] = {
    "de": ("1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm,.-?"),
    "en": ("1234567890'", "qwertyuiop!", "asdfghjkl;:", "zxcvbnm,.-?"),
}
MAX_COMMENT_CHARS = 280
"""Enough for a few sentences; keeps the record short and the panel readable."""


def layout_for(language: str) -> tuple[str, ...]:
    return LAYOUTS.get(language, LAYOUTS["en"])


@dataclass
class TextEntry:
    text: str = ""
    shift: bool = False
    """The next letter is a capital (on at the start of the text and after . ! ?)."""

    def __post_init__(self) -> None:
        self._update_shift()

    def type(self, characters: str) -> None:
        for char in characters:
            if len(self.text) >= MAX_COMMENT_CHARS:
                return
            if char in "\r\n\t":
                char = " "
            if not char.isprintable():
                continue
            if char == " " and (not self.text or self.text.endswith(" ")):
                continue
            self.text += char.upper() if self.shift and char.isalpha() else char
            self._update_shift()

    def backspace(self) -> None:
        self.text = self.text[:-1]
        self._update_shift()

    def _update_shift(self) -> None:
        stripped = self.text.rstrip()
        self.shift = not stripped or (stripped[-1] in ".!?" and self.text.endswith(" "))
