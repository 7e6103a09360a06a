"""Interview questions, the phases they belong to and the follow-up rules that can fire."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

LocalizedText = Mapping[str, str]
"""One text per language code."""


class Phase(StrEnum):
    """The parts of a job interview, in the order the interviewer usually takes them."""

    GREETING = "greeting"
    SELF_INTRODUCTION = "self_introduction"
    MOTIVATION = "motivation"
    STRENGTHS_WEAKNESSES = "strengths_weaknesses"
    BEHAVIOURAL = "behavioural"
    OCCUPATION_SPECIFIC = "occupation_specific"
    CANDIDATE_QUESTIONS = "candidate_questions"
    CLOSING = "closing"


class FollowUpTrigger(StrEnum):
    """What an answer showed, which a follow-up question can respond to."""

    TOO_SHORT = "too_short"
    NO_EXAMPLE = "no_example"
    NO_RESULT = "no_result"
    JOB_TERM = "job_term"
    SILENCE = "silence"


CUE_REFERENCE = "@"
"""A cue that starts with this names a list of the language's cues (``@result``: the words
that show an answer said how things turned out), so a point about a STAR part is judged exactly
as the STAR cues are."""
CUE_WILDCARD = "*"
"""At the end of a cue word: any word starting so ("entschuldig*"); at its start: any word
ending so ("*gefragt"); at both ends: any word containing it."""


@dataclass(frozen=True)
class AnswerPoint:
    """One point a strong answer makes, and the words that show an answer made it."""

    text: LocalizedText
    """The point as a noun phrase, per language ("die Bereitschaft, gleich loszulegen"); the
    report fills it into "Eine starke Antwort zeigt hier zum Beispiel: …"."""
    cues: Mapping[str, tuple[str, ...]]
    """Per language: words or phrases (lower case) of which one in an answer covers the point.
    Words match inflected and, in German, inside compounds; ``CUE_WILDCARD`` and
    ``CUE_REFERENCE`` widen a cue on purpose."""


@dataclass(frozen=True)
class InterviewQuestion:
    """A question the interviewer may ask, with what a strong answer shows."""

    id: str
    phase: Phase
    text: LocalizedText
    strong_answer: tuple[AnswerPoint, ...]
    """The points a strong answer makes, most important first."""
    hint: LocalizedText | None = None
    """A short model-answer hint, per language."""
    follow_ups: Mapping[FollowUpTrigger, LocalizedText] = field(default_factory=dict)
    """Question-specific follow-ups; they replace the shared ones for that trigger."""

    def points(self, language: str) -> tuple[str, ...]:
        """The strong answer's points in ``language`` (German where a text lacks it)."""
        return tuple(_pick(p.text, language) for p in self.strong_answer)


@dataclass(frozen=True)
class QuestionBank:
    """An occupation's interview questions and the job terms an answer may use."""

    occupation_id: str
    questions: tuple[InterviewQuestion, ...]
    terms: Mapping[str, tuple[str, ...]]
    """Per language: job-related terms an answer may use."""

    def in_phase(self, phase: Phase) -> tuple[InterviewQuestion, ...]:
        """The questions for ``phase``, in content order."""
        return tuple(q for q in self.questions if q.phase == phase)


@dataclass(frozen=True)
class QuestionPlanRules:
    """How the persona's number of main questions is spread over the phases."""

    always: tuple[Phase, ...] = (Phase.GREETING, Phase.CLOSING)
    """Phases that always get one question."""
    priority: tuple[Phase, ...] = (
        Phase.SELF_INTRODUCTION, Phase.MOTIVATION, Phase.BEHAVIOURAL, Phase.OCCUPATION_SPECIFIC,
        Phase.CANDIDATE_QUESTIONS, Phase.STRENGTHS_WEAKNESSES)
    """Then one question per phase in this order while the count allows."""
    extra: tuple[Phase, ...] = (Phase.OCCUPATION_SPECIFIC, Phase.BEHAVIOURAL, Phase.MOTIVATION)
    """Questions beyond one per phase go to these phases in turn."""


