"""The dashboard names every visitor language in German: from content/languages.yaml where the
center has the content, else from the built-in list."""

from __future__ import annotations

from center.labels import LANGUAGE_NAMES, Labels, load_labels
from tests.conftest import CONTENT

NEW = {"uk": "Ukrainisch", "ar": "Arabisch", "tr": "Türkisch", "ru": "Russisch",
       "de-x-ls": "Leichte Sprache"}


def test_labels_from_the_content_name_the_new_languages():
    labels = load_labels(CONTENT)
    for code, name in NEW.items():
        assert labels.language(code) == name


def test_without_content_the_built_in_names_cover_the_new_languages():
    labels = load_labels(None)
    assert {code: labels.language(code) for code in NEW} == NEW
    assert all(LANGUAGE_NAMES[code] == name for code, name in NEW.items())
    assert Labels().language("xx") == "xx"
