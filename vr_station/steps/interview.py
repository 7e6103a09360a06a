"""The interview room: the interviewer speaks, listens and looks at the visitor; eye contact counts.

The interviewer speaks with 3-D audio, the lips moving with the voice's envelope, and follows
the visitor with their eyes; captions show both sides.

Before it begins, the intro panel says how answers are given: aloud, or typed where the station
has no recognizer for the visitor's language (said here, in plain words, not only with the
first question). A visitor who answers aloud may choose "Mehr Zeit zum Nachdenken": pauses may
then last longer before the answer counts as finished. While the visitor answers, the listening
indicator shows that the station still listens and how long the pause has lasted
(``ListeningIndicator``, read from the session every frame without waiting); "Antwort fertig"
ends the answer at once.

Everything about the conversation comes from the interview engine's ``InterviewSession``: the
station opens it on a job lane (``EngineInterviews.open`` blocks), and the room polls its
actions (``interview_engine.session``) once a frame. Eye contact is measured per answer and
handed to the engine, whose report carries it. Without a recognizer for the language, or
without a microphone, the visitor types the answers on an on-screen keyboard (or the
station's keyboard), and a notice says why. When the microphone goes away during the interview
(``EngineInterviews.microphone_status``), the answer in progress and the next ones are typed,
with a notice, until it is back; then the next answer is heard again.
"""

from __future__ import annotations

import logging
import re
import threading
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.model import Language, pick
from interview_engine.session import (
    CaptionAction,
    EndAction,
    InterviewSession,
    ListenAction,
    NoticeAction,
    SayAction,
    SessionAction,
)
from speech.clip import SpeechClip
from vr_station.interview.eye_contact import EyeContactMeter, Talk, TurnEyeContact
from vr_station.jobs import FILES, Ticket
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.privacy import prepare_scratch
from vr_station.sound.narration import reading_time_s
from vr_station.sound.playback import Playing
from vr_station.steps.base import Step
from vr_station.ui.layout import Arrangement
from vr_station.ui.listening import ListeningIndicator
from vr_station.ui.panel import ButtonKind, ButtonSpec
from vr_station.ui.text_input import TextInput
from vr_station.world.scenes import InterviewRoom

if TYPE_CHECKING:
    from panda3d.core import NodePath

log = logging.getLogger(__name__)

KEY_WIDTH_M = 0.072
"""3.6° at the keyboard zone's 1.15 m: five rows of keys fit its 26°."""
KEYBOARD_WIDTH_M = 1.1
"""Twelve keys a row and no wider: a panel 60° wide would have corners rising into the text."""
ANSWER_LINES = 3
"""Lines the typed answer may take on the panel; a longer one shows its last words. Fewer when
the panel would not fit its zone otherwise (a notice above it), never a smaller text."""
OPENING_LANE = "interview"
"""Job lane that opens a visitor's interview (asks for the voices, opens the microphone) and
finds out beforehand whether the visitor's language has a recognizer."""
MORE_TIME = "more-time"
"""The intro panel's toggle "Mehr Zeit zum Nachdenken"."""


def _first_sentence(text: str) -> str:
    """``text`` up to its first sentence's end (Latin, Cyrillic or Arabic punctuation)."""
    match = _SENTENCE_END.search(text)
    return text[:match.end()].strip() if match else text


