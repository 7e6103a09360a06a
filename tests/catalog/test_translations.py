"""Translation overlays (content/translations/<code>/): merged into the model, checked with
FILE:LINE:COL, and a broken one falls back to German (marked) without stopping the station."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog import check_content, load_catalog
from catalog.model import pick
from catalog.translations import FALLBACK_MARK, Review, is_fallback, slots
from catalog.yaml_loader import load_yaml_file

FIXTURES = Path(__file__).parent / "fixtures" / "translations"


@pytest.fixture
def content(content_copy: Path) -> Path:
    """The shipped content without any shipped translations, so each test owns its overlays."""
    shutil.rmtree(content_copy / "translations", ignore_errors=True)
    for code in ("uk", "ar", "tr", "ru", "de-x-ls"):
        (content_copy / "ui" / f"{code}.yaml").unlink(missing_ok=True)
    return content_copy


def overlay(content: Path, relative: str, text: str) -> Path:
    path = content / "translations" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def full_overlay(content: Path, language: str, base: str, schema: str) -> dict[str, Any]:
    """Every German text of ``base`` as '<code>: text', in the overlay's structure."""
    document = load_yaml_file(content / base)
    body: dict[str, Any] = {"schema_version": 1, "language": language,
                            "review": "machine-assisted"}
    for key, slot in slots(document, schema).items():
        node = body
        for part in key[:-1]:
            node = node.setdefault(part, {})
        german = slot.german
        node[key[-1]] = [f"{language}: {g}" for g in german] if isinstance(german, list) \
            else f"{language}: {german}"
    return body


def problems(content: Path) -> list[str]:
    return [str(p) for p in check_content(content).problems]


def test_a_complete_overlay_gives_every_visitor_text_in_its_language(content: Path):
    body = full_overlay(content, "tr", "occupations/koch.yaml", "occupation")
    overlay(content, "tr/occupations/koch.yaml", yaml.safe_dump(body, allow_unicode=True))
    catalog, skipped = load_catalog(content)
    assert skipped == []
    koch = catalog.occupations["koch"]
    assert koch.titles["tr"] == "tr: " + koch.titles["de"]
    assert koch.tasks["tr"] == tuple(f"tr: {t}" for t in koch.tasks["de"])
    stop = koch.tour.stops[0]
    assert stop.narration["tr"] == "tr: " + stop.narration["de"]
    hotspot = next(h for s in koch.tour.stops for h in s.hotspots)
    assert hotspot.texts["tr"] == "tr: " + hotspot.texts["de"]
    assert koch.salary.training.source["tr"].startswith("tr: ")
    # The interview stays German/English: no overlay language gets questions or job terms.
    assert "tr" not in koch.questions.questions[0].text
    assert "tr" not in koch.terms
    coverage = catalog.coverage["tr"]
    assert [f.review for f in coverage.files] == [Review.MACHINE_ASSISTED]
    assert not [m for m in coverage.missing
                if m.path.parent.name == "occupations" and m.path.name == "koch.yaml"]


