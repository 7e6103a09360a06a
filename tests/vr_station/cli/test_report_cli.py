"""``vr-station report``: the reception finds a kept report by its pickup code and prints it.

The report is made the station's way (the real dialogue's report, ``for_visitor`` in the
visitor's language, ``keep_report`` under a fresh pickup code) and the command runs as a
subprocess against the test's own data folder (``station_dirs`` sets the environment).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from interview_engine.report import InterviewReport, for_visitor
from tests.interview_engine import test_report_print as printout
from vr_station.privacy import KEPT_REPORTS, find_kept_report, keep_report, normalized_code
from vr_station.session import pickup_code

# Ten questions typed into the real dialogue (shared with the print test).
typed_report = printout.typed_report


def vr_station(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vr_station", "report", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env=os.environ.copy())


def keep(data_dir: Path, report: InterviewReport, language: str) -> tuple[str, Path]:
    """Keep ``report`` for a visitor of ``language`` as the report step does; (code, file)."""
    code = pickup_code()
    return code, keep_report(data_dir, code, for_visitor(report, language).to_json())


def typed_as_a_person_would(code: str) -> str:
    """``K7P3R`` as staff type it from a note: lower case, a dash and a space."""
    return f" {code[:2].lower()}-{code[2:].lower()} "


def test_a_code_is_found_whatever_the_case_spaces_or_dashes(tmp_path: Path):
    path = keep_report(tmp_path, "K7P3R", "{}")
    assert normalized_code(" k7-p3 r ") == "K7P3R"
    found = find_kept_report(tmp_path, "k7p-3r")
    assert found is not None and found.path == path and found.code == "K7P3R"
    assert find_kept_report(tmp_path, "K7P3X") is None and find_kept_report(tmp_path, " - ") is None


def test_the_reception_lists_and_prints_a_ukrainian_visitors_report_then_it_is_gone(
        station_dirs: Path, typed_report: InterviewReport, tmp_path: Path):
    data_dir = station_dirs / "data"
    code, kept = keep(data_dir, typed_report, "uk")
    listed = vr_station("list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if code in x)
    assert line.split()[-2:] == [code, "uk"] and line.startswith(kept.name[:10]), line
    # No personal data: nothing the visitor said, no figures.
    assert typed_report.answers[0].transcript not in listed.stdout
    assert "transcript" not in listed.stdout

    printed = vr_station("print", typed_as_a_person_would(code), cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    page = tmp_path / f"Auswertung-{code}.html"
    assert str(page) in printed.stdout and "Browser" in printed.stdout
    html = page.read_text(encoding="utf-8")
    # The Ukrainian visitor's language with the German beside it; what was said stays German.
    assert "Що вдалося добре" in html and "/ Das lief gut" in html
    assert "Ваші найважливіші поради" in html
    assert typed_report.answers[0].transcript.split()[0] in html
    if os.name == "posix":
        assert stat.S_IMODE(page.stat().st_mode) == 0o600
    # Printed means handed over: the station keeps nothing of it, and says so.
    assert not kept.exists() and "gelöscht" in printed.stdout
    assert vr_station("list", cwd=tmp_path).stdout.startswith("Keine gespeicherten Auswertungen")
    again = vr_station("print", code, cwd=tmp_path)
    assert again.returncode == 1 and f"Keine gespeicherte Auswertung mit dem Code „{code}“" \
        in again.stderr


def test_keep_leaves_the_report_for_a_second_visit_and_delete_removes_it(
        station_dirs: Path, typed_report: InterviewReport, tmp_path: Path):
    code, kept = keep(station_dirs / "data", typed_report, "ar")
    out = tmp_path / "für den Drucker.html"
    printed = vr_station("print", code, "--out", str(out), "--keep", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    html = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in html and 'lang="ar"' in html and 'lang="de"' in html
    assert kept.exists() and f"vr-station report delete {code}" in printed.stdout
    deleted = vr_station("delete", code.lower(), cwd=tmp_path)
    assert deleted.returncode == 0 and not kept.exists(), deleted.stderr


def test_an_unknown_code_says_so_in_german_and_exits_1(station_dirs: Path, tmp_path: Path):
    done = vr_station("print", "xx-999", cwd=tmp_path)
    assert done.returncode == 1
    assert "Keine gespeicherte Auswertung mit dem Code „XX999“" in done.stderr
    assert "vr-station report list" in done.stderr
    assert not list(tmp_path.glob("*.html"))


@pytest.mark.parametrize("text", ['{"language": "de", "answers": [', '{"language": "uk"}'],
                         ids=["cut-off", "fields-missing"])
def test_a_damaged_report_is_named_and_kept_never_a_traceback(
        station_dirs: Path, tmp_path: Path, text: str):
    code = pickup_code()
    path = keep_report(station_dirs / "data", code, text)
    done = vr_station("print", code, cwd=tmp_path)
    assert done.returncode == 1
    assert str(path) in done.stderr and "beschädigt" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert path.exists() and path.read_text(encoding="utf-8") == text
    assert not list(tmp_path.glob("*.html"))
    listed = vr_station("list", cwd=tmp_path)
    assert listed.returncode == 0 and code in listed.stdout
    assert path.parent.name == KEPT_REPORTS
