"""The feedback test set: answer threads written for the test, run through the real analysis and
the real report, with what the report must and must not say (feedback_set/{de,en}.yaml).

Besides each thread's own expectations, every report is checked against rules that hold for all
of them: no tip contradicts its thread (issue 14).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.model import Catalog
from catalog.norms import Cue
from catalog.questions import FollowUpTrigger
from interview_engine.analysis import analyze_answer
from interview_engine.dialogue import TurnKind, TurnRecord
from interview_engine.feedback import ReportContext, build_report
from interview_engine.report import AnswerReport, InterviewReport, report_from_dict
from interview_engine.terms import terms_used
from speech.transcript import (
    EMPTY_RESULT,
    RecognitionResult,
    RecognizedWord,
    folded_tokens,
    from_text,
    tokens,
)

SET_DIR = Path(__file__).parent / "feedback_set"
LANGUAGES = ("de", "en")
MIN_THREADS = 20

CONTRADICTING = {"examples_given": {"no_example"}, "results_stated": {"no_result"},
                 "pace_good": {"pace_fast", "pace_slow"}, "few_fillers": {"fillers"},
                 "eye_contact_good": {"eye_contact_low"}, "all_answered": {"no_answer", "off_topic"}}
"""Praise and the summary tips it would contradict."""
STAR_TIPS = {"no_example", "no_result", "no_action", "we_instead_of_i"}


def load_set(language: str) -> dict[str, Any]:
    data = yaml.safe_load((SET_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def cases(kind: str) -> list[Any]:
    return [pytest.param(language, case, id=f"{language}: {case['name']}")
            for language in LANGUAGES for case in load_set(language)[kind]]


@dataclass
class Interview:
    """Builds the turns of one interview from the set's threads, as the dialogue records them."""

    catalog: Catalog
    language: str
    occupation_id: str
    spoken_wpm: float | None = None
    fillers: int = 0
    clock_s: float = 0.0

    def __post_init__(self) -> None:
        self.turns: list[TurnRecord] = []
        self.occupation = self.catalog.occupations[self.occupation_id]
        self.questions = {q.id: q for q in self.occupation.questions.questions}
        self.norms = self.catalog.languages[self.language].norms

    def add_thread(self, question_id: str, answers: Sequence[Any]) -> int:
        question = self.questions[question_id]
        main_id = len(self.turns) + 1
        for i, answer in enumerate(answers):
            spec = answer if isinstance(answer, dict) else {"text": answer}
            trigger = FollowUpTrigger(spec["follow_up"]) if i else None
            asked = question.text[self.language] if trigger is None else self._follow_up_text(
                trigger, spec.get("term", ""))
            result = self._result(spec["text"])
            analysis = None if result.empty else analyze_answer(
                result, question, self.norms, self.occupation.terms[self.language],
                self.catalog.interview.rules)
            self.turns.append(TurnRecord(
                len(self.turns) + 1, question, asked, TurnKind.FOLLOW_UP if i else TurnKind.MAIN,
                trigger, main_id if i else None, result, analysis, 0 if analysis else 2, False))
        return main_id

    def report(self) -> InterviewReport:
        context = ReportContext(
            self.language, self.occupation.id, self.occupation.titles[self.language], "neutral",
            "Sachlich", "2026-03-02T10:15:00+01:00", 7,
            "typed" if self.spoken_wpm is None else "vosk", bank=self.occupation.questions)
        return build_report(self.turns, context, self.catalog.interview, self.norms)

    def _follow_up_text(self, trigger: FollowUpTrigger, term: str) -> str:
        texts = self.catalog.interview.follow_ups[trigger][self.language]
        return texts[0].replace("{term}", term)

    def _result(self, text: str) -> RecognitionResult:
        if not text:
            return EMPTY_RESULT
        if self.spoken_wpm is None:
            return from_text(text)
        # A recognizer writes lower-case words without punctuation, with times: at the given pace,
        # with the fillers spread through the answer.
        words = [w for w in tokens(text)]
        for n in range(self.fillers):
            words.insert((n + 1) * len(words) // (self.fillers + 1), sorted(self.norms.fillers)[0])
        step = 60.0 / self.spoken_wpm
        start = self.clock_s
        self.clock_s += len(words) * step + 10.0
        return RecognitionResult(tuple(
            RecognizedWord(w, round(start + i * step, 3), round(start + i * step + step * 0.8, 3), 0.9)
            for i, w in enumerate(words)), " ".join(words))


def thread_entries(report: InterviewReport, main_id: int) -> tuple[AnswerReport, list[AnswerReport]]:
    main = next(a for a in report.answers if a.turn_id == main_id)
    return main, [a for a in report.answers if a.parent_turn_id == main_id]


def assert_thread_is_consistent(catalog: Catalog, interview: Interview, report: InterviewReport,
                                main_id: int) -> None:
    """The rules every thread obeys: no tip contradicts what the thread showed."""
    main, follow_ups = thread_entries(report, main_id)
    language = report.language
    tips = dict(zip(main.tip_ids, main.tips, strict=True))
    assert len(main.tip_ids) == len(main.tips) <= 3
    assert set(main.tip_ids) <= set(catalog.interview.tips), main.tip_ids
    for follow_up in follow_ups:  # judged with its thread, never on its own
        assert follow_up.tips == () and follow_up.tip_ids == ()
    turns = [t for t in interview.turns if t.turn_id == main_id or t.parent_turn_id == main_id]
    thread_tokens = [tok for t in turns for tok in folded_tokens(t.result.words)]
    # Points: the report's lists split the question's points, and a suggested point was missed.
    assert set(main.points_covered) | set(main.points_missed) == set(main.strong_answer)
    assert not set(main.points_covered) & set(main.points_missed)
    for key in ("missed_point", "off_topic"):
        if key in tips:
            assert any(point in tips[key] for point in main.points_missed), tips[key]
    # Job terms: a suggested term was used by no answer of the thread, in any inflection.
    if "job_terms" in tips:
        suggested = [t for t in interview.occupation.terms[language] if t in tips["job_terms"]]
        assert suggested and not terms_used(thread_tokens, suggested, language), tips["job_terms"]
    assert not set(main.terms_missed) & {t for a in (main, *follow_ups) for t in a.terms_used}
    # STAR tips only about what the thread did not show.
    if "no_example" in tips:
        assert not main.gave_example
    if "no_result" in tips:
        assert not main.stated_result
    we_words = set(catalog.languages[language].norms.cues.get(Cue.WE, ()))
    if "we_instead_of_i" in tips:
        assert we_words & set(thread_tokens), "the 'ich statt wir' tip needs a 'wir'"
    if main.off_topic:
        assert main.points_covered == () and not STAR_TIPS & set(main.tip_ids)
        assert not main.gave_example and not main.stated_result
    # Length: "too short" counts every answer of the thread, and the figure it names is right.
    if "too_short" in tips:
        words = sum(a.figures.word_count for a in (main, *follow_ups) if a.figures)
        assert words < catalog.languages[language].norms.short_answer_words
        assert main.phase not in {p.value for p in catalog.interview.rules.short_answer_ok}
    # An unanswered question is "no answer", never an acoustic problem.
    if not main.answered:
        assert main.tip_ids[0] == "no_answer"
    assert not any("akustisch" in t or "didn't catch" in t for t in main.tips)


def assert_summary_is_consistent(report: InterviewReport) -> None:
    assert len(report.strengths) == len(report.strength_ids) <= 3
    assert len(report.top_tips) == len(report.top_tip_ids) <= 3
    for praise in report.strength_ids:
        clash = CONTRADICTING.get(praise, set()) & set(report.top_tip_ids)
        assert not clash, f"the summary praises {praise} and advises {clash}"
    assert len(set(report.top_tips)) == len(report.top_tips)
    if any(a.tips for a in report.answers):  # the panel shows these: never only praise
        assert report.top_tips, f"tips {[a.tip_ids for a in report.answers]}, summary only praises"


def assert_typed_figures_are_not_invented(report: InterviewReport) -> None:
    if report.recognizer != "typed":
        return
    assert report.overall.filler_count is None and report.overall.wpm is None
    for answer in report.answers:
        if answer.figures is not None:
            assert answer.figures.filler_count is None and answer.figures.speaking_time_s is None
            assert answer.fillers == ()


def check_expectations(report: InterviewReport, main_id: int, expect: Mapping[str, Any]) -> None:
    main, _ = thread_entries(report, main_id)
    ids = set(main.tip_ids)
    context = f"tips {main.tip_ids}: {main.tips}"
    if "tips" in expect:
        assert ids == set(expect["tips"]), context
    assert set(expect.get("has_tips", ())) <= ids, context
    assert not set(expect.get("no_tips", ())) & ids, context
    for part in expect.get("covered", ()):
        assert any(part in p for p in main.points_covered), \
            f"{part!r} not covered; covered: {main.points_covered}"
    for part in expect.get("missed", ()):
        assert any(part in p for p in main.points_missed), \
            f"{part!r} not missed; missed: {main.points_missed}"
    if "off_topic" in expect:
        assert main.off_topic is expect["off_topic"], context
    for text in expect.get("says", ()):
        assert any(text in t for t in main.tips), f"{text!r} not said; {context}"
    for text in expect.get("never_says", ()):
        assert not any(text in t for t in main.tips), f"{text!r} said; {context}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_set_has_enough_threads_of_every_kind(language: str) -> None:
    data = load_set(language)
    assert len(data["threads"]) >= MIN_THREADS
    answers = [a for t in data["threads"] for a in t["answers"][1:]]
    triggers = {a["follow_up"] for a in answers}
    assert {"job_term", "no_result", "no_example", "too_short"} <= triggers
    questions = {t["question"] for t in data["threads"]}
    assert {"candidate-questions", "candidate-first-day"} & questions
    assert any(t["expect"].get("off_topic") for t in data["threads"])


@pytest.mark.parametrize(("language", "case"), cases("threads"))
def test_thread(catalog: Catalog, language: str, case: dict[str, Any]) -> None:
    interview = Interview(catalog, language, case.get("occupation", "koch"),
                          case.get("spoken_wpm"), case.get("fillers", 0))
    main_id = interview.add_thread(case["question"], case["answers"])
    report = interview.report()
    check_expectations(report, main_id, case.get("expect", {}))
    assert_thread_is_consistent(catalog, interview, report, main_id)
    assert_summary_is_consistent(report)
    assert_typed_figures_are_not_invented(report)
    assert report_from_dict(json.loads(report.to_json())) == report


@pytest.mark.parametrize(("language", "case"), cases("interviews"))
def test_interview(catalog: Catalog, language: str, case: dict[str, Any]) -> None:
    interview = Interview(catalog, language, case.get("occupation", "koch"))
    mains = [interview.add_thread(t["question"], t["answers"]) for t in case["threads"]]
    report = interview.report()
    for main_id in mains:
        assert_thread_is_consistent(catalog, interview, report, main_id)
    assert_summary_is_consistent(report)
    assert_typed_figures_are_not_invented(report)
    expect = case["expect"]
    summary = f"strengths {report.strength_ids}, top tips {report.top_tip_ids}"
    if "strengths" in expect:
        assert list(report.strength_ids) == expect["strengths"], summary
    assert set(expect.get("has_strengths", ())) <= set(report.strength_ids), summary
    assert not set(expect.get("no_strengths", ())) & set(report.strength_ids), summary
    assert set(expect.get("has_top_tips", ())) <= set(report.top_tip_ids), summary
    assert not set(expect.get("no_top_tips", ())) & set(report.top_tip_ids), summary
    assert len(report.top_tips) >= expect.get("min_top_tips", 0), summary
    if expect.get("all_off_topic"):
        assert all(thread_entries(report, m)[0].off_topic for m in mains), [
            (thread_entries(report, m)[0].question_id, thread_entries(report, m)[0].tip_ids)
            for m in mains]