def test_a_partial_overlay_merges_by_id_and_the_rest_falls_back_to_german_marked(content: Path):
    shutil.copytree(FIXTURES, content / "translations")
    catalog, skipped = load_catalog(content)
    assert skipped == []
    koch = catalog.occupations["koch"]
    assert koch.titles["uk"] == "Кухар / кухарка"
    welcome = koch.tour.stops[0]
    assert welcome.id == "welcome" and welcome.titles["uk"] == "Ласкаво просимо на кухню"
    # Not translated: German with the mark, and recognisably a fallback for speech.
    second = koch.tour.stops[1]
    assert second.narration["uk"] == FALLBACK_MARK + second.narration["de"]
    assert is_fallback(pick(second.narration, "uk"))
    assert not is_fallback(pick(welcome.narration, "uk"))
    assert all(t.startswith(FALLBACK_MARK) for t in koch.tasks["uk"])
    # Another occupation without an overlay, and a language without any file: German, marked.
    assert catalog.occupations["tischler"].titles["uk"].startswith(FALLBACK_MARK)
    assert catalog.occupations["koch"].titles["ar"].startswith(FALLBACK_MARK)
    assert catalog.feedback.worked[0].labels["uk"].startswith(FALLBACK_MARK)
    coverage = catalog.coverage["uk"]
    assert coverage.review is Review.REVIEWED
    assert coverage.files[0].reviewed_by == "Test Reviewer"
    assert coverage.files[0].reviewed_on == "2026-12-01"
    missing_in_koch = {m.where for m in coverage.missing
                       if m.path.parent.name == "occupations" and m.path.name == "koch.yaml"}
    assert "tour.stops.hot-line.narration" in missing_in_koch
    assert "titles" not in missing_in_koch and "tour.stops.welcome.narration" not in missing_in_koch


def test_interface_texts_of_a_language_without_a_ui_file_are_german_and_marked(content: Path):
    catalog, _ = load_catalog(content)
    texts = catalog.ui["ar"].texts
    assert texts["welcome"] == FALLBACK_MARK + catalog.ui["de"].texts["welcome"]
    assert texts["number_decimal"] == catalog.ui["de"].texts["number_decimal"]  # a format: unmarked
    assert len([m for m in catalog.coverage["ar"].missing if m.path.name == "ar.yaml"]) \
        == len(catalog.ui["de"].texts)


def test_a_ui_file_with_keys_missing_is_valid_and_fills_them_in_german(content: Path):
    (content / "ui" / "tr.yaml").write_text(
        "schema_version: 1\nlanguage: tr\ntexts:\n  welcome: Hoş geldiniz\n", encoding="utf-8")
    catalog, skipped = load_catalog(content)
    assert skipped == []
    assert catalog.ui["tr"].texts["welcome"] == "Hoş geldiniz"
    assert catalog.ui["tr"].texts["back"] == FALLBACK_MARK + catalog.ui["de"].texts["back"]
    missing = {m.where for m in catalog.coverage["tr"].missing if m.path.name == "tr.yaml"}
    assert "texts.back" in missing and "texts.welcome" not in missing


HEADER = "schema_version: 1\nlanguage: uk\nreview: machine-assisted\n"


@pytest.mark.parametrize(("name", "text", "line", "col", "message"), [
    ("unknown key", HEADER + "titles: Кухар\nsalery: x\n", 5, 1,
     "salery: unknown key 'salery'"),
    ("unknown id", HEADER + "tour:\n  stops:\n    nowhere:\n      titles: x\n", 6, 5,
     "tour.stops.nowhere: unknown key 'nowhere'"),
    ("interview is not translated", HEADER + "interview:\n  questions: {}\n", 4, 1,
     "interview: unknown key 'interview'"),
    ("text instead of list", HEADER + "tasks: Готувати\n", 4, 8,
     "tasks: should be a list of"),
    ("list of the wrong length", HEADER + "tools: [ніж, ваги]\n", 4, 8,
     "tools: needs exactly"),
    ("mapping instead of text", HEADER + "titles: {de: x}\n", 4, 9,
     "titles: should be a non-empty text"),
    ("list where a mapping belongs", HEADER + "tour:\n  stops: [a, b]\n", 5, 10,
     "tour.stops: should be a mapping"),
    ("missing header", "schema_version: 1\nlanguage: uk\ntitles: Кухар\n", 1, 1,
     "missing required field 'review'"),
    ("unknown review status", "schema_version: 1\nlanguage: uk\nreview: checked\n", 3, 9,
     "review: 'checked' is not one of"),
    ("language of another folder", "schema_version: 1\nlanguage: ru\nreview: reviewed\n", 2, 11,
     "must match the folder (translations/uk/)"),
    ("YAML syntax", HEADER + "titles: [Кухар\n", 5, 1, "YAML syntax error"),
])
def test_a_broken_overlay_is_a_problem_at_its_line_and_falls_back_to_german(
        content: Path, name: str, text: str, line: int, col: int, message: str):
    path = overlay(content, "uk/occupations/koch.yaml", text)
    found = [p for p in check_content(content).problems if p.path == path]
    assert any(p.line == line and p.column == col and message in p.message for p in found), \
        f"{name}: {[str(p) for p in found]}"
    # The station still starts, with koch in Ukrainian falling back to German, marked.
    catalog, skipped = load_catalog(content)
    assert "koch" in catalog.occupations
    assert catalog.occupations["koch"].titles["uk"].startswith(FALLBACK_MARK)
    assert skipped


