"""``open_interview``: the one way the terminal and the station open a session: speech in, the
visitor's notices (shown and repeated in the report), and what happens without a microphone."""

from __future__ import annotations

import time

import pytest

from interview_engine.session import (
    EndAction,
    InterviewSession,
    ListenAction,
    NoticeAction,
    SayAction,
    SessionSettings,
    SessionState,
    SetupError,
    open_interview,
    recognizer_for,
)
from speech.backends import Backend, RecognizerChoice
from speech.endpoint import EndpointSettings
from speech.playback import SilentPlayer
from speech.sources import AudioSource, AudioSourceError, Deliver, WavAnswers
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from speech.transcript import tokens
from tests.speech.espeak import write_answer
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
              persona: str = "friendly", **kwargs) -> InterviewSession:
    kwargs.setdefault("clock", SimulatedClock())
    return open_interview(catalog, "koch", catalog.languages[language], speech_out=speech_out,
                          voice=None, recognizer=choice, seed=3, persona_id=persona, **kwargs)


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
        notice = ("Gesprochene Antworten auf Deutsch kann die Station leider nicht verstehen. "
                  "Bitte tippen Sie Ihre Antworten ein.")
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


def test_the_persona_and_more_time_to_think_lengthen_the_calibrated_silence_and_patience(
        catalog, speech_out):
    """The calibrated silence is the base; the friendly interviewer adds its half second, the
    visitor's "Mehr Zeit zum Nachdenken" its 2.5 s, and 5 s of patience before a nudge."""
    calibrated = SessionSettings(endpoint=EndpointSettings(silence_s=1.5, vad_threshold_dbfs=-40.0),
                                 input_gain_db=6.0)
    more = catalog.more_time_to_think
    assert (more.answer_silence_extra_s, more.patience_extra_s) == (2.5, 5.0)
    expected = {("neutral", False): (1.5, 7.0), ("neutral", True): (4.0, 12.0),
                ("friendly", False): (2.0, 10.0), ("friendly", True): (4.5, 15.0)}
    for (persona, more_time), (silence_s, patience_s) in expected.items():
        session = open_koch(catalog, speech_out, RecognizerChoice(
            Backend.VOSK, ScriptedRecognizer([]), None, None), persona=persona,
            microphone=Source, settings=calibrated, more_time_to_think=more_time, max_questions=1)
        try:
            assert session.settings.endpoint == EndpointSettings(silence_s, -40.0)
            assert session.settings.input_gain_db == 6.0
            assert session.setup.dialogue.persona.patience_s == patience_s
            assert session.setup.dialogue.persona.id == persona
            assert catalog.personas[persona].patience_s < patience_s or not more_time
        finally:
            session.close()


def listened(session: InterviewSession, clock: SimulatedClock) -> ListenAction:
    """Play the interviewer's words at once until the session listens."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for action in session.poll():
            if isinstance(action, SayAction):
                clock.advance(action.audio.duration_s if action.audio else 1.0)
                session.playback_finished(action.utterance_id)
            elif isinstance(action, ListenAction) and action.active:
                return action
        time.sleep(0.002)
    raise AssertionError("the session did not listen within 20 s")


def test_the_listen_says_which_silence_ends_the_answer_and_answer_done_does_not_wait_for_it(
        catalog, speech_out):
    clock = SimulatedClock()
    source = Source()
    session = open_koch(catalog, speech_out, RecognizerChoice(
        Backend.VOSK, ScriptedRecognizer(["Ja gern"]), None, None), persona="neutral",
        microphone=lambda: source, more_time_to_think=True, max_questions=1, clock=clock)
    loud = (8000).to_bytes(2, "little", signed=True) * 1600  # 0.1 s at 16 kHz
    try:
        listen = listened(session, clock)
        assert listen.answer_silence_s == 4.0 and session.listening is None  # nothing heard yet
        assert source.deliver is not None
        for chunk in [loud] * 8 + [bytes(3200)] * 20:  # 0.8 s of speech, then 2 s of silence
            clock.advance(0.1)
            source.deliver(chunk, 16000)
        deadline = time.monotonic() + 10
        while (session.listening is None or session.listening.silence_s < 1.9) \
                and time.monotonic() < deadline:
            time.sleep(0.002)
        progress = session.listening
        assert progress is not None and progress.speech_started, progress
        assert 1.9 <= progress.silence_s <= 2.0 and progress.fraction == pytest.approx(0.49, abs=0.02)
        assert not any(isinstance(a, ListenAction) for a in session.poll()), "2 s do not end it"
        session.end_answer()  # "Antwort fertig": at once, 2 s before the silence would end it
        assert session.listening is None
        deadline = time.monotonic() + 10
        done = []
        while not done and time.monotonic() < deadline:
            done = [a for a in session.poll() if isinstance(a, ListenAction) and not a.active]
            time.sleep(0.002)
        assert done, "the answer ended without more audio"
    finally:
        session.close()


@pytest.mark.slow
@pytest.mark.parametrize("more_time", [False, True])
def test_more_time_to_think_keeps_a_3_s_pause_inside_the_answer(catalog, speech_out, tmp_path,
                                                                 more_time):
    """Real espeak-ng speech with a 3 s pause, the real end-of-answer detector and PocketSphinx:
    with the calibrated 1.5 s the pause ends the answer before its second sentence; with the
    visitor's "more time to think" (4 s) both sentences are one answer, ended 4 s after it."""
    from speech.pocketsphinx_recognizer import PocketSphinxRecognizer

    answers = tmp_path / "answers"
    answers.mkdir()
    write_answer(answers / "01.wav", "I did an internship in a restaurant kitchen.", 3.0,
                 "I really enjoyed cooking for the guests.")
    clock = SimulatedClock()
    recognizer = PocketSphinxRecognizer()
    session = open_koch(catalog, speech_out, RecognizerChoice(Backend.POCKETSPHINX, recognizer,
                                                              None, None),
                        "en", persona="neutral", microphone=lambda: WavAnswers.from_folder(
                            answers, clock), player=SilentPlayer(clock), clock=clock,
                        more_time_to_think=more_time, max_questions=1)
    try:
        deadline = time.monotonic() + 120
        actions: list = []
        while not (actions and isinstance(actions[-1], EndAction)) and time.monotonic() < deadline:
            actions += session.poll()
            time.sleep(0.01)
        assert actions and isinstance(actions[-1], EndAction), "the interview ended"
        report = actions[-1].report
        assert report is not None
    finally:
        session.close()
        recognizer.close()
    first = report.answers[0]
    heard = set(tokens(first.transcript))
    assert {"internship", "restaurant", "kitchen"} & heard, first.transcript
    second_sentence = {"enjoyed", "cooking", "guests"} & heard
    assert first.figures is not None and first.figures.speaking_time_s is not None
    if more_time:
        # Both sentences, and the pause between them, are one answer.
        assert second_sentence, first.transcript
        assert first.figures.longest_pause_s is not None and first.figures.longest_pause_s >= 2.5
        assert first.figures.speaking_time_s >= 5.0
    else:
        assert not second_sentence, first.transcript
        assert first.figures.speaking_time_s < 3.5
