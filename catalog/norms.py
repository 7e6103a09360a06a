"""Per-language targets an answer is measured against (from content/languages.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Cue(StrEnum):
    """Kinds of words and phrases that show what an answer contains."""

    EXAMPLE = "example"
    SITUATION = "situation"
    TASK = "task"
    ACTION = "action"
    RESULT = "result"
    REPEAT = "repeat"
    """The candidate asks to hear the question again."""
    WE = "we"
    """The candidate speaks of "we" (what the group did), which can hide their own part."""
    NOTHING = "nothing"
    """The candidate has nothing to tell ("Da fällt mir leider nichts ein")."""


STAR_CUES = (Cue.SITUATION, Cue.TASK, Cue.ACTION, Cue.RESULT)


@dataclass(frozen=True)
class SpeechNorms:
    """One language's targets for an answer: pace in words per minute, fillers, answer length."""

    language: str
    fillers: frozenset[str]
    """Tokens counted as filler words, lower case."""
    wpm_min: float
    wpm_max: float
    fillers_per_min_max: float
    short_answer_words: int = 20
    """Fewer words than this (fillers not counted) make a short answer."""
    long_answer_s: float = 90.0
    """Speaking longer than this makes a long answer."""
    cues: Mapping[Cue, tuple[str, ...]] = field(default_factory=dict)
    """Lower-case words and phrases per kind of cue."""
    common_words: frozenset[str] = frozenset()
    """Lower-case words that say nothing about a question's topic ("erzählen", "Situation");
    a question's other words show whether an answer is about it."""
