"""Interviewer personas: how fast they speak, how patient they are, how often they follow up.

Also what the visitor's "Mehr Zeit zum Nachdenken" adds to every interviewer's patience
(``MoreTimeToThink``): many visitors answer in a second language and pause to find words.
"""

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
    answer_silence_extra_s: float = 0.0
    """Added to the station's calibrated end-of-answer silence (the profile's
    ``end_of_speech_silence_s``): a pause this much longer is still part of the answer."""


@dataclass(frozen=True)
class MoreTimeToThink:
    """What the visitor's "Mehr Zeit zum Nachdenken" adds, with any interviewer."""

    answer_silence_extra_s: float = 2.5
    """Added to the end-of-answer silence (the calibrated 1.5 s becomes 4 s)."""
    patience_extra_s: float = 5.0
    """Added to the persona's patience: the silence before the first word that brings a nudge."""
