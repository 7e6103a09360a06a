"""The interview room: the interviewer speaks (3-D audio, lips from the envelope), listens,
and follows the visitor with their eyes; captions show both sides; eye contact is measured.

Everything about the conversation comes from the ``InterviewDriver`` seam (the interview
engine), polled once a frame. Eye contact is measured per answer and handed to the engine,
whose report carries it. Without a recognizer for the language, or without a microphone, the
visitor types the answers on an on-screen keyboard (or the station's keyboard), and a notice
says why.
"""

from __future__ import annotations

import logging
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.model import pick
from vr_station.interview.driver import (
    Ended,
    Failed,
    Heard,
    InterviewDriver,
    InterviewRequest,
    Listen,
    Notice,
    Say,
    Thinking,
)
from vr_station.interview.eye_contact import EyeContactMeter, Talk, TurnEyeContact
from vr_station.jobs import FILES, Ticket
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.privacy import prepare_scratch
from vr_station.sound.playback import Playing
from vr_station.steps.base import Step
from vr_station.ui.keyboard import TextEntry
from vr_station.ui.keyboard_rows import add_key_rows
from vr_station.ui.panel import ButtonKind, ButtonSpec
from vr_station.world.scenes import InterviewRoom

if TYPE_CHECKING:
    from panda3d.core import NodePath

log = logging.getLogger(__name__)

KEY_WIDTH_M = 0.085
KEYBOARD_DISTANCE_M = 1.25
ANSWER_LINES = 3
"""Lines the typed answer may take on the panel; a longer one shows its end."""
ANSWER_SHOWN_CHARS = 150


