"""The answer figures are exact on hand-written Vosk-format results (issue 3, item 6)."""

from __future__ import annotations

import pytest

from catalog.questions import AnswerPoint, InterviewQuestion, Phase
from interview_engine.analysis import (
    AnswerFigures,
    LengthVerdict,
    analyze_answer,
    figures,
    round_half_up,
)
from speech.transcript import RecognitionResult, RecognizedWord, from_text, from_vosk_json
from tests.interview_engine.conftest import DATA


def load(name: str) -> RecognitionResult:
    return from_vosk_json((DATA / name).read_text(encoding="utf-8"))


def test_german_answer_figures_are_exact(catalog):
    norms = catalog.languages["de"].norms
    assert figures(load("de_hygiene.json"), norms.fillers) == AnswerFigures(
        word_count=15,           # 17 tokens, 2 fillers (äh, ähm)
        filler_count=2,
        speaking_time_s=9.8,     # 9.80 − 0.00
        wpm=91.8,                # 15 / 9.8 × 60 = 91.836…
        long_pause_count=2,      # 2.20→4.70 (2.5 s) and 6.50→8.50 (exactly 2.0 s)
        longest_pause_s=2.5)
    assert figures(load("de_hygiene.json"), norms.fillers).fillers_per_min == 12.2  # 2 / 9.8 × 60


def test_english_answer_figures_are_exact_and_float_noise_does_not_hide_a_pause(catalog):
    norms = catalog.languages["en"].norms
    result = load("en_teamwork.json")
    # The gap 3.10 → 5.10 is 1.9999999999999996 in floating point: still a 2.0 s pause.
    assert 5.1 - 3.1 < 2.0
    assert figures(result, norms.fillers) == AnswerFigures(
        word_count=25, filler_count=2, speaking_time_s=10.0, wpm=150.0,
        long_pause_count=1, longest_pause_s=2.0)


def test_one_answer_split_into_vosk_utterances_gives_the_same_figures(catalog):
    fillers = catalog.languages["en"].norms.fillers
    assert figures(load("en_teamwork_utterances.jsonl"), fillers) == \
        figures(load("en_teamwork.json"), fillers)


def test_text_only_results_count_words_but_have_no_times(catalog):
    figs = figures(load("de_text_only.json"), catalog.languages["de"].norms.fillers)
    assert figs == AnswerFigures(5, 0, None, None, None, None)
    assert figs.fillers_per_min is None


def test_typed_answer_has_no_timing_figures(catalog):
    figs = figures(from_text("Ähm, ich koche gern."), catalog.languages["de"].norms.fillers)
    assert (figs.word_count, figs.filler_count, figs.speaking_time_s, figs.wpm) == (3, 1, None, None)


def test_empty_and_single_word_answers():
    fillers = frozenset({"äh"})
    assert figures(RecognitionResult((), ""), fillers) == AnswerFigures(0, 0, None, None, None, None)
    one = RecognitionResult((RecognizedWord("ja", 1.0, 1.5, 1.0),), "ja")
    assert figures(one, fillers) == AnswerFigures(1, 0, 0.5, 120.0, 0, 0.0)
    filler_only = RecognitionResult((RecognizedWord("äh", 1.0, 1.0, 1.0),), "äh")
    assert figures(filler_only, fillers) == AnswerFigures(0, 1, 0.0, None, 0, 0.0)


def test_wpm_rounds_half_up_to_one_decimal():
    # 49 words in 48.0 s = 61.25 wpm exactly; Python's round() would give 61.2.
    words = tuple(RecognizedWord(f"w{i}", i * 48.0 / 49, i * 48.0 / 49 + 0.5, 1.0) for i in range(49))
    words = (*words[:-1], RecognizedWord("last", words[-1].start_s, 48.0, 1.0))
    assert figures(RecognitionResult(words, ""), frozenset()).wpm == 61.3
    assert round_half_up(142.25, 1) == 142.3
    assert round_half_up(0.5, 0) == 1.0


