"""``InterviewSession``: runs one interview on worker threads for a caller that must never wait.

The VR app drives it from its per-frame task; the terminal practice mode from a loop. All
speech and dialogue work happens on the session's own threads; every public method returns
at once and is safe to call from any thread (``close`` waits for the threads, at most
``timeout_s``)::

    session = InterviewSession(setup, speech_out, recognizer=choice.recognizer)
    session.start()
    # every frame:
    for action in session.poll():
        if isinstance(action, SayAction):        # play action.audio (PCM, rate, 60 Hz envelope),
            ...                                  # show action.text; when played to the end:
            session.playback_finished(action.utterance_id)
        elif isinstance(action, ListenAction):   # show / hide the listening indicator;
            ...                                  # on stop, report eye contact for action.turn_id
        elif isinstance(action, CaptionAction):  # the candidate's live words
            ...
        elif isinstance(action, EndAction):      # action.report: the feedback (None if cancelled)
            ...
    session.feed_audio(pcm, 16000)               # from the app's microphone callback, or give
                                                 # the session an AudioSource instead
    session.cancel(); session.wipe()             # the visitor left: stop, forget everything

Threads: a *conductor* owns the dialogue (``dialogue.InterviewDialogue``) and turns its actions
into speech requests, listening and the report; a *listener* feeds the recognizer and detects
the end of each answer; ``SpeechOut`` synthesizes on its own worker. The microphone is gated:
audio is dropped unless the dialogue listens, and for ``gate_tail_s`` after the interviewer's
last word (room echo), so the recognizer never transcribes the interviewer.

Privacy: audio is kept only in memory, per answer, and dropped after recognition, unless
``SessionSettings.keep_answer_audio_dir`` is set (an explicit opt-in). Transcripts live in
the dialogue's records and the report until ``wipe``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from catalog.questions import FollowUpTrigger
from interview_engine.dialogue import (
    AnswerCompleted,
    Begin,
    Cancel,
    CandidateSpeechStarted,
    DialogueAction,
    DialogueEvent,
    DialogueSetup,
    End,
    Listen,
    PartialTranscript,
    Say,
    ShowCaption,
    Speaker,
    SpeechFinished,
    Tick,
    UtteranceKind,
    WrapUp,
    new_dialogue,
)
from interview_engine.feedback import ReportContext, build_report
from interview_engine.report import InterviewReport
from speech.audio import PcmClip, StreamResampler, amplify, wav_bytes
from speech.endpoint import EndOfAnswerDetector, EndpointEvent, EndpointSettings
from speech.playback import Player
from speech.recognition import AnswerStream, Recognizer
from speech.sources import AudioSource
from speech.speech_out import SpeechOut
from speech.synthesis import SpeechAudio
from speech.transcript import EMPTY_RESULT, from_text
from timebase import Clock, MonotonicClock

log = logging.getLogger(__name__)

_AUDIO_QUEUE_CHUNKS = 400
"""Audio waiting for the recognizer (≈ 20 s of 50 ms chunks); older audio is dropped beyond."""
_SIMULATED_AHEAD_CHUNKS = 4
"""A file source may run this many chunks ahead of the recognizer (keeps its clock close)."""


@dataclass(frozen=True)
class SessionSettings:
    endpoint: EndpointSettings = field(default_factory=EndpointSettings)
    """End-of-answer silence and VAD threshold; the app passes calibration's values."""
    input_gain_db: float = 0.0
    """Digital gain on the candidate's audio before recognition and end-of-answer detection
    (profile: ``microphone.gain_db``; the VAD threshold is measured after it)."""
    gate_tail_s: float = 0.25
    """The mic stays closed this long after the interviewer's last word (room echo)."""
    tick_interval_s: float = 0.05
    keep_answer_audio_dir: Path | None = None
    """Write each answer's audio here as WAV. Only with the visitor's explicit consent."""
    prefetch: bool = True
    """Synthesize the planned questions in the background at start."""


@dataclass(frozen=True)
class InterviewSetup:
    """Everything one interview needs; ``setup.from_catalog`` builds it from content."""

    dialogue: DialogueSetup
    context: ReportContext
    voice: str | None
    """The synthesizer's voice id for the session language."""
    seed: int


# --- what the caller receives -------------------------------------------------------------

@dataclass(frozen=True)
class SayAction:
    """The interviewer speaks. Play ``audio`` (None if synthesis failed: show the text for a
    reading time) and call ``playback_finished(utterance_id)`` when done."""

    utterance_id: int
    turn_id: int | None
    kind: UtteranceKind
    text: str
    """The caption."""
    audio: SpeechAudio | None


