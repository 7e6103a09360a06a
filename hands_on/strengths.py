""""Das lag Ihnen": what the visitor's go at a hands-on task showed, in kind words, never a grade.

Each strength is one observation the visitor can recognise in what they just did; the texts
live in the interface texts (``strength_<value>``).
"""

from __future__ import annotations

from enum import StrEnum

from hands_on.rules import TaskOutcome

QUICK_SHARE = 0.5
"""Done in under half the time the task allows."""


class Strength(StrEnum):
    """Something the visitor showed (ui text key ``strength_<value>``)."""

    CAREFUL = "careful"
    """Done without a single "not yet": sorgfältig."""
    QUICK = "quick"
    """Done in under half the time: schnell."""
    USED_HINTS = "used_hints"
    """Took up the hints: hat Hinweise genutzt."""
    PERSEVERING = "persevering"
    """Kept at it after a "not yet" and finished: drangeblieben."""
    GAVE_IT_A_GO = "gave_it_a_go"
    """Tried something new, even where the time ran out: hat es ausprobiert."""


def strengths(outcome: TaskOutcome) -> tuple[Strength, ...]:
    """The strengths ``outcome`` shows, at least one, in a fixed order."""
    found: list[Strength] = []
    if outcome.completed and outcome.mistakes == 0:
        found.append(Strength.CAREFUL)
    if outcome.completed and outcome.duration_s < QUICK_SHARE * outcome.time_limit_s:
        found.append(Strength.QUICK)
    if outcome.completed and outcome.mistakes > 0:
        found.append(Strength.PERSEVERING)
    if outcome.hints_used > 0:
        found.append(Strength.USED_HINTS)
    if not outcome.completed:
        found.append(Strength.GAVE_IT_A_GO)
    return tuple(found)