def test_overlays_in_undeclared_or_inline_languages_and_misplaced_files_are_problems(content: Path):
    undeclared = overlay(content, "fa/occupations/koch.yaml",
                         "schema_version: 1\nlanguage: fa\nreview: machine-assisted\n")
    inline = overlay(content, "en/feedback.yaml",
                     "schema_version: 1\nlanguage: en\nreview: reviewed\n")
    stray = overlay(content, "uk/koch.yaml", HEADER)
    orphan = overlay(content, "uk/occupations/baecker.yaml", HEADER)
    found = {p.path: p.message for p in check_content(content).problems}
    assert "'fa' is not declared in languages.yaml" in found[undeclared]
    assert "stay inline" in found[inline]
    assert "not a translation file" in found[stray]
    assert "occupations/baecker.yaml, which does not exist" in found[orphan]
    catalog, _ = load_catalog(content)
    assert set(catalog.occupations) >= {"koch", "tischler"}


def test_the_new_languages_are_declared_with_their_own_names_voices_and_interview_language():
    from tests.conftest import CONTENT

    catalog, _ = load_catalog(CONTENT)
    names = {code: lang.native_name for code, lang in catalog.languages.items()}
    assert names == {"de": "Deutsch", "en": "English", "uk": "Українська", "ar": "العربية",
                     "tr": "Türkçe", "ru": "Русский", "de-x-ls": "Deutsch – Leichte Sprache"}
    assert catalog.languages["ar"].direction == "rtl"
    assert catalog.languages["uk"].tts_voices[0] == "zle/uk"
    for code in ("uk", "ar", "tr", "ru", "de-x-ls"):
        assert not catalog.languages[code].content_required
        assert not catalog.languages[code].interview_runs_in_own_language
        assert catalog.interview_language(code).code == "de"
    assert catalog.interview_language("en").code == "en"
    assert catalog.languages["de-x-ls"].speech_rate_factor < 1


def test_a_ui_file_may_say_how_it_was_reviewed(content: Path):
    (content / "ui" / "ru.yaml").write_text(
        "schema_version: 1\nlanguage: ru\nreview: reviewed\nreviewed_by: Test\n"
        "texts:\n  back: Назад\n", encoding="utf-8")
    catalog, skipped = load_catalog(content)
    assert skipped == []
    assert catalog.coverage["ru"].review is Review.REVIEWED
    (content / "ui" / "ru.yaml").write_text(
        "schema_version: 1\nlanguage: ru\nreview: checked\ntexts:\n  back: Назад\n",
        encoding="utf-8")
    problems = [str(p) for p in check_content(content).problems]
    assert any("ru.yaml:3:9: review: 'checked' is not one of" in p for p in problems), problems


def test_every_shipped_translation_is_complete():
    """A language whose translations ship has every visitor text: none shows in German."""
    from tests.conftest import CONTENT

    catalog, skipped = load_catalog(CONTENT)
    assert skipped == []
    for code, coverage in catalog.coverage.items():
        if coverage.files:
            assert [f"{m.to.name}: {m.where}" for m in coverage.missing] == [], code
