"""Which main questions an interview asks, in which order: deterministic for a seed.

The persona sets how many main questions there are; content/interview.yaml's
``question_plan`` spreads them over the phases (always / priority / extra). Within a phase,
questions are drawn at random from the occupation's bank with the session's seeded RNG, and
asked in the phase order of the script.
"""

from __future__ import annotations

import random
from collections import Counter

from catalog.questions import InterviewQuestion, InterviewScript, Phase, QuestionBank


class PlanningError(ValueError):
    """The bank cannot fill an interview (e.g. no question in a phase the plan needs)."""


def phase_counts(script: InterviewScript, bank: QuestionBank, question_count: int) -> Counter[Phase]:
    """How many main questions each phase gets for ``question_count`` questions in total."""
    available = Counter(q.phase for q in bank.questions)
    plan = script.question_plan
    counts: Counter[Phase] = Counter()
    order = [*plan.always, *plan.priority]
    for phase in order:
        if sum(counts.values()) >= question_count:
            break
        if counts[phase] == 0 and available[phase] > 0 and phase in script.phases:
            counts[phase] = 1
    extras = [p for p in plan.extra if p in script.phases]
    while sum(counts.values()) < question_count and extras:
        placed = False
        for phase in extras:
            if sum(counts.values()) >= question_count:
                break
            if counts[phase] < available[phase]:
                counts[phase] += 1
                placed = True
        if not placed:
            break  # the bank has no more questions in the extra phases
    return counts


def plan_questions(script: InterviewScript, bank: QuestionBank, question_count: int,
                   rng: random.Random) -> tuple[InterviewQuestion, ...]:
    """The main questions of one interview, in phase order."""
    if question_count < 1:
        raise PlanningError("an interview needs at least one question")
    counts = phase_counts(script, bank, question_count)
    if not counts:
        raise PlanningError(f"occupation '{bank.occupation_id}' has no interview questions "
                            "in the phases of content/interview.yaml")
    chosen: list[InterviewQuestion] = []
    for phase in script.phases:
        pool = list(bank.in_phase(phase))
        if counts[phase]:
            picked = rng.sample(pool, counts[phase])
            # Keep the bank's order within a phase: content lists questions in a sensible order.
            chosen.extend(q for q in pool if q in picked)
    return tuple(chosen)
