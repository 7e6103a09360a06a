"""Reading an answer (question, no, yes, story) and answering the candidate's questions from content."""

from __future__ import annotations

import pytest

from catalog.placeholders import REPLY_FACTS
from catalog.questions import AnswerKind
from interview_engine.replies import fill, find_topics, occupation_facts, read_answer, topic_reply


def reading(catalog, text: str, language: str = "de"):
    script = catalog.interview
    return read_answer(text, language, script.answer_cues, script.candidate_questions.topics,
                       catalog.languages[language].norms.fillers)


def facts(catalog, occupation: str, language: str) -> dict[str, str]:
    numbers = catalog.ui[language].texts
    return occupation_facts(catalog.occupations[occupation], language,
                            catalog.interview.candidate_questions,
                            numbers["number_decimal"], numbers["number_thousands"])


@pytest.mark.parametrize(("language", "text", "kind", "topics"), [
    ("de", "Wie lange dauert die Ausbildung?", AnswerKind.QUESTION, ["training"]),
    # Spoken: no punctuation, a yes before the question word.
    ("de", "ja wann fängt die ausbildung an", AnswerKind.QUESTION, ["start"]),
    ("de", "äh ich wollte fragen was man so verdient", AnswerKind.QUESTION, ["pay"]),
    ("de", "Muss ich eigene Messer und Arbeitskleidung mitbringen?", AnswerKind.QUESTION,
     ["tools", "work_clothes"]),
    ("de", "Wie lange dauert die Ausbildung und was verdient man?", AnswerKind.QUESTION,
     ["training", "pay"]),
    # "wie lange arbeite" is the longer cue: working hours, not the training's length.
    ("de", "Wie lange arbeite ich am Tag?", AnswerKind.QUESTION, ["working_hours"]),
    ("de", "Welchen Schulabschluss brauche ich?", AnswerKind.QUESTION, ["school_certificate"]),
    ("de", "Wie groß ist das Team?", AnswerKind.QUESTION, ["team"]),
    ("de", "Gibt es bei Ihnen vegetarisches Essen?", AnswerKind.QUESTION, []),
    ("de", "Nein, danke.", AnswerKind.REFUSAL, []),
    ("de", "nein danke ich habe keine fragen", AnswerKind.REFUSAL, []),
    ("de", "Ja, natürlich.", AnswerKind.SHORT_YES, []),
    ("de", "Ich koche gern.", AnswerKind.STATEMENT, []),
    ("de", "Die Arbeitszeiten.", AnswerKind.STATEMENT, ["working_hours"]),
    ("en", "How long does the training take?", AnswerKind.QUESTION, ["training"]),
    ("en", "what would I earn", AnswerKind.QUESTION, ["pay"]),
    ("en", "Do I need my own knives?", AnswerKind.QUESTION, ["tools"]),
    ("en", "No, thank you.", AnswerKind.REFUSAL, []),
    ("en", "I don’t have any questions.", AnswerKind.REFUSAL, []),
    ("en", "Yes, of course, thank you.", AnswerKind.SHORT_YES, []),
])
def test_reading_an_answer(catalog, language, text, kind, topics):
    read = reading(catalog, text, language)
    assert read.kind == kind
    assert [t.id for t in read.topics] == topics


def test_a_long_no_or_yes_is_an_ordinary_answer(catalog):
    assert reading(catalog, "Nein, aber einmal habe ich im Praktikum für fünfzig Gäste gekocht, "
                            "und das hat mir viel Spaß gemacht.").kind == AnswerKind.STATEMENT
    assert reading(catalog, "Ja, ich habe schon oft für meine ganze Familie gekocht, auch an "
                            "Feiertagen.").kind == AnswerKind.STATEMENT


def test_a_story_is_an_example_told_at_length(catalog):
    script = catalog.interview
    text = ("Einmal im Praktikum hatten wir eine große Feier mit hundert Gästen, und ich habe den "
            "Salatposten ganz allein und pünktlich vorbereitet.")
    read = read_answer(text, "de", script.answer_cues, (), gave_example=True, story_min_words=20)
    assert read.kind == AnswerKind.STORY
    short = read_answer("Einmal im Praktikum.", "de", script.answer_cues, (), gave_example=True)
    assert short.kind == AnswerKind.STATEMENT


def test_topics_come_in_the_order_they_were_asked(catalog):
    topics = catalog.interview.candidate_questions.topics
    found = find_topics("Was verdient man, und wie lange dauert die Ausbildung?", "de", topics)
    assert [t.id for t in found] == ["pay", "training"]


def test_facts_of_the_cook_come_from_its_content_file(catalog):
    koch = catalog.occupations["koch"]
    assert koch.training.duration_months == 36  # the figures below are the file's
    de = facts(catalog, "koch", "de")
    assert de["duration"] == "3 Jahre"
    assert de["training_kind"] == "Die duale Ausbildung in Betrieb und Berufsschule"
    assert de["training_pay"] == "etwa 724 bis 1.300 Euro"
    assert de["pay"] == "etwa 2.170 bis 3.070 Euro"
    assert (de["training_pay_year"], de["pay_year"]) == ("2026", "2023")
    assert de["pay_source"] == koch.salary.after_training.source["de"]
    assert de["certificate"] == "Üblich ist der Hauptschulabschluss."
    assert de["tasks"].split("; ") == list(koch.tasks["de"][:4])
    assert de["work_settings"].split("; ") == list(koch.work_settings["de"])
    en = facts(catalog, "koch", "en")
    assert (en["duration"], en["pay"]) == ("3 years", "about €2,170 to €3,070")


def test_half_years_and_training_without_pay_are_worded_honestly(catalog):
    assert catalog.occupations["elektroniker"].training.duration_months == 42
    assert facts(catalog, "elektroniker", "de")["duration"] == "3,5 Jahre"
    assert facts(catalog, "elektroniker", "en")["duration"] == "3.5 years"
    erzieher = catalog.occupations["erzieher"].salary.training
    assert erzieher.min_eur == 0  # a full-time school pays nothing: not "0 bis 1.655 Euro"
    assert facts(catalog, "erzieher", "de")["training_pay"] == "bis zu 1.655 Euro"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_topic_is_answered_for_every_occupation(catalog, language):
    topics = catalog.interview.candidate_questions.topics
    for occupation in catalog.occupations:
        known = facts(catalog, occupation, language)
        assert set(known) == REPLY_FACTS
        for topic in topics:
            reply = topic_reply((topic,), known, language)
            assert reply and "{" not in reply and "  " not in reply, (occupation, topic.id)


def test_the_pay_reply_names_figures_year_and_source(catalog):
    pay = next(t for t in catalog.interview.candidate_questions.topics if t.id == "pay")
    reply = topic_reply((pay,), facts(catalog, "koch", "de"), "de")
    assert reply is not None
    for part in ("724 bis 1.300 Euro", "Stand 2026", "2.170 bis 3.070 Euro", "Stand 2023",
                 "Bundesagentur für Arbeit, Entgeltatlas 2023"):
        assert part in reply


def test_a_reply_answers_two_topics_at_most_and_skips_unknown_facts(catalog):
    topics = catalog.interview.candidate_questions.topics
    known = facts(catalog, "koch", "de")
    reply = topic_reply(topics[:4], known, "de")
    assert reply is not None and "3 Jahre" in reply and "Hauptschulabschluss" in reply
    assert "Euro" not in reply  # the third topic is left out
    assert topic_reply(topics[:1], {}, "de") is None
    assert fill("{duration}. {training_note}", {"duration": "3 Jahre", "training_note": ""}) == "3 Jahre."
