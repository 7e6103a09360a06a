"""The candidate's own questions: recognised, answered from the occupation's content, recorded.

The interviewer's state machine with the shipped content (koch), driven by hand.
"""

from __future__ import annotations

import dataclasses

import pytest

from catalog.questions import AnswerKind, Phase
from interview_engine.dialogue import (
    Begin,
    DialogueSetup,
    DialogueState,
    Say,
    TurnKind,
    UtteranceKind,
    new_dialogue,
)
from interview_engine.preparation import prepare_interview
from tests.interview_engine.driver import Driver


def questions_setup(catalog, language: str = "de") -> DialogueSetup:
    """Koch's interview, cut to: greeting, the questions phase, closing."""
    setup = prepare_interview(catalog, "koch", language, persona_id="friendly", typed=True).dialogue
    bank = catalog.occupations["koch"].questions
    picked = (bank.in_phase(Phase.GREETING)[0], bank.in_phase(Phase.CANDIDATE_QUESTIONS)[0],
              bank.in_phase(Phase.CLOSING)[0])
    return dataclasses.replace(setup, questions=picked)


def at_questions_phase(setup: DialogueSetup) -> Driver:
    d = Driver(new_dialogue(setup, 5))
    d.send(Begin(0.0))
    d.finish_speaking()
    d.answer("Ja, danke, gut.")
    d.finish_speaking()
    assert d.said[-1].text == setup.questions[1].text[setup.language]
    return d


def says(actions) -> list[Say]:
    return [a for a in actions if isinstance(a, Say)]


def phrase(setup: DialogueSetup, name: str) -> str:
    return setup.script.phrases[name][setup.language]


def test_a_question_about_the_training_is_answered_with_the_real_length(catalog):
    setup = questions_setup(catalog)
    assert catalog.occupations["koch"].training.duration_months == 36
    d = at_questions_phase(setup)
    reply, another = says(d.answer("Wie lange dauert die Ausbildung?"))
    assert reply.kind == UtteranceKind.REPLY
    assert reply.text.startswith("Die duale Ausbildung in Betrieb und Berufsschule dauert in der "
                                 "Regel 3 Jahre.")
    assert "Verkürzung" in reply.text  # the training note from koch.yaml
    assert "gute Frage" not in reply.text and "nach dem Gespräch" not in reply.text
    assert (another.kind, another.text) == (UtteranceKind.FOLLOW_UP, phrase(setup, "another_question"))
    record = d.dialogue.turns[-1]
    assert record.reply == reply.text and record.answer_kind == AnswerKind.QUESTION
    assert record.question.phase == Phase.CANDIDATE_QUESTIONS and record.kind == TurnKind.MAIN


def test_no_questions_gets_a_fitting_acknowledgement_not_a_good_question(catalog):
    setup = questions_setup(catalog)
    d = at_questions_phase(setup)
    ack, closing = says(d.answer("Nein, danke."))
    assert ack.kind == UtteranceKind.ACKNOWLEDGEMENT
    assert ack.text in setup.script.acknowledgements[AnswerKind.REFUSAL]["de"]
    assert closing.text == setup.questions[2].text["de"]
    assert all("gute Frage" not in s.text for s in d.said)
    assert d.dialogue.turns[-1].reply is None


def test_a_yes_is_invited_to_ask_and_then_answered(catalog):
    setup = questions_setup(catalog, "en")
    d = at_questions_phase(setup)
    [invite] = says(d.answer("Yes, of course, thank you."))
    assert (invite.kind, invite.text) == (UtteranceKind.FOLLOW_UP, phrase(setup, "invite_question"))
    assert "good question" not in invite.text
    d.finish_speaking()
    reply = says(d.answer("What would I earn?"))[0]
    assert "€724 to €1,300" in reply.text and "€2,170 to €3,070" in reply.text
    assert "as of 2026" in reply.text and "Entgeltatlas 2023" in reply.text
    follow_up = d.dialogue.turns[-1]
    assert follow_up.kind == TurnKind.FOLLOW_UP and follow_up.trigger is None
    assert follow_up.asked_text == invite.text and follow_up.reply == reply.text


