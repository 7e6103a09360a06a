"""Which questions an interview asks: by persona count, spread over phases, fixed by seed."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from catalog.questions import Phase, QuestionBank
from interview_engine.planning import PlanningError, phase_counts, plan_questions


@pytest.mark.parametrize("persona", ["friendly", "neutral", "demanding"])
def test_each_persona_gets_its_number_of_questions_in_phase_order(catalog, persona):
    bank = catalog.occupations["koch"].questions
    count = catalog.personas[persona].question_count
    questions = plan_questions(catalog.interview, bank, count, random.Random(1))
    assert len(questions) == count
    phases = [q.phase for q in questions]
    order = list(catalog.interview.phases)
    assert phases == sorted(phases, key=order.index)
    assert phases[0] == Phase.GREETING and phases[-1] == Phase.CLOSING
    assert len({q.id for q in questions}) == count


def test_seven_questions_cover_the_priority_phases(catalog):
    counts = phase_counts(catalog.interview, catalog.occupations["koch"].questions, 7)
    assert counts == Counter({Phase.GREETING: 1, Phase.CLOSING: 1, Phase.SELF_INTRODUCTION: 1,
                              Phase.MOTIVATION: 1, Phase.BEHAVIOURAL: 1,
                              Phase.OCCUPATION_SPECIFIC: 1, Phase.CANDIDATE_QUESTIONS: 1})


def test_extra_questions_go_to_the_extra_phases(catalog):
    counts = phase_counts(catalog.interview, catalog.occupations["koch"].questions, 11)
    assert counts[Phase.OCCUPATION_SPECIFIC] == 2 and counts[Phase.BEHAVIOURAL] == 2
    assert counts[Phase.MOTIVATION] == 2 and sum(counts.values()) == 11


def test_seed_decides_the_questions(catalog):
    bank = catalog.occupations["koch"].questions
    first = plan_questions(catalog.interview, bank, 9, random.Random("plan:1"))
    assert first == plan_questions(catalog.interview, bank, 9, random.Random("plan:1"))
    variants = {tuple(q.id for q in plan_questions(catalog.interview, bank, 9, random.Random(s)))
                for s in range(10)}
    assert len(variants) > 1


def test_more_questions_than_the_bank_holds_asks_what_there_is(catalog):
    bank = catalog.occupations["koch"].questions
    questions = plan_questions(catalog.interview, bank, 30, random.Random(0))
    assert 8 < len(questions) <= 30


def test_an_empty_bank_is_refused(catalog):
    with pytest.raises(PlanningError, match="no interview questions"):
        plan_questions(catalog.interview, QuestionBank("leer", (), {}), 5, random.Random(0))


def test_a_short_interview_keeps_greeting_and_closing(catalog):
    from interview_engine.preparation import prepare_interview

    setup = prepare_interview(catalog, "koch", "de", persona_id="friendly", seed=1, max_questions=3)
    assert [q.phase.value for q in setup.dialogue.questions] == [
        "greeting", "self_introduction", "closing"]
    full = prepare_interview(catalog, "koch", "de", persona_id="friendly", seed=1, max_questions=99)
    assert len(full.dialogue.questions) == catalog.personas["friendly"].question_count