@dataclass(frozen=True)
class ListenAction:
    """Show (active) or hide the listening indicator. Eye contact is measured per turn_id."""

    active: bool
    turn_id: int


@dataclass(frozen=True)
class CaptionAction:
    speaker: Speaker
    text: str
    final: bool
    """False for live partial words that may still change."""


@dataclass(frozen=True)
class NoticeAction:
    """Show this to the visitor (e.g. answers must be typed: no speech model installed)."""

    text: str


@dataclass(frozen=True)
class EndAction:
    report: InterviewReport | None
    """None when the session was cancelled."""
    completed: bool


SessionAction = SayAction | ListenAction | CaptionAction | NoticeAction | EndAction


class SessionState(StrEnum):
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


# --- internal messages --------------------------------------------------------------------

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


@dataclass(frozen=True)
class _AudioChunk:
    pcm: bytes
    rate_hz: int
    at_s: float
    """Session time at the chunk's end."""
    fed_wall_s: float


@dataclass(frozen=True)
class _ListenControl:
    start: bool
    listen_id: int


_Inbox = DialogueEvent | _Synthesized | _Typed | _Stop


class InterviewSession:
    def __init__(self, setup: InterviewSetup, speech_out: SpeechOut, *,
                 recognizer: Recognizer | None, source: AudioSource | None = None,
                 player: Player | None = None, clock: Clock | None = None,
                 settings: SessionSettings = SessionSettings(), notices: tuple[str, ...] = ()):
        """``recognizer`` None means typed answers (``submit_text``). Without ``source`` the
        caller feeds audio (``feed_audio``); without ``player`` the caller plays each
        ``SayAction`` and reports ``playback_finished``. ``notices`` are shown at start.

        The session closes what it was given to run (source, player) but not what may be
        shared: ``speech_out`` and ``recognizer`` (a model or worker process) stay open for
        the next visitor; their creator closes them."""
        self.setup = setup
        self.speech_out = speech_out
        self.recognizer = recognizer
        self.source = source
        self.player = player
        self.clock: Clock = clock or MonotonicClock()
        self.settings = settings
        self.notices = notices
        self.stats = SessionStats()
        self._dialogue = new_dialogue(setup.dialogue, setup.seed)
        self._inbox: queue.Queue[_Inbox] = queue.Queue()
        self._outbox: queue.Queue[SessionAction] = queue.Queue()
        self._audio: queue.Queue[_AudioChunk | _ListenControl | None] = queue.Queue(_AUDIO_QUEUE_CHUNKS)
        self._lock = threading.Lock()
        self._state = SessionState.CREATED
        self._gate_listen_id: int | None = None
        self._gate_opens_at_s = 0.0
        self._listen_id = 0
        self._eye_contact: dict[int, float] = {}
        self._overall_eye_contact: float | None = None
        self._report: InterviewReport | None = None
        self._dropped_chunks = 0
        self._pending_answer_end: float | None = None
        self._started_at = ""
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._says: dict[int, Say] = {}
        """Utterances waiting for their audio (conductor thread only)."""

    # -- public API (any thread, never blocks) ---------------------------------------------

    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def report(self) -> InterviewReport | None:
        return self._report

    def start(self) -> None:
        """Begin the interview. Raises ``AudioSourceError`` (nothing started) when the audio
        source cannot be opened, e.g. no microphone."""
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
        self._threads = [threading.Thread(target=self._conduct, name="interview-conductor", daemon=True)]
        if self.recognizer is not None:
            self._threads.append(threading.Thread(target=self._listen_loop, name="interview-listener",
                                                  daemon=True))
        for thread in self._threads:
            thread.start()
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
        self._inbox.put(SpeechFinished(self.clock.now_s(), utterance_id))

    def feed_audio(self, pcm: bytes, sample_rate_hz: int = 16000) -> None:
        """Microphone audio (16-bit mono PCM). Dropped unless the session listens."""
        self._feed(pcm, sample_rate_hz, block=False)

    def submit_text(self, text: str) -> None:
        """A typed answer to the current question."""
        self._inbox.put(_Typed(text))

    def end_answer(self) -> None:
        """The visitor says the answer is complete ("Answer done"): take what the recognizer
        heard so far instead of waiting for the end-of-answer silence. Typed answers end with
        ``submit_text`` instead."""
        if self.recognizer is None:
            return
        with self._lock:
            listen_id = self._gate_listen_id
        if listen_id is None:
            return
        try:
            self._audio.put_nowait(_ListenControl(False, listen_id))
        except queue.Full:  # the recognizer is far behind; the silence will end the answer
            log.warning("'answer done' dropped: the recognizer is %d chunks behind",
                        self._audio.qsize())

    def wrap_up(self) -> None:
        """Close the interview kindly after what is said or answered now (the visitor ends it,
        or the station's time limit); the report covers the answers given so far."""
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
        """Cancel, wait for the threads (at most ``timeout_s``), release the source and player,
        and wipe. The owner calls this when the interview scene is left."""
        self.cancel()
        deadline = time.monotonic() + timeout_s
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self.wipe()

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
            self._outbox.put(EndAction(None, completed=False))
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
        self._says[say.utterance_id] = say

        def done(audio: SpeechAudio | None, error: Exception | None) -> None:
            self._inbox.put(_Synthesized(say.utterance_id, audio))

        self.speech_out.request(say.text, self.setup.voice, say.rate_wpm, done)

    def _deliver_say(self, message: _Synthesized) -> None:
        say = self._says.pop(message.utterance_id, None)
        if say is None or self._stopping.is_set():
            return
        self.stats.say_ready[say.utterance_id] = time.perf_counter()
        self._outbox.put(SayAction(say.utterance_id, say.turn_id, say.kind, say.text, message.audio))
        if self.player is not None:
            uid = say.utterance_id
            self.player.play(message.audio, say.text, lambda: self.playback_finished(uid))

    def _set_listening(self, listen: Listen) -> None:
        with self._lock:
            if listen.active:
                self._listen_id = listen.listen_id
                self._gate_listen_id = listen.listen_id
                tail = 0.0 if self.source is not None and self.source.simulated else self.settings.gate_tail_s
                self._gate_opens_at_s = self.clock.now_s() + tail
            else:
                self._gate_listen_id = None
        if self.recognizer is not None:
            self._audio.put(_ListenControl(listen.active, listen.listen_id))
        self._outbox.put(ListenAction(listen.active, listen.turn_id))
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
        with self._lock:
            self._gate_listen_id = None
        try:
            self._audio.put_nowait(None)
        except queue.Full:
            self._drain_audio()
            self._audio.put_nowait(None)
        if self.source is not None:
            self.source.close()
        if self.player is not None:
            self.player.close()

    # -- audio in --------------------------------------------------------------------------

    def _deliver_from_source(self, pcm: bytes, rate_hz: int) -> None:
        self._feed(pcm, rate_hz, block=self.source is not None and self.source.simulated)

    def _feed(self, pcm: bytes, rate_hz: int, block: bool) -> None:
        if self.recognizer is None or self._stopping.is_set():
            return
        now = self.clock.now_s()
        with self._lock:
            open_ = self._gate_listen_id is not None and now >= self._gate_opens_at_s
        if not open_:
            return
        chunk = _AudioChunk(pcm, rate_hz, now, time.perf_counter())
        if block:
            # A file source waits for the recognizer, so its clock never runs far ahead.
            while not self._stopping.is_set():
                if self._audio.qsize() < _SIMULATED_AHEAD_CHUNKS:
                    self._audio.put(chunk)
                    return
                self._stopping.wait(0.002)
            return
        try:
            self._audio.put_nowait(chunk)
        except queue.Full:
            self._dropped_chunks += 1
            if self._dropped_chunks in (1, 100, 1000):
                log.warning("recognizer falls behind: %d audio chunks dropped", self._dropped_chunks)

    def _drain_audio(self) -> None:
        while True:
            try:
                self._audio.get_nowait()
            except queue.Empty:
                return

    def _listen_loop(self) -> None:
        assert self.recognizer is not None
        listener = _AnswerListener(self.recognizer, self.settings, self._inbox.put,
                                   self._on_answer_end)
        try:
            while (item := self._audio.get()) is not None:
                if self._stopping.is_set():
                    continue
                if isinstance(item, _ListenControl):
                    if item.start:
                        listener.begin(item.listen_id)
                    else:
                        listener.stop(item.listen_id, self.clock.now_s())
                    continue
                listener.audio(item, simulated=self.clock.simulated)
        except Exception as exc:
            log.exception("speech recognition failed")
            self._outbox.put(NoticeAction(f"{type(exc).__name__}: {exc}"))
            self._inbox.put(AnswerCompleted(self.clock.now_s(), self._listen_id, EMPTY_RESULT))
        finally:
            listener.discard()

    def _on_answer_end(self, fed_wall_s: float) -> None:
        self._pending_answer_end = fed_wall_s

    def speech_texts(self) -> list[str]:
        """What the interviewer will most likely say: the planned questions, fixed phrases,
        acknowledgements and follow-ups (job-term follow-ups excepted). The session prefetches
        them at start; an app can also warm the speech cache with them ahead of time."""
        d = self.setup.dialogue
        lang = d.language
        script = d.script
        texts = [q.text.get(lang, "") for q in d.questions]
        texts += list(script.acknowledgements.get(lang, ()))
        texts += [p.get(lang, "") for name, p in script.phrases.items() if name != "repeat_hint"]
        for trigger in (FollowUpTrigger.TOO_SHORT, FollowUpTrigger.NO_EXAMPLE,
                        FollowUpTrigger.NO_RESULT, FollowUpTrigger.SILENCE):
            texts += list(script.follow_ups.get(trigger, {}).get(lang, ()))
        hint = script.phrases.get("repeat_hint", {}).get(lang)
        if hint:
            texts += [f"{t} {hint}" for t in script.follow_ups.get(FollowUpTrigger.SILENCE, {}).get(lang, ())]
        return [t for t in texts if t]


