"""The interview room's driver: ``interview_engine``'s ``InterviewSession`` behind the app's seam.

``EngineInterviews`` is the station's part (made at start, closed at exit): the one speech
output (pyttsx3 worker and cache, shared with the tour guide), one recognizer per language
kept loaded between visitors, the microphone and calibration's listening thresholds.
Calling it opens an ``EngineInterview`` and returns at once; the interview gets ready on a
thread of its own (the engine's voices are asked for, the recognizer chosen, the microphone
opened), and everything after that runs on the session's threads. The render thread only
calls ``poll`` and the short, non-blocking methods of the seam.

Speech in, in this order (``backends.choose_recognizer``; never a recognizer of another
language): Vosk with the language's model; PocketSphinx for English (with a notice); typed
answers (with a notice). A recognizer without a microphone also falls back to typed answers,
with a notice, and the kiosk goes on.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from calibration.profile import StationProfile
from catalog.model import Catalog, Language
from catalog.questions import InterviewScript
from interview_engine.dialogue import UtteranceKind
from interview_engine.preparation import prepare_interview
from interview_engine.session import (
    CaptionAction,
    EndAction,
    InterviewSession,
    InterviewSetup,
    ListenAction,
    NoticeAction,
    SayAction,
    SessionAction,
    SessionSettings,
)
from speech.backends import RecognizerChoice, choose_recognizer
from speech.clip import SpeechClip
from speech.endpoint import EndpointSettings
from speech.sources import AudioSource, AudioSourceError
from speech.station_speech import SpeechUnavailable, StationSpeech
from vr_station.interview.driver import (
    Ended,
    Failed,
    Heard,
    InterviewAction,
    InterviewRequest,
    Listen,
    Notice,
    Say,
    Thinking,
)
from vr_station.sound.narration import reading_time_s

log = logging.getLogger(__name__)

MICROPHONE_MISSING = "microphone_missing"
"""Notice (content/interview.yaml ``notices``) when a recognizer is there but no microphone."""


@dataclass(frozen=True)
class ListeningSettings:
    """How the station hears a visitor: calibration's values (``calibration.profile``)."""

    endpoint: EndpointSettings = field(default_factory=EndpointSettings)
    """End-of-answer silence and VAD threshold."""
    input_gain_db: float = 0.0
    microphone_device: str | None = None
    """Input device name (or part of it); None: the system's default input."""

    @classmethod
    def from_profile(cls, profile: StationProfile) -> ListeningSettings:
        mic = profile.microphone
        return cls(EndpointSettings.from_profile(mic), mic.gain_db, mic.device)


class _StationTime:
    """The station's clock as the session's: silence and the answer cap run in station time,
    so the demo's stepped clock and the interview agree on what a second is."""

    simulated = False

    def __init__(self, now_s: Callable[[], float]) -> None:
        self._now_s = now_s

    def now_s(self) -> float:
        return self._now_s()


def _default_microphone(listening: ListeningSettings) -> Callable[[], AudioSource]:
    def open_microphone() -> AudioSource:
        from speech.microphone import MicrophoneSource

        return MicrophoneSource(device=listening.microphone_device)

    return open_microphone


class EngineInterviews:
    """The station's interview factory (``InterviewFactory``)."""

    def __init__(self, catalog: Catalog, speech: StationSpeech, models_dir: Path,
                 clock: Callable[[], float], *, listening: ListeningSettings | None = None,
                 microphone: Callable[[], AudioSource] | None = None) -> None:
        self.catalog = catalog
        self.speech = speech
        self.models_dir = models_dir
        self.clock = clock
        self.listening = listening or ListeningSettings()
        self.microphone = microphone or _default_microphone(self.listening)
        """Opens the audio source answers come from (the demo passes its visitor's voice)."""
        self._recognizers: dict[str, RecognizerChoice] = {}
        self._lock = threading.Lock()

    def __call__(self, request: InterviewRequest) -> EngineInterview:
        return EngineInterview(request, self)

    def recognizer_for(self, language: Language) -> RecognizerChoice:
        """The language's recognizer, kept for the next visitor (a model loads once). Checks
        files only; the model loads on the first answer, on the session's listener thread."""
        with self._lock:
            choice = self._recognizers.get(language.code)
            if choice is None:
                name = language.names.get("en", language.native_name)
                choice = choose_recognizer(language.code, name, language.vosk_model,
                                           self.models_dir)
                if choice.message:
                    log.warning("interview in %s: %s", name, choice.message)
                self._recognizers[language.code] = choice
            return choice

    def close(self) -> None:
        """Free the recognizers (station exit). The speech output belongs to the station."""
        with self._lock:
            choices, self._recognizers = list(self._recognizers.values()), {}
        for choice in choices:
            if choice.recognizer is not None:
                choice.recognizer.close()


def notice_text(script: InterviewScript, key: str, language: Language) -> str:
    texts = script.notices.get(key, {})
    text = texts.get(language.code) or texts.get("de") or next(iter(texts.values()), "")
    return text.replace("{language}", language.names.get(language.code, language.native_name))


