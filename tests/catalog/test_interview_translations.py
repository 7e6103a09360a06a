"""The report's texts of content/interview.yaml in the overlay languages (issue 15, item 4).

translations/<code>/interview.yaml carries the tips, strengths, notices and report labels; the
interviewer's own words stay German. A missing text falls back to German with the mark, a
broken overlay is a problem at its FILE:LINE:COL, and ``content validate --complete`` counts
the interview's texts like every other overlay's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalog import check_content, load_catalog
from catalog.translations import FALLBACK_MARK, Review, is_fallback
from tests.conftest import CONTENT

REPO = Path(__file__).resolve().parents[2]
OVERLAY_LANGUAGES = ("uk", "ar", "tr", "ru", "de-x-ls")
HEADER = "schema_version: 1\nlanguage: uk\nreview: machine-assisted\n"


@pytest.fixture
def content(content_copy: Path) -> Path:
    """The shipped content without the shipped interview overlays: each test writes its own."""
    for code in OVERLAY_LANGUAGES:
        (content_copy / "translations" / code / "interview.yaml").unlink()
    return content_copy


def write(content: Path, language: str, text: str) -> Path:
    path = content / "translations" / language / "interview.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_partial_interview_overlay_translates_the_report_and_marks_what_it_lacks(content: Path):
    write(content, "uk", HEADER + (
        "tips:\n"
        "  too_short: \"Ваша відповідь була досить короткою: {words} слів.\"\n"
        "report:\n"
        "  title: Ваша тренувальна співбесіда – результат\n"))
    catalog, skipped = load_catalog(content)
    assert skipped == []
    script = catalog.interview
    assert script.tips["too_short"]["uk"] == "Ваша відповідь була досить короткою: {words} слів."
    assert script.report_labels["title"]["uk"] == "Ваша тренувальна співбесіда – результат"
    # Not in the overlay: the German text with the mark, recognisably a fallback.
    no_result = script.tips["no_result"]["uk"]
    assert no_result == FALLBACK_MARK + script.tips["no_result"]["de"] and is_fallback(no_result)
    assert script.praise["all_answered"]["uk"] == \
        FALLBACK_MARK + "Sie haben auf jede Frage eine Antwort gegeben."
    # The interview the visitor practises stays German/English: no phrase gets a third language.
    assert set(script.phrases["goodbye"]) == {"de", "en"}
    assert set(script.candidate_questions.topics[0].answer) == {"de", "en"}
    missing = {m.where: m.to for m in catalog.coverage["uk"].missing
               if m.path.name == "interview.yaml"}
    assert missing["tips.no_result"] == content / "translations" / "uk" / "interview.yaml"
    assert "report.privacy" in missing and "notices.microphone_missing" in missing
    assert "tips.too_short" not in missing and "report.title" not in missing
    assert not any(where.startswith(("phrases.", "follow_ups.", "candidate_questions."))
                   for where in missing)
    assert Review.MACHINE_ASSISTED in {f.review for f in catalog.coverage["uk"].files
                                       if f.path.name == "interview.yaml"}


@pytest.mark.parametrize(("name", "text", "line", "col", "message"), [
    ("the interviewer's phrases stay German", HEADER + "phrases:\n  goodbye: До побачення\n",
     4, 1, "phrases: unknown key 'phrases'"),
    ("unknown tip", HEADER + "tips:\n  too_shrot: x\n", 5, 3,
     "tips.too_shrot: unknown key 'too_shrot'"),
    ("misspelt placeholder", HEADER + "tips:\n  too_short: \"{wrods} слів\"\n", 5, 14,
     "tips.too_short: uses {wrods}, which the German text does not have (it has: {words})"),
    ("placeholder left out", HEADER + "praise:\n  pace_good: Ваш темп був комфортним.\n", 5, 14,
     "praise.pace_good: leaves out {wpm} of the German text"),
    ("unbalanced brace", HEADER + "tips:\n  too_short: \"{words слів\"\n", 5, 14,
     "tips.too_short: has an unbalanced"),
    ("list instead of a text", HEADER + "report:\n  title: [a, b]\n", 5, 10,
     "report.title: should be a non-empty text"),
])
def test_a_broken_interview_overlay_is_a_problem_at_its_line_and_falls_back_to_german(
        content: Path, name: str, text: str, line: int, col: int, message: str):
    path = write(content, "uk", text)
    found = [str(p) for p in check_content(content).problems if p.path == path]
    assert any(p.startswith(f"{path}:{line}:{col}: ") and message in p for p in found), \
        f"{name}: {found}"
    # The station still starts; the whole overlay is left out, so Ukrainian reads German, marked.
    catalog, skipped = load_catalog(content)
    assert skipped
    assert catalog.interview.tips["too_short"]["uk"].startswith(FALLBACK_MARK)
    assert catalog.interview.report_labels["title"]["uk"].startswith(FALLBACK_MARK)


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "vr_station", "content", "validate", *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def test_content_validate_complete_is_clean_for_all_seven_languages():
    done = _validate("--complete", str(CONTENT))
    assert done.returncode == 0, done.stdout + done.stderr
    for code in OVERLAY_LANGUAGES:
        # The per-language counts go to stderr (stdout is for problems).
        line = next(x for x in done.stderr.splitlines() if x.startswith(f"{code} ("))
        assert ", 0 fehlen" in line and "maschinell unterstützt" in line, line
    assert "all valid" in done.stderr
    catalog, _ = load_catalog(CONTENT)
    assert set(catalog.languages) == {"de", "en", *OVERLAY_LANGUAGES}
    for code in OVERLAY_LANGUAGES:  # every report text is there, none of them the German one
        for table in (catalog.interview.tips, catalog.interview.summary_tips,
                      catalog.interview.praise, catalog.interview.notices,
                      catalog.interview.report_labels):
            for key, texts in table.items():
                assert not is_fallback(texts[code]), (code, key)


def test_content_validate_complete_counts_a_missing_interview_overlay(content_copy: Path):
    (content_copy / "translations" / "tr" / "interview.yaml").unlink()
    shutil.rmtree(content_copy / "translations" / "ru")
    done = _validate("--complete", str(content_copy))
    assert done.returncode != 0
    script = load_catalog(CONTENT)[0].interview
    texts = sum(len(table) for table in (script.tips, script.summary_tips, script.praise,
                                         script.notices, script.report_labels))
    output = done.stdout + done.stderr
    assert f"translations/tr/interview.yaml: Datei fehlt ({texts} Texte)" in output, output
    assert f"translations/ru/interview.yaml: Datei fehlt ({texts} Texte)" in output
    assert "translations/uk/interview.yaml" not in output
