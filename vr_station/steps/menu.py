"""The main menu: explore occupations or practise an interview; seated or standing; recentre."""

from __future__ import annotations

from calibration.body import Posture
from vr_station.kiosk.flow import Back, ChooseIntent, Intent, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonKind, ButtonSpec


class MenuStep(Step):
    """The main menu: explore occupations or practise an interview, posture, recentre, back."""

    state = KioskState.MENU

    def build_ui(self) -> None:
        """The menu panel: the two big choices, then seated or standing, recentre and back."""
        t = self.ctx.ui.texts
        posture = self.ctx.world.rig.posture
        panel = self.panel("menu", 1.55)
        panel.title(t("menu_title"))
        panel.gap(0.01)
        panel.row([
            ButtonSpec("explore", t("menu_explore"), detail=t("menu_explore_detail"),
                       kind=ButtonKind.PRIMARY),
            ButtonSpec("interview", t("menu_interview"), detail=t("menu_interview_detail"),
                       kind=ButtonKind.PRIMARY),
        ], gap_m=0.05)
        panel.gap(0.015)
        panel.paragraph(t("posture_title"), muted=True)
        panel.row([
            ButtonSpec("posture:standing", t("posture_standing"), kind=ButtonKind.CHIP,
                       selected=posture is Posture.STANDING),
            ButtonSpec("posture:seated", t("posture_seated"), kind=ButtonKind.CHIP,
                       selected=posture is Posture.SEATED),
            ButtonSpec("recentre", t("recentre")),
            ButtonSpec("back", t("back")),
        ])
        self.place(panel.finish())

    def on_choose(self, target_id: str) -> None:
        """Send the visitor's intent, go back, recentre, or change the posture."""
        if target_id == "explore":
            self.ctx.send(ChooseIntent(Intent.EXPLORE))
        elif target_id == "interview":
            self.ctx.send(ChooseIntent(Intent.INTERVIEW))
        elif target_id == "back":
            self.ctx.send(Back())
        elif target_id == "recentre":
            self.recentre()
        elif target_id.startswith("posture:"):
            self.change_posture(Posture(target_id.removeprefix("posture:")))
