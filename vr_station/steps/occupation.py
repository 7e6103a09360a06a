"""Choosing an occupation: cards with the title and a first line of what the job is."""

from __future__ import annotations

from catalog.model import Occupation, pick
from vr_station.kiosk.flow import Back, ChooseOccupation, Intent, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonSpec, Panel

PER_PAGE = 4
"""Two rows of cards at most: six made the panel taller than the layout's content zone (issue
15); a page with long titles takes fewer (``OccupationStep._pages``)."""
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
    """The occupation choice: cards with each occupation's title and first sentence, a page at a time."""

    state = KioskState.OCCUPATION

    def enter(self) -> None:
        """Start on the first page of cards."""
        self._page = 0
        self._split: tuple[str, list[list[Occupation]]] | None = None
        """The pages for a language: as many cards a page as fit the content zone."""
        super().enter()

    def build_ui(self) -> None:
        """The title (explore or interview), a page of occupation cards, back and paging buttons."""
        split = self._pages()
        self._page = min(self._page, len(split) - 1)
        self.place(self._build(split[self._page], previous=self._page > 0,
                               more=self._page < len(split) - 1))

    def _pages(self) -> list[list[Occupation]]:
        """The occupations split into pages, each as long as fits the content zone.

        Four cards a page where they fit; a page whose titles are long (three lines in
        English: "Electronics technician for energy and building technology (electrician)")
        takes two cards, or one, rather than text below the smallest size. Nothing is dropped.
        """
        language = self.ctx.ui.texts.language
        if self._split is not None and self._split[0] == language:
            return self._split[1]
        occupations = list(self.ctx.catalog.occupations.values())
        split: list[list[Occupation]] = []
        start = 0
        while start < len(occupations):
            # Full rows first, then one card; one card too tall is shown all the same, shrunk
            # to the smallest text and logged by ``place`` (a content problem).
            for size in (*range(PER_PAGE, 1, -PER_ROW), 1):
                trial = self._build(occupations[start:start + size], previous=True, more=True)
                fits = self.fits(trial)
                self.drop_panel(trial)
                if fits:
                    break
            split.append(occupations[start:start + size])
            start += size
        self._split = (language, split or [[]])
        return self._split[1]

    def _build(self, shown: list[Occupation], *, previous: bool, more: bool) -> Panel:
        t, language = self.ctx.ui.texts, self.ctx.ui.texts.language
        flow = self.ctx.flow
        interview = flow is not None and flow.intent is Intent.INTERVIEW
        panel = self.panel("occupations")  # as wide as the content zone: fewer lines a card
        panel.title(t("occupation_title_interview" if interview else "occupation_title_explore"))
        width = (panel.inner_width_m - 0.035 * (PER_ROW - 1)) / PER_ROW
        for start in range(0, len(shown), PER_ROW):
            row = shown[start:start + PER_ROW]
            panel.row([ButtonSpec(f"occupation:{o.id}", pick(o.titles, language),
                                  detail=first_sentence(pick(o.summary, language)), width_m=width)
                       for o in row], min_height_m=0.24)
        navigation = [ButtonSpec("back", t("back"), width_m=0.45)]
        if previous:
            navigation.append(ButtonSpec("page:previous", t("page_previous")))
        if more:
            navigation.append(ButtonSpec("page:next", t("page_more")))
        panel.gap(0.01)
        panel.row(navigation)
        return panel.finish()

    def on_choose(self, target_id: str) -> None:
        """Send the chosen occupation, go back, or turn the page."""
        if target_id.startswith("occupation:"):
            self.ctx.send(ChooseOccupation(target_id.removeprefix("occupation:")))
        elif target_id == "back":
            self.ctx.send(Back())
        elif target_id.startswith("page:"):
            self._page += 1 if target_id == "page:next" else -1
            self.rebuild_ui()
