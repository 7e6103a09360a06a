"""InterviewSession with small fakes: the app's side of the seam, driven like a frame loop, and
the actions it polls (the one vocabulary of the VR room and the terminal)."""

from __future__ import annotations

import dataclasses
import stat
import sys
import time

import pytest

from catalog.questions import AnswerPoint, InterviewQuestion, Phase
from interview_engine.dialogue import DialogueSetup, UtteranceKind
from interview_engine.feedback import ReportContext
from interview_engine.session import (
    CaptionAction,
    EndAction,
    InterviewSession,
    InterviewSetup,
    ListenAction,
    NoticeAction,
    SayAction,
    SessionSettings,
    SessionState,
)
from speech.playback import SilentPlayer
from speech.recognition import NO_HINTS, AnswerHints, AnswerStream, Recognizer, RecognizerError
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from tests.speech.fakes import FakeSynthesizer, ScriptedRecognizer
from tests.waiting import THREAD_TIMEOUT_S, ThreadLimit, wait_for_thread
from timebase import SimulatedClock

LOUD = (8000).to_bytes(2, "little", signed=True) * 1600  # 0.1 s at 16 kHz
QUIET = bytes(3200)
MARK = (1234).to_bytes(2, "little", signed=True) * 1600  # audio fed while the interviewer speaks


def question(qid: str, phase: Phase) -> InterviewQuestion:
    return InterviewQuestion(qid, phase, {"de": f"Frage {qid}?", "en": f"Question {qid}?"},
                             (AnswerPoint({"de": "ein Punkt", "en": "a point"},
                                          {"de": ("punkt",), "en": ("point",)}),))


@pytest.fixture
def setup(catalog) -> InterviewSetup:
    persona = dataclasses.replace(catalog.personas["neutral"], follow_up_intensity=0.0, patience_s=5.0)
    dialogue = DialogueSetup("de", (question("greet", Phase.GREETING), question("why", Phase.MOTIVATION),
                                    question("bye", Phase.CLOSING)),
                             catalog.interview, catalog.languages["de"].norms, ("Hygiene",), persona)
    context = ReportContext("de", "koch", "Koch/Köchin", "neutral", "Sachlich", "", 5, "scripted")
    return InterviewSetup(dialogue, context, voice="gmw/de", seed=5)


@pytest.fixture
def speech_out(tmp_path):
    out = SpeechOut(FakeSynthesizer(delay_s=0.02), SpeechCache(tmp_path / "cache"))
    yield out
    out.close()


ANSWERS = ["Ja danke gut gefunden",
           "Ich koche seit Jahren gern für meine Familie und habe im Praktikum gemerkt dass mir die "
           "Arbeit in der Küche Spaß macht weil ich gern im Team arbeite und auf Hygiene achte",
           "Nein danke"]


class App:
    """Plays the VR app: drains poll() each frame, plays audio by advancing the clock."""

    def __init__(self, session: InterviewSession, clock: SimulatedClock):
        self.session = session
        self.clock = clock
        self.actions: list = []
        self.max_poll_s = 0.0

    def frame(self) -> list:
        started = time.perf_counter()
        actions = self.session.poll()
        self.max_poll_s = max(self.max_poll_s, time.perf_counter() - started)
        self.actions += actions
        return actions

    def run(self, on_listen) -> EndAction:
        """Frames until the end; the session's threads answer in their own (wall) time, which
        only ``THREAD_TIMEOUT_S`` without an action bounds."""
        waiting = ThreadLimit("the session's next action")
        while True:
            for action in self.frame():
                waiting.progress()
                if isinstance(action, SayAction):
                    self.session.feed_audio(MARK)  # the mic hears the interviewer: must be dropped
                    self.clock.advance(action.audio.duration_s)
                    self.session.playback_finished(action.utterance_id)
                elif isinstance(action, ListenAction) and action.active:
                    on_listen(action)
                elif isinstance(action, ListenAction):
                    self.session.report_eye_contact(action.turn_id, 0.75)
                elif isinstance(action, EndAction):
                    return action
            waiting.check(lambda: f"the actions so far: {self.actions}")
            time.sleep(0.005)

    def speak(self, listen: ListenAction, loud_chunks: int = 10, quiet_chunks: int = 20) -> None:
        for chunk in [QUIET] * 3 + [LOUD] * loud_chunks + [QUIET] * quiet_chunks:
            self.clock.advance(0.1)
            self.session.feed_audio(chunk, 16000)
            time.sleep(0.002)