@dataclass(frozen=True)
class DialogueRules:
    """When the interviewer follows up, and how answers are judged."""

    follow_ups_per_question: int = 1
    answer_cap_s: float = 120.0
    """The interviewer politely stops an answer after this long."""
    short_answer_ok: frozenset[Phase] = frozenset(
        {Phase.GREETING, Phase.CANDIDATE_QUESTIONS, Phase.CLOSING})
    """Phases where a short answer is fine and no follow-up is asked."""
    example_expected: frozenset[Phase] = frozenset(
        {Phase.MOTIVATION, Phase.STRENGTHS_WEAKNESSES, Phase.BEHAVIOURAL})
    result_expected: frozenset[Phase] = frozenset({Phase.BEHAVIOURAL})
    """Phases where an answer should say how things turned out; STAR cues are judged here."""
    job_term_follow_up: frozenset[Phase] = frozenset(
        {Phase.SELF_INTRODUCTION, Phase.MOTIVATION, Phase.STRENGTHS_WEAKNESSES,
         Phase.BEHAVIOURAL, Phase.OCCUPATION_SPECIFIC})


class AnswerKind(StrEnum):
    """What kind of answer the interviewer heard, so that its reaction fits what was said."""

    STATEMENT = "statement"
    """An ordinary answer."""
    STORY = "story"
    """An answer that told an example or experience at some length."""
    SHORT_YES = "short_yes"
    """A plain yes ("Ja, gern.", "Yes, of course, thank you.")."""
    REFUSAL = "refusal"
    """A no, or nothing to add ("Nein, danke.", "Keine Fragen.")."""
    QUESTION = "question"
    """The candidate asked something."""


@dataclass(frozen=True)
class AnswerCues:
    """Words and phrases per language (lower case, as spoken) that show what kind of answer came."""

    question_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Anywhere in the answer: the candidate asks something ("ich wollte fragen", "wie lange")."""
    question_starts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """At the start of a sentence: words that open a question ("wann", "gibt es")."""
    lead_ins: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Words skipped before a question start ("also", "und")."""
    refusal: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """At the start of a short answer: a no, or nothing to add."""
    yes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """At the start of a short answer: a yes."""


@dataclass(frozen=True)
class QuestionTopic:
    """Something candidates ask about, the words that show it, and what the interviewer answers."""

    id: str
    cues: Mapping[str, tuple[str, ...]]
    """Per language: words and phrases that show the topic (matched like job terms)."""
    answer: LocalizedText
    """The interviewer's answer; {placeholders} (``catalog.placeholders.REPLY_FACTS``) are
    filled in from the occupation."""


@dataclass(frozen=True)
class CandidateQuestions:
    """How the interviewer answers the candidate's own questions (content/interview.yaml)."""

    topics: tuple[QuestionTopic, ...] = ()
    """In content order; where cues of two topics overlap in an answer, the longer cue wins."""
    wording: Mapping[str, LocalizedText] = field(default_factory=dict)
    """How facts are worded inside answers: training kinds, durations, certificates, pay."""


@dataclass(frozen=True)
class InterviewScript:
    """What every interview shares (content/interview.yaml).

    The phase order, follow-up texts, fixed phrases and the texts of the feedback report.
    """

    phases: tuple[Phase, ...]
    follow_ups: Mapping[FollowUpTrigger, Mapping[str, tuple[str, ...]]]
    """Per trigger and language: the follow-up texts to choose from ({term} is filled in)."""
    phrases: Mapping[str, LocalizedText]
    """Fixed phrases by name: move_on, answer_cap, goodbye, not_understood, …"""
    acknowledgements: Mapping[AnswerKind, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Per kind of answer and language: short reactions said before the next question (none
    for a kind that is missing)."""
    answer_cues: AnswerCues = field(default_factory=AnswerCues)
    candidate_questions: CandidateQuestions = field(default_factory=CandidateQuestions)
    question_plan: QuestionPlanRules = field(default_factory=QuestionPlanRules)
    rules: DialogueRules = field(default_factory=DialogueRules)
    tips: Mapping[str, LocalizedText] = field(default_factory=dict)
    """Report tips by situation (too_short, pace_fast, …), with {placeholders}."""
    summary_tips: Mapping[str, LocalizedText] = field(default_factory=dict)
    """The summary's versions of tips whose answer text speaks of one answer."""
    praise: Mapping[str, LocalizedText] = field(default_factory=dict)
    """Strengths named in the report's summary, by situation."""
    notices: Mapping[str, LocalizedText] = field(default_factory=dict)
    """Notices shown to the visitor (recognizer fallbacks)."""
    report_labels: Mapping[str, LocalizedText] = field(default_factory=dict)
    """Labels of the printed report."""


def _pick(texts: LocalizedText, language: str) -> str:
    return texts.get(language) or texts.get("de") or next(iter(texts.values()), "")
