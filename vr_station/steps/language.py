"""Choosing a language: every option in its own language, the question in each translated one."""

from __future__ import annotations

from catalog.translations import is_fallback
from vr_station.kiosk.flow import Back, ChooseLanguage, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonSpec
from vr_station.ui.texts import Texts

PER_ROW = 2
"""Two buttons a row: "Deutsch – Leichte Sprache" fits on one line at the panel's width."""
PER_PAGE = 8
"""Four rows of buttons and the question in three languages stay inside the content zone (checked by
tests/vr_station/steps/test_language_menu.py); more languages page ("1/2 ▸")."""
QUESTIONS_SHOWN = 3
"""The question in at most this many languages (the first ones offered); every button already
names its language in that language, so a visitor finds theirs without the question."""


class LanguageStep(Step):
    """The language choice; skipped where the station offers only one language."""

    state = KioskState.LANGUAGE

    def enter(self) -> None:
        """Choose the only language at once, if there is only one; else show the choice."""
        self._page = 0
        if len(self.ctx.languages) == 1:  # nothing to choose: move on at once
            self.ctx.send(ChooseLanguage(self.ctx.languages[0]))
        super().enter()

    def build_ui(self) -> None:
        """The question in the first languages, then a button per language in its own name."""
        catalog = self.ctx.catalog
        panel = self.panel("language", 1.35)
        titles = self._questions()
        panel.title(titles[0], align="center")
        for title in titles[1:]:
            panel.paragraph(title, muted=True, align="center")
        panel.gap(0.03)
        codes = list(self.ctx.languages)
        pages = max(1, -(-len(codes) // PER_PAGE))
        self._page = min(getattr(self, "_page", 0), pages - 1)
        shown = codes[self._page * PER_PAGE:(self._page + 1) * PER_PAGE]
        width = (panel.inner_width_m - 0.035 * (PER_ROW - 1)) / PER_ROW
        for start in range(0, len(shown), PER_ROW):
            row = shown[start:start + PER_ROW]
            # A button alone in its row spans it: "Deutsch – Leichte Sprache" on one line.
            each = width if len(row) > 1 else panel.inner_width_m
            panel.row([ButtonSpec(f"lang:{code}", catalog.languages[code].native_name,
                                  width_m=each) for code in row])
        if pages > 1:
            # Paging in numbers and arrows: the visitor has not chosen a language to read yet.
            navigation = []
            if self._page > 0:
                navigation.append(ButtonSpec("page:previous", f"◂ {self._page}/{pages}"))
            if self._page < pages - 1:
                navigation.append(ButtonSpec("page:next", f"{self._page + 2}/{pages} ▸"))
            panel.row(navigation)
        self.place(panel.finish())

    def _questions(self) -> list[str]:
        """"Choose your language" in the offered languages that have it translated, once each."""
        questions: list[str] = []
        for code in self.ctx.languages:
            question = Texts(self.ctx.catalog.ui[code])("language_title")
            if not is_fallback(question) and question not in questions:
                questions.append(question)
        return questions[:QUESTIONS_SHOWN] or [Texts(self.ctx.catalog.ui[
            self.ctx.languages[0]])("language_title")]

    def on_choose(self, target_id: str) -> None:
        """Send the chosen language, turn the page, or go back."""
        if target_id.startswith("lang:"):
            self.ctx.send(ChooseLanguage(target_id.removeprefix("lang:")))
        elif target_id in ("page:next", "page:previous"):
            self._page += 1 if target_id == "page:next" else -1
            self.rebuild_ui()
        elif target_id == "back":
            self.ctx.send(Back())
