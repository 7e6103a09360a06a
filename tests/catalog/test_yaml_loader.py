"""Broken and hostile YAML is refused quickly, with the line and column and a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from catalog.problems import ContentError, Problem
from catalog.yaml_loader import MAX_FILE_BYTES, load_yaml_file


def refused(tmp_path: Path, raw: bytes | str, name: str = "broken.yaml") -> Problem:
    path = tmp_path / name
    path.write_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw)
    with pytest.raises(ContentError) as caught:
        load_yaml_file(path)
    assert caught.value.problems, "a refusal names at least one problem"
    return caught.value.problems[0]


def test_plain_data_loads_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("id: koch\ntitles:\n  de: Koch/Köchin\n  no: Kokk\nlist: [1, 2.5, true, null]\n",
                    encoding="utf-8")
    document = load_yaml_file(path)
    assert document.data == {"id": "koch", "titles": {"de": "Koch/Köchin", "no": "Kokk"},
                             "list": [1, 2.5, True, None]}
    assert document.position(("titles", "de")) == (3, 7)
    assert document.position(("titles", "no"), key=True) == (4, 3)
    # A path below a value that does not exist points at the nearest parent.
    assert document.position(("titles", "fr", 3)) == (3, 3)


def test_dates_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("since: 2024-01-31\n", encoding="utf-8")
    assert load_yaml_file(path).data == {"since": "2024-01-31"}


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    problem = refused(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert problem.line == 3 and problem.column == 2
    assert "YAML syntax error" in problem.message and "started at line 2" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'broken.yaml'}:3:2: ")


def test_tab_indentation(tmp_path: Path) -> None:
    problem = refused(tmp_path, "titles:\n\tde: Koch\n")
    assert (problem.line, problem.column) == (2, 1)
    assert "tab" in problem.message and "spaces" in problem.message


def test_latin1_text_is_not_utf8(tmp_path: Path) -> None:
    problem = refused(tmp_path, "title: K\xf6chin\n".encode("latin-1"))
    assert (problem.line, problem.column) == (1, 9)
    assert "not valid UTF-8" in problem.message and "Latin-1" in problem.message


def test_utf16_is_named(tmp_path: Path) -> None:
    problem = refused(tmp_path, "title: x\n".encode("utf-16"))
    assert "UTF-16" in problem.message


def test_binary_data(tmp_path: Path) -> None:
    problem = refused(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert (problem.line, problem.column) == (3, 1) and "binary data" in problem.message


def test_control_character(tmp_path: Path) -> None:
    problem = refused(tmp_path, "a: 1\nb: x\x07y\n")
    assert (problem.line, problem.column) == (2, 5)
    assert "U+0007" in problem.message


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    problem = refused(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert problem.line == 1 and "anchor '&a'" in problem.message


def test_alias_without_anchor_line(tmp_path: Path) -> None:
    problem = refused(tmp_path, "a: *missing\n")
    # libyaml reports the undefined alias as a syntax error; both name line 1.
    assert problem.line == 1


def test_python_tags_are_refused(tmp_path: Path) -> None:
    problem = refused(tmp_path, "id: !!python/object/apply:os.system ['echo pwned']\n")
    assert (problem.line, problem.column) == (1, 5)
    assert "!!python/object/apply:os.system" in problem.message


def test_local_tags_are_refused(tmp_path: Path) -> None:
    problem = refused(tmp_path, "id: !include other.yaml\n")
    assert "tag '!include'" in problem.message


def test_deep_nesting(tmp_path: Path) -> None:
    started = time.perf_counter()
    problem = refused(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert time.perf_counter() - started < 1.0
    assert "nested deeper" in problem.message and problem.line == 1


def test_multi_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    started = time.perf_counter()
    problem = refused(tmp_path, "a: " + "x" * (3 * MAX_FILE_BYTES) + "\n")
    assert time.perf_counter() - started < 0.5
    assert problem.line is None and "3.0 MB" in problem.message and "at most 1.0 MB" in problem.message


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    problem = refused(tmp_path, "id: koch\ntitles: {de: A}\nid: baecker\n")
    assert (problem.line, problem.column) == (3, 1)
    assert problem.message == "duplicate key 'id' (first at line 1)"


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    problem = refused(tmp_path, "a:\n  <<: {x: 1}\n")
    assert problem.line in (2, 1)


def test_several_documents(tmp_path: Path) -> None:
    problem = refused(tmp_path, "a: 1\n---\nb: 2\n")
    assert problem.line == 2 and "more than one YAML document" in problem.message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_yaml_file(tmp_path / "nope.yaml")
    assert caught.value.problems[0].message == "file not found"
    with pytest.raises(ContentError) as caught:
        load_yaml_file(tmp_path)
    assert "directory" in caught.value.problems[0].message
