"""Interviewer personas: how fast they speak, how patient they are, how often they follow up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    """An interviewer the visitor can choose, and how they conduct the interview."""

    id: str
    names: Mapping[str, str]
    description: Mapping[str, str]
    speech_rate_wpm: float
    patience_s: float
    """Silence before the interviewer nudges."""
    follow_up_intensity: float
    """Chance (0..1) that a follow-up rule that fires leads to a follow-up question."""
    question_count: int
    """Main questions per interview, follow-ups not counted."""
    look: str
    """Which interviewer avatar to show."""