def test_app_driven_interview_gates_the_mic_and_ends_with_a_report(setup, speech_out):
    clock = SimulatedClock()
    recognizer = ScriptedRecognizer(list(ANSWERS))
    session = InterviewSession(setup, speech_out, recognizer=recognizer, clock=clock,
                               notices=("Bitte sprechen Sie deutlich.",))
    app = App(session, clock)

    def type_then_speak(listen):
        session.submit_text("getippt")  # answers are spoken here: ignored
        app.speak(listen)

    session.start()
    end = app.run(type_then_speak)
    assert end.completed and session.state == SessionState.ENDED
    assert app.actions[0] == NoticeAction("Bitte sprechen Sie deutlich.")
    says = [a for a in app.actions if isinstance(a, SayAction)]
    assert [s.text for s in says if s.kind == UtteranceKind.QUESTION] == ["Frage greet?", "Frage why?",
                                                                        "Frage bye?"]
    assert says[-1].kind == UtteranceKind.GOODBYE
    # The room's question counter comes with the question; other utterances carry none.
    assert [(s.question_number, s.question_total) for s in says
            if s.kind == UtteranceKind.QUESTION] == [(1, 3), (2, 3), (3, 3)]
    assert all(s.question_number is None for s in says if s.kind != UtteranceKind.QUESTION)
    listens = [a for a in app.actions if isinstance(a, ListenAction)]
    assert [a.active for a in listens] == [True, False] * 3 and not any(a.typed for a in listens)
    first = says[0].audio
    assert first is not None and first.sample_rate_hz == 16000 and first.pcm
    assert len(first.envelope_60hz) == round(first.duration_s * 60)
    # Mic gating: nothing said while the interviewer spoke reached the recognizer, nor the
    # first 0.25 s after (room echo): of 3 quiet lead-in chunks only the last got through.
    # After speech, 1.5 s of quiet ended each answer: 50 quiet 30 ms frames after the last loud
    # one, which ends inside the first quiet chunk (calibration's frames do not line up with
    # the app's 0.1 s chunks), so 16 chunks; the rest was dropped too.
    assert MARK not in recognizer.fed
    # Each answer's stream knows the occupation's terms (Whisper's prompt) and the threshold.
    assert [h.terms for h in recognizer.hints] == [setup.dialogue.terms] * 3
    assert "Hygiene" in setup.dialogue.terms
    assert {h.vad_threshold_dbfs for h in recognizer.hints} == {session.settings.endpoint.vad_threshold_dbfs}
    assert recognizer.fed.count(LOUD) == 3 * 10
    assert recognizer.fed.count(QUIET) == 3 * (1 + 16)
    captions = [a.text for a in app.actions if isinstance(a, CaptionAction) and a.final]
    assert captions == ANSWERS
    report = end.report
    assert report is not None and report.recognizer == "scripted"
    assert [a.transcript for a in report.answers] == ANSWERS
    assert [a.eye_contact for a in report.answers] == [0.75, 0.75, 0.75]
    assert report.overall.eye_contact == 0.75 and report.answers[1].terms_used == ("Hygiene",)
    assert report.started_at  # filled in at start
    assert app.max_poll_s < 0.005
    session.close()
    assert session.report is None and session.poll() == []


def test_silence_nudges_then_moves_on_in_session_time(setup, speech_out):
    clock = SimulatedClock()
    session = InterviewSession(setup, speech_out, recognizer=ScriptedRecognizer(["", "", "", ""]),
                               clock=clock)
    app = App(session, clock)

    def stay_silent(listen):
        for _ in range(60):  # 6 s of a quiet room; patience is 5 s
            app.clock.advance(0.1)
            session.feed_audio(QUIET)
            time.sleep(0.001)

    session.start()
    end = app.run(stay_silent)
    kinds = [a.kind for a in app.actions if isinstance(a, SayAction)]
    assert kinds.count(UtteranceKind.NUDGE) == 3 and kinds.count(UtteranceKind.MOVE_ON) == 3
    assert end.report is not None and not any(a.answered for a in end.report.answers)
    session.close()


