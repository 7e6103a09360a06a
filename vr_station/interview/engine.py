"""The station's interviews: what stays between visitors, and how one visitor's session opens.

``EngineInterviews`` is made at station start and closed at exit. It holds the one speech
output (pyttsx3 worker and cache, shared with the tour guide), one recognizer per language
kept loaded between visitors (``recognizer_for``), the microphone and calibration's listening
thresholds. ``open`` opens a visitor's ``InterviewSession`` with the engine's
``open_interview``, exactly as the terminal practice does (calibration's end-of-answer silence
is the base; the persona and the visitor's "more time to think" add to it); it blocks (the engine's voices are
asked for, the microphone opened), so the interview room calls it on a job lane and only
polls the running session on the render thread. The room reads the session's own actions
(``interview_engine.session``); nothing is translated here.

Without a microphone the visitor types the answers, with a notice, and the kiosk goes on.
A microphone that goes away during a visit (unplugged, a driver reset) is watched
(``speech.microphone_watch``): its loss is logged as an error (the heartbeat's "last error";
``microphone_status`` is its "microphone present"), the interview room offers the keyboard
for the answer, and the microphone is reopened with backoff on the station's clock, so the
next answer is heard again without a restart. The feedback step's spoken comment goes through
the same watch (``watched_microphone``, ``try_microphone``): one status per station.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from calibration.profile import StationProfile
from catalog.model import Catalog, Language, Occupation
from catalog.personas import Persona
from interview_engine.session import (
    InterviewSession,
    SessionSettings,
    open_interview,
    recognizer_for,
)
from speech.backends import RecognizerChoice, SpeechSettings
from speech.endpoint import EndpointSettings
from speech.microphone_watch import MicrophoneStatus, MicrophoneWatch, WatchedSource
from speech.sources import AudioSource, AudioSourceError
from speech.station_speech import SpeechUnavailable, StationSpeech

log = logging.getLogger(__name__)


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
        """The listening settings calibration stored in the station profile (microphone section)."""
        mic = profile.microphone
        return cls(EndpointSettings.from_profile(mic), mic.gain_db, mic.device)


class _StationTime:
    """The station's clock as the session's, so the demo's stepped clock and the interview agree.

    Silence and the answer cap run in station time: both agree on what a second is.
    """

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
    """The station's interviews and speech in, kept between visitors (see the module).

    The feedback step's spoken comment uses the same recognizers, microphone and thresholds.
    """

    def __init__(self, catalog: Catalog, speech: StationSpeech, models_dir: Path,
                 clock: Callable[[], float], *, listening: ListeningSettings | None = None,
                 microphone: Callable[[], AudioSource] | None = None,
                 speech_settings: SpeechSettings | None = None) -> None:
        self.catalog = catalog
        self.speech = speech
        self.models_dir = models_dir
        self.speech_settings = speech_settings or SpeechSettings()
        """station.yaml's recognizer per language and Whisper's device."""
        self.clock = clock
        self.listening = listening or ListeningSettings()
        self.microphone = microphone or _default_microphone(self.listening)
        """Opens the audio source answers come from (the demo passes its visitor's voice)."""
        self._recognizers: dict[str, RecognizerChoice] = {}
        self._lock = threading.Lock()
        self.microphone_watch = MicrophoneWatch()
        """Whether the microphone hears visitors now, across visits (the room and heartbeat read it)."""
        self.microphone_watch.subscribe(_log_microphone_change)

    @property
    def microphone_status(self) -> MicrophoneStatus:
        """The microphone now: present, or away and why (any thread, never waits)."""
        return self.microphone_watch.status

    def watched_microphone(self) -> AudioSource:
        """The microphone (``self.microphone``) wrapped so that its loss is an event, not an error.

        Each use (an interview, a spoken comment) opens its own; all report to the one
        ``microphone_watch``, and each reopens a lost device while it is open.
        """
        return WatchedSource(self.microphone, self.microphone_watch, self.clock)

    def try_microphone(self) -> bool:
        """Open the microphone and close it at once: the watch then says whether it is there.

        For a step that holds no microphone while the watch says it is away (nobody else
        would notice its return: a source reopens its device only while it is open). Blocks
        while the device opens, so call it on a job lane only.
        """
        source = WatchedSource(self.microphone, self.microphone_watch, self.clock, poll_s=None)
        try:
            source.start(_discard)
        except AudioSourceError:
            return False  # the watch says why
        finally:
            source.close()
        return True

    def open(self, occupation: Occupation, language: Language, persona: Persona, *,
             max_questions: int | None = None, seed: int | None = None,
             more_time_to_think: bool = False) -> InterviewSession:
        """One visitor's interview, running; blocks, so call it on a worker thread only.

        Raises when it cannot start (logged by the caller; the visitor is told kindly).
        ``max_questions``: fewer main questions than the persona asks (the demo keeps it short);
        ``seed``: questions and follow-ups reproducibly (None: different every time);
        ``more_time_to_think``: the visitor chose "Mehr Zeit zum Nachdenken" (a longer silence
        ends an answer, a longer one brings a nudge; ``catalog.more_time_to_think``).
        """
        try:
            voice = self.speech.voice_for(language.tts_voices)
        except SpeechUnavailable as exc:
            log.warning("the interviewer has no voice (captions only): %s", exc)
            voice = None
        listening = self.listening
        return open_interview(
            self.catalog, occupation.id, language, speech_out=self.speech.speech_out,
            voice=voice, recognizer=self.recognizer_for(language),
            seed=seed if seed is not None else secrets.randbelow(1_000_000),
            persona_id=persona.id, max_questions=max_questions,
            microphone=self.watched_microphone,
            clock=_StationTime(self.clock),
            settings=SessionSettings(endpoint=listening.endpoint,
                                     input_gain_db=listening.input_gain_db),
            type_without_microphone=True, more_time_to_think=more_time_to_think)

    def recognizer_for(self, language: Language) -> RecognizerChoice:
        """The language's recognizer, kept for the next visitor (a model loads once).

        Checks files only; the model loads on the first answer, on the session's listener thread.
        """
        with self._lock:
            choice = self._recognizers.get(language.code)
            if choice is None:
                choice = recognizer_for(language, self.models_dir, speech=self.speech_settings)
                if choice.message:
                    log.warning("interview in %s: %s",
                                language.names.get("en", language.native_name), choice.message)
                self._recognizers[language.code] = choice
            return choice

    def close(self) -> None:
        """Free the recognizers (station exit). The speech output belongs to the station."""
        with self._lock:
            choices, self._recognizers = list(self._recognizers.values()), {}
        for choice in choices:
            if choice.recognizer is not None:
                choice.recognizer.close()


def _log_microphone_change(status: MicrophoneStatus) -> None:
    # An error, so that staff see it as the heartbeat's "last error" (``LastError`` keeps the
    # station's last ERROR line); the return is worth a line in the log only.
    if status.present:
        log.warning("the microphone hears visitors again (at %.1f s station time)", status.changed_at_s)
    else:
        log.error("the microphone is away, answers and comments are typed until it is back: %s",
                  status.error)


def _discard(pcm: bytes, rate_hz: int) -> None:
    """Where a microphone opened only to see whether it is there delivers: nowhere."""
