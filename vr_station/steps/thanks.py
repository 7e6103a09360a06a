"""Thank you: take the headset off; the pickup code if the visitor kept their report."""

from __future__ import annotations

from vr_station.kiosk.flow import Finish, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonKind, ButtonSpec


class ThanksStep(Step):
    """The goodbye: take the headset off, and the pickup code of a kept report."""

    state = KioskState.THANKS

    def build_ui(self) -> None:
        """The thanks panel, with the pickup code where the visitor kept their report."""
        t = self.ctx.ui.texts
        session = self.ctx.require_session()
        panel = self.panel("thanks", 1.3)
        panel.title(t("thanks_title"), align="center")
        kept = session.pickup_code is not None
        # A kept report is not deleted: saying "all your data" would be untrue (issue 15).
        panel.paragraph(t("thanks_text_kept" if kept else "thanks_text"), align="center")
        if session.pickup_code is not None:
            panel.gap(0.02)
            panel.heading(session.pickup_code, align="center")
            panel.paragraph(t("thanks_code", code=session.pickup_code), align="center")
        panel.gap(0.02)
        panel.row([ButtonSpec("done", t("tour_end"), kind=ButtonKind.PRIMARY, width_m=0.5)])
        self.place(panel.finish())

    def on_choose(self, target_id: str) -> None:
        """"Done" ends the visit (the flow wipes it next)."""
        if target_id == "done":
            self.ctx.send(Finish())