def test_cancel_at_any_moment_ends_without_a_report_and_close_releases_everything(setup, speech_out):
    session = InterviewSession(setup, speech_out, recognizer=ScriptedRecognizer(ANSWERS))
    session.start()
    time.sleep(0.05)
    started = time.perf_counter()
    session.cancel()
    assert time.perf_counter() - started < 0.01
    ends: list = []
    wait_for_thread(lambda: bool(ends), "the cancelled session's end",
                    step=lambda: ends.extend(a for a in session.poll() if isinstance(a, EndAction)))
    assert ends == [EndAction(None, completed=False)]
    assert session.state == SessionState.CANCELLED
    session.close(timeout_s=THREAD_TIMEOUT_S)  # returns as soon as the threads ended
    assert not any(t.is_alive() for t in session._threads)
    session.feed_audio(LOUD)  # after the end: ignored, no error


def test_typed_answers_and_a_player_in_terminal_mode(setup, speech_out):
    clock = SimulatedClock()
    typed = dataclasses.replace(setup, dialogue=dataclasses.replace(setup.dialogue, nudge_on_silence=False))
    session = InterviewSession(typed, speech_out, recognizer=None, player=SilentPlayer(clock), clock=clock)
    session.start()
    answers = iter(["Ja.", "Ich koche gern, am Ende waren alle zufrieden.", "Nein."])
    ends: list[EndAction] = []

    def frame() -> None:
        for action in session.poll():
            if isinstance(action, ListenAction) and action.active:
                assert action.typed
                session.submit_text(next(answers))
            if isinstance(action, EndAction):
                ends.append(action)

    wait_for_thread(lambda: bool(ends), "the typed interview's end", step=frame)
    end = ends[0]
    assert end.report is not None
    assert end.report.answers[1].figures.speaking_time_s is None  # typed: no timings
    assert end.report.answers[1].figures.word_count == 8
    session.close()


def test_failed_synthesis_still_shows_the_caption_and_goes_on(setup, tmp_path):
    out = SpeechOut(FakeSynthesizer(fail_on="greet"), SpeechCache(tmp_path / "c"))
    clock = SimulatedClock()
    session = InterviewSession(setup, out, recognizer=None, player=SilentPlayer(clock), clock=clock,
                               settings=SessionSettings(prefetch=False))
    session.start()
    actions: list = []
    wait_for_thread(lambda: any(isinstance(a, ListenAction) for a in actions),
                    "listening after the failed question", step=lambda: actions.extend(session.poll()))
    says = [a for a in actions if isinstance(a, SayAction)]
    assert says[0].text == "Frage greet?" and says[0].audio is None
    listens = [a for a in actions if isinstance(a, ListenAction)]
    assert listens and listens[0].active  # the player took the reading time, then listening began
    assert clock.now_s() >= 1.0
    session.close()
    out.close()


def test_answer_audio_is_kept_only_with_explicit_consent(setup, speech_out, tmp_path):
    for keep in (None, tmp_path / "kept"):
        clock = SimulatedClock()
        session = InterviewSession(setup, speech_out, recognizer=ScriptedRecognizer(list(ANSWERS)),
                                   clock=clock, settings=SessionSettings(keep_answer_audio_dir=keep))
        app = App(session, clock)
        session.start()
        app.run(app.speak)
        session.close()
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [
        "answer-001.wav", "answer-002.wav", "answer-003.wav"]
    if sys.platform != "win32":  # the visitor's voice is private (Windows: icacls)
        kept = tmp_path / "kept"
        assert {stat.S_IMODE(p.stat().st_mode) for p in kept.iterdir()} == {0o600}
        assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    wavs = [p for p in tmp_path.rglob("*.wav") if "kept" not in p.parts and "cache" not in p.parts]
    assert wavs == []


def test_no_microphone_means_a_clear_error_and_nothing_started(setup, speech_out):
    from speech.sources import AudioSource, AudioSourceError

    class NoMicrophone(AudioSource):
        def start(self, deliver):
            raise AudioSourceError("no microphone found; connect one, or answer typed")

    session = InterviewSession(setup, speech_out, recognizer=ScriptedRecognizer([]), source=NoMicrophone())
    with pytest.raises(AudioSourceError, match="no microphone found"):
        session.start()
    assert session.state == SessionState.CANCELLED and session._threads == []
    assert session.poll() == []


