"""The interview room: the interviewer speaks (3-D audio, lips from the envelope), listens,
and follows the visitor with their eyes; captions show both sides; eye contact is measured.

Everything about the conversation comes from the ``InterviewDriver`` seam, polled once a frame.
"""

from __future__ import annotations

import logging
from enum import Enum, auto
from pathlib import Path

from vr_station.content.model import pick
from vr_station.interview.driver import (
    Ended,
    Failed,
    Heard,
    InterviewDriver,
    InterviewRequest,
    Listen,
    Say,
    Thinking,
)
from vr_station.interview.eye_contact import EyeContactMeter, Talk
from vr_station.interview.report import with_eye_contact
from vr_station.jobs import FILES, Ticket
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.privacy import prepare_scratch
from vr_station.speech.playback import Playing
from vr_station.steps.base import Step
from vr_station.ui.panel import ButtonKind, ButtonSpec
from vr_station.world.scenes import InterviewRoom

log = logging.getLogger(__name__)


class _Talk(Enum):
    INTRO = auto()
    STARTING = auto()
    INTERVIEWER = auto()
    LISTENING = auto()
    THINKING = auto()
    ENDED = auto()
    FAILED = auto()


class InterviewStep(Step):
    state = KioskState.INTERVIEW
    uses_lobby = False

    def enter(self) -> None:
        flow = self.ctx.flow
        assert flow is not None and flow.occupation_id is not None
        self.occupation = self.ctx.catalog.occupations[flow.occupation_id]
        self.persona = self.ctx.catalog.personas[self.ctx.catalog.default_persona]
        self.talk = _Talk.INTRO
        self.driver: InterviewDriver | None = None
        self.meter = EyeContactMeter()
        self.question: tuple[int, int] | None = None
        self.failure: str | None = None
        self._playing: Playing | None = None
        self._scratch_ticket: Ticket[Path] | None = None
        self._utterance: int | None = None
        self.room: InterviewRoom | None = None
        self.ctx.lobby.hide()
        self._build_room()
        super().enter()

    def _build_room(self) -> None:
        if self.room is not None:
            self.room.destroy()
        self.room = self.ctx.scenes.build_interview_room(self.ctx.world, self.persona.look)
        x, y, heading = self.room.visitor_seat
        self.ctx.rig.set_eye_height(self.ctx.rig.seated_eye_height_m)
        self.ctx.rig.place_head((x, y), heading)
        self.ctx.captions.recentre()
        self.make_stage()

    def exit(self) -> None:
        if self._scratch_ticket is not None:
            self._scratch_ticket.cancel()
        self._stop_voice()
        session = self.ctx.session
        if self.driver is not None:
            self.driver.close()
            self.driver = None
        if session is not None:
            session.interview = None
            if session.eye_contact is None:
                session.eye_contact = self.meter.figures()
        if self.room is not None:
            self.room.destroy()
            self.room = None
        self.ctx.rig.use_natural_height()
        super().exit()

    # UI --------------------------------------------------------------------------------------

    def build_ui(self) -> None:
        t = self.ctx.texts
        language = t.language
        if self.talk is _Talk.INTRO:
            panel = self.panel("interview-intro", 1.4, distance_m=1.3)
            panel.title(t("interview_intro_title"))
            panel.paragraph(t("interview_intro_text"))
            panel.gap(0.01)
            panel.paragraph(t("interview_choose_style"), muted=True)
            catalog = self.ctx.catalog
            panel.row([ButtonSpec(f"persona:{p.id}", pick(p.names, language),
                                  detail=pick(p.description, language),
                                  kind=ButtonKind.PRIMARY if p.id == catalog.default_persona
                                  else ButtonKind.SECONDARY)
                       for p in catalog.personas.values()], gap_m=0.03)
            # Raised a little so that the desk between visitor and interviewer never hides it.
            self.place(panel.finish(), distance_m=1.3, drop_deg=-3.0)
            return
        if self.talk is _Talk.FAILED:
            panel = self.panel("interview-failed", 1.2, distance_m=1.35)
            panel.heading(self.failure or t("interview_no_microphone"))
            panel.row([ButtonSpec("leave", t("report_continue"), kind=ButtonKind.PRIMARY)])
            self.place(panel.finish(), distance_m=1.35)
            return
        panel = self.panel("interview-status", 0.75, distance_m=1.5)
        if self.question is not None:
            current, total = self.question
            panel.paragraph(t("interview_question_counter", current=current, total=total),
                            muted=True, small=True)
        label = {
            _Talk.STARTING: t("interview_thinking"),
            _Talk.INTERVIEWER: t("interview_interviewer_speaks"),
            _Talk.LISTENING: t("interview_listening"),
            _Talk.THINKING: t("interview_thinking"),
            _Talk.ENDED: t("please_wait"),
        }[self.talk]
        dot = self.ctx.kit.theme.colours.listening if self.talk is _Talk.LISTENING else None
        panel.status(label, dot=dot)
        panel.row([ButtonSpec("answer-done", t("interview_answer_done"),
                              kind=ButtonKind.PRIMARY)])
        panel.row([ButtonSpec("end-interview", t("interview_end"))], min_height_m=0.09)
        panel.buttons["answer-done"].set_enabled(self.talk is _Talk.LISTENING)
        self.place(panel.finish(), yaw_deg=-26.0, distance_m=1.5, drop_deg=8.0)

    def on_choose(self, target_id: str) -> None:
        if target_id.startswith("persona:") and self.talk is _Talk.INTRO:
            self.persona = self.ctx.catalog.personas[target_id.removeprefix("persona:")]
            self.talk = _Talk.STARTING

            def seated() -> None:
                self._build_room()
                self.rebuild_ui()
                self._start()
                self.ctx.fader.in_()

            self.ctx.fader.out(then=seated)
        elif target_id == "answer-done" and self.driver is not None:
            self.driver.finish_answer()
        elif target_id == "end-interview":
            if self.driver is not None and self.talk not in (_Talk.ENDED, _Talk.FAILED):
                self.driver.wrap_up()
            elif self.driver is None:
                self.ctx.send(Finish())
        elif target_id == "leave":
            self.ctx.send(Finish())

    def wrap_up(self) -> None:
        if self.driver is not None:
            self.driver.wrap_up()
        else:
            self.ctx.send(Finish())

    # The conversation ------------------------------------------------------------------------

    def _start(self) -> None:
        cache_dir = self.ctx.config.paths.cache_dir
        self._scratch_ticket = self.ctx.jobs.submit(
            FILES, "session-folder", lambda: prepare_scratch(cache_dir), on_done=self._open,
            on_error=lambda error: self._cannot_start(error))

    def _open(self, scratch: Path) -> None:
        session = self.ctx.require_session()
        demo = self.ctx.demo
        request = InterviewRequest(
            occupation=self.occupation, language=self.ctx.language, persona=self.persona,
            script=self.ctx.catalog.interview, scratch_dir=scratch / "interview",
            max_questions=demo.max_questions if demo is not None else None,
            answers=demo.answers if demo is not None else None)
        try:
            self.driver = self.ctx.interviews(request)
        except Exception as exc:  # no microphone, no model: tell the visitor kindly
            self._cannot_start(exc)
            return
        session.interview = self.driver

    def _cannot_start(self, error: BaseException) -> None:
        log.error("the interview cannot start: %s", error)
        self._fail(None)

    def _fail(self, message: str | None) -> None:
        self.talk = _Talk.FAILED
        self.failure = message
        self._stop_voice()
        self.rebuild_ui()

    def update(self, dt_s: float, now_s: float) -> None:
        room = self.room
        if room is None:
            return
        head = self.ctx.rig.head_position()
        interviewer = room.interviewer
        interviewer.look_at(head)
        interviewer.update(dt_s)
        playing = self._playing
        interviewer.set_mouth_open(playing.level(now_s) if playing is not None else 0.0)
        if self.driver is not None:
            for action in self.driver.poll():
                self._on_action(action, now_s)
        talk = {_Talk.INTERVIEWER: Talk.LISTENING, _Talk.LISTENING: Talk.ANSWERING}.get(self.talk)
        if talk is not None:
            self.meter.update(talk, head, self.ctx.rig.head_forward(),
                              interviewer.face_position(), dt_s)

    def _on_action(self, action: object, now_s: float) -> None:
        t = self.ctx.texts
        previous = (self.talk, self.question)
        match action:
            case Say(utterance_id, clip, caption, number, total):
                self._stop_voice()
                assert self.room is not None
                self.talk = _Talk.INTERVIEWER
                if number is not None and total is not None:
                    self.question = (number, total)
                self._utterance = utterance_id
                self._playing = self.ctx.player.play(
                    clip, now_s, at=self.room.interviewer.mouth_node(),
                    on_done=lambda: self._said(utterance_id))
                self.ctx.captions.show_timed(t("caption_interviewer"), caption, clip.duration_s,
                                             now_s)
            case Listen():
                self.talk = _Talk.LISTENING
            case Heard(text, _final):
                self.ctx.touch()
                if text:
                    self.ctx.captions.show_live(t("caption_you"), text)
            case Thinking():
                self.talk = _Talk.THINKING
            case Ended(report):
                self.talk = _Talk.ENDED
                session = self.ctx.require_session()
                session.eye_contact = self.meter.figures()
                session.report = with_eye_contact(report, session.eye_contact, t)
                self.ctx.send(Finish())
            case Failed(message):
                self._fail(message)
        if (self.talk, self.question) != previous and self.talk is not _Talk.FAILED:
            self.rebuild_ui()

    def _said(self, utterance_id: int) -> None:
        self._playing = None
        self.ctx.captions.clear()
        if self.driver is not None:
            self.driver.said(utterance_id)

    def _stop_voice(self) -> None:
        if self._playing is not None:
            self.ctx.player.stop(self._playing)
            self._playing = None
        self.ctx.captions.clear()
