"""The feedback report of one interview: frozen data, written as JSON (and HTML elsewhere).

The report is in the session's language: tips and strengths are finished sentences, each with
a stable id (the key of its text in content/interview.yaml: ``no_example``, ``off_topic`` …),
so a reader of the JSON need not parse sentences. Figures keep their definitions from
``interview_engine.analysis``; a figure that was not measured is None (typed answers have no
times and no filler count). ``eye_contact`` values are shares of answer time the visitor looked
at the interviewer's face (0..1), given by the VR app; they are None in the terminal, where
nobody measures them.

A main question and its follow-ups form a thread and are judged together: the main question's
entry carries the thread's verdicts, tips and points; a follow-up's entry has its own words and
figures but no tips of its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from interview_engine.analysis import AnswerFigures, StarCues, round_half_up

REPORT_SCHEMA_VERSION = 3
"""2: tip ids, points covered and missed, off_topic, trigger and reply per answer; strength and
top-tip ids; filler counts None for typed answers; the footer. 3: the values each tip and
strength names (``tip_values`` …) and ``help_language``, so that the printout can say every
explanation in the visitor's language too."""
READABLE_SCHEMA_VERSIONS = (2, 3)
"""Kept reports of version 2 still print (without the visitor's language)."""

TextValues = dict[str, Any]
"""The values a tip or strength fills into its text (``{"words": 12}``), JSON-native: numbers,
texts and lists of texts."""


@dataclass(frozen=True)
class AnswerReport:
    """What the report says about one question: the answer, its figures and verdicts, and tips."""

    turn_id: int
    parent_turn_id: int | None
    """The main question's turn, for follow-ups."""
    kind: str
    """"main" or "follow_up"."""
    phase: str
    question_id: str
    question: str
    """The question as asked."""
    transcript: str
    """What the recognizer heard (or what was typed); empty without an answer."""
    answered: bool
    figures: AnswerFigures | None
    """None without an answer."""
    fillers_per_min: float | None
    fillers: tuple[str, ...]
    terms_used: tuple[str, ...]
    terms_missed: tuple[str, ...]
    """Job terms the missed points name that the thread did not use (main questions only)."""
    gave_example: bool
    stated_result: bool
    star: StarCues | None
    """For behavioural questions: which STAR parts the thread showed (None on follow-ups)."""
    length: str
    """none, short, good or long (of the thread on a main question)."""
    capped: bool
    nudges: int
    tips: tuple[str, ...]
    """Up to three kind, concrete tips about what the thread did not show (none on follow-ups)."""
    strong_answer: tuple[str, ...]
    """The points a strong answer shows."""
    hint: str | None
    eye_contact: float | None = None
    """Share of this answer's time spent looking at the interviewer (0..1), from the VR app."""
    tip_ids: tuple[str, ...] = ()
    """The stable id of each tip, in the same order (``no_example``, ``job_terms`` …)."""
    points_covered: tuple[str, ...] = ()
    """Strong-answer points the thread made (main questions only)."""
    points_missed: tuple[str, ...] = ()
    """Strong-answer points the thread did not make (main questions only)."""
    off_topic: bool = False
    """The thread shared nothing with its question's points or phase."""
    trigger: str | None = None
    """What made the interviewer follow up (follow-ups only): too_short, no_example, no_result,
    job_term (a definition question) …"""
    reply: str | None = None
    """The interviewer's answer to a question the candidate asked in this turn."""
    tip_values: tuple[TextValues, ...] = ()
    """The values each tip names, in the order of ``tip_ids`` (to say it in another language)."""


@dataclass(frozen=True)
class OverallFigures:
    """The figures of the whole interview, summed or averaged over its answers."""

    questions: int
    """Questions asked, follow-ups included."""
    answered: int
    word_count: int
    filler_count: int | None
    """None when no answer was spoken (typed answers have no fillers to count)."""
    speaking_time_s: float | None
    """Sum over spoken answers."""
    wpm: float | None
    """All words / all speaking time × 60."""
    fillers_per_min: float | None
    long_pause_count: int | None
    longest_pause_s: float | None
    terms_used: tuple[str, ...]
    eye_contact: float | None = None
    """Share of the interview spent looking at the interviewer (0..1): in the VR app the time
    the visitor listened or answered aloud (typing, one looks at the keys); without the app's
    figure, the answers' shares weighted by answer time. Every view shows it as
    ``eye_contact_percent``."""


