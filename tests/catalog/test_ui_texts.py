"""Interface texts (content/ui/LANG.yaml) are content: validated with file and line like the rest."""

from __future__ import annotations

import re
from pathlib import Path

from catalog import check_content, load_catalog
from tests.conftest import CONTENT

UI = CONTENT / "ui"


def problems_in(content: Path) -> list[str]:
    return [str(p) for p in check_content(content).problems]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def test_every_shipped_language_has_complete_interface_texts():
    catalog, skipped = load_catalog(CONTENT)
    assert skipped == []
    for code, language in catalog.languages.items():
        if language.content_required:
            assert code in catalog.ui, f"no ui/{code}.yaml"
    assert catalog.ui["de"].texts.keys() == catalog.ui["en"].texts.keys()


def test_every_visitor_language_offers_more_time_to_think_and_says_when_answers_are_typed():
    """The interview's intro in each language: the toggle, what it does, the typed-answers text
    (naming the language) and the indicator's two lines."""
    catalog, _ = load_catalog(CONTENT)
    offered = [code for code, language in catalog.languages.items() if code in catalog.ui]
    assert {"de", "en"} <= set(offered)
    for code in offered:
        texts = catalog.ui[code].texts
        for key in ("interview_more_time", "interview_more_time_detail", "interview_listening",
                    "interview_still_listening", "interview_intro_text_typed"):
            assert texts.get(key, "").strip(), f"ui/{code}.yaml: {key}"
        assert "{language}" in texts["interview_intro_text_typed"]
    assert catalog.ui["de"].texts["interview_more_time"] == "Mehr Zeit zum Nachdenken"


def test_german_texts_address_the_visitor_formally():
    texts = catalog_texts("de")
    informal = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)
    offenders = {k: v for k, v in texts.items() if informal.search(v)}
    assert offenders == {}
    assert any("Sie " in v for v in texts.values())
    everything = " ".join(texts.values())
    assert all(letter in everything for letter in "äöüß"), "umlauts, not ae/oe/ue/ss"
    assert not re.search(r"\b(fuer|koennen|moechten|Schliessen)\b", everything)


def catalog_texts(code: str) -> dict[str, str]:
    catalog, _ = load_catalog(CONTENT)
    return dict(catalog.ui[code].texts)


def test_a_missing_text_is_reported_with_its_file_and_line(content_copy: Path):
    path = content_copy / "ui" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n  tour_next: .*", "", text), encoding="utf-8")
    problems = problems_in(content_copy)
    assert any(re.search(r"ui/en\.yaml:\d+:\d+: texts: missing required field 'tour_next'", p)
               for p in problems), problems


def test_an_unknown_key_is_reported_at_its_line(content_copy: Path):
    path = content_copy / "ui" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  tour_next:", "  tour_nxt:"),
                    encoding="utf-8")
    line = line_of(path, "tour_nxt")
    assert any(f"ui/en.yaml:{line}:" in p and "unknown field 'tour_nxt'" in p
               for p in problems_in(content_copy))


def test_a_translation_must_keep_the_placeholders(content_copy: Path):
    path = content_copy / "ui" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Stop {current} of {total}", "Stop {current} of {totl}"), encoding="utf-8")
    line = line_of(path, "{totl}")
    problems = problems_in(content_copy)
    assert any(f"ui/en.yaml:{line}:" in p and "placeholders must be the same as in de.yaml "
               "(expected: {current}, {total})" in p for p in problems), problems


def test_the_file_name_must_match_the_language(content_copy: Path):
    (content_copy / "ui" / "en.yaml").rename(content_copy / "ui" / "fr.yaml")
    problems = problems_in(content_copy)
    assert any("ui/fr.yaml:" in p and "'en' must match the file name ('fr.yaml')" in p
               for p in problems), problems
    assert any("ui/en.yaml: missing: the interface texts for 'en'" in p for p in problems)


def test_a_language_without_interface_texts_is_not_offered(content_copy: Path):
    (content_copy / "ui" / "en.yaml").unlink()
    catalog, skipped = load_catalog(content_copy)
    assert "en" not in catalog.ui and "de" in catalog.ui
    assert any("ui/en.yaml" in str(p) for p in skipped)
