"""Right-to-left lines for Panda3D: runs of one direction and one font, in visual order.

Panda3D shapes text with HarfBuzz (``text-use-harfbuzz``), one run of equal text properties at
a time, and sets the runs of a row side by side from left to right in the order they come. It
has no bidirectional algorithm: an Arabic sentence holding "VR", a number or "1/2" would come
out with the Latin letters and digits backwards ("2/1"), and the first Arabic word on the left.
So a right-to-left text is broken into lines here, each line is split into runs by the Unicode
Bidirectional Algorithm (UAX #9, python-bidi's implementation) and by font, and the runs are
handed to Panda3D in visual order, each with its own direction. HarfBuzz then joins and orders
the letters inside each run (and mirrors brackets in right-to-left runs).

Pure logic: the caller measures text (``measure``) and knows which characters a font draws.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from bidi import algorithm

__all__ = ["Run", "break_lines", "visual_runs"]


@dataclass(frozen=True)
class Run:
    """Characters drawn together: one direction, one font, all spaces or none."""

    text: str
    rtl: bool
    """Right to left: HarfBuzz lays the run's letters out from the right."""
    arabic_font: bool
    """Drawn with the Arabic font (Arabic letters, and what that font has in a right-to-left run)."""


def _levels(line: str, base_rtl: bool) -> list[int]:
    """The resolved embedding level of every character (rules X1–I2 of UAX #9)."""
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if base_rtl else 0
    storage["base_dir"] = "R" if base_rtl else "L"
    algorithm.get_embedding_levels(line, storage, False, False)
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    chars = storage["chars"]
    if "".join(c["ch"] for c in chars) != line:  # X9 dropped formatting characters
        raise ValueError(f"bidi formatting characters are not supported in {line!r}")
    levels = [int(c["level"]) for c in chars]
    _brackets_join_left_to_right_text(line, levels)
    # L1: whitespace at the end of the line goes back to the paragraph's level.
    end = len(line)
    while end > 0 and line[end - 1].isspace():
        end -= 1
        levels[end] = storage["base_level"]
    return levels


_PAIRS = {"[": "]", "(": ")"}


def _brackets_join_left_to_right_text(line: str, levels: list[int]) -> None:
    """Brackets around left-to-right words that go on left to right take their level.

    The missing-translation mark "[DE] " before German words in an Arabic sentence came out as
    "DE] Geschlossene Dosen ]": python-bidi leaves out the paired-bracket rule (N0 of UAX #9),
    so each bracket took the sentence's right-to-left direction and was mirrored at its far end.
    This is N0 for the case that matters here: a pair whose inside is left to right (strong
    letters all L) and whose next strong letter after it is L as well stands with those words.
    """
    for i, char in enumerate(line):
        close = _PAIRS.get(char)
        end = line.find(close, i + 1) if close else -1
        if end < 0:
            continue
        inside = [unicodedata.bidirectional(c) for c in line[i + 1:end]]
        after = next((kind for kind in map(unicodedata.bidirectional, line[end + 1:])
                      if kind in ("L", "R", "AL")), None)
        if "L" in inside and not {"R", "AL"} & set(inside) and after == "L":
            level = max(levels[i + 1:end])
            levels[i] = levels[end] = level


def visual_runs(line: str, *, base_rtl: bool, arabic: Callable[[str], bool],
                arabic_font_has: Callable[[str], bool]) -> list[Run]:
    """``line`` (one line, no line breaks) as runs from left to right.

    ``arabic``: whether a character is an Arabic letter (always the Arabic font);
    ``arabic_font_has``: whether the Arabic font draws a character (a space, a digit, "؟"), so
    a right-to-left run keeps one font where it can and HarfBuzz joins across its spaces.
    """
    if not line:
        return []
    levels = _levels(line, base_rtl)
    logical: list[tuple[int, str]] = []
    for char, level in zip(line, levels, strict=True):
        if logical and logical[-1][0] == level:
            logical[-1] = (level, logical[-1][1] + char)
        else:
            logical.append((level, char))
    # L2: from the highest level down to the lowest odd one, reverse every stretch of runs at
    # that level or higher. HarfBuzz reverses the characters inside an odd (right-to-left) run.
    order = list(range(len(logical)))
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if logical[order[i]][0] >= level:
                j = i
                while j < len(order) and logical[order[j]][0] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    runs: list[Run] = []
    for index in order:
        level, text = logical[index]
        rtl = level % 2 == 1
        pieces: list[Run] = []
        for char in text:
            use_arabic = arabic(char) or (rtl and arabic_font_has(char))
            # Spaces form runs of their own: Panda3D drops a space at the end of a shaped
            # right-to-left run (measured: "مرحبا " came out as wide as "مرحبا"), and no script
            # joins letters across a space, so nothing is lost.
            if pieces and pieces[-1].arabic_font == use_arabic \
                    and pieces[-1].text[-1].isspace() == char.isspace():
                pieces[-1] = Run(pieces[-1].text + char, rtl, use_arabic)
            else:
                pieces.append(Run(char, rtl, use_arabic))
        # Pieces of a right-to-left run stand right to left as well.
        runs.extend(reversed(pieces) if rtl else pieces)
    return runs


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (as ``measure`` says).

    Logical order: the lines are broken before they are reordered, as UAX #9 asks. Given line
    breaks are kept; a word wider than a whole line is broken between letters, as Panda3D's
    own word wrap does for left-to-right text (the caller has shrunk the text first).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate) > width:
                lines.append(line)
                candidate = word
            # A word wider than the line: as many letters as fit (at least one) per line.
            while len(candidate) > 1 and " " not in candidate and measure(candidate) > width:
                cut = next((i for i in range(len(candidate) - 1, 1, -1)
                            if measure(candidate[:i]) <= width), 1)
                lines.append(candidate[:cut])
                candidate = candidate[cut:]
            line = candidate
        lines.append(line)
    return lines


def starts_right_to_left(text: str) -> bool:
    """The paragraph direction by its first strong letter (UAX #9 P2–P3); none: right to left."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return True


def break_at_slashes(word: str, measure: Callable[[str], float], width: float) -> str:
    """A word too long for the line ("Pflegefachfrau/Pflegefachmann") breaks after a slash.

    ``measure`` gives a text's width in the unit of ``width``.
    """
    if "/" not in word or measure(word) <= width:
        return word
    lines, line = [], ""
    for part in word.split("/"):
        candidate = f"{line}/{part}" if line else part
        if line and measure(candidate + "/") > width:
            lines.append(line + "/")
            line = part
        else:
            line = candidate
    lines.append(line)
    return "\n".join(lines)
