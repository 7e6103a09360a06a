"""Choosing a language: every option in its own language, the question in all of them."""

from __future__ import annotations

from vr_station.kiosk.flow import Back, ChooseLanguage, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonSpec
from vr_station.ui.texts import Texts

PER_ROW = 3


class LanguageStep(Step):
    """The language choice; skipped where the station offers only one language."""

    state = KioskState.LANGUAGE

    def enter(self) -> None:
        """Choose the only language at once, if there is only one; else show the choice."""
        if len(self.ctx.languages) == 1:  # nothing to choose: move on at once
            self.ctx.send(ChooseLanguage(self.ctx.languages[0]))
        super().enter()

    def build_ui(self) -> None:
        """The question in every language, then a button per language in its own name."""
        catalog = self.ctx.catalog
        panel = self.panel("language", 1.35)
        titles = [Texts(catalog.ui[code])("language_title") for code in self.ctx.languages]
        panel.title(titles[0], align="center")
        for title in titles[1:]:
            panel.paragraph(title, muted=True, align="center")
        panel.gap(0.03)
        codes = list(self.ctx.languages)
        for start in range(0, len(codes), PER_ROW):
            row = codes[start:start + PER_ROW]
            panel.row([ButtonSpec(f"lang:{code}", catalog.languages[code].native_name,
                                  width_m=(panel.inner_width_m - 0.07) / PER_ROW)
                       for code in row])
        self.place(panel.finish())

    def on_choose(self, target_id: str) -> None:
        """Send the chosen language (or go back)."""
        if target_id.startswith("lang:"):
            self.ctx.send(ChooseLanguage(target_id.removeprefix("lang:")))
        elif target_id == "back":
            self.ctx.send(Back())
