"""The feedback step's spoken comment on a real offscreen station: English is heard by the real
recognizer (PocketSphinx) through the station's microphone path (the demo visitor's voice in
its place), the words land in the comment entry for the keyboard; German without a recognizer
model offers typing only (no recognizer of another language)."""

from __future__ import annotations

import threading

import pytest

from speech.dictation import Dictation, DictationState
from speech.recognition import NO_HINTS, AnswerHints, AnswerStream, Recognizer
from speech.sources import AudioSource, AudioSourceError, Deliver
from speech.transcript import RecognitionResult, from_text
from tests.vr_station.station_fixtures import Rig, make_station, skip_to
from tests.waiting import wait_for_thread
from vr_station.demo import VISITOR_VOICES, DemoAnswers
from vr_station.interview.engine import EngineInterviews
from vr_station.kiosk.flow import KioskState
from vr_station.steps.feedback import FeedbackStep

S = KioskState
COMMENT = "Yes, thank you very much. I am looking forward to our next conversation."
"""Words PocketSphinx's small US model hears well from espeak-ng (the demo's first answer's)."""


def to_feedback(rig: Rig, language: str) -> FeedbackStep:
    station, visitor = rig.station, rig.visitor
    skip_to(rig, language, None, S.FEEDBACK)
    visitor.settle()
    visitor.click("rating:4")
    visitor.settle()
    step = station.step
    assert isinstance(step, FeedbackStep)
    return step


def test_a_spoken_english_comment_lands_in_the_entry_to_check_and_edit():
    rig = make_station(real_speech=True, language="en")
    try:
        station, visitor = rig.station, rig.visitor
        assert visitor.voice is not None
        language = station.catalog.languages["en"]
        answers = DemoAnswers(station.speech, [COMMENT],
                              (*VISITOR_VOICES.get("en", ()), *language.tts_voices))
        step = to_feedback(rig, "en")
        assert {"comment", "comment-speak", "send"} <= set(station.targets_by_id())
        comment = visitor.own_words(answers, COMMENT)
        visitor.click("comment-speak")
        visitor.wait_until(lambda: not station.pending_work(), "the microphone to open")
        assert "listening" in [p.name for p in step.panels()], "a visible listening panel"
        assert "speak-done" in station.targets_by_id()
        visitor.voice.say(comment)
        live: set[str] = set()

        def entry_shown() -> bool:
            live.add(step._heard)
            return "comment" in [p.name for p in step.panels()]

        visitor.wait_until(entry_shown, "the end-of-speech silence", timeout_s=30)
        heard = step.entry.text.lower()
        said = set(COMMENT.lower().replace(".", "").split())
        assert len(said & set(heard.replace(".", "").split())) >= 3, heard  # PocketSphinx: some
        assert any(t for t in live if t), "the recognized words were shown while listening"
        # The visitor can still edit on the keyboard, then send.
        visitor.click("key:space")
        visitor.click("key:a")
        assert step.entry.text.endswith(" a")
        visitor.click("comment-done")
        visitor.settle()
        assert station.session is not None
        assert station.session.feedback.comment == step.entry.text.strip()
        assert "comment-speak" in station.targets_by_id(), "can speak again"
    finally:
        rig.close()


def test_german_without_a_model_offers_typing_only():
    rig = make_station(language="de")
    try:
        interviews = rig.station.interviews
        assert isinstance(interviews, EngineInterviews)
        german = rig.station.catalog.languages["de"]
        if interviews.recognizer_for(german).recognizer is not None:
            pytest.skip("a German recognizer model is installed here")
        to_feedback(rig, "de")
        targets = set(rig.station.targets_by_id())
        assert "comment" in targets
        assert "comment-speak" not in targets
    finally:
        rig.close()


class _NoMicrophone(AudioSource):
    def start(self, deliver: Deliver) -> None:
        raise AudioSourceError("no input device")


