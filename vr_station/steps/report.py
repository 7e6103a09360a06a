"""The interview report on a panel; the visitor may choose to keep it (pickup code).

The report is the interview engine's; the panel shows the figures of the whole interview, what
went well, the two or three most useful tips and the footer (what the feedback measures). A kept
report is the engine's JSON, as printed by staff (the same as ``vr-station interview`` writes),
with the visitor's language (``help_language``) for a bilingual printout
(``interview_engine.report_html.render_kept_report``).
"""

from __future__ import annotations

import logging

from interview_engine.report import for_visitor
from vr_station.interview.report import ReportLabels, Verdict, report_lines
from vr_station.jobs import FILES
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.privacy import keep_report
from vr_station.session import pickup_code
from vr_station.steps.base import Step
from vr_station.steps.task import with_strengths
from vr_station.ui.panel import ButtonKind, ButtonSpec

log = logging.getLogger(__name__)


class ReportStep(Step):
    """The interview report for the visitor, who may keep it and pick it up with a code."""

    state = KioskState.REPORT

    def enter(self) -> None:
        """Show the report; move straight on when the interview could not run (no report)."""
        if self.ctx.require_session().report is None:  # the interview could not run
            self.ctx.send(Finish())
        super().enter()

    def build_ui(self) -> None:
        """The report panel: a line per figure with its verdict dot, strengths, top tips, keep and go on."""
        session = self.ctx.require_session()
        report = session.report
        if report is None:
            return
        t = self.ctx.ui.texts
        colours = self.ctx.ui.kit.theme.colours
        dots = {Verdict.GOOD: colours.good, Verdict.OK: colours.accent,
                Verdict.WORK_ON: colours.work_on, Verdict.INFO: colours.info}
        labels = ReportLabels(self.ctx.catalog.interview.report_labels, t.language)
        panel = self.panel("report", 1.6)
        panel.title(t("report_title"))
        for line in report_lines(report, labels, t.number):
            panel.status(f"{line.title}: {line.text}", dot=dots[line.verdict])
        if report.strengths:
            panel.gap(0.01)
            panel.heading(labels("strengths"))
            panel.bullets(report.strengths)
        if report.top_tips:
            panel.heading(labels("top_tips"))
            panel.bullets(report.top_tips)
        if report.footer:
            panel.gap(0.01)
            panel.paragraph(report.footer, muted=True, small=True)
        panel.gap(0.01)
        panel.row([ButtonSpec("keep", t("report_keep"), detail=t("report_keep_detail"),
                              kind=ButtonKind.CHIP, selected=session.keep_report),
                   ButtonSpec("continue", t("report_continue"), kind=ButtonKind.PRIMARY,
                              width_m=0.45)])
        self.place(panel.finish())

    def on_choose(self, target_id: str) -> None:
        """"Keep" toggles keeping the report; "continue" goes on to the feedback."""
        session = self.ctx.require_session()
        if target_id == "keep":
            session.keep_report = not session.keep_report
            for panel in self._panels:
                if "keep" in panel.buttons:
                    panel.buttons["keep"].set_selected(session.keep_report)
        elif target_id == "continue":
            self.ctx.send(Finish())

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
