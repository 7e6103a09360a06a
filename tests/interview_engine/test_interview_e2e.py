"""Whole interviews with real espeak-ng answer audio through real PocketSphinx, real pyttsx3
questions, the real shipped content: transcripts and figures, tolerant of recognition errors."""

from __future__ import annotations

import time

import pytest

from interview_engine.preparation import prepare_interview
from interview_engine.session import EndAction, InterviewSession, SayAction, SessionSettings
from speech.audio import level_dbfs, read_wav
from speech.backends import station_speech_out
from speech.endpoint import EndpointSettings
from speech.playback import SilentPlayer
from speech.pocketsphinx_recognizer import PocketSphinxRecognizer
from speech.sources import WavAnswers
from speech.synthesis import pick_voice
from speech.transcript import tokens
from tests.speech.espeak import write_answer
from tests.waiting import ThreadLimit
from timebase import SimulatedClock

pytestmark = pytest.mark.slow

ANSWERS = [
    "Yes, thank you. I found you easily, the bus stops right outside.",
    "I finished school last summer and I did an internship in a restaurant kitchen. "
    "I really enjoyed cooking for the guests, so I want to become a cook.",
    "Hygiene protects the guests. I wash my hands often and I check the temperature "
    "in the cold room every morning.",
    "Once in my internship we had a big party with one hundred guests. My task was the salad "
    "station. I decided to prepare everything early, and in the end the chef was happy.",
    "My strengths are that I stay calm under pressure and I like working in a team.",
    "Thank you very much, I would love to come for a trial day.",
]


def speech_extent_s(path) -> float:
    """Seconds from the first to the last loud 10 ms of a WAV: the truth for speaking time."""
    clip = read_wav(path.read_bytes())
    step = clip.sample_rate_hz // 100 * 2
    loud = [i for i in range(0, len(clip.pcm), step) if level_dbfs(clip.pcm[i:i + step]) > -45]
    return (loud[-1] - loud[0] + step) / 2 / clip.sample_rate_hz


def run_interview(catalog, tmp_path, answers_dir, seed=4, persona="friendly", settings=None):
    speech_out = station_speech_out(tmp_path / "cache")
    voice = pick_voice(speech_out.synthesizer.voices(), catalog.languages["en"].tts_voices)
    setup = prepare_interview(catalog, "koch", "en", persona_id=persona, seed=seed, voice=voice,
                              recognizer="pocketsphinx")
    clock = SimulatedClock()
    session = InterviewSession(setup, speech_out, recognizer=PocketSphinxRecognizer(),
                               source=WavAnswers.from_folder(answers_dir, clock),
                               player=SilentPlayer(clock), clock=clock,
                               settings=settings or SessionSettings())
    session.start()
    actions: list = []
    # The session runs itself on the WAV files' clock; the real recognizer and synthesizer
    # take their (wall) time, bounded only while no action comes.
    waiting = ThreadLimit("the interview's next action (PocketSphinx, espeak-ng)")
    try:
        while True:
            new = session.poll()
            if new:
                waiting.progress()
                actions.extend(new)
            if actions and isinstance(actions[-1], EndAction):
                return actions, clock
            waiting.check(lambda: f"{len(actions)} actions so far, the last: {actions[-1:]}")
            time.sleep(0.01)
    finally:
        session.close()
        speech_out.close()


def test_whole_interview_from_espeak_answers(catalog, tmp_path):
    answers_dir = tmp_path / "answers"
    answers_dir.mkdir()
    files = [write_answer(answers_dir / f"{i:02d}.wav", text) for i, text in enumerate(ANSWERS, 1)]
    actions, clock = run_interview(catalog, tmp_path, answers_dir)
    end = actions[-1]
    assert isinstance(end, EndAction) and end.completed
    report = end.report
    assert report is not None and report.recognizer == "pocketsphinx" and report.language == "en"
    questions = [a for a in actions if isinstance(a, SayAction) and a.kind == "question"]
    assert len(questions) == catalog.personas["friendly"].question_count
    assert all(a.audio is not None and a.audio.duration_s > 1.0 for a in questions)

    spoken = [a for a in report.answers if a.answered]
    # Every file is heard in order (one per listen); follow-ups may take some of them.
    assert len(spoken) == len(ANSWERS)
    heard_total = truth_total = 0
    for answer, text, path in zip(spoken, ANSWERS, files, strict=True):
        truth = tokens(text)
        heard = set(tokens(answer.transcript))
        hits = sum(w in heard for w in truth)
        assert hits >= 1, (text, answer.transcript)
        heard_total += hits
        truth_total += len(truth)
        f = answer.figures
        assert f is not None and f.speaking_time_s is not None and f.wpm is not None
        # Timings come from the audio: the words span most of the speech in the file, never more
        # (a misheard first or last word may be dropped as noise).
        extent = speech_extent_s(path)
        assert 0.6 * extent <= f.speaking_time_s <= extent + 0.3, (text, answer.transcript)
        assert 0.5 * len(truth) <= f.word_count + f.filler_count <= 1.6 * len(truth), answer.transcript
        assert 90 <= f.wpm <= 260
        # A thread is judged on its main question; a follow-up has no tips of its own.
        assert len(answer.tips) <= 3 if answer.kind == "main" else answer.tips == ()
    assert heard_total / truth_total >= 0.35  # espeak-ng is hard for PocketSphinx; most words pass
    # After the files, a quiet room: the remaining questions were nudged and moved on.
    silent = [a for a in report.answers if not a.answered]
    assert silent and all(a.nudges == 2 for a in silent)
    assert report.answers[-1].tips[0] == catalog.interview.tips["no_answer"]["en"]
    assert len(report.top_tips) >= 1 and report.overall.wpm is not None
    assert clock.now_s() > 60  # a minute of interview, played in a few seconds of wall time


def test_a_long_pause_inside_an_answer_is_measured(catalog, tmp_path):
    """With a calibrated end-of-answer silence above 2 s, a 3 s pause stays inside the answer
    and counts as a long pause (with the 1.5 s default it would end the answer)."""
    answers_dir = tmp_path / "answers"
    answers_dir.mkdir()
    write_answer(answers_dir / "01.wav", "Yes, thank you, I found you easily.")
    write_answer(answers_dir / "02.wav", "I did an internship in a restaurant kitchen.", 3.0,
                 "I really enjoyed cooking for the guests.")
    settings = SessionSettings(endpoint=EndpointSettings(silence_s=4.0))
    actions, _ = run_interview(catalog, tmp_path, answers_dir, settings=settings)
    report = actions[-1].report
    second = [a for a in report.answers if a.answered][1]
    assert second.figures.long_pause_count >= 1
    assert 2.5 <= second.figures.longest_pause_s <= 3.6
