"""The typed interviews of the review in issue 14, replayed through the real dialogue and the real
report: none of the contradictions the review found may come back.

The review ran ``vr-station interview --occupation koch --lang de --input typed`` as a new user
would. Here a scripted visitor types the same kinds of answers into the real dialogue (every
rule that fires asks its follow-up), and the report is built as the session builds it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from catalog.model import Catalog
from catalog.questions import FollowUpTrigger, InterviewScript
from interview_engine.dialogue import (
    AnswerCompleted,
    Begin,
    CandidateSpeechStarted,
    End,
    Listen,
    Say,
    SpeechFinished,
    TurnKind,
    UtteranceKind,
    new_dialogue,
)
from interview_engine.feedback import build_report
from interview_engine.preparation import prepare_interview
from interview_engine.report import AnswerReport, InterviewReport
from speech.transcript import from_text

Visitor = Callable[[str, FollowUpTrigger | None], str]
"""What the visitor types, given the question's id and the follow-up being asked (None: the
main question)."""

QUESTIONS = ("greeting-arrival", "strengths-stress", "behaviour-teamwork", "job-hygiene",
             "job-leftovers", "candidate-first-day", "closing-anything-else")

REVIEW_ANSWERS = {
    "greeting-arrival": "Ja, danke, ich habe gut hergefunden.",
    "strengths-stress": "Bei meinem Nebenjob im Imbiss war einmal an einem Samstag die Hölle los. "
                        "Ich habe mir eine Liste gemacht, bin ruhig geblieben und habe eins nach "
                        "dem anderen abgearbeitet.",
    "behaviour-teamwork": "Im Praktikum hatten wir eine Hochzeit mit achtzig Gästen, und meine "
                          "Aufgabe war die Vorspeise. Ich habe mit dem Koch abgesprochen, wer "
                          "welche Teller anrichtet, und habe die Soßen vorbereitet.",
    "job-hygiene": "Hygiene ist wichtig, damit die Gäste nicht krank werden. Ich wasche mir oft "
                   "die Hände, halte meinen Arbeitsplatz sauber und halte mich an HACCP.",
    "job-leftovers": "Man kann Reste sinnvoll verwerten, zum Beispiel macht man aus "
                     "Gemüseabschnitten einen Fond, und man sollte die Mengen gut planen.",
    "candidate-first-day": "Was muss ich am ersten Tag mitbringen? Brauche ich eigene "
                           "Arbeitskleidung und Messer?",
    "closing-anything-else": "Vielen Dank für das Gespräch, ich würde mich über einen Probetag "
                             "sehr freuen.",
}
FOLLOW_UP_ANSWERS = {
    FollowUpTrigger.NO_RESULT: "Am Ende gingen alle Teller pünktlich raus.",
    FollowUpTrigger.NO_EXAMPLE: "Im Praktikum habe ich das jeden Tag so gemacht.",
    FollowUpTrigger.TOO_SHORT: "Ich habe im Praktikum gemerkt, dass mir das liegt.",
}
JOB_TERM_ANSWERS = {
    "HACCP": "HACCP ist ein Konzept, bei dem man kritische Punkte wie die Temperatur im Kühlraum "
             "regelmäßig kontrolliert und dokumentiert, damit die Kühlkette nicht unterbrochen wird.",
    "Fond": "Ein Fond ist eine kräftige Brühe aus Knochen und Gemüse, die man als Grundlage für "
            "Soßen nimmt.",
}
OFF_TOPIC = ("Gestern war ich mit meinem Bruder im Kino, der Film war richtig spannend, und am "
             "Ende haben wir noch lange darüber geredet.")


def asked_trigger(script: InterviewScript, language: str, text: str) -> tuple[FollowUpTrigger, str]:
    """Which follow-up a text is, and the job term it names (content has the texts)."""
    for trigger, texts in script.follow_ups.items():
        for template in texts.get(language, ()):
            pattern = re.escape(template).replace(re.escape("{term}"), "(?P<term>.+)")
            match = re.fullmatch(pattern, text)
            if match:
                return trigger, match.groupdict().get("term") or ""
    raise AssertionError(f"not a follow-up of content/interview.yaml: {text!r}")


def interview(catalog: Catalog, visitor: Visitor, questions: tuple[str, ...] = QUESTIONS,
              ) -> InterviewReport:
    """A typed interview through the real dialogue, every rule's follow-up asked."""
    setup = prepare_interview(catalog, "koch", "de", seed=3, recognizer="typed", typed=True)
    bank = {q.id: q for q in catalog.occupations["koch"].questions.questions}
    persona = dataclasses.replace(setup.dialogue.persona, follow_up_intensity=1.0)
    dialogue = new_dialogue(dataclasses.replace(
        setup.dialogue, questions=tuple(bank[q] for q in questions), persona=persona), seed=3)
    now = 0.0
    pending = dialogue.handle(Begin(now))
    asked: Say | None = None
    for _ in range(500):
        if not pending:
            raise AssertionError("the dialogue stopped without an End")
        action = pending.pop(0)
        now += 1.0
        if isinstance(action, End):
            assert action.completed
            return build_report(action.turns, setup.context, setup.dialogue.script,
                                setup.dialogue.norms)
        if isinstance(action, Say):
            if action.kind in (UtteranceKind.QUESTION, UtteranceKind.FOLLOW_UP):
                asked = action
            pending += dialogue.handle(SpeechFinished(now, action.utterance_id))
        elif isinstance(action, Listen) and action.active:
            assert asked is not None
            question_id = next(q for q in questions if bank[q].text["de"] == asked.text) \
                if asked.kind == UtteranceKind.QUESTION else None
            prompts = {setup.dialogue.script.phrases[name]["de"]
                       for name in ("invite_question", "another_question")}
            if question_id is None and asked.text in prompts:
                text = "Nein, danke, das war alles."  # no (further) question of the candidate's
            elif question_id is None:
                trigger, term = asked_trigger(setup.dialogue.script, "de", asked.text)
                text = visitor(term, trigger)
            else:
                text = visitor(question_id, None)
            pending += dialogue.handle(CandidateSpeechStarted(now, action.listen_id))
            pending += dialogue.handle(AnswerCompleted(now + 5.0, action.listen_id, from_text(text)))
    raise AssertionError("the interview did not end within 500 actions")


