"""An on-screen keyboard for a short typed text, laid out like the visitor's own keyboard.

Pure logic (layouts and editing) here; ``text_input.TextInput`` draws the keys as buttons and
takes a physical keyboard's characters too (desktop mode, staff helping).
"""

from __future__ import annotations

from dataclasses import dataclass

LAYOUTS: dict[str, tuple[str, ...]] = {
    # The letter rows of each language's own keyboard; the last row gets the Shift key before it
    # (``TextInput.add_keys``), the same for every layout.
    "de": ("1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm,.-?"),
    "en": ("1234567890'", "qwertyuiop!", "asdfghjkl;:", "zxcvbnm,.-?"),
}
MAX_COMMENT_CHARS = 280
"""Enough for a few sentences; keeps the record short and the panel readable."""


def cap(char: str) -> str:
    """``char`` as a capital; a letter without a one-letter capital ("ß" → "SS") stays as it is."""
    upper = char.upper()
    return upper if len(upper) == 1 else char


def layout_for(language: str) -> tuple[str, ...]:
    """The keyboard's rows of keys for ``language`` (English for a language without its own)."""
    return LAYOUTS.get(language, LAYOUTS["en"])


@dataclass
class TextEntry:
    """A short text being typed on the in-VR keys: capitals, spaces and the length limit handled."""

    text: str = ""
    shift: bool = False
    """The next letter is a capital: on by itself at the start of the text and after . ! ?, and
    switched by the Shift key for one letter (nouns in German)."""

    def __post_init__(self) -> None:
        """Start with a capital when the text is empty or ends a sentence."""
        self._update_shift()

    def type(self, characters: str) -> None:
        """Add ``characters`` as the visitor typed them, up to ``MAX_COMMENT_CHARS``.

        Line breaks and tabs become spaces, double spaces and unprintable characters are dropped, and
        a letter after the end of a sentence is a capital.
        """
        for char in characters:
            if len(self.text) >= MAX_COMMENT_CHARS:
                return
            if char in "\r\n\t":
                char = " "
            if not char.isprintable():
                continue
            if char == " " and (not self.text or self.text.endswith(" ")):
                continue
            self.text += cap(char) if self.shift and char.isalpha() else char
            self._update_shift()

    def toggle_shift(self) -> None:
        """The Shift key: the next letter is a capital (or, at a sentence start, a small letter)."""
        self.shift = not self.shift

    def backspace(self) -> None:
        """Delete the last character."""
        self.text = self.text[:-1]
        self._update_shift()

    def _update_shift(self) -> None:
        stripped = self.text.rstrip()
        self.shift = not stripped or (stripped[-1] in ".!?" and self.text.endswith(" "))