def test_the_calibrated_gain_lifts_a_quiet_microphone_over_the_vad_threshold(setup, speech_out):
    """-52 dBFS is below the default threshold (-43 dBFS): without gain the visitor's words are
    silence; with the station's +20 dB they are an answer."""
    soft = (82).to_bytes(2, "little", signed=True) * 1600  # ≈ -52 dBFS
    heard = []
    for gain_db in (0.0, 20.0):
        clock = SimulatedClock()
        recognizer = ScriptedRecognizer(list(ANSWERS) * 3)
        session = InterviewSession(setup, speech_out, recognizer=recognizer, clock=clock,
                                   settings=SessionSettings(input_gain_db=gain_db))
        app = App(session, clock)

        def speak_softly(listen, app=app, session=session):
            for chunk in [soft] * 10 + [QUIET] * 60:
                app.clock.advance(0.1)
                session.feed_audio(chunk, 16000)
                time.sleep(0.001)

        session.start()
        end = app.run(speak_softly)
        assert end.report is not None
        heard.append(end.report.answers[0].answered)
        if gain_db:
            assert max(abs(int.from_bytes(c[:2], "little", signed=True)) for c in recognizer.fed) == 820
        session.close()
    assert heard == [False, True]


def test_answer_done_ends_the_answer_without_waiting_for_silence(setup, speech_out):
    clock = SimulatedClock()
    recognizer = ScriptedRecognizer(list(ANSWERS))
    session = InterviewSession(setup, speech_out, recognizer=recognizer, clock=clock)
    app = App(session, clock)

    def speak_then_press_done(listen):
        for chunk in [LOUD] * 5:  # no silence after the words: only the button ends the answer
            clock.advance(0.1)
            session.feed_audio(chunk, 16000)
        session.end_answer()

    session.start()
    end = app.run(speak_then_press_done)
    assert end.report is not None
    assert [a.transcript for a in end.report.answers] == ANSWERS
    assert recognizer.fed.count(QUIET) == 0
    session.close()


def test_wrap_up_closes_kindly_with_a_report_of_what_was_answered(setup, speech_out):
    clock = SimulatedClock()
    session = InterviewSession(setup, speech_out, recognizer=ScriptedRecognizer(list(ANSWERS)),
                               clock=clock)
    app = App(session, clock)
    listens = []

    def answer_once_then_leave(listen):
        listens.append(listen)
        if len(listens) == 1:
            app.speak(listen)
        else:
            session.wrap_up()

    session.start()
    end = app.run(answer_once_then_leave)
    assert end.completed and end.report is not None
    assert [a.transcript for a in end.report.answers] == [ANSWERS[0]]
    says = [a for a in app.actions if isinstance(a, SayAction)]
    assert says[-1].kind == UtteranceKind.GOODBYE
    assert [s.kind for s in says].count(UtteranceKind.QUESTION) == 2
    session.close()


class _BrokenStream(AnswerStream):
    def accept(self, pcm: bytes) -> str | None:
        raise RecognizerError("the model file is damaged")

    def finish(self):
        raise RecognizerError("the model file is damaged")


class _BrokenRecognizer(Recognizer):
    def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
        return _BrokenStream()


def test_a_failing_recognizer_is_a_problem_for_staff_and_the_question_comes_again(setup, speech_out):
    clock = SimulatedClock()
    session = InterviewSession(setup, speech_out, recognizer=_BrokenRecognizer(), clock=clock)
    app = App(session, clock)
    session.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(
            isinstance(a, SayAction) and a.kind == UtteranceKind.NOT_UNDERSTOOD for a in app.actions):
        for action in app.frame():
            if isinstance(action, SayAction):
                clock.advance(action.audio.duration_s)
                session.playback_finished(action.utterance_id)
            elif isinstance(action, ListenAction) and action.active:
                app.speak(action, loud_chunks=2, quiet_chunks=0)
        time.sleep(0.005)
    problems = [a for a in app.actions if isinstance(a, NoticeAction)]
    assert problems == [NoticeAction("RecognizerError: the model file is damaged", problem=True)]
    assert any(isinstance(a, SayAction) and a.kind == UtteranceKind.NOT_UNDERSTOOD for a in app.actions)
    session.close()


def test_a_session_that_breaks_down_ends_failed_without_a_report(setup, speech_out, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the speech worker is gone")

    monkeypatch.setattr(speech_out, "request", broken)
    session = InterviewSession(setup, speech_out, recognizer=None, settings=SessionSettings(prefetch=False))
    session.start()
    deadline = time.monotonic() + 5
    ends: list = []
    while not ends and time.monotonic() < deadline:
        ends = [a for a in session.poll() if isinstance(a, EndAction)]
        time.sleep(0.01)
    assert ends == [EndAction(None, completed=False, failed=True)]
    session.close()
