"""German names from the content for what records hold as ids or numbers.

Occupations, feedback chips, languages and the words under the station's five rating smileys.

The center may run a different content version than some stations: an id it does not know is
shown as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from catalog import load_catalog, pick
from catalog.problems import ContentError

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"de": "Deutsch", "en": "Englisch", "tr": "Türkisch", "ar": "Arabisch",
                  "uk": "Ukrainisch", "ru": "Russisch", "de-x-ls": "Leichte Sprache",
                  "pl": "Polnisch", "fa": "Persisch"}
"""German names of language codes, for a center without readable content; the content's
names.de (content/languages.yaml) take precedence."""


@dataclass(frozen=True)
class Labels:
    """Display names for occupation ids, chip ids and language codes (German by default)."""

    occupations: Mapping[str, str] = field(default_factory=dict)
    chips: Mapping[str, str] = field(default_factory=dict)
    languages: Mapping[str, str] = field(default_factory=dict)
    ratings: Mapping[int, str] = field(default_factory=dict)
    """1 to 5 → the word under that smiley on the station (ui texts ``feedback_rating_N``)."""

    def occupation(self, occupation_id: str | None) -> str:
        """The occupation's title; its id where the content has none.

        A session without an occupation (None) is "kein Beruf gewählt": it is never ranked among
        the occupations, but a comment's line names it so.
        """
        if occupation_id is None:
            return "kein Beruf gewählt"
        return self.occupations.get(occupation_id, occupation_id)

    def rating(self, value: int) -> str:
        """The word under the smiley for ``value`` (1–5); the number where the content has none."""
        return self.ratings.get(value, str(value))

    def top_ratings(self) -> str:
        """The two best ratings' words as a sentence names them: „gut“ oder „sehr gut“."""
        return f"„{self.rating(4).lower()}“ oder „{self.rating(5).lower()}“"

    def chip(self, chip_id: str) -> str:
        """The feedback chip's label; its id where the content has none."""
        return self.chips.get(chip_id, chip_id)

    def language(self, code: str) -> str:
        """The language's name; its code where none is known."""
        return self.languages.get(code) or LANGUAGE_NAMES.get(code, code)


def load_labels(content_dir: Path | None, language: str = "de") -> Labels:
    """The labels in ``language`` from the content in ``content_dir``.

    Without readable content the dashboard shows ids, and a warning is logged.
    """
    if content_dir is None:
        return Labels(languages=LANGUAGE_NAMES)
    try:
        catalog, _skipped = load_catalog(content_dir)
    except (ContentError, OSError) as exc:
        log.warning("labels: cannot read the content in %s (%s); the dashboard shows ids",
                    content_dir, exc)
        return Labels(languages=LANGUAGE_NAMES)
    chips = {chip.id: pick(chip.labels, language)
             for chip in (*catalog.feedback.worked, *catalog.feedback.not_worked)}
    occupations = {occ.id: pick(occ.titles, language) for occ in catalog.occupations.values()}
    languages = {code: pick(lang.names, language) for code, lang in catalog.languages.items()}
    ui = catalog.ui.get(language) or catalog.ui.get(catalog.default_language)
    texts = ui.texts if ui is not None else {}
    ratings = {n: texts[f"feedback_rating_{n}"] for n in range(1, 6)
               if f"feedback_rating_{n}" in texts}
    return Labels(occupations, chips, {**LANGUAGE_NAMES, **languages}, ratings)