class EngineInterview:
    """One visitor's interview (``InterviewDriver``). Made on the render thread; gets ready on
    its own thread; every method returns at once."""

    def __init__(self, request: InterviewRequest, interviews: EngineInterviews) -> None:
        self.request = request
        self._interviews = interviews
        self._lock = threading.Lock()
        self._session: InterviewSession | None = None
        self._setup: InterviewSetup | None = None
        self._early: queue.SimpleQueue[InterviewAction] = queue.SimpleQueue()
        self._closed = False
        self._wrap_up_requested = False
        self._started_notices: tuple[str, ...] = ()
        self.typed = False
        """Answers are typed (known once the interview is ready)."""
        self.recognizer = "typed"
        """vosk, pocketsphinx or typed."""
        self._asked = 0
        threading.Thread(target=self._open, name="interview-open", daemon=True).start()

    @property
    def session(self) -> InterviewSession | None:
        """The engine's session once ready (tests and benchmarks read its figures)."""
        return self._session

    # The seam ------------------------------------------------------------------------------

    def poll(self) -> Sequence[InterviewAction]:
        actions: list[InterviewAction] = []
        while True:
            try:
                actions.append(self._early.get_nowait())
            except queue.Empty:
                break
        session = self._session
        if session is not None:
            for action in session.poll():
                translated = self._translate(action)
                if translated is not None:
                    actions.append(translated)
        return actions

    def said(self, utterance_id: int) -> None:
        if self._session is not None:
            self._session.playback_finished(utterance_id)

    def finish_answer(self) -> None:
        if self._session is not None and not self.typed:
            self._session.end_answer()

    def submit_text(self, text: str) -> None:
        if self._session is not None and self.typed:
            self._session.submit_text(text)

    def report_eye_contact(self, turn_id: int, share: float) -> None:
        if self._session is not None:
            self._session.report_eye_contact(turn_id, share)

    def wrap_up(self) -> None:
        with self._lock:
            session = self._session
            self._wrap_up_requested = session is None
        if session is not None:
            session.wrap_up()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            session, self._session = self._session, None
        if session is not None:
            # Cancel and wipe now; the session's threads end on their own (the render thread
            # never joins them). It closes the microphone it was given.
            session.close(timeout_s=0.0)

    # Getting ready (its own thread) ---------------------------------------------------------

    def _open(self) -> None:
        try:
            session = self._start_session()
        except Exception:
            log.exception("the interview cannot start")
            self._early.put(Failed(None))
            return
        with self._lock:
            if self._closed:
                session.close(timeout_s=0.0)
                return
            self._session = session
            wrap = self._wrap_up_requested
        if wrap:
            session.wrap_up()

    def _start_session(self) -> InterviewSession:
        interviews = self._interviews
        request = self.request
        language = request.language
        try:
            voice = interviews.speech.voice_for(language.tts_voices)
        except SpeechUnavailable as exc:
            log.warning("the interviewer has no voice (captions only): %s", exc)
            voice = None
        choice = interviews.recognizer_for(language)
        notices = [notice_text(request.script, choice.notice, language)] if choice.notice else []
        source = interviews.microphone() if choice.recognizer is not None else None
        session = self._session_for(voice, choice.backend.value, choice.recognizer is None,
                                    notices, source, choice)
        try:
            session.start()
        except AudioSourceError as exc:
            log.warning("no microphone, answers are typed: %s", exc)
            notices = [notice_text(request.script, MICROPHONE_MISSING, language)]
            session = self._session_for(voice, "typed", True, notices, None, None)
            session.start()
        return session

    def _session_for(self, voice: str | None, recognizer: str, typed: bool, notices: list[str],
                     source: AudioSource | None, choice: RecognizerChoice | None) -> InterviewSession:
        interviews = self._interviews
        request = self.request
        seed = request.seed if request.seed is not None else secrets.randbelow(1_000_000)
        setup = prepare_interview(interviews.catalog, request.occupation.id, request.language.code,
                                  persona_id=request.persona.id, seed=seed, voice=voice,
                                  recognizer=recognizer, typed=typed,
                                  max_questions=request.max_questions)
        setup = dataclasses.replace(setup, context=dataclasses.replace(
            setup.context, notices=tuple(notices)))
        listening = interviews.listening
        settings = SessionSettings(endpoint=listening.endpoint,
                                   input_gain_db=listening.input_gain_db)
        self._setup = setup
        self.typed = typed
        self.recognizer = recognizer
        self._started_notices = tuple(notices)
        return InterviewSession(setup, interviews.speech.speech_out,
                                recognizer=choice.recognizer if choice is not None else None,
                                source=source, clock=_StationTime(interviews.clock),
                                settings=settings, notices=tuple(notices))

    # From the engine's actions to the room's ----------------------------------------------

    def _translate(self, action: SessionAction) -> InterviewAction | None:
        if isinstance(action, SayAction):
            return self._say(action)
        if isinstance(action, ListenAction):
            return Listen(action.turn_id, self.typed) if action.active else Thinking(action.turn_id)
        if isinstance(action, CaptionAction):
            return Heard(action.text, action.final)
        if isinstance(action, NoticeAction):
            if action.text in self._started_notices:
                return Notice(action.text)
            # Recognizer trouble: the interviewer asks again; the details are for staff.
            log.warning("interview: %s", action.text)
            return None
        if isinstance(action, EndAction):
            if action.report is not None:
                return Ended(action.report)
            return None if self._closed else Failed(None)
        return None

    def _say(self, action: SayAction) -> Say:
        number = total = None
        if action.kind in (UtteranceKind.QUESTION, UtteranceKind.REPEAT) and self._setup is not None:
            if action.kind is UtteranceKind.QUESTION:
                self._asked += 1
            number, total = self._asked, len(self._setup.dialogue.questions)
        clip = SpeechClip.from_audio(action.audio) if action.audio is not None \
            else SpeechClip.silent(action.text, reading_time_s(action.text))
        return Say(action.utterance_id, clip, action.text, number, total)
