"""The stand-in interview driver, driven through the seam with a fake synthesizer and a
stepped clock (the demo test runs it with real speech)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import CONTENT
from vr_station.clock import SteppedClock
from vr_station.content import load_catalog
from vr_station.interview.driver import (
    Ended,
    Heard,
    InterviewRequest,
    Listen,
    Say,
    SpokenAnswer,
    Thinking,
)
from vr_station.interview.standin import LocalInterview, choose_questions
from vr_station.jobs import BackgroundJobs
from vr_station.speech.clip import SpeechClip, with_envelope
from vr_station.speech.synthesis import Synthesizer
from vr_station.ui.texts import Texts


class ToneSynthesizer(Synthesizer):
    """A clip of 0.05 s per word: enough to time captions and lips."""

    def synthesize(self, text: str, voices: Sequence[str], rate_wpm: float) -> SpeechClip:
        samples = int(16000 * 0.05 * max(1, len(text.split())))
        pcm = (np.sin(np.arange(samples) * 0.3) * 8000).astype("<i2").tobytes()
        return with_envelope(pcm, 16000, text)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CONTENT)[0]


def request(catalog, answers, max_questions=3, tmp=Path("/nonexistent")) -> InterviewRequest:
    return InterviewRequest(occupation=catalog.occupations["koch"],
                            language=catalog.languages["de"],
                            persona=catalog.personas["friendly"], script=catalog.interview,
                            scratch_dir=tmp, max_questions=max_questions, answers=answers)


def run(driver: LocalInterview, jobs: BackgroundJobs, clock: SteppedClock,
        limit_s: float = 120.0) -> list:
    seen = []
    while clock.now_s() < limit_s:
        clock.advance(0.05)
        jobs.drain()
        for action in driver.poll():
            seen.append(action)
            if isinstance(action, Say):
                driver.said(action.utterance_id)  # "played" at once
            if isinstance(action, Ended):
                return seen
        time.sleep(0.001)
    raise AssertionError(f"no end: {seen}")


def test_one_question_per_phase_keeping_greeting_and_closing(catalog):
    chosen = choose_questions(request(catalog, None, max_questions=3))
    phases = [q.phase.value for q in chosen]
    assert phases[0] == "greeting" and phases[-1] == "closing" and len(chosen) == 3


def test_a_scripted_interview_asks_listens_shows_words_and_reports(catalog):
    jobs, clock = BackgroundJobs(), SteppedClock()
    answers = (SpokenAnswer("Guten Tag, danke für die Einladung."),
               SpokenAnswer("Ich habe im Praktikum viel über Hygiene und Mise en place gelernt."),
               SpokenAnswer("Ja, sehr gern."))
    driver = LocalInterview(request(catalog, answers), ToneSynthesizer(), jobs, clock.now_s,
                            Texts(catalog.ui["de"]))
    seen = run(driver, jobs, clock)
    jobs.shutdown()
    kinds = [type(a).__name__ for a in seen]
    assert kinds[:2] == ["Say", "Listen"]
    says = [a for a in seen if isinstance(a, Say)]
    assert [a.question_number for a in says] == [1, 2, 3, None], "three questions, then goodbye"
    heard = [a for a in seen if isinstance(a, Heard)]
    assert any(not h.final for h in heard), "live partial captions"
    assert [h.text for h in heard if h.final] == [a.text for a in answers]
    assert kinds.count("Thinking") == 3
    report = seen[-1].report
    keys = [i.key for i in report.items]
    assert keys == ["answers", "pace", "terms"]
    terms = next(i for i in report.items if i.key == "terms")
    assert "Hygiene" in terms.text and "Mise en place" in terms.text


def test_wrap_up_ends_after_the_current_answer_with_a_goodbye(catalog):
    jobs, clock = BackgroundJobs(), SteppedClock()
    driver = LocalInterview(request(catalog, None, max_questions=5), ToneSynthesizer(), jobs,
                            clock.now_s, Texts(catalog.ui["de"]))
    seen = []
    while not any(isinstance(a, Listen) for a in seen):
        clock.advance(0.05)
        jobs.drain()
        for action in driver.poll():
            seen.append(action)
            if isinstance(action, Say):
                driver.said(action.utterance_id)
        time.sleep(0.001)
    driver.wrap_up()
    rest = run(driver, jobs, clock)
    jobs.shutdown()
    assert isinstance(rest[0], Thinking)
    says = [a for a in rest if isinstance(a, Say)]
    assert len(says) == 1 and says[0].question_number is None  # straight to goodbye
    assert rest[-1].report.questions_answered == 0


def test_close_forgets_everything_and_stops_talking(catalog):
    jobs, clock = BackgroundJobs(), SteppedClock()
    driver = LocalInterview(request(catalog, (SpokenAnswer("Hallo"),)), ToneSynthesizer(),
                            jobs, clock.now_s, Texts(catalog.ui["de"]))
    driver.poll()
    driver.close()
    time.sleep(0.05)
    jobs.drain()
    assert driver.poll() == []
    jobs.shutdown()