def review_visitor(key: str, trigger: FollowUpTrigger | None) -> str:
    if trigger is None:
        return REVIEW_ANSWERS[key]
    if trigger == FollowUpTrigger.JOB_TERM:
        return JOB_TERM_ANSWERS.get(key, "Das kenne ich aus meinem Praktikum in einer Kantine.")
    return FOLLOW_UP_ANSWERS[trigger]


def entry(report: InterviewReport, question_id: str) -> tuple[AnswerReport, list[AnswerReport]]:
    main = next(a for a in report.answers if a.question_id == question_id and a.kind == "main")
    return main, [a for a in report.answers if a.parent_turn_id == main.turn_id]


@pytest.fixture(scope="module")
def review(catalog: Catalog) -> InterviewReport:
    return interview(catalog, review_visitor)


def test_questions_about_workwear_and_knives_are_not_told_to_ask_about_them(review):
    main, _ = entry(review, "candidate-first-day")
    assert any("praktische Frage" in p for p in main.points_covered)
    assert not any("Arbeitskleidung" in t or "Messer" in t for t in main.tips), main.tips


def test_a_story_from_a_job_is_not_told_to_give_an_example_from_a_job(review):
    main, _ = entry(review, "strengths-stress")
    assert "no_example" not in main.tip_ids
    assert not any("aus Schule, Job oder Praktikum" in t for t in main.tips), main.tips


def test_haccp_explained_in_the_follow_up_is_never_suggested(review):
    main, follow_ups = entry(review, "job-hygiene")
    assert follow_ups and follow_ups[0].trigger == "job_term"
    assert "HACCP" in follow_ups[0].question
    suggested = " ".join(main.tips) + " ".join(main.terms_missed)
    for term in ("HACCP", "Hygiene", "Kühlkette"):
        assert term not in suggested, main.tips
    assert "job_terms" not in main.tip_ids


def test_the_answer_to_how_it_turned_out_gets_no_example_or_we_tip(review):
    main, follow_ups = entry(review, "behaviour-teamwork")
    assert [f.trigger for f in follow_ups] == ["no_result"]
    assert follow_ups[0].tips == ()
    assert not {"no_example", "no_result", "we_instead_of_i", "no_action"} & set(main.tip_ids)
    assert main.stated_result and "das Ergebnis" in main.points_covered


def test_the_summary_never_praises_and_advises_the_same_thing(review):
    pairs = [("results_stated", "no_result"), ("examples_given", "no_example")]
    for praise, tip in pairs:
        assert not (praise in review.strength_ids and tip in review.top_tip_ids), \
            (review.strengths, review.top_tips)


def test_a_short_definition_of_fond_is_not_too_short(review):
    main, follow_ups = entry(review, "job-leftovers")
    assert follow_ups and follow_ups[0].trigger == "job_term" and "Fond" in follow_ups[0].question
    assert follow_ups[0].figures is not None and follow_ups[0].figures.word_count < 20
    assert follow_ups[0].length == "good" and follow_ups[0].tips == ()
    assert not {"too_short", "no_example"} & set(main.tip_ids), main.tips
    assert not any("Schule, Praktikum oder Job" in t for t in main.tips)


def test_typed_answers_show_no_filler_count(review):
    assert review.recognizer == "typed"
    assert review.overall.filler_count is None and review.overall.wpm is None
    assert all(a.figures is None or a.figures.filler_count is None for a in review.answers)


def test_the_same_off_topic_answer_to_every_question_is_caught_each_time(catalog):
    report = interview(catalog, lambda key, trigger: OFF_TOPIC)
    mains = [a for a in report.answers if a.kind == "main"]
    assert len(mains) == len(QUESTIONS)
    for main in mains:
        assert main.off_topic and main.tip_ids[0] == "off_topic", (main.question_id, main.tips)
        assert not main.gave_example and not main.stated_result
        assert main.points_covered == ()
    assert "off_topic" in report.top_tip_ids
    assert not {"examples_given", "results_stated", "all_answered"} & set(report.strength_ids)


def test_an_empty_typed_answer_is_no_answer_not_an_acoustic_problem(catalog):
    report = interview(catalog, lambda key, trigger: "", questions=("job-hygiene",))
    (main,) = [a for a in report.answers if a.kind == "main"]
    assert not main.answered and main.tip_ids[0] == "no_answer"
    assert not any("akustisch" in t for t in main.tips + report.top_tips)


def test_follow_ups_keep_their_kind_in_the_report(review):
    kinds = {(a.kind, a.trigger) for a in review.answers}
    assert ("main", None) in kinds
    assert all(a.parent_turn_id is not None for a in review.answers if a.kind == TurnKind.FOLLOW_UP)