class _Talk(Enum):
    INTRO = auto()
    STARTING = auto()
    INTERVIEWER = auto()
    LISTENING = auto()
    TYPING = auto()
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
        self.turn_eye = TurnEyeContact()
        self.question: tuple[int, int] | None = None
        self.asking: int | None = None
        """The main question the interviewer last said (None: a follow-up, a nudge …)."""
        self.turn: int | None = None
        """The turn the visitor answers now (or last answered)."""
        self.notices: list[str] = []
        self.entry = TextEntry()
        self.typed = False
        """Answers are typed (learnt from the first ``Listen``)."""
        self.answer_text: NodePath | None = None
        """The typed answer on the keyboard panel (where a typing visitor looks)."""
        self.failure: str | None = None
        self._playing: Playing | None = None
        self._scratch_ticket: Ticket[Path] | None = None
        self._utterance: int | None = None
        self.room: InterviewRoom | None = None
        self.ctx.lobby.hide()
        self._build_room()
        super().enter()
        # A physical keyboard types typed answers too (desktop mode, staff helping).
        if self.ctx.base.buttonThrowers:
            self.ctx.base.buttonThrowers[0].node().setKeystrokeEvent("keystroke")
        self.accept("keystroke", self._keystroke)
        self.accept("backspace", self._backspace)
        self.accept("backspace-repeat", self._backspace)

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
        if self.ctx.base.buttonThrowers:
            self.ctx.base.buttonThrowers[0].node().setKeystrokeEvent("")
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
        self.entry = TextEntry()
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
            panel.heading(self.failure or t("interview_failed"))
            panel.row([ButtonSpec("leave", t("report_continue"), kind=ButtonKind.PRIMARY)])
            self.place(panel.finish(), distance_m=1.35)
            return
        if self.talk is _Talk.TYPING:
            self._keyboard()
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
            _Talk.TYPING: t("interview_type_answer"),
            _Talk.THINKING: t("interview_thinking"),
            _Talk.ENDED: t("please_wait"),
        }[self.talk]
        dot = self.ctx.kit.theme.colours.listening if self.talk is _Talk.LISTENING else None
        panel.status(label, dot=dot)
        for notice in self.notices:
            panel.paragraph(notice, muted=True, small=True)
        if not self.typed:
            panel.row([ButtonSpec("answer-done", t("interview_answer_done"),
                                  kind=ButtonKind.PRIMARY)])
            panel.buttons["answer-done"].set_enabled(self.talk is _Talk.LISTENING)
        panel.row([ButtonSpec("end-interview", t("interview_end"))], min_height_m=0.09)
        self.place(panel.finish(), yaw_deg=-26.0, distance_m=1.5, drop_deg=8.0)

    def _keyboard(self) -> None:
        """While the visitor types, one panel low in front: what the status panel says, the
        answer so far and the keys. The interviewer's face stays in view above it."""
        t = self.ctx.texts
        panel = self.panel("interview-answer", 1.15, distance_m=KEYBOARD_DISTANCE_M)
        if self.question is not None:
            current, total = self.question
            panel.paragraph(t("interview_question_counter", current=current, total=total),
                            muted=True, small=True)
        panel.heading(t("interview_type_answer"))
        for notice in self.notices:
            panel.paragraph(notice, muted=True, small=True)
        self.answer_text = panel.paragraph(self._shown_answer(), dynamic=True)
        body = panel.em_m(self.ctx.kit.theme.sizes.body_deg)
        panel.gap(body * self.ctx.kit.theme.line_spacing * (ANSWER_LINES - 1))
        add_key_rows(panel, t, self.entry,
                     ButtonSpec("answer-done", t("interview_answer_done"),
                                kind=ButtonKind.PRIMARY, width_m=0.3),
                     key_width_m=KEY_WIDTH_M, gap_m=0.01, wide_key_m=0.27)
        panel.row([ButtonSpec("end-interview", t("interview_end"))], min_height_m=0.08)
        self.place(panel.finish(), distance_m=KEYBOARD_DISTANCE_M, drop_deg=22.0)

    def _shown_answer(self) -> str:
        text = self.entry.text
        if len(text) > ANSWER_SHOWN_CHARS:
            text = "…" + text[-ANSWER_SHOWN_CHARS:]
        return (text or " ") + "▏"
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
            if self.talk is _Talk.TYPING:
                self._submit_typed()
            else:
                self.driver.finish_answer()
        elif target_id == "end-interview":
            if self.driver is not None and self.talk not in (_Talk.ENDED, _Talk.FAILED):
                self.driver.wrap_up()
            elif self.driver is None:
                self.ctx.send(Finish())
        elif target_id == "leave":
            self.ctx.send(Finish())
        elif target_id.startswith("key:"):
            value = target_id.removeprefix("key:")
            self._type(" " if value == "space" else value)
        elif target_id == "backspace":
            self._backspace()

    def wrap_up(self) -> None:
        if self.driver is not None:
            self.driver.wrap_up()
        else:
            self.ctx.send(Finish())

    # Typed answers ---------------------------------------------------------------------------

    def _type(self, characters: str) -> None:
        if self.talk is not _Talk.TYPING:
            return
        was_shift = self.entry.shift
        self.entry.type(characters)
        self.ctx.touch()
        if was_shift != self.entry.shift:
            self.rebuild_ui()  # key caps change case
        else:
            self._show_answer()

    def _backspace(self) -> None:
        if self.talk is not _Talk.TYPING:
            return
        was_shift = self.entry.shift
        self.entry.backspace()
        if was_shift != self.entry.shift:
            self.rebuild_ui()
        else:
            self._show_answer()

    def _show_answer(self) -> None:
        if self.answer_text is not None and not self.answer_text.isEmpty():
            self.answer_text.node().setText(self._shown_answer())

    def _keystroke(self, key: str) -> None:
        if key == "\r" and self.talk is _Talk.TYPING:
            self._submit_typed()
        elif key != "\b":
            self._type(key)

    def _submit_typed(self) -> None:
        text = self.entry.text.strip()
        if not text or self.driver is None:
            return
        self.driver.submit_text(text)
        self.entry = TextEntry()
        self.talk = _Talk.THINKING
        self.rebuild_ui()

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
            seed=demo.seed if demo is not None else None)
        try:
            self.driver = self.ctx.interviews(request)
        except Exception as exc:  # tell the visitor kindly; staff find the reason in the log
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
            contact = self.meter.update(talk, head, self.ctx.rig.head_forward(),
                                        interviewer.face_position(), dt_s)
            if talk is Talk.ANSWERING:
                self.turn_eye.add(dt_s, contact)

    def _on_action(self, action: object, now_s: float) -> None:
        t = self.ctx.texts
        previous = (self.talk, self.question, len(self.notices))
        match action:
            case Say(utterance_id, clip, caption, number, total):
                self._end_turn()
                self._stop_voice()
                assert self.room is not None
                self.talk = _Talk.INTERVIEWER
                self.asking = number
                if number is not None and total is not None:
                    self.question = (number, total)
                self._utterance = utterance_id
                self._playing = self.ctx.player.play(
                    clip, now_s, at=self.room.interviewer.mouth_node(),
                    on_done=lambda: self._said(utterance_id))
                self.ctx.captions.show_timed(t("caption_interviewer"), caption, clip.duration_s,
                                             now_s)
            case Listen(turn_id, typed):
                self.talk = _Talk.TYPING if typed else _Talk.LISTENING
                self.typed = typed
                self.turn = turn_id
                if not typed:  # a visitor typing looks at the keys, not at the interviewer
                    self.turn_eye.start(turn_id)
            case Heard(text, _final):
                self.ctx.touch()
                if text:
                    self.ctx.captions.show_live(t("caption_you"), text)
            case Thinking():
                self._end_turn()
                self.talk = _Talk.THINKING
            case Notice(text):
                if text not in self.notices:
                    self.notices.append(text)
            case Ended(report):
                self._end_turn()
                self.talk = _Talk.ENDED
                session = self.ctx.require_session()
                session.eye_contact = self.meter.figures()
                session.report = report
                self.ctx.send(Finish())
            case Failed(message):
                self._fail(message)
        if (self.talk, self.question, len(self.notices)) != previous \
                and self.talk is not _Talk.FAILED:
            self.rebuild_ui()

    def _end_turn(self) -> None:
        measured = self.turn_eye.finish()
        if measured is not None and self.driver is not None:
            self.driver.report_eye_contact(*measured)

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
