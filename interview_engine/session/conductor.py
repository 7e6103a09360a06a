"""``InterviewSession``: one interview on worker threads for a caller that must never wait.

A *conductor* thread owns the dialogue (``dialogue.InterviewDialogue``): it feeds it the
caller's and the listener's events and turns its actions into speech requests, listening
(``listener.Listener``), the actions the caller polls (``actions``) and, at the end, the
report. ``SpeechOut`` synthesizes on its own worker. Every public method returns at once and
is safe to call from any thread (``close`` waits for the threads, at most ``timeout_s``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from catalog.questions import FollowUpTrigger, Phase
from interview_engine.dialogue import (
    AnswerCompleted,
    Begin,
    Cancel,
    DialogueAction,
    DialogueEvent,
    End,
    Listen,
    Say,
    ShowCaption,
    SpeechFinished,
    Tick,
    TypingInstead,
    UtteranceKind,
    WrapUp,
    new_dialogue,
)
from interview_engine.feedback import ReportContext, build_report
from interview_engine.preparation import InterviewSetup
from interview_engine.replies import topic_reply
from interview_engine.report import InterviewReport
from interview_engine.session.actions import (
    CaptionAction,
    EndAction,
    ListenAction,
    ListeningProgress,
    NoticeAction,
    SayAction,
    SessionAction,
)
from interview_engine.session.listener import Listener
from interview_engine.session.settings import SessionSettings
from speech.playback import Player
from speech.recognition import Recognizer
from speech.sources import AudioSource
from speech.speech_out import SpeechOut
from speech.synthesis import SpeechAudio
from speech.transcript import from_text
from timebase import Clock, MonotonicClock

log = logging.getLogger(__name__)

_NUMBERED = (UtteranceKind.QUESTION, UtteranceKind.REPEAT)
"""Utterances that carry the main question's number (a repeat keeps the question's)."""


class SessionState(StrEnum):
    """Where a session is: not yet started, running, or over (with or without a report)."""

    CREATED = "created"
    RUNNING = "running"
    ENDED = "ended"
    CANCELLED = "cancelled"


@dataclass
class SessionStats:
    """Timings for the benchmark (wall clock, ``time.perf_counter`` seconds)."""

    answer_ends: list[tuple[float, int]] = field(default_factory=list)
    """(when the audio that completed the end-of-answer silence was fed, next utterance id)."""
    say_ready: dict[int, float] = field(default_factory=dict)
    """Utterance id → when its SayAction was queued for the caller."""


# --- the conductor's inbox, besides the dialogue's events ----------------------------------

@dataclass(frozen=True)
class _Synthesized:
    utterance_id: int
    audio: SpeechAudio | None


@dataclass(frozen=True)
class _Typed:
    text: str


@dataclass(frozen=True)
class _Stop:
    pass


_Inbox = DialogueEvent | _Synthesized | _Typed | _Stop


@dataclass(frozen=True)
class _Utterance:
    """A ``Say`` waiting for its audio, with its main question's number."""

    say: Say
    question_number: int | None


