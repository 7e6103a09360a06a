"""Interface texts in the visitor's language, with placeholders and numbers filled in.

A text the language's ui file lacks is the German one with the "[DE] " mark in front
(``catalog.build.ui_texts``): visitors see that it is German, staff see it in ``content validate``.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.model import UiTexts
from catalog.translations import is_fallback


@dataclass(frozen=True)
class Texts:
    """The interface texts of one language, and whether it is written right to left."""

    ui: UiTexts
    rtl: bool = False

    @property
    def language(self) -> str:
        """The language code of these texts (``de``, ``en`` …)."""
        return self.ui.language

    def __call__(self, key: str, **values: object) -> str:
        """The text for ``key`` (a key the ui schema requires) with ``{name}`` filled in."""
        text = self.ui.texts[key]
        return text.format(**values) if values else text

    def is_fallback(self, key: str) -> bool:
        """Whether the text for ``key`` is German standing in for a missing translation."""
        return is_fallback(self.ui.texts[key])

    def number(self, value: float, decimals: int = 0) -> str:
        """1300 → '1.300' in German, '1,300' in English; 3.5 → '3,5' / '3.5'."""
        formatted = f"{value:,.{decimals}f}"
        decimal, thousands = self.ui.texts["number_decimal"], self.ui.texts["number_thousands"]
        return formatted.replace(",", "\0").replace(".", decimal).replace("\0", thousands)

    def years(self, months: int) -> str:
        """A duration in years as the visitor reads it: 36 months → '3', 18 → '1,5' in German."""
        years = months / 12
        return self.number(years, 0 if years == int(years) else 1)

    def euro_range(self, min_eur: float, max_eur: float, approximate: bool) -> str:
        """A pay range in euros ('2.100–2.800 €'), with the language's "about" before it when approximate."""
        text = f"{self.number(min_eur)}–{self.number(max_eur)} €"
        return f"{self('salary_approximately')} {text}" if approximate else text