def test_what_only_a_company_knows_is_said_honestly(catalog):
    setup = questions_setup(catalog)
    d = at_questions_phase(setup)
    reply = says(d.answer("Wie groß ist das Team, in dem ich arbeiten würde?"))[0]
    assert "nur der Betrieb selbst" in reply.text
    d.finish_speaking()
    reply = says(d.answer("Gibt es bei Ihnen vegetarisches Essen?"))[0]
    assert reply.text == phrase(setup, "candidate_question_reply")
    assert "nach dem Gespräch" not in reply.text


def test_knives_and_work_clothes_get_both_answers(catalog):
    setup = questions_setup(catalog)
    d = at_questions_phase(setup)
    reply = says(d.answer("Muss ich eigene Messer und Arbeitskleidung mitbringen?"))[0]
    assert "Kochmesser und Schneidebretter" in reply.text  # tools from koch.yaml
    assert "Arbeitskleidung" in reply.text and "sagt Ihnen der Betrieb" in reply.text


def test_the_questions_phase_ends_after_three_questions(catalog):
    setup = questions_setup(catalog)
    d = at_questions_phase(setup)
    for question in ("Wie lange dauert die Ausbildung?", "Was verdient man?"):
        assert says(d.answer(question))[-1].text == phrase(setup, "another_question")
        d.finish_speaking()
    reply, closing = says(d.answer("Welchen Schulabschluss brauche ich?"))
    assert reply.kind == UtteranceKind.REPLY and "Hauptschulabschluss" in reply.text
    assert closing.text == setup.questions[2].text["de"]  # no fourth "another question?"
    replies = [t.reply for t in d.dialogue.turns if t.question.phase == Phase.CANDIDATE_QUESTIONS]
    assert len(replies) == 3 and all(replies)


def test_a_question_in_another_phase_is_answered_too_and_the_interview_goes_on(catalog):
    setup = questions_setup(catalog)
    d = Driver(new_dialogue(setup, 5))
    d.send(Begin(0.0))
    d.finish_speaking()
    reply, nxt = says(d.answer("Gut, danke. Wie lange dauert eigentlich die Ausbildung?"))
    assert reply.kind == UtteranceKind.REPLY and "3 Jahre" in reply.text
    assert nxt.kind == UtteranceKind.QUESTION and nxt.text == setup.questions[1].text["de"]
    assert d.dialogue.turns[-1].reply == reply.text


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_interviewer_never_promises_to_answer_later(catalog, language):
    for name, texts in catalog.interview.phrases.items():
        text = texts[language].lower()
        assert "nach dem gespräch" not in text and "after our conversation" not in text, name


def test_a_whole_questions_phase_ends_in_the_goodbye(catalog):
    setup = questions_setup(catalog)
    d = at_questions_phase(setup)
    d.answer("Wie lange dauert die Ausbildung?")
    d.finish_speaking()
    d.answer("Nein, danke, das war alles.")
    d.finish_speaking()
    d.answer("Nein, vielen Dank.")
    assert d.said[-1].kind == UtteranceKind.GOODBYE and d.dialogue.state == DialogueState.CLOSING


def test_asking_when_the_trial_day_would_be_gets_an_honest_answer_before_the_goodbye(catalog):
    setup = questions_setup(catalog)
    trial_day = next(q for q in catalog.occupations["koch"].questions.questions
                     if q.id == "closing-trial-day")
    d = Driver(new_dialogue(dataclasses.replace(setup, questions=(trial_day,)), 5))
    d.send(Begin(0.0))
    d.finish_speaking()
    reply, goodbye = says(d.answer("Ja, sehr gern. Wann wäre das denn?"))
    assert reply.kind == UtteranceKind.REPLY and "legt jeder Betrieb selbst fest" in reply.text
    assert goodbye.kind == UtteranceKind.GOODBYE