class InterviewSession:
    """One interview between the interviewer and a visitor, run on worker threads.

    ``recognizer`` None means typed answers (``submit_text``). Without ``source`` the caller
    feeds audio (``feed_audio``); without ``player`` the caller plays each ``SayAction`` and
    reports ``playback_finished``. ``notices`` are shown at start; ``settings`` None: the
    defaults.

    The session closes what it was given to run (source, player) but not what may be shared:
    ``speech_out`` and ``recognizer`` (a model or worker process) stay open for the next
    visitor; their creator closes them.
    """

    def __init__(self, setup: InterviewSetup, speech_out: SpeechOut, *,
                 recognizer: Recognizer | None, source: AudioSource | None = None,
                 player: Player | None = None, clock: Clock | None = None,
                 settings: SessionSettings | None = None, notices: tuple[str, ...] = ()):
        self.setup = setup
        self.speech_out = speech_out
        self.recognizer = recognizer
        self.source = source
        self.player = player
        self.clock: Clock = clock or MonotonicClock()
        self.settings = settings = settings or SessionSettings()
        self.notices = notices
        self.stats = SessionStats()
        self._dialogue = new_dialogue(setup.dialogue, setup.seed)
        self._inbox: queue.Queue[_Inbox] = queue.Queue()
        self._outbox: queue.Queue[SessionAction] = queue.Queue()
        self._lock = threading.Lock()
        self._state = SessionState.CREATED
        self._stopping = threading.Event()
        self._listener = None if recognizer is None else Listener(
            recognizer, settings, self.clock,
            simulated_source=source is not None and source.simulated, stopping=self._stopping,
            post=self._inbox.put, problem=lambda text: self._outbox.put(NoticeAction(text, problem=True)),
            on_answer_end=self._on_answer_end, terms=setup.dialogue.terms)
        self._listen_id = 0
        """The current listen (conductor thread): a typed answer completes it."""
        self._eye_contact: dict[int, float] = {}
        self._overall_eye_contact: float | None = None
        self._report: InterviewReport | None = None
        self._pending_answer_end: float | None = None
        self._started_at = ""
        self._threads: list[threading.Thread] = []
        self._says: dict[int, _Utterance] = {}
        """Utterances waiting for their audio (conductor thread only)."""
        self._questions_asked = 0

    # -- public API (any thread, never blocks) ---------------------------------------------

    @property
    def state(self) -> SessionState:
        """Where the session is now."""
        return self._state

    @property
    def report(self) -> InterviewReport | None:
        """The report once the interview has ended completed; None before, and after ``wipe``."""
        return self._report

    @property
    def typed(self) -> bool:
        """Answers are typed (``submit_text``), not spoken."""
        return self.recognizer is None

    @property
    def listening(self) -> ListeningProgress | None:
        """How the spoken answer stands now (the silence so far); None unless listening.

        Cheap and never waits: a render thread may read it every frame.
        """
        return self._listener.progress if self._listener is not None else None

    def start(self) -> None:
        """Begin the interview; a second call does nothing.

        Raises ``AudioSourceError`` (nothing started) when the audio source cannot be opened,
        e.g. no microphone.
        """
        with self._lock:
            if self._state != SessionState.CREATED:
                return
            self._state = SessionState.RUNNING
        if self.source is not None:
            try:
                self.source.start(self._deliver_from_source)  # dropped until the first listen
            except Exception:
                with self._lock:
                    self._state = SessionState.CANCELLED
                raise
        self._started_at = datetime.now().astimezone().isoformat(timespec="seconds")
        for text in self.notices:
            self._outbox.put(NoticeAction(text))
        if self.settings.prefetch:
            self.speech_out.prefetch(self.speech_texts(), self.setup.voice,
                                     self.setup.dialogue.persona.speech_rate_wpm)
        conductor = threading.Thread(target=self._conduct, name="interview-conductor", daemon=True)
        conductor.start()
        self._threads = [conductor]
        if self._listener is not None:
            self._threads.append(self._listener.start())
        self._inbox.put(Begin(self.clock.now_s()))

    def poll(self, max_actions: int | None = None) -> list[SessionAction]:
        """Everything the caller should do now, oldest first. Never waits."""
        actions: list[SessionAction] = []
        while max_actions is None or len(actions) < max_actions:
            try:
                actions.append(self._outbox.get_nowait())
            except queue.Empty:
                break
        return actions

    def playback_finished(self, utterance_id: int) -> None:
        """The caller has played (or shown) the ``SayAction`` ``utterance_id`` to its end."""
        self._inbox.put(SpeechFinished(self.clock.now_s(), utterance_id))

    def feed_audio(self, pcm: bytes, sample_rate_hz: int = 16000) -> None:
        """Microphone audio (16-bit mono PCM). Dropped unless the session listens."""
        if self._listener is not None:
            self._listener.feed(pcm, sample_rate_hz, block=False)

    def submit_text(self, text: str) -> None:
        """A typed answer to the current question (ignored when answers are spoken)."""
        if self.typed:
            self._inbox.put(_Typed(text))

    def submit_typed_instead(self, text: str) -> None:
        """A typed answer although answers are spoken (the microphone went away mid-interview).

        The station offered its keyboard instead. It completes the current listen; what the
        recognizer heard of it is dropped.
        """
        self._inbox.put(_Typed(text))

    def typing_instead(self, active: bool) -> None:
        """The visitor types this answer (the microphone went away), or speaks again (it is back).

        While they type, the interviewer waits without nudging or moving on.
        """
        self._inbox.put(TypingInstead(self.clock.now_s(), active))

    def end_answer(self) -> None:
        """The visitor says the answer is complete ("Answer done").

        Take what the recognizer heard so far instead of waiting for the end-of-answer
        silence. Typed answers end with ``submit_text`` instead.
        """
        if self._listener is not None:
            self._listener.end_answer()

    def wrap_up(self) -> None:
        """Close the interview kindly after what is said or answered now.

        The visitor ends it, or the station's time limit does; the report covers the answers
        given so far.
        """
        self._inbox.put(WrapUp(self.clock.now_s()))

    def report_eye_contact(self, turn_id: int, share: float) -> None:
        """Share (0..1) of this turn's answer time the visitor looked at the interviewer."""
        with self._lock:
            self._eye_contact[turn_id] = min(1.0, max(0.0, float(share)))

    def report_overall_eye_contact(self, share: float) -> None:
        """Overall share; without it the report weighs the per-answer shares by answer time."""
        with self._lock:
            self._overall_eye_contact = min(1.0, max(0.0, float(share)))

    def cancel(self) -> None:
        """Stop at once (the visitor left). An EndAction with no report follows."""
        with self._lock:
            if self._state in (SessionState.RUNNING, SessionState.CREATED):
                self._state = SessionState.CANCELLED
        self._stopping.set()
        self._inbox.put(_Stop())

    def wipe(self) -> None:
        """Forget every transcript, figure and report this session holds (cancels if running)."""
        self.cancel()
        with self._lock:
            self._dialogue.turns.clear()
            self._report = None
            self._eye_contact.clear()
            self._overall_eye_contact = None
        while True:
            try:
                self._outbox.get_nowait()
            except queue.Empty:
                break

    def close(self, timeout_s: float = 2.0) -> None:
        """Cancel, wait for the threads, release the source and player, and wipe; idempotent.

        Waits at most ``timeout_s`` (0 from a render thread: the threads end on their own). The
        owner calls this when the interview is left.
        """
        self.cancel()
        deadline = time.monotonic() + timeout_s
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self.wipe()

    def speech_texts(self) -> list[str]:
        """What the interviewer will most likely say, for synthesis ahead of time.

        The planned questions, fixed phrases, acknowledgements, follow-ups (job-term
        follow-ups excepted) and, when the questions phase is planned, the answers to the
        candidate's questions one topic at a time. The session prefetches them at start; an app
        can also warm the speech cache with them ahead of time.
        """
        d = self.setup.dialogue
        lang = d.language
        script = d.script
        texts = [q.text.get(lang, "") for q in d.questions]
        for acknowledgements in script.acknowledgements.values():
            texts += list(acknowledgements.get(lang, ()))
        if any(q.phase == Phase.CANDIDATE_QUESTIONS for q in d.questions):
            texts += [reply for topic in script.candidate_questions.topics
                      if (reply := topic_reply((topic,), d.facts, lang))]
        texts += [p.get(lang, "") for name, p in script.phrases.items() if name != "repeat_hint"]
        for trigger in (FollowUpTrigger.TOO_SHORT, FollowUpTrigger.NO_EXAMPLE,
                        FollowUpTrigger.NO_RESULT, FollowUpTrigger.SILENCE):
            texts += list(script.follow_ups.get(trigger, {}).get(lang, ()))
        hint = script.phrases.get("repeat_hint", {}).get(lang)
        if hint:
            texts += [f"{t} {hint}" for t in script.follow_ups.get(FollowUpTrigger.SILENCE, {}).get(lang, ())]
        return [t for t in texts if t]

    # -- conductor thread ------------------------------------------------------------------

    def _conduct(self) -> None:
        live_ticks = not self.clock.simulated
        try:
            while True:
                try:
                    message = self._inbox.get(timeout=self.settings.tick_interval_s if live_ticks else None)
                except queue.Empty:
                    message = Tick(self.clock.now_s())
                if isinstance(message, _Stop):
                    self._dispatch(Cancel(self.clock.now_s()))
                    return
                if isinstance(message, _Synthesized):
                    self._deliver_say(message)
                    continue
                if isinstance(message, _Typed):
                    message = AnswerCompleted(self.clock.now_s(), self._listen_id, from_text(message.text))
                if self._dispatch(message):
                    return
        except Exception:
            log.exception("interview session failed")
            self._outbox.put(EndAction(None, completed=False, failed=True))
        finally:
            self._shutdown()

    def _dispatch(self, event: DialogueEvent) -> bool:
        """Feed the dialogue; True when the session has ended."""
        with self._lock:
            actions = self._dialogue.handle(event)
        ended = False
        for action in actions:
            ended = self._perform(action) or ended
        return ended

    def _perform(self, action: DialogueAction) -> bool:
        if isinstance(action, Say):
            if self._pending_answer_end is not None:
                self.stats.answer_ends.append((self._pending_answer_end, action.utterance_id))
                self._pending_answer_end = None
            self._request_speech(action)
        elif isinstance(action, Listen):
            self._set_listening(action)
        elif isinstance(action, ShowCaption):
            self._outbox.put(CaptionAction(action.speaker, action.text, action.final))
        elif isinstance(action, End):
            self._finish(action)
            return True
        return False

    def _request_speech(self, say: Say) -> None:
        if say.kind is UtteranceKind.QUESTION:
            self._questions_asked += 1
        number = self._questions_asked if say.kind in _NUMBERED else None
        self._says[say.utterance_id] = _Utterance(say, number)

        def done(audio: SpeechAudio | None, error: Exception | None) -> None:
            self._inbox.put(_Synthesized(say.utterance_id, audio))

        self.speech_out.request(say.text, self.setup.voice, say.rate_wpm, done)

    def _deliver_say(self, message: _Synthesized) -> None:
        utterance = self._says.pop(message.utterance_id, None)
        if utterance is None or self._stopping.is_set():
            return
        say, number = utterance.say, utterance.question_number
        self.stats.say_ready[say.utterance_id] = time.perf_counter()
        total = len(self.setup.dialogue.questions) if number is not None else None
        self._outbox.put(SayAction(say.utterance_id, say.turn_id, say.kind, say.text, message.audio,
                                   question_number=number, question_total=total))
        if self.player is not None:
            uid = say.utterance_id
            self.player.play(message.audio, say.text, lambda: self.playback_finished(uid))

    def _set_listening(self, listen: Listen) -> None:
        if listen.active:
            self._listen_id = listen.listen_id
        if self._listener is not None:
            self._listener.listen(listen.active, listen.listen_id)
        self._outbox.put(ListenAction(
            listen.active, listen.turn_id, typed=self.typed,
            answer_silence_s=None if self.typed else self.settings.endpoint.silence_s))
        if self.source is not None:
            self.source.listening_changed(listen.active)

    def _finish(self, end: End) -> None:
        report = None
        if end.completed:
            with self._lock:
                eye, overall = dict(self._eye_contact), self._overall_eye_contact
            context = self.setup.context
            context = ReportContext(**{**context.__dict__, "started_at": self._started_at or
                                       context.started_at})
            report = build_report(end.turns, context, self.setup.dialogue.script,
                                  self.setup.dialogue.norms, completed=True, eye_contact=eye,
                                  overall_eye_contact=overall)
            with self._lock:
                self._report = report
                if self._state == SessionState.RUNNING:
                    self._state = SessionState.ENDED
        self._outbox.put(EndAction(report, end.completed))

    def _shutdown(self) -> None:
        self._stopping.set()
        if self._listener is not None:
            self._listener.close()
        if self.source is not None:
            self.source.close()
        if self.player is not None:
            self.player.close()

    # -- audio in --------------------------------------------------------------------------

    def _deliver_from_source(self, pcm: bytes, rate_hz: int) -> None:
        if self._listener is not None:
            self._listener.feed(pcm, rate_hz, block=self._listener.simulated_source)

    def _on_answer_end(self, fed_wall_s: float) -> None:
        self._pending_answer_end = fed_wall_s