class _AnswerListener:
    """The listener thread's state: one recognizer stream and end-of-answer detector per listen."""

    def __init__(self, recognizer: Recognizer, settings: SessionSettings,
                 post: Callable[[_Inbox], None], on_answer_end: Callable[[float], None]):
        self.recognizer = recognizer
        self.settings = settings
        self.post = post
        self.on_answer_end = on_answer_end
        self.listen_id: int | None = None
        self.stream: AnswerStream | None = None
        self.detector = EndOfAnswerDetector(settings.endpoint)
        self.resamplers: dict[int, StreamResampler] = {}
        self.kept: list[bytes] = []

    def begin(self, listen_id: int) -> None:
        self.discard()
        self.listen_id = listen_id
        self.stream = self.recognizer.start_answer()
        self.detector = EndOfAnswerDetector(self.settings.endpoint)
        self.resamplers = {}

    def stop(self, listen_id: int, at_s: float) -> None:
        if self.stream is not None and listen_id == self.listen_id:
            self._complete(at_s)

    def audio(self, chunk: _AudioChunk, simulated: bool) -> None:
        if self.stream is None or self.listen_id is None:
            return
        rate = self.recognizer.sample_rate_hz
        pcm = chunk.pcm
        if chunk.rate_hz != rate:
            pcm = self.resamplers.setdefault(chunk.rate_hz, StreamResampler(chunk.rate_hz, rate)).process(pcm)
        if self.settings.input_gain_db:
            pcm = amplify(pcm, self.settings.input_gain_db)
        if self.settings.keep_answer_audio_dir is not None:
            self.kept.append(pcm)
        partial = self.stream.accept(pcm)
        if partial is not None:
            self.post(PartialTranscript(chunk.at_s, self.listen_id, partial))
        event = self.detector.update(chunk.at_s, pcm, rate)
        if event == EndpointEvent.SPEECH_STARTED:
            self.post(CandidateSpeechStarted(chunk.at_s, self.listen_id))
        elif event == EndpointEvent.ANSWER_ENDED:
            self.on_answer_end(chunk.fed_wall_s)
            self._complete(chunk.at_s)
            return
        if simulated:
            self.post(Tick(chunk.at_s))

    def _complete(self, at_s: float) -> None:
        assert self.stream is not None and self.listen_id is not None
        result = self.stream.finish()
        listen_id = self.listen_id
        self._keep_audio(listen_id)
        self.stream = None
        self.post(AnswerCompleted(at_s, listen_id, result))

    def _keep_audio(self, listen_id: int) -> None:
        folder = self.settings.keep_answer_audio_dir
        if folder is None or not self.kept:
            self.kept = []
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"answer-{listen_id:03d}.wav"
            path.write_bytes(wav_bytes(PcmClip(b"".join(self.kept), self.recognizer.sample_rate_hz)))
        except OSError as exc:
            log.warning("cannot keep answer audio in %s: %s", folder, exc)
        self.kept = []

    def discard(self) -> None:
        """Drop an open stream without reporting it (cancel, or a new listen)."""
        if self.stream is not None:
            try:
                self.stream.finish()
            except Exception as exc:
                log.debug("discarding a recognizer stream: %s", exc)
        self.stream = None
        self.kept = []