@dataclass(frozen=True)
class Targets:
    """The bands the figures are judged against (content/languages.yaml)."""

    wpm_min: float
    wpm_max: float
    fillers_per_min_max: float


@dataclass(frozen=True)
class InterviewReport:
    """The whole report of one interview: who asked what, each answer, figures, strengths, tips."""

    language: str
    occupation_id: str
    occupation_title: str
    persona_id: str
    persona_name: str
    started_at: str
    """ISO 8601 with time zone."""
    seed: int
    recognizer: str
    """vosk, pocketsphinx or typed."""
    completed: bool
    targets: Targets
    answers: tuple[AnswerReport, ...]
    overall: OverallFigures
    strengths: tuple[str, ...]
    """Up to three things that went well."""
    top_tips: tuple[str, ...]
    """The three most useful tips of the whole interview."""
    notices: tuple[str, ...] = ()
    """Shown to the visitor during the session (e.g. a recognizer fallback)."""
    strength_ids: tuple[str, ...] = ()
    """The stable id of each strength (``pace_good``, ``examples_given`` …)."""
    top_tip_ids: tuple[str, ...] = ()
    """The stable id of each top tip."""
    footer: str = ""
    """What the feedback measures and what it never does (words, timing and head direction;
    no emotions, no personality), shown under every view of the report."""
    strength_values: tuple[TextValues, ...] = ()
    """The values each strength names, in the order of ``strength_ids``."""
    top_tip_values: tuple[TextValues, ...] = ()
    """The values each top tip names, in the order of ``top_tip_ids``."""
    help_language: str = ""
    """The visitor's language where the interview ran in another one (``uk`` for a Ukrainian
    visitor interviewed in German): the printout gives every explanation in it beside the
    German (``report_html``). Empty: the report's language alone."""
    schema_version: int = field(default=REPORT_SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (nested dataclasses become dicts), as ``report_from_dict`` reads it."""
        return asdict(self)

    def to_json(self) -> str:
        """The report as indented JSON, non-ASCII kept (umlauts stay readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def without_transcripts(self) -> InterviewReport:
        """The report with every transcript and filler list removed (figures and tips stay)."""
        return replace(self, answers=tuple(replace(a, transcript="", fillers=())
                                           for a in self.answers))


def for_visitor(report: InterviewReport, visitor_language: str) -> InterviewReport:
    """``report`` for a visitor of ``visitor_language``: bilingual where that is not its own.

    The kept report carries the language, so staff print it that way.
    """
    help_language = "" if visitor_language == report.language else visitor_language
    return replace(report, help_language=help_language)


def text_values(params: Mapping[str, object]) -> TextValues:
    """A tip's or strength's values as the report keeps them: JSON-native, lists for tuples."""
    return {key: list(value) if isinstance(value, tuple | list) else value
            for key, value in params.items()}


def eye_contact_percent(share: float) -> int:
    """A share (0..1) as the whole percent every view shows, rounded half up (0.885 → 89)."""
    return int(round_half_up(share * 100, 0))


def report_from_dict(data: dict[str, Any]) -> InterviewReport:
    """Read a report written by ``to_json`` (after ``json.loads``)."""
    if data.get("schema_version") not in READABLE_SCHEMA_VERSIONS:
        raise ValueError(f"unsupported report schema_version {data.get('schema_version')!r}")
    data = {**data, "schema_version": REPORT_SCHEMA_VERSION}
    answers = tuple(
        AnswerReport(**{**a,
                        "figures": AnswerFigures(**a["figures"]) if a["figures"] else None,
                        "star": StarCues(**a["star"]) if a["star"] else None,
                        **{k: tuple(a.get(k, ())) for k in _ANSWER_LISTS}})
        for a in data["answers"])
    overall = OverallFigures(**{**data["overall"], "terms_used": tuple(data["overall"]["terms_used"])})
    return InterviewReport(**{
        **data, "targets": Targets(**data["targets"]), "answers": answers, "overall": overall,
        **{k: tuple(data.get(k, ())) for k in ("strengths", "top_tips", "notices",
                                               "strength_ids", "top_tip_ids", "strength_values",
                                               "top_tip_values")}})


_ANSWER_LISTS = ("fillers", "terms_used", "terms_missed", "tips", "strong_answer", "tip_ids",
                 "points_covered", "points_missed", "tip_values")
