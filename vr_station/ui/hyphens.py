"""Where a word too wide for its line may break, with a visible hyphen, in the visitor's language.

The panel (``ui.panel.UiKit.text``) shrinks a label until its longest word fits, down to
``WORD_FIT_MIN_SCALE``; a word wider still was broken between letters by Panda3D's word wrap
("Drehmomentschlüs|sel" on a 0.62 m task card). Such a word now breaks at a hyphenation point
of its language with a hyphen at the end of the line, as German typesetting does
("Drehmoment-" / "schlüssel"), and only such a word: a text that fits keeps its words whole.

The points come from the LibreOffice hyphenation patterns Pyphen ships (de, en, ru, uk …;
none for Turkish or Arabic, whose words keep the letter break and ``content validate``'s
warning). Of the points, the break that leaves the wider piece narrowest is taken: in a German
compound of two words that is the boundary between them, and the pieces are drawn as large as
they can be.

``text_fit`` calls the same ``break_wide_words`` as the panel, so the check and the screen
cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pyphen

from vr_station.ui.bidi import break_at_slashes

__all__ = ["WORD_FIT_MIN_SCALE", "Hyphenation", "break_wide_words"]

WORD_FIT_MIN_SCALE = 0.7
"""``UiKit.text(fit_words=True)`` shrinks a text until its longest word fits, to 70 % at most."""

HYPHEN = "-"


class Hyphenation:
    """The hyphenation points of one language's words (``for_language``: None where none is known)."""

    def __init__(self, dictionary: pyphen.Pyphen) -> None:
        self._dictionary = dictionary

    @staticmethod
    @cache
    def for_language(code: str) -> Hyphenation | None:
        """The hyphenation of ``code`` (``de``, ``de-x-ls``, ``uk`` …), by its primary subtag.

        Loaded once per language: a pattern file takes ~20 ms to read.
        """
        primary = code.split("-")[0].lower()
        found = pyphen.language_fallback(primary)
        return Hyphenation(pyphen.Pyphen(lang=found)) if found else None

    def points(self, word: str) -> list[int]:
        """Indices in ``word`` where it may break (a hyphen goes before the index)."""
        return [p for p in self._dictionary.positions(word) if 0 < p < len(word)]

    def split(self, word: str, measure: Callable[[str], float], width: float) -> list[str]:
        """``word`` in pieces no wider than ``width`` where its points allow.

        Each piece but the last ends in a hyphen; the break leaving the wider piece narrowest
        is taken first.
        """
        if measure(word) <= width:
            return [word]
        points = self.points(word)
        if not points:
            return [word]
        cut = min(points, key=lambda p: (max(measure(word[:p] + HYPHEN), measure(word[p:])), p))
        # The head's last piece takes the hyphen: it is split for a line that much narrower.
        head = self.split(word[:cut], measure, width - measure(HYPHEN))
        return [*head[:-1], head[-1] + HYPHEN, *self.split(word[cut:], measure, width)]


def break_wide_words(text: str, measure: Callable[[str], float], width: float,
                     hyphenation: Hyphenation | None, *, slashes: bool = True) -> str:
    """``text`` with its too wide words broken onto lines, as the panel draws it.

    A word wider than ``width`` breaks after a slash (``ui.bidi.break_at_slashes``, where
    ``slashes``); a piece still wider than ``width / WORD_FIT_MIN_SCALE`` (too wide for the
    line even at the smallest size) at its ``hyphenation`` points, else it is left whole.
    ``measure`` gives a text's width in the unit of ``width`` (the line at full size).
    """
    limit = width / WORD_FIT_MIN_SCALE
    lines = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            pieces = break_at_slashes(word, measure, width).split("\n") if slashes else [word]
            if hyphenation is not None:
                pieces = [part for piece in pieces for part in (
                    hyphenation.split(piece, measure, limit) if measure(piece) > limit
                    else [piece])]
            words.append("\n".join(pieces))
        lines.append(" ".join(words))
    return "\n".join(lines)
