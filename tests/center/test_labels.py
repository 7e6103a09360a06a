"""The center's words for ids and ratings come from the content, as the station shows them."""

from __future__ import annotations

import yaml

from center.labels import load_labels
from tests.conftest import REPO


def test_rating_words_are_the_words_under_the_stations_smileys():
    texts = yaml.safe_load((REPO / "content" / "ui" / "de.yaml").read_text(encoding="utf-8"))
    flat = texts["texts"]
    labels = load_labels(REPO / "content")
    assert [labels.rating(n) for n in range(1, 6)] == [flat[f"feedback_rating_{n}"]
                                                      for n in range(1, 6)]
    assert labels.top_ratings() == (f"„{flat['feedback_rating_4'].lower()}“ oder "
                                    f"„{flat['feedback_rating_5'].lower()}“")


def test_without_content_ratings_are_numbers_and_languages_names():
    labels = load_labels(None)
    assert labels.rating(5) == "5" and labels.top_ratings() == "„4“ oder „5“"
    assert labels.language("de") == "Deutsch"


def test_a_session_without_occupation_is_named_so():
    assert load_labels(None).occupation(None) == "kein Beruf gewählt"