def test_without_a_microphone_the_keyboard_comes_with_a_notice_and_speak_tries_again():
    rig = make_station(language="en")
    try:
        interviews = rig.station.interviews
        assert isinstance(interviews, EngineInterviews)
        interviews.microphone = _NoMicrophone
        step = to_feedback(rig, "en")
        rig.visitor.click("comment-speak")
        rig.visitor.settle()
        assert "comment-done" in rig.station.targets_by_id(), "the keyboard instead"
        assert step._notice == rig.station.ctx.ui.texts("feedback_microphone_away")
        assert not interviews.microphone_status.present, "the station's watch says so"
        rig.visitor.click("comment-done")
        rig.visitor.settle()
        targets = set(rig.station.targets_by_id())
        assert {"comment", "comment-speak", "send"} <= targets, "speaking tries it again"
    finally:
        rig.close()


# The dictation itself, with a stand-in recognizer (no model, no station) ---------------------

class _Stream(AnswerStream):
    def __init__(self) -> None:
        self.samples = 0

    def accept(self, pcm: bytes) -> str | None:
        self.samples += len(pcm) // 2
        return "hello" if self.samples else None

    def finish(self) -> RecognitionResult:
        return from_text("hello there")


class _Recognizer(Recognizer):
    def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
        return _Stream()


class _Source(AudioSource):
    def __init__(self) -> None:
        self.deliver: Deliver | None = None
        self.closed = False

    def start(self, deliver: Deliver) -> None:
        self.deliver = deliver

    def close(self) -> None:
        self.closed = True


def _wait_done(dictation: Dictation) -> DictationState:
    wait_for_thread(lambda: dictation.poll().done, "the dictation's listener to finish",
                    detail=lambda: f"its state: {dictation.poll()}")
    return dictation.poll()


def test_dictation_ends_at_the_silence_after_speech_and_closes_the_microphone():
    import numpy as np

    source = _Source()
    dictation = Dictation(_Recognizer(), source)
    dictation.start()
    assert source.deliver is not None
    loud = (np.sin(np.arange(1600) / 3) * 12000).astype("<i2").tobytes()
    for _ in range(10):
        source.deliver(loud, 16000)
    for _ in range(40):  # 4 s of silence: past any end-of-speech threshold
        source.deliver(bytes(3200), 16000)
    state = _wait_done(dictation)
    assert state.speaking and state.text == "hello there" and not state.failed
    assert source.closed


def test_dictation_ends_when_the_visitor_says_done():
    source = _Source()
    dictation = Dictation(_Recognizer(), source)
    dictation.start()
    dictation.finish()
    state = _wait_done(dictation)
    assert state.done and state.text == "hello there"
    assert source.closed


def test_a_simulated_source_waits_for_a_slow_recognizer_and_loses_nothing():
    """The demo visitor's voice runs on a stepped clock: its deliver waits while the recognizer
    is behind (a busy machine), instead of the dictation dropping audio."""
    import numpy as np

    gate = threading.Event()

    class Slow(_Stream):
        def accept(self, pcm: bytes) -> str | None:
            gate.wait()
            return super().accept(pcm)

    class SlowRecognizer(_Recognizer):
        def start_answer(self, hints: AnswerHints = NO_HINTS) -> AnswerStream:
            self.stream = Slow()
            return self.stream

    source = _Source()
    source.simulated = True
    recognizer = SlowRecognizer()
    dictation = Dictation(recognizer, source)
    dictation.start()
    assert source.deliver is not None
    loud = (np.sin(np.arange(1600) / 3) * 12000).astype("<i2").tobytes()
    delivered: list[int] = []

    def speak() -> None:
        assert source.deliver is not None
        for _ in range(20):
            source.deliver(loud, 16000)
            delivered.append(1)

    speaker = threading.Thread(target=speak, daemon=True)
    try:
        speaker.start()
        wait_for_thread(lambda: len(delivered) >= 4, "the first chunks to be taken")
        speaker.join(0.2)
        assert speaker.is_alive() and len(delivered) <= 6, "waits for the recognizer"
    finally:
        gate.set()
    wait_for_thread(lambda: recognizer.stream.samples == 20 * 1600,
                    "the recognizer to hear all of it (nothing dropped)",
                    detail=lambda: f"it heard {recognizer.stream.samples} samples")
    dictation.finish()
    _wait_done(dictation)
