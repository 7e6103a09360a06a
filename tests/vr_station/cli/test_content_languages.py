"""``vr-station content validate`` reports, per visitor language, the texts it lacks and how far
its translation was reviewed; a broken overlay is a FILE:LINE:COL problem on stdout."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.vr_station.cli.test_content_cli import vr_station

OVERLAY = """schema_version: 1
language: tr
review: reviewed
titles: Aşçı
"""


def test_validate_reports_missing_texts_and_review_status_per_language(content_copy: Path):
    shutil.rmtree(content_copy / "translations", ignore_errors=True)
    for code in ("uk", "ar", "tr", "ru", "de-x-ls"):
        (content_copy / "ui" / f"{code}.yaml").unlink(missing_ok=True)
    koch = content_copy / "translations" / "tr" / "occupations" / "koch.yaml"
    koch.parent.mkdir(parents=True)
    koch.write_text(OVERLAY, encoding="utf-8")
    done = vr_station("content", "validate", "--no-fit", str(content_copy), cwd=content_copy.parent)
    # Missing texts are no problem (they show in German, marked): exit 0, stdout empty.
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    report = done.stderr.splitlines()
    tr = next(line for line in report if line.startswith("tr (Türkçe): "))
    assert "von Muttersprachlern geprüft" in tr
    assert "content/ui/tr.yaml: Datei fehlt" in done.stderr
    assert "content/translations/tr/occupations/koch.yaml: summary, tasks, tools, … (" \
        in done.stderr
    ar = next(line for line in report if line.startswith("ar (العربية): 0 von "))
    assert "keine Übersetzungsdateien" in ar
    # --complete makes missing texts fail (for CI once every translation is in).
    strict = vr_station("content", "validate", "--complete", str(content_copy),
                        cwd=content_copy.parent)
    assert strict.returncode == 1


def test_validate_names_a_broken_overlay_at_its_line(content_copy: Path):
    koch = content_copy / "translations" / "tr" / "occupations" / "koch.yaml"
    koch.parent.mkdir(parents=True, exist_ok=True)
    koch.write_text(OVERLAY + "tools: [bıçak]\n", encoding="utf-8")
    done = vr_station("content", "validate", str(koch), cwd=content_copy.parent)
    assert done.returncode == 1
    assert done.stdout.startswith("content/translations/tr/occupations/koch.yaml:5:8: tools: "
                                  "needs exactly"), done.stdout