def _question(phase: Phase, strong: tuple[str, ...] = ()) -> InterviewQuestion:
    """A question whose points are ``strong`` (the same text in both languages), each covered by
    its own words."""
    return InterviewQuestion("q", phase, {"de": "Frage?", "en": "Question?"}, tuple(
        AnswerPoint({"de": point, "en": point}, {"de": (point.lower(),), "en": (point.lower(),)})
        for point in strong))


def test_behavioural_answer_shows_all_star_parts_and_terms(catalog):
    norms = catalog.languages["en"].norms
    question = _question(Phase.BEHAVIOURAL, ("the result", "plating and knife skills"))
    analysis = analyze_answer(load("en_teamwork.json"), question, norms,
                              ["station", "plating", "knife skills", "mise en place"],
                              catalog.interview.rules)
    assert analysis.terms_used == ("station",)
    assert analysis.terms_missed == ("plating", "knife skills")
    assert analysis.star is not None
    assert (analysis.star.situation, analysis.star.task, analysis.star.action, analysis.star.result) == \
        (True, True, True, True)
    assert analysis.gave_example and analysis.stated_result
    assert analysis.fillers == ("um", "uh")
    assert analysis.length == LengthVerdict.GOOD
    assert not analysis.repeat_request


def test_german_terms_match_case_and_inflection_tolerant(catalog):
    norms = catalog.languages["de"].norms
    koch = catalog.occupations["koch"]
    job = next(q for q in koch.questions.questions if q.id == "job-hygiene")
    analysis = analyze_answer(load("de_hygiene.json"), job, norms, ["HACCP", "Kühlkette", "Hygiene",
                                                                    "Allergene"], catalog.interview.rules)
    assert analysis.terms_used == ("HACCP", "Kühlkette")
    # Only terms named by a point the answer missed are suggested, never one it used: the
    # question's own word "Hygiene" is no suggestion, and "Kühlkette … (HACCP)" was said.
    assert analysis.terms_missed == ()
    points = job.points("de")
    assert [points[i] for i in analysis.points_covered] == [
        "gründliches Händewaschen", "Kühlkette und Temperaturkontrolle (HACCP)"]
    assert analysis.star is None  # not a behavioural question
    assert analysis.length == LengthVerdict.SHORT  # 15 words < 20


@pytest.mark.parametrize(("text", "verdict"), [
    ("Ja.", LengthVerdict.GOOD),  # a short answer is fine in the greeting
    ("", LengthVerdict.NONE),
])
def test_short_answers_are_fine_where_the_phase_allows(catalog, text, verdict):
    analysis = analyze_answer(from_text(text), _question(Phase.GREETING), catalog.languages["de"].norms,
                              [], catalog.interview.rules)
    assert analysis.length == verdict


def test_a_long_answer_is_long(catalog):
    norms = catalog.languages["de"].norms
    words = tuple(RecognizedWord("wort", i * 0.5, i * 0.5 + 0.4, 1.0) for i in range(200))
    analysis = analyze_answer(RecognitionResult(words, ""), _question(Phase.MOTIVATION), norms, [],
                              catalog.interview.rules)
    assert analysis.figures.speaking_time_s == 99.9
    assert analysis.length == LengthVerdict.LONG


@pytest.mark.parametrize(("text", "repeat"), [
    ("Können Sie das bitte wiederholen?", True),
    ("Noch einmal, bitte.", True),
    ("Ich habe einmal im Praktikum die Frage wiederholen lassen und dann gelernt", False),
])
def test_repeat_requests_are_short_answers_with_a_repeat_cue(catalog, text, repeat):
    analysis = analyze_answer(from_text(text), _question(Phase.MOTIVATION), catalog.languages["de"].norms,
                              [], catalog.interview.rules)
    assert analysis.repeat_request is repeat
