"""The interview report on a panel; the visitor may choose to keep it (pickup code).

The report is the interview engine's; the panel shows the figures of the whole interview, what
went well, the two or three most useful tips and the footer (what the feedback measures). A kept
report is the engine's JSON, as printed by staff (the same as ``vr-station interview`` writes),
with the visitor's language (``help_language``) for a bilingual printout
(``interview_engine.report_html.render_kept_report``).

A visitor who reads another language than the interview's (a Ukrainian visitor practises a
German interview) reads the panel as the printout: every explanation and label in their
language with the German under or beside it, from the same texts (``ReportHelp``,
``summary_said``); the figures and job terms stay as measured. Such a report is longer than
the content zone, so the panel pages ("1/2 ▸", as the tour's facts do) rather than shrink its
text below the layout's minimum; "keep" and "continue" stand on every page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from interview_engine.report import InterviewReport, for_visitor
from interview_engine.report_html import ReportHelp, Said, summary_said
from vr_station.interview.report import ReportLabels, Verdict, report_lines
from vr_station.jobs import FILES
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.privacy import keep_report
from vr_station.session import pickup_code
from vr_station.steps.base import Step
from vr_station.steps.task import with_strengths
from vr_station.ui.layout import zone
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel
from vr_station.ui.theme import Rgba

log = logging.getLogger(__name__)

PANEL_WIDTH_M = 1.6
PAGE_BUTTON_M = 0.3
"""The "2/2 ↺" button: "3/3  ↺" on one line in Arabic too (its spaces are wider)."""
NEXT_PAGE_M = 0.45
"""The "1/2 ▸" button before the last page: the one way on, as wide as "continue"."""

Block = Callable[[Panel], None]
"""A piece of the report that stays on one page (a figure, an explanation with its heading)."""


class ReportStep(Step):
    """The interview report for the visitor, who may keep it and pick it up with a code."""

    state = KioskState.REPORT

    def enter(self) -> None:
        """Show the report's first page; move straight on when the interview could not run."""
        self.page = 0
        self.page_count = 1
        if self.ctx.require_session().report is None:  # the interview could not run
            self.ctx.send(Finish())
        super().enter()

    def build_ui(self) -> None:
        """The report panel, a page at a time: figures, strengths, top tips, footer, keep and go on."""
        report = self.ctx.require_session().report
        if report is None:
            return
        sections = self._sections(report)
        blocks = [block for section in sections for block in section]
        heights: list[float] = []
        whole = self._page_panel(blocks, 0, 1, heights)
        if self.fits(whole):  # one page, as a German report of a short interview
            self.page, self.page_count = 0, 1
            self.place(whole)
            return
        self.drop_panel(whole)
        split = self._split(sections, heights)
        self.page_count = len(split)
        self.page = min(self.page, len(split) - 1)
        self.place(self._page_panel(split[self.page], self.page, len(split)))

    def _help(self, report: InterviewReport) -> ReportHelp | None:
        """The visitor's language beside the report's, where the two differ (as the printout)."""
        language = self.ctx.language.code
        if language == report.language or language not in self.ctx.catalog.languages:
            return None
        return ReportHelp.of(self.ctx.catalog, language)

    def _sections(self, report: InterviewReport) -> list[list[Block]]:
        """The report's sections in reading order: figures, strengths, tips and the end.

        Each is a list of blocks; a heading stays with the item after it, the footer with keep
        and go on.
        """
        t = self.ctx.ui.texts
        help = self._help(report)
        colours = self.ctx.ui.kit.theme.colours
        dots = {Verdict.GOOD: colours.good, Verdict.OK: colours.accent,
                Verdict.WORK_ON: colours.work_on, Verdict.INFO: colours.info}
        labels = ReportLabels(self.ctx.catalog.interview.report_labels, t.language)
        german = ReportLabels(self.ctx.catalog.interview.report_labels, report.language)

        def own(key: str) -> str | None:
            """The label in the visitor's words where they differ from the German."""
            return help.beside(german(key), help.labels.get(key)) if help is not None else None

        def label(key: str) -> str:
            """The visitor's words and the German beside them (once where they say the same)."""
            if help is None:
                return labels(key)
            words = own(key)
            return german(key) if words is None else f"{words} / {german(key)}"

        figures: list[Block] = []
        for line in report_lines(report, labels, t.number):
            title, note = label(line.label_key), None
            if self.ctx.ui.kit.rtl and (words := own(line.label_key)) is not None:
                # The German under the line: a right-to-left line with a German label in its
                # middle comes out reordered ("Wörter pro Minute: 140 / …").
                title, note = words, german(line.label_key)
            figures.append(_figure(f"{title}: {line.text}", dots[line.verdict], note))
        said = summary_said(report, help)
        footer = said.footer

        def end(panel: Panel) -> None:
            if footer is not None:
                panel.gap(0.01)
                if footer.own is not None:
                    panel.paragraph(footer.own, muted=True, small=True, gap_after=0.3)
                panel.paragraph(footer.text, muted=True, small=True,
                                left_to_right=footer.own is not None)
            self._keep_and_go_on(panel)

        sections: list[list[Block]] = [figures, _list(label("strengths"), said.strengths, gap_before=True),
                    _list(label("top_tips"), said.top_tips, gap_before=False), [end]]
        return [section for section in sections if section]

    def _keep_and_go_on(self, panel: Panel) -> None:
        t = self.ctx.ui.texts
        panel.gap(0.01)
        panel.row([ButtonSpec("keep", t("report_keep"), detail=t("report_keep_detail"),
                              kind=ButtonKind.CHIP, selected=self.ctx.require_session().keep_report),
                   ButtonSpec("continue", t("report_continue"), kind=ButtonKind.PRIMARY,
                              width_m=0.45)])

    def _page_panel(self, blocks: list[Block], page: int, count: int,
                    heights: list[float] | None = None) -> Panel:
        """Page ``page`` of ``count``: the title, ``blocks`` and, with more pages, the paging.

        ``heights`` gets the height each block took. Keep and go on come with the last block
        (after the footer): a "continue" beside "1/2 ▸" would be a second way on, elsewhere.
        """
        panel = self.panel("report", PANEL_WIDTH_M)
        panel.title(self.ctx.ui.texts("report_title"))
        for block in blocks:
            top = panel.content_height_m
            block(panel)
            if heights is not None:
                heights.append(panel.content_height_m - top)
        if count > 1:
            paging = [ButtonSpec("report-page:previous", "◀", width_m=0.16)] if page > 0 else []
            number = f"{page + 1}/{count}"
            if page + 1 < count:  # the one way on
                paging.append(ButtonSpec("report-page:next", f"{number}  ▸",
                                         kind=ButtonKind.PRIMARY, width_m=NEXT_PAGE_M))
            else:
                paging.append(ButtonSpec("report-page:first", f"{number}  ↺",
                                         width_m=PAGE_BUTTON_M))
            panel.gap(0.01)
            panel.row(paging, min_height_m=0.08)
        return panel.finish()

    def _split(self, sections: list[list[Block]], heights: list[float]) -> list[list[Block]]:
        """The sections in pages, each page as full as fits the zone.

        ``heights``: each block's, in reading order, measured on a panel holding them all; a
        page's frame (title and paging) is measured on an empty page. A section starts a new
        page rather than break where it would fit one whole; a longer one breaks between items.
        """
        empty = self._page_panel([], 1, 3)  # "◀" and "2/3 ▸": the frame of every page
        frame_m = empty.height_m
        self.drop_panel(empty)
        where = zone(self.arrangement, "content")

        def fits(page: list[float]) -> bool:
            return where.fit(PANEL_WIDTH_M, frame_m + sum(page)).fits

        pages: list[list[int]] = [[]]
        first = 0
        for section in sections:
            indices = list(range(first, first + len(section)))
            first += len(section)
            shown = [heights[i] for i in pages[-1]]
            whole = [heights[i] for i in indices]
            if pages[-1] and not fits(shown + whole) and fits(whole):
                pages.append([])
            for i in indices:
                if pages[-1] and not fits([heights[j] for j in pages[-1]] + [heights[i]]):
                    pages.append([])
                pages[-1].append(i)
        blocks = [block for section in sections for block in section]
        return [[blocks[i] for i in page] for page in pages]

    def on_choose(self, target_id: str) -> None:
        """"Keep" toggles keeping the report; "continue" goes on to the feedback; pages turn."""
        session = self.ctx.require_session()
        if target_id == "keep":
            session.keep_report = not session.keep_report
            for panel in self._panels:
                if "keep" in panel.buttons:
                    panel.buttons["keep"].set_selected(session.keep_report)
        elif target_id == "continue":
            self.ctx.send(Finish())
        elif target_id.startswith("report-page:"):
            move = target_id.removeprefix("report-page:")
            self.page = 0 if move == "first" else max(0, self.page + (1 if move == "next" else -1))
            self.rebuild_ui()

    def exit(self) -> None:
        """Keep the report (on the file lane) under a new pickup code if the visitor asked to."""
        session = self.ctx.session
        if session is not None and session.keep_report and session.report is not None \
                and session.pickup_code is None:
            session.pickup_code = pickup_code()
            # In the visitor's language beside the interview's German (a bilingual printout).
            report = for_visitor(session.report, self.ctx.language.code)
            text = with_strengths(report.to_json(), session.hands_on)
            code = session.pickup_code
            data_dir = self.ctx.config.paths.data_dir
            self.ctx.jobs.submit(FILES, "keep-report", lambda: keep_report(data_dir, code, text),
                                 on_done=lambda path: log.info("report kept as %s", path.name),
                                 on_error=lambda e: log.error("could not keep the report: %s", e))
        super().exit()


def _figure(text: str, dot: Rgba, note: str | None) -> Block:
    """A figure's line with its verdict's light (and the German label under it)."""
    def add(panel: Panel) -> None:
        panel.status(text, dot=dot, note=note)
    return add


def _list(heading: str, items: tuple[Said, ...], *, gap_before: bool) -> list[Block]:
    """A bulleted list of explanations, its heading on the first item's page."""
    blocks: list[Block] = []
    for i, said in enumerate(items):
        def add(panel: Panel, i: int = i, said: Said = said) -> None:
            if i == 0:
                if gap_before:
                    panel.gap(0.01)
                panel.heading(heading)
            if said.own is None:
                panel.bullet(said.text)
            else:
                panel.bullet(said.own, note=said.text)
            if i == len(items) - 1:
                panel.end_list()
        blocks.append(add)
    return blocks

