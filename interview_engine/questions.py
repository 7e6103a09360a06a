"""Interview questions, the phases they belong to and the follow-up rules that can fire."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

LocalizedText = Mapping[str, str]
"""One text per language code."""


class Phase(StrEnum):
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


@dataclass(frozen=True)
class InterviewQuestion:
    id: str
    phase: Phase
    text: LocalizedText
    strong_answer: Mapping[str, tuple[str, ...]]
    """Per language: the points a strong answer shows."""
    hint: LocalizedText | None = None
    """A short model-answer hint, per language."""
    follow_ups: Mapping[FollowUpTrigger, LocalizedText] = field(default_factory=dict)
    """Question-specific follow-ups; they replace the shared ones for that trigger."""


@dataclass(frozen=True)
class QuestionBank:
    occupation_id: str
    questions: tuple[InterviewQuestion, ...]
    terms: Mapping[str, tuple[str, ...]]
    """Per language: job-related terms an answer may use."""

    def in_phase(self, phase: Phase) -> tuple[InterviewQuestion, ...]:
        return tuple(q for q in self.questions if q.phase == phase)


@dataclass(frozen=True)
class InterviewScript:
    """What every interview shares: the phase order, follow-up texts and fixed phrases."""

    phases: tuple[Phase, ...]
    follow_ups: Mapping[FollowUpTrigger, Mapping[str, tuple[str, ...]]]
    """Per trigger and language: the follow-up texts to choose from ({term} is filled in)."""
    phrases: Mapping[str, LocalizedText]
    """Fixed phrases by name: move_on, answer_cap, goodbye, …"""
