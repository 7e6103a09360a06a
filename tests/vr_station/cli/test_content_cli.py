"""``vr-station content validate|list`` as staff use it: a real process, its output and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT


def vr_station(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vr_station", *args], capture_output=True,
                          text=True, cwd=cwd, env=os.environ.copy(), timeout=60, check=False)


def test_validate_shipped_content_exits_zero() -> None:
    # Without the label fit check (test_label_fit.py): it warns of one known label.
    done = vr_station("content", "validate", "--no-fit")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "all valid" in done.stderr


def test_validate_prints_one_line_per_problem_and_exits_one(content_copy: Path) -> None:
    koch = content_copy / "occupations" / "koch.yaml"
    koch.write_text(koch.read_text(encoding="utf-8").replace("kind: dual", "kind: lehre", 1)
                    .replace("summary:", "sumary:", 1), encoding="utf-8")
    done = vr_station("content", "validate", "--no-fit", str(content_copy), cwd=content_copy.parent)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 3, lines  # unknown field, missing field, bad enum
    for line in lines:
        file, line_no, col, message = line.split(":", 3)
        assert file == "content/occupations/koch.yaml"
        assert int(line_no) > 0 and int(col) > 0 and message.strip()
    assert "Traceback" not in done.stderr


def test_hostile_files_never_show_a_traceback(content_copy: Path) -> None:
    occupations = content_copy / "occupations"
    (occupations / "bomb.yaml").write_text('a: &a ["x","x"]\nb: &b [*a,*a]\n', encoding="utf-8")
    (occupations / "binary.yaml").write_bytes(b"\x00\x01\x02\xff")
    (occupations / "latin.yaml").write_bytes("id: k\xf6chin\n".encode("latin-1"))
    (occupations / "python.yaml").write_text("id: !!python/object/new:os.system [ls]\n",
                                             encoding="utf-8")
    (occupations / "tabs.yaml").write_text("id: x\ntour:\n\tstops: []\n", encoding="utf-8")
    (occupations / "deep.yaml").write_text("a: " + "{b: " * 200 + "1" + "}" * 200 + "\n",
                                           encoding="utf-8")
    (occupations / "huge.yaml").write_text("a: " + "x" * 4_000_000 + "\n", encoding="utf-8")
    (occupations / "dupes.yaml").write_text("id: a\nid: b\n", encoding="utf-8")
    (occupations / "empty.yaml").write_text("", encoding="utf-8")
    done = vr_station("content", "validate", str(content_copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    for name in ("bomb", "binary", "latin", "python", "tabs", "deep", "huge", "dupes", "empty"):
        assert f"occupations/{name}.yaml:" in done.stdout, name


def test_validate_one_file_judges_it_with_its_content(content_copy: Path) -> None:
    koch = content_copy / "occupations" / "koch.yaml"
    koch.write_text(koch.read_text(encoding="utf-8").replace("anchor: stove", "anchor: oven", 1),
                    encoding="utf-8")
    done = vr_station("content", "validate", str(koch))
    assert done.returncode == 1
    assert "has no anchor 'oven'" in done.stdout
    assert "checked 1 file(s)" in done.stderr


def test_validate_a_loose_occupation_against_the_station_content(tmp_path: Path) -> None:
    loose = tmp_path / "occupations" / "koch.yaml"
    loose.parent.mkdir()
    loose.write_text((CONTENT / "occupations" / "koch.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    done = vr_station("content", "validate", str(loose))
    assert done.returncode == 0, done.stdout


def test_validate_missing_path_and_unknown_kind(tmp_path: Path) -> None:
    done = vr_station("content", "validate", str(tmp_path / "nope.yaml"))
    assert done.returncode == 1 and "no such file or directory" in done.stdout
    other = tmp_path / "notes.yaml"
    other.write_text("a: 1\n", encoding="utf-8")
    done = vr_station("content", "validate", str(other))
    assert done.returncode == 1 and "cannot tell what kind of content" in done.stdout


def test_list_json_names_every_occupation_and_language() -> None:
    done = vr_station("content", "list", "--json")
    assert done.returncode == 0, done.stderr
    listing = json.loads(done.stdout)
    assert {lang["code"] for lang in listing["languages"]} >= {"de", "en"}
    ids = {occ["id"] for occ in listing["occupations"]}
    assert ids == {p.stem for p in (CONTENT / "occupations").glob("*.yaml")}
    koch = next(o for o in listing["occupations"] if o["id"] == "koch")
    assert koch["titles"]["de"] == "Koch/Köchin"
    assert listing["skipped"] == []


def test_list_text_shows_titles_in_the_default_language() -> None:
    done = vr_station("content", "list")
    assert done.returncode == 0
    assert "Koch/Köchin" in done.stdout and "de (Deutsch)" in done.stdout


def test_broken_shared_file_is_a_clear_error(content_copy: Path) -> None:
    (content_copy / "personas.yaml").write_text("default: [\n", encoding="utf-8")
    done = vr_station("content", "list", "--content-dir", str(content_copy))
    assert done.returncode == 2
    assert "personas.yaml:2:1: YAML syntax error" in done.stderr
    assert "Traceback" not in done.stderr
