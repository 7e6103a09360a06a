"""Per-language targets an answer is measured against (from content/languages.yaml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeechNorms:
    language: str
    fillers: frozenset[str]
    """Tokens counted as filler words, lower case."""
    wpm_min: float
    wpm_max: float
    fillers_per_min_max: float
