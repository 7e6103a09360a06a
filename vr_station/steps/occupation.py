"""Choosing an occupation: cards with the title and a first line of what the job is."""

from __future__ import annotations

from catalog.model import pick
from vr_station.kiosk.flow import Back, ChooseOccupation, Intent, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonSpec

PER_PAGE = 4
"""Two rows of cards: six made the panel taller than the layout's content zone (issue 15)."""
PER_ROW = 2
SUMMARY_CHARS = 90


def first_sentence(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first sentence of ``text``, cut at a word with " …" when longer than ``limit`` characters."""
    sentence = text.split(". ")[0].strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".") + "."
    cut = sentence.rfind(" ", 0, limit)
    return sentence[: cut if cut > 0 else limit].rstrip(",;–- ") + " …"


class OccupationStep(Step):
    """The occupation choice: cards with each occupation's title and first sentence, four per page."""

    state = KioskState.OCCUPATION

    def enter(self) -> None:
        """Start on the first page of cards."""
        self._page = 0
        super().enter()

    def build_ui(self) -> None:
        """The title (explore or interview), a page of occupation cards, back and paging buttons."""
        t, language = self.ctx.ui.texts, self.ctx.ui.texts.language
        flow = self.ctx.flow
        interview = flow is not None and flow.intent is Intent.INTERVIEW
        occupations = list(self.ctx.catalog.occupations.values())
        pages = max(1, -(-len(occupations) // PER_PAGE))
        self._page = min(self._page, pages - 1)
        shown = occupations[self._page * PER_PAGE:(self._page + 1) * PER_PAGE]
        panel = self.panel("occupations")  # as wide as the content zone: fewer lines a card
        panel.title(t("occupation_title_interview" if interview else "occupation_title_explore"))
        for start in range(0, len(shown), PER_ROW):
            row = shown[start:start + PER_ROW]
            width = (panel.inner_width_m - 0.035 * (PER_ROW - 1)) / PER_ROW
            panel.row([ButtonSpec(f"occupation:{o.id}", pick(o.titles, language),
                                  detail=first_sentence(pick(o.summary, language)), width_m=width)
                       for o in row], min_height_m=0.24)
        navigation = [ButtonSpec("back", t("back"), width_m=0.45)]
        if self._page > 0:
            navigation.append(ButtonSpec("page:previous", t("page_previous")))
        if self._page < pages - 1:
            navigation.append(ButtonSpec("page:next", t("page_more")))
        panel.gap(0.01)
        panel.row(navigation)
        self.place(panel.finish())

    def on_choose(self, target_id: str) -> None:
        """Send the chosen occupation, go back, or turn the page."""
        if target_id.startswith("occupation:"):
            self.ctx.send(ChooseOccupation(target_id.removeprefix("occupation:")))
        elif target_id == "back":
            self.ctx.send(Back())
        elif target_id.startswith("page:"):
            self._page += 1 if target_id == "page:next" else -1
            self.rebuild_ui()
