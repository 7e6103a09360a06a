"""Job terms are found whatever the case, inflection or compound; short terms stay exact."""

from __future__ import annotations

import pytest

from interview_engine.terms import notable_terms, terms_used, word_matches
from speech.transcript import fold, tokens


def answer(text: str) -> list[str]:
    return [fold(t) for t in tokens(text)]


@pytest.mark.parametrize(("text", "term", "language", "used"), [
    ("Ich kenne viele Garmethoden", "Garmethode", "de", True),
    ("Die Küchenhygiene ist wichtig", "Hygiene", "de", True),
    ("Hygieneregeln beachte ich", "Hygiene", "de", True),
    ("die kuehlkette", "Kühlkette", "de", True),
    ("Das passt gut", "Pass", "de", False),
    ("am Pass", "Pass", "de", True),
    ("ein guter Fonds", "Fond", "de", True),
    ("Mise en place ist alles", "Mise en place", "de", True),
    ("mise en", "Mise en place", "de", False),
    ("we check allergens", "allergen", "en", True),
    ("I portioned the food", "portion", "en", True),
    ("the cold chain matters", "cold chain", "en", True),
    ("the chain was cold", "cold chain", "en", False),
    ("haccp", "HACCP", "en", True),
])
def test_term_matching(text, term, language, used):
    assert bool(terms_used(answer(text), [term], language)) is used


def test_terms_come_back_as_written_in_content_once_each():
    found = terms_used(answer("HACCP, haccp und Hygiene"), ["Hygiene", "HACCP", "hygiene"], "de")
    assert found == ("Hygiene", "HACCP")


def test_notable_terms_are_those_the_question_mentions():
    mentioned = notable_terms(["Worauf achten Sie bei der Hygiene?", "Kühlkette und HACCP"],
                              ["HACCP", "Hygiene", "Brigade", "Kühlkette"], "de")
    assert mentioned == ("HACCP", "Hygiene", "Kühlkette")


def test_compounds_only_count_in_german():
    assert word_matches("kitchenhygiene", "hygiene", "de")
    assert not word_matches("kitchenhygiene", "hygiene", "en")
