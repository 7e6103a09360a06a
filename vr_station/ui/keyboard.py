"""An on-screen keyboard for a short typed text, laid out like the visitor's own keyboard.

Pure logic (layouts and editing) here; ``text_input.TextInput`` draws the keys as buttons and
takes a physical keyboard's characters too (desktop mode, staff helping).
"""

from __future__ import annotations

from dataclasses import dataclass

from vr_station.ui.keyboard_layouts import LAYOUTS, KeyboardLayout

MAX_COMMENT_CHARS = 280
"""Enough for a few sentences; keeps the record short and the panel readable."""


def cap(char: str, layout: KeyboardLayout | None = None) -> str:
    """``char`` as a capital, by the layout's Shift layer where given (Turkish i → İ).

    Without a layout: its one-letter capital; a letter without one ("ß" → "SS") stays as it is.
    """
    if layout is not None:
        return layout.shift(char)
    upper = char.upper()
    return upper if len(upper) == 1 else char


def layout_for(language: str) -> KeyboardLayout:
    """The keyboard for ``language``, its base language's (``de-x-ls``: ``de``), or English's."""
    return LAYOUTS.get(language) or LAYOUTS.get(language.split("-")[0]) or LAYOUTS["en"]


@dataclass
class TextEntry:
    """A short text being typed on the in-VR keys: capitals, spaces and the length limit handled."""

    text: str = ""
    shift: bool = False
    """The next letter is a capital: on by itself at the start of the text and after . ! ?, and
    switched by the Shift key for one letter (nouns in German)."""
    layout: KeyboardLayout | None = None
    """Whose Shift layer makes capitals (None: Unicode's capitals)."""

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
            self.text += cap(char, self.layout) if self.shift and char.isalpha() else char
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
        self.shift = not stripped or (stripped[-1] in ".!?؟" and self.text.endswith(" "))
