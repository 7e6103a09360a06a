"""The quick check at the start of a session: standing or seated, then "can you hear me?".

The logic (eye-height reading, louder repeats, limits) is ``calibration.quick_check``; this
step shows its screens as one panel, feeds it the tracked head pose, speaks the test sentence
through the station's narrator (the same synthesis and playback as the tour) at the session's
volume, and applies the result: the rig's posture and eye height, the session's volume.
"""

from __future__ import annotations

import logging

from panda3d.core import NodePath

from calibration.body import Posture
from calibration.quick_check import QuickCheckScreen, VisitorQuickCheck
from calibration.quick_check import QuickCheckStep as CheckPage
from vr_station.kiosk.flow import Back, Finish, KioskState
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel

log = logging.getLogger(__name__)

PANEL_WIDTH_M = 1.35
SPEECH_RATE_WPM = 150
"""As the tour's narration: a little slower than conversation."""
DONE_PAUSE_S = 1.5
""""Alles bereit" stays this long before the menu comes."""
READING_EVERY_S = 0.25
"""The eye height on the panel is brought up to date this often (a text change, no rebuild)."""


class QuickCheckStep(Step):
    """The quick check's pages on one panel: standing or seated (eye height), then the test sentence."""

    state = KioskState.QUICK_CHECK

    def enter(self) -> None:
        """Start a fresh check at the session's volume and the rig's posture, and show its first page."""
        self.check = VisitorQuickCheck(self.ctx.profile, volume_percent=self.ctx.speech.volume.percent,
                                       posture=self.ctx.world.rig.posture)
        self._shown: QuickCheckScreen | None = None
        self._spoken_plays = 0
        self._done_since_s: float | None = None
        self._finished = False
        self._eye_height_text: NodePath | None = None
        self._reading_due_s = 0.0
        self._posture_shown: Posture | None = None
        super().enter()

    # UI --------------------------------------------------------------------------------------

    def build_ui(self) -> None:
        """The check's current page: eye height and posture, the hearing question, or "all set"."""
        t = self.ctx.ui.texts
        screen = self.check.screen
        self._shown = screen
        self._posture_shown = self.check.reading.posture
        self._eye_height_text = None
        panel = self.panel("quick-check", PANEL_WIDTH_M)
        if screen.step is not CheckPage.DONE:
            page = 1 if screen.step is CheckPage.HEIGHT else 2
            panel.paragraph(t("quick_check_progress", current=page, total=2), muted=True,
                            small=True)
        panel.title(t(screen.title))
        if screen.step is CheckPage.HEIGHT:
            self._height_page(panel)
        elif screen.step is CheckPage.HEARING:
            panel.paragraph(t(screen.text))
            panel.paragraph(t("quick_check_volume", percent=round(screen.volume_percent)),
                            muted=True, small=True)
            panel.gap(0.02)
            assert screen.confirm is not None and screen.decline is not None
            panel.row([ButtonSpec("yes", t(screen.confirm), kind=ButtonKind.PRIMARY),
                       ButtonSpec("no", t(screen.decline))])
        else:
            panel.paragraph(t(screen.text))
            if screen.confirm is not None:
                panel.gap(0.02)
                panel.row([ButtonSpec("continue", t(screen.confirm), kind=ButtonKind.PRIMARY,
                                      width_m=0.55)])
        self.place(panel.finish())

    def _height_page(self, panel: Panel) -> None:
        t = self.ctx.ui.texts
        screen = self.check.screen
        reading = self.check.reading
        if reading.eye_height_m is not None:
            self._eye_height_text = panel.heading(self._eye_height_label(reading.eye_height_m))
        panel.paragraph(t(screen.text, height=t.number(self.ctx.world.rig.standing_eye_height_m, 2)))
        panel.paragraph(t("quick_check_change_hint"), muted=True, small=True)
        panel.gap(0.01)
        panel.paragraph(t("posture_title"), muted=True)
        panel.row([
            ButtonSpec("posture:standing", t("posture_standing"), kind=ButtonKind.CHIP,
                       selected=reading.posture is Posture.STANDING),
            ButtonSpec("posture:seated", t("posture_seated"), kind=ButtonKind.CHIP,
                       selected=reading.posture is Posture.SEATED),
            ButtonSpec("recentre", t("recentre")),
        ])
        panel.row([ButtonSpec("back", t("back"), width_m=0.3),
                   ButtonSpec("confirm", t(screen.confirm or "quick_check_confirm_height"),
                              kind=ButtonKind.PRIMARY, width_m=0.55)])

    def _eye_height_label(self, eye_height_m: float) -> str:
        t = self.ctx.ui.texts
        return t("quick_check_eye_height", height=t.number(eye_height_m, 2))

    # Input -----------------------------------------------------------------------------------

    def on_choose(self, target_id: str) -> None:
        """Confirm or decline the page, change the posture, recentre or go back; then show what follows."""
        now = self.ctx.clock()
        if target_id in ("confirm", "yes"):
            before = self.check.step
            self.check.confirm(now)
            if before is CheckPage.HEIGHT:
                reading = self.check.reading
                self.change_posture(reading.posture, reading.eye_height_m)
        elif target_id == "no":
            self.check.decline(now)
        elif target_id == "continue":
            self._finish()
        elif target_id == "recentre":
            self.recentre()
        elif target_id == "back":
            self.ctx.send(Back())
        elif target_id.startswith("posture:"):
            posture = Posture(target_id.removeprefix("posture:"))
            self.check.choose_posture(posture)
            self.change_posture(posture)
        self._refresh(now)

    def update(self, dt_s: float, now_s: float) -> None:
        """Once per frame: feed the tracked head to the height page and let the check's timers run.

        The menu follows a moment after "all set".
        """
        if self.check.step is CheckPage.HEIGHT and self.ctx.world.rig.tracks_head:
            self.check.head_pose(self.ctx.world.rig.head_pose_in_rig(), now_s)
            if now_s >= self._reading_due_s:
                self._reading_due_s = now_s + READING_EVERY_S
                self._show_reading()
        self.check.tick(now_s)
        self._refresh(now_s)
        if self._done_since_s is not None and self.check.result is not None \
                and self.check.result.heard and now_s - self._done_since_s >= DONE_PAUSE_S:
            self._finish()

    def wrap_up(self) -> None:
        """Time is up: take the check's result as it stands (posture, eye height, volume) and go on."""
        result = self.check.finish_now()
        if self.ctx.world.rig.posture is not result.posture:
            self.change_posture(result.posture, result.eye_height_m)
        self._finish()

    # Internals -------------------------------------------------------------------------------

    def _show_reading(self) -> None:
        reading = self.check.reading
        if reading.eye_height_m is None:
            return
        if self._eye_height_text is None:
            self.rebuild_ui()
            return
        label = self._eye_height_label(reading.eye_height_m)
        text = self._eye_height_text
        if text.getTag("text") != label:
            self.ctx.ui.kit.set_text(text, label)

    def _refresh(self, now_s: float) -> None:
        """Show the check's current screen; speak when it asks for the sentence again."""
        screen = self.check.screen
        if screen != self._shown:
            posture = self.check.reading.posture
            if screen.step is CheckPage.HEIGHT and posture is not self._posture_shown:
                # The reading says they sat down or stood up (rare, with hysteresis): the title
                # asks the other question, and the panel moves to where their eyes are now.
                self.posture_changed()
            else:
                self.rebuild_ui()
        if screen.say is not None and screen.plays > self._spoken_plays:
            self._spoken_plays = screen.plays
            self._speak(screen)
        if screen.step is CheckPage.DONE and self._done_since_s is None:
            self._done_since_s = now_s
            self.ctx.speech.narrator.stop()
            result = self.check.result
            assert result is not None
            self.ctx.speech.volume.set(result.volume_percent)
            if result.needs_staff:
                log.warning("the visitor could not confirm hearing the test sentence at %.0f %% "
                            "(check headphones/speaker: vr-station calibrate speaker)",
                            result.volume_percent)

    def _speak(self, screen: QuickCheckScreen) -> None:
        assert screen.say is not None
        self.ctx.speech.volume.set(screen.volume_percent)
        language = self.ctx.language
        check = self.check
        clock = self.ctx.clock
        # No captions: the panel asks the question, and a caption would answer it for anyone
        # who cannot hear the voice.
        t = self.ctx.ui.texts
        self.ctx.speech.narrator.say(t(screen.say), language.tts_voices, SPEECH_RATE_WPM,
                                     t(screen.title), captions=False,
                                     on_done=lambda: check.speech_ended(clock()))

    def _finish(self) -> None:
        if not self._finished:
            self._finished = True
            self.ctx.send(Finish())
