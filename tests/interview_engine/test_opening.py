"""``open_interview``: the one way the terminal and the station open a session: speech in, the
visitor's notices (shown and repeated in the report), and what happens without a microphone."""

from __future__ import annotations

import pytest

from interview_engine.session import (
    InterviewSession,
    NoticeAction,
    SessionState,
    SetupError,
    open_interview,
    recognizer_for,
)
from speech.backends import Backend, RecognizerChoice
from speech.sources import AudioSource, AudioSourceError, Deliver
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from tests.speech.fakes import FakeSynthesizer, ScriptedRecognizer
from timebase import SimulatedClock


@pytest.fixture
def speech_out(tmp_path):
    out = SpeechOut(FakeSynthesizer(), SpeechCache(tmp_path / "cache"))
    yield out
    out.close()


class Source(AudioSource):
    def __init__(self) -> None:
        self.deliver: Deliver | None = None

    def start(self, deliver: Deliver) -> None:
        self.deliver = deliver


class NoMicrophone(AudioSource):
    def start(self, deliver: Deliver) -> None:
        raise AudioSourceError("no input device")


def never() -> AudioSource:
    raise AssertionError("typed answers need no microphone")


def open_koch(catalog, speech_out, choice: RecognizerChoice, language: str = "de",
              **kwargs) -> InterviewSession:
    return open_interview(catalog, "koch", catalog.languages[language], speech_out=speech_out,
                          voice=None, recognizer=choice, seed=3, persona_id="friendly",
                          clock=SimulatedClock(), **kwargs)


def test_spoken_answers_come_from_the_microphone_it_opens(catalog, speech_out):
    source = Source()
    session = open_koch(catalog, speech_out, RecognizerChoice(Backend.VOSK, ScriptedRecognizer([]),
                                                              None, None),
                        microphone=lambda: source, max_questions=2)
    try:
        assert session.state is SessionState.RUNNING and not session.typed
        assert session.source is source and source.deliver is not None
        assert session.setup.context.recognizer == "vosk" and session.setup.context.notices == ()
        assert len(session.setup.dialogue.questions) == 2
    finally:
        session.close()


def test_a_fallback_notice_is_shown_in_the_language_and_repeated_in_the_report(catalog, speech_out):
    session = open_koch(catalog, speech_out,
                        RecognizerChoice(Backend.TYPED, None, "recognizer_typed", "for staff"),
                        microphone=never)
    try:
        notice = "Für Deutsch ist keine Spracherkennung installiert. Bitte tippen Sie Ihre Antworten ein."
        assert session.typed and session.setup.context.recognizer == "typed"
        assert session.poll(max_actions=1) == [NoticeAction(notice)]
        assert session.setup.context.notices == (notice,)
        assert not session.setup.dialogue.nudge_on_silence, "no silence nudges while typing"
    finally:
        session.close()


def test_without_a_microphone_the_station_types_and_the_terminal_is_told(catalog, speech_out):
    spoken = RecognizerChoice(Backend.POCKETSPHINX, ScriptedRecognizer([]), None, None)
    with pytest.raises(AudioSourceError, match="no input device"):
        open_koch(catalog, speech_out, spoken, "en", microphone=NoMicrophone)
    session = open_koch(catalog, speech_out, spoken, "en", microphone=NoMicrophone,
                        type_without_microphone=True)
    try:
        notice = catalog.interview.notices["microphone_missing"]["en"]
        assert session.typed and session.source is None
        assert session.setup.context.recognizer == "typed"
        assert session.setup.context.notices == (notice,)
        assert session.poll(max_actions=1) == [NoticeAction(notice)]
    finally:
        session.close()


def test_an_unknown_occupation_says_what_there_is(catalog, speech_out):
    with pytest.raises(SetupError, match="no occupation 'astronaut'"):
        open_interview(catalog, "astronaut", catalog.languages["de"], speech_out=speech_out,
                       voice=None, recognizer=RecognizerChoice(Backend.TYPED, None, None, None),
                       seed=1)


def test_the_recognizer_is_never_one_of_another_language(catalog, tmp_path):
    german = recognizer_for(catalog.languages["de"], tmp_path)  # no Vosk model installed here
    assert german.backend is Backend.TYPED and german.recognizer is None
    assert german.notice == "recognizer_typed" and "German" in (german.message or "")
    typed = recognizer_for(catalog.languages["en"], tmp_path, Backend.TYPED)
    assert typed.recognizer is None and typed.notice is None