_SENTENCE_END = re.compile(r"[.!?؟](?=\s)")


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
    """The interview room: choose the interviewer's style, then the interview itself (see the module)."""

    state = KioskState.INTERVIEW
    uses_lobby = False

    def enter(self) -> None:
        """Seat the visitor in the interview room, with the intro panel (the interviewer's style) in front."""
        flow = self.ctx.flow
        assert flow is not None and flow.occupation_id is not None
        self.occupation = self.ctx.catalog.occupations[flow.occupation_id]
        self.persona = self.ctx.catalog.personas[self.ctx.catalog.default_persona]
        self.talk = _Talk.INTRO
        self.interview: InterviewSession | None = None
        self._opening = False
        """The interview is being opened on its job lane."""
        self._left = threading.Event()
        """The step was left: an interview that opens now is closed at once."""
        self._wrap_up_pending = False
        """The visitor ended the interview (or time ran out) before it had opened."""
        self.meter = EyeContactMeter()
        self.turn_eye = TurnEyeContact()
        self.question: tuple[int, int] | None = None
        self.asking: int | None = None
        """The main question the interviewer last said (None: a follow-up, a nudge …)."""
        self.turn: int | None = None
        """The turn the visitor answers now (or last answered)."""
        self.notices: list[str] = []
        self.more_time_to_think = False
        """The visitor chose "Mehr Zeit zum Nachdenken" on the intro panel."""
        self.answers_typed: bool | None = None
        """The language has no recognizer, so answers will be typed (None: not known yet)."""
        self.indicator: ListeningIndicator | None = None
        """On the status panel while the visitor answers aloud."""
        self.entry = TextInput(self.ctx.base, accepting=lambda: self.talk is _Talk.TYPING,
                               redraw=self.rebuild_ui, touch=self.ctx.touch,
                               on_enter=self._submit_typed, shown_lines=ANSWER_LINES)
        self.typed = False
        """Answers are typed (learnt from the first ``ListenAction``)."""
        self.microphone_away = False
        """The microphone went away during the interview: spoken answers are typed until it is back."""
        self.answer_text: NodePath | None = None
        """The typed answer on the keyboard panel (where a typing visitor looks)."""
        self._playing: Playing | None = None
        self._scratch_ticket: Ticket[Path] | None = None
        self.room: InterviewRoom | None = None
        self.ctx.world.lobby.hide()
        self._build_room()
        super().enter()
        self._find_out_how_answers_are_given()

    @property
    def _interview_language(self) -> Language:
        """The language the interview runs in (content/languages.yaml ``interview_language``).

        The visitor's if it is German or English, else German: the interview prepares for one in
        Germany, while the station's texts around it stay in the visitor's language.
        """
        return self.ctx.catalog.interview_language(self.ctx.language.code)

    def _find_out_how_answers_are_given(self) -> None:
        """Ask (on the opening lane: it checks model files) whether answers will be typed."""
        interviews, language, left = self.ctx.visit.interviews, self._interview_language, self._left

        def typed() -> bool:
            return interviews.recognizer_for(language).recognizer is None

        def known(answers_typed: bool) -> None:
            if left.is_set() or answers_typed == self.answers_typed:
                return
            self.answers_typed = answers_typed
            if self.talk is _Talk.INTRO:
                self.rebuild_ui()

        self.ctx.jobs.submit(OPENING_LANE, "recognizer-check", typed, on_done=known,
                             on_error=lambda error: log.warning(
                                 "cannot tell whether answers will be spoken: %s", error))

    def _build_room(self) -> None:
        if self.room is not None:
            self.room.destroy()
        self.room = self.ctx.world.scenes.build_interview_room(self.ctx.world.root, self.persona.look)
        x, y, heading = self.room.visitor_seat
        self.ctx.world.rig.set_eye_height(self.ctx.world.rig.seated_eye_height_m)
        self.ctx.world.rig.place_head((x, y), heading)
        self.ctx.speech.captions.recentre()
        self.make_stage()

    def exit(self) -> None:
        """Close the interview and forget the typed answer, keep the eye-contact figures, remove the room."""
        self._left.set()
        self.entry.clear()  # the visitor's words go with the visitor
        self.entry.destroy()
        if self._scratch_ticket is not None:
            self._scratch_ticket.cancel()
        self._stop_voice()
        session = self.ctx.session
        if self.interview is not None:
            # Cancel and wipe now; the session's threads end on their own (the render thread
            # never joins them). It closes the microphone it was given.
            self.interview.close(timeout_s=0.0)
            self.interview = None
        if session is not None:
            session.interview = None
            if session.eye_contact is None:
                session.eye_contact = self.meter.figures()
        if self.room is not None:
            self.room.destroy()
            self.room = None
        self.ctx.world.rig.use_natural_height()
        super().exit()

    # UI --------------------------------------------------------------------------------------

    def build_ui(self) -> None:
        """The panels for the moment: the intro, the failure notice, the keyboard, or the status.

        The status panel stands beside the interviewer: question counter, who speaks, notices,
        "answer done" and "end interview".
        """
        t = self.ctx.ui.texts
        language = t.language
        self.indicator = None
        if self.talk is _Talk.INTRO:
            self.arrange(Arrangement.SINGLE)
            panel = self.panel("interview-intro", 1.9)  # three style buttons side by side
            panel.title(t("interview_intro_title"))
            if self.answers_typed:
                spoken = self._interview_language
                panel.paragraph(t("interview_intro_text_typed",
                                  language=spoken.names.get(language, spoken.native_name)))
            else:
                panel.paragraph(t("interview_intro_text"))
                panel.row([ButtonSpec(MORE_TIME, t("interview_more_time"),
                                      detail=t("interview_more_time_detail"),
                                      kind=ButtonKind.CHIP, selected=self.more_time_to_think)])
            panel.gap(0.01)
            panel.paragraph(t("interview_choose_style"), muted=True)
            catalog = self.ctx.catalog
            panel.row([ButtonSpec(f"persona:{p.id}", pick(p.names, language),
                                  detail=pick(p.description, language),
                                  kind=ButtonKind.PRIMARY if p.id == catalog.default_persona
                                  else ButtonKind.SECONDARY)
                       for p in catalog.personas.values()], gap_m=0.03)
            self.place(panel.finish())
            return
        if self.talk is _Talk.FAILED:
            self.arrange(Arrangement.SINGLE)
            panel = self.panel("interview-failed", 1.2)
            panel.heading(t("interview_failed"))
            panel.row([ButtonSpec("leave", t("report_continue"), kind=ButtonKind.PRIMARY)])
            self.place(panel.finish())
            return
        if self.talk is _Talk.TYPING:
            self._keyboard()
            return
        self.arrange(Arrangement.INTERVIEW)
        panel = self.panel("interview-status", 0.75)
        if self.question is not None:
            current, total = self.question
            panel.paragraph(t("interview_question_counter", current=current, total=total),
                            muted=True, small=True)
        if self.talk is _Talk.LISTENING:
            self.indicator = ListeningIndicator(panel, t("interview_listening"),
                                                t("interview_still_listening"))
            self._show_silence()
        else:
            panel.status({
                _Talk.STARTING: t("interview_thinking"),
                _Talk.INTERVIEWER: t("interview_interviewer_speaks"),
                _Talk.THINKING: t("interview_thinking"),
                _Talk.ENDED: t("please_wait"),
            }[self.talk])
        for notice in self.notices:
            panel.paragraph(notice, muted=True, small=True)
        if not self.typed:
            panel.row([ButtonSpec("answer-done", t("interview_answer_done"),
                                  kind=ButtonKind.PRIMARY)])
            panel.buttons["answer-done"].set_enabled(self.talk is _Talk.LISTENING)
        panel.row([ButtonSpec("end-interview", t("interview_end"))], min_height_m=0.09)
        self.place(panel.finish(), align="top")

    def _keyboard(self) -> None:
        """While the visitor types: keys low in front, the question and answer beside the face.

        The interviewer's face stays in view between them (``Arrangement.KEYBOARD``).
        """
        t = self.ctx.ui.texts
        self.arrange(Arrangement.KEYBOARD)
        # The panel beside the face is narrow: with the microphone away only that notice shows.
        notices = [t("interview_microphone_away")] if self.microphone_away else self.notices
        # Too tall beside the face: first the answer shows fewer lines, then a notice keeps only
        # its first sentence (why answers are typed; the keys in view say the rest), then the
        # question counter goes. The visitor's last words stay, never in a smaller text.
        tries = [(lines, False, True) for lines in range(ANSWER_LINES, 0, -1)]
        if any(_first_sentence(n) != n for n in notices):
            tries += [(lines, True, True) for lines in range(ANSWER_LINES, 0, -1)]
        tries.append((1, True, False))
        for attempt, (lines, brief, counter) in enumerate(tries):
            panel = self.panel("interview-answer")
            if self.question is not None and counter:
                current, total = self.question
                panel.paragraph(t("interview_question_counter", current=current, total=total),
                                muted=True, small=True)
            if notices:  # a notice already asks for typing
                for notice in notices:
                    panel.paragraph(_first_sentence(notice) if brief else notice,
                                    muted=True, small=True)
            else:
                panel.heading(t("interview_type_answer"))
            self.answer_text = self.entry.add_line(panel, lines=lines)
            body = panel.em_m(self.ctx.ui.kit.theme.sizes.body_deg)
            panel.gap(body * self.ctx.ui.kit.theme.line_spacing * (lines - 1))
            panel.row([ButtonSpec("end-interview", t("interview_end"))], min_height_m=0.08)
            panel.finish()
            if self.fits(panel) or attempt == len(tries) - 1:
                break
            self.drop_panel(panel)
        self.place(panel, align="top")
        keys = self.panel("interview-keys", KEYBOARD_WIDTH_M, zone_name="keyboard")
        self.entry.add_keys(keys, t, ButtonSpec("answer-done", t("interview_answer_done"),
                                                 kind=ButtonKind.PRIMARY, width_m=0.3),
                            key_width_m=KEY_WIDTH_M, gap_m=0.008, wide_key_m=0.27,
                            keyboard=self._interview_language.code)
        self.place(keys.finish(), align="bottom")

    def on_choose(self, target_id: str) -> None:
        """Type a key, choose the style, end an answer or the interview, or leave after a failure.

        Choosing the style starts the interview behind a fade.
        """
        if self.entry.choose(target_id):  # a key of the answer's keyboard
            return
        if target_id == MORE_TIME and self.talk is _Talk.INTRO:
            self.more_time_to_think = not self.more_time_to_think
            for panel in self.panels():  # the chip shows its tick; the panel stays as it is
                if MORE_TIME in panel.buttons:
                    panel.buttons[MORE_TIME].set_selected(self.more_time_to_think)
        elif target_id.startswith("persona:") and self.talk is _Talk.INTRO:
            self.persona = self.ctx.catalog.personas[target_id.removeprefix("persona:")]
            self.talk = _Talk.STARTING

            def seated() -> None:
                self._build_room()
                self.rebuild_ui()
                self._start()
                self.ctx.world.fader.in_()

            self.ctx.world.fader.out(then=seated)
        elif target_id == "answer-done" and self.interview is not None:
            if self.talk is _Talk.TYPING:
                self._submit_typed()
            elif self.talk is _Talk.LISTENING:
                # At once, however long a pause may be: the session takes what it heard.
                self.interview.end_answer()
                self.talk = _Talk.THINKING
                self.rebuild_ui()
        elif target_id == "end-interview" and self.talk not in (_Talk.ENDED, _Talk.FAILED):
            self.wrap_up()
        elif target_id == "leave":
            self.ctx.send(Finish())

    def wrap_up(self) -> None:
        """The visitor ends the interview, or its time is up.

        The interviewer says goodbye after what is in flight (also when the interview is still
        opening).
        """
        if self.interview is not None:
            self.interview.wrap_up()
        elif self._opening:
            self._wrap_up_pending = True
        else:
            self.ctx.send(Finish())

    def _submit_typed(self) -> None:
        text = self.entry.text.strip()
        if not text or self.interview is None:
            return
        if self.typed:
            self.interview.submit_text(text)
        else:  # spoken answers, but the microphone is away: the keyboard stood in
            self.interview.submit_typed_instead(text)
        self.entry.clear()
        self.talk = _Talk.THINKING
        self.rebuild_ui()

    # The conversation ------------------------------------------------------------------------

    def _start(self) -> None:
        cache_dir = self.ctx.config.paths.cache_dir
        self._scratch_ticket = self.ctx.jobs.submit(
            FILES, "session-folder", lambda: prepare_scratch(cache_dir), on_done=self._open,
            on_error=self._cannot_start)

    def _open(self, _scratch: Path) -> None:
        """Open the interview on its lane; the render thread goes on meanwhile."""
        interviews, demo, left = self.ctx.visit.interviews, self.ctx.visit.demo, self._left
        occupation, language, persona = self.occupation, self._interview_language, self.persona
        more_time_to_think = self.more_time_to_think

        def open_interview() -> InterviewSession | None:
            if left.is_set():
                return None
            interview = interviews.open(
                occupation, language, persona,
                max_questions=demo.max_questions if demo is not None else None,
                seed=demo.seed if demo is not None else None,
                more_time_to_think=more_time_to_think)
            if left.is_set():  # the visitor left meanwhile: nothing of the interview runs on
                interview.close(timeout_s=0.0)
            return interview

        self._opening = True
        self.ctx.jobs.submit(OPENING_LANE, "open-interview", open_interview,
                             on_done=self._opened, on_error=self._cannot_start)

    def _opened(self, interview: InterviewSession | None) -> None:
        self._opening = False
        if interview is None:
            return
        if self._left.is_set():  # opened just before the visitor left; delivered after
            interview.close(timeout_s=0.0)
            return
        self.interview = interview
        self.ctx.require_session().interview = interview  # the wipe closes it, whatever happens
        if self._wrap_up_pending:
            interview.wrap_up()

    def _cannot_start(self, error: BaseException) -> None:
        self._opening = False
        if self._left.is_set():
            return
        # Tell the visitor kindly; staff find the reason in the log.
        log.error("the interview cannot start: %s", error, exc_info=error)
        self._fail()

    def _fail(self) -> None:
        self.talk = _Talk.FAILED
        self._stop_voice()
        self.rebuild_ui()

    def update(self, dt_s: float, now_s: float) -> None:
        """Once per frame: the interviewer's gaze and lips, the session's actions, eye contact."""
        room = self.room
        if room is None:
            return
        head = self.ctx.world.rig.head_position()
        interviewer = room.interviewer
        interviewer.look_at(head)
        interviewer.update(dt_s)
        playing = self._playing
        interviewer.set_mouth_open(playing.level(now_s) if playing is not None else 0.0)
        if self.interview is not None:
            self._follow_microphone()
            for action in self.interview.poll():
                self._on_action(action, now_s)
        self._show_silence()
        talk = {_Talk.INTERVIEWER: Talk.LISTENING, _Talk.LISTENING: Talk.ANSWERING}.get(self.talk)
        if talk is not None:
            contact = self.meter.update(talk, head, self.ctx.world.rig.head_forward(),
                                        interviewer.face_position(), dt_s)
            if talk is Talk.ANSWERING:
                self.turn_eye.add(dt_s, contact)

    def _follow_microphone(self) -> None:
        """Offer the keyboard when the microphone goes away, and listen again once it is back.

        A cheap read of the status the microphone's watch thread keeps (the render thread
        never waits on the device).
        """
        present = self.ctx.visit.interviews.microphone_status.present
        interview = self.interview
        if interview is None or interview.typed or present is not self.microphone_away:
            return  # a typed interview has its own notice; nothing changed
        t = self.ctx.ui.texts
        away, back = t("interview_microphone_away"), t("interview_microphone_back")
        self.microphone_away = not present
        self.notices = [n for n in self.notices if n not in (away, back)]
        self.notices.append(away if self.microphone_away else back)
        if self.microphone_away and self.talk is _Talk.LISTENING:
            # What was said before the loss is dropped with the listen; the visitor types it,
            # and the interviewer waits for the typed answer without nudging.
            self.turn_eye.finish()
            self.talk = _Talk.TYPING
            interview.typing_instead(True)
        elif not self.microphone_away and self.talk is _Talk.TYPING and not self.entry.text.strip():
            self.talk = _Talk.LISTENING  # nothing typed yet: the listen still open hears again
            interview.typing_instead(False)
            if self.turn is not None:
                self.turn_eye.start(self.turn)
        self.rebuild_ui()

    def _show_silence(self) -> None:
        """The pause so far on the listening indicator (a cheap read: the render thread never waits)."""
        if self.indicator is None:
            return
        progress = self.interview.listening if self.interview is not None else None
        if progress is None:
            self.indicator.show(0.0, 0.0)
        else:
            self.indicator.show(progress.silence_s, progress.answer_silence_s)

    def _on_action(self, action: SessionAction, now_s: float) -> None:
        previous = (self.talk, self.question, len(self.notices))
        match action:
            case SayAction():
                self._say(action, now_s)
            case ListenAction(active=True, turn_id=turn_id, typed=typed):
                self.talk = _Talk.TYPING if typed or self.microphone_away else _Talk.LISTENING
                self.typed = typed
                self.turn = turn_id
                if self.microphone_away and not typed and self.interview is not None:
                    self.interview.typing_instead(True)  # the next answer is typed too
                if self.talk is _Talk.LISTENING:  # a visitor typing looks at the keys, not at the interviewer
                    self.turn_eye.start(turn_id)
            case ListenAction():  # the answer is in (or a silence ended the listen)
                self.entry.clear()  # heard after all (the microphone came back): the draft goes
                self._end_turn()
                self.talk = _Talk.THINKING
            case CaptionAction(text=text):
                self.ctx.touch()
                if text:
                    self.ctx.speech.captions.show_live(self.ctx.ui.texts("caption_you"), text)
                    # Heard again: the "microphone is back" notice has done its job. Not at the
                    # end of a listen: a typed stand-in or a silence ends one too.
                    back = self.ctx.ui.texts("interview_microphone_back")
                    self.notices = [n for n in self.notices if n != back]
            case NoticeAction(text=text, problem=True):
                # Recognizer trouble: the interviewer asks again; the details are for staff.
                log.warning("interview: %s", text)
            case NoticeAction(text=text):
                if text not in self.notices:
                    self.notices.append(text)
            case EndAction(report=report) if report is not None:
                self._end_turn()
                self.talk = _Talk.ENDED
                session = self.ctx.require_session()
                session.eye_contact = self.meter.figures()
                session.report = report
                self.ctx.send(Finish())
            case EndAction():  # failed: the room never polls a session it cancelled
                self._fail()
        if (self.talk, self.question, len(self.notices)) != previous \
                and self.talk is not _Talk.FAILED:
            self.rebuild_ui()

    def _say(self, say: SayAction, now_s: float) -> None:
        self._end_turn()
        self._stop_voice()
        assert self.room is not None
        self.talk = _Talk.INTERVIEWER
        self.asking = say.question_number
        if say.question_number is not None and say.question_total is not None:
            self.question = (say.question_number, say.question_total)
        uid = say.utterance_id
        # Without audio (synthesis failed) the caption stays for its reading time.
        clip = SpeechClip.from_audio(say.audio) if say.audio is not None \
            else SpeechClip.silent(say.text, reading_time_s(say.text))
        self._playing = self.ctx.speech.player.play(
            clip, now_s, at=self.room.interviewer.mouth_node(), on_done=lambda: self._said(uid))
        self.ctx.speech.captions.show_timed(self.ctx.ui.texts("caption_interviewer"), say.text,
                                            clip.duration_s, now_s)

    def _end_turn(self) -> None:
        measured = self.turn_eye.finish()
        if measured is not None and self.interview is not None:
            self.interview.report_eye_contact(*measured)
        self._report_overall_eye_contact()

    def _report_overall_eye_contact(self) -> None:
        # The report's one eye-contact figure is the meter's (listening and answering aloud),
        # so the panel, the printout, the JSON and the demo's summary agree. Typed answers have
        # no per-answer share (one looks at the keys), but listening is still measured.
        share = self.meter.figures().overall_share
        if share is not None and self.interview is not None:
            self.interview.report_overall_eye_contact(share)

    def _said(self, utterance_id: int) -> None:
        self._playing = None
        self.ctx.speech.captions.clear()
        if self.interview is not None:
            # Before the engine hears the utterance ended: after the goodbye it builds the report.
            self._report_overall_eye_contact()
            self.interview.playback_finished(utterance_id)

    def _stop_voice(self) -> None:
        if self._playing is not None:
            self.ctx.speech.player.stop(self._playing)
            self._playing = None
        self.ctx.speech.captions.clear()
