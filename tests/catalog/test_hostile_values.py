"""One hostile value in one content file is a FILE:LINE:COL problem, never a crash: the station
skips that occupation or workplace and keeps every other (issue 18, item 1)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from catalog import check_content, load_catalog
from catalog.files import COLLECTIONS, SHARED_FILES
from catalog.schema import check_schema
from catalog.yaml_loader import MAX_INTEGER_DIGITS, YamlDocument, parse_yaml_text
from tests.catalog.test_seeded_defects import line_of, seed
from tests.conftest import CONTENT, REPO

KITCHEN = "workplaces/restaurant-kitchen.yaml"
HUGE = "9" * 5000
"""Past Python's 4,300-digit limit for reading an int, which raised ValueError in the loader."""


def occupations(content: Path) -> set[str]:
    return {p.stem for p in (content / "occupations").glob("*.yaml")}


def test_a_5000_digit_integer_is_a_problem_at_its_line(content_copy: Path) -> None:
    path = content_copy / "occupations" / "koch.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"x_pad: {HUGE}\n")
    problems = [str(p) for p in check_content(content_copy).problems]
    line = line_of(path, "x_pad:")
    assert problems == [f"{path}:{line}:8: a whole number with 5000 digits is too large for any "
                        f"content or setting (at most {MAX_INTEGER_DIGITS} digits)"]
    catalog, _ = load_catalog(content_copy)
    assert set(catalog.occupations) == occupations(content_copy) - {"koch"}


def test_integers_of_the_largest_allowed_size_still_load() -> None:
    text = f"a: {'9' * MAX_INTEGER_DIGITS}\nb: -{'1' * MAX_INTEGER_DIGITS}\nc: 1_000_000\n"
    assert parse_yaml_text(Path("ok.yaml"), text).data == {
        "a": int("9" * MAX_INTEGER_DIGITS), "b": -int("1" * MAX_INTEGER_DIGITS), "c": 1_000_000}


def _station(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "vr_station", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_cli_validate_and_list_survive_a_huge_integer(content_copy: Path) -> None:
    path = content_copy / "occupations" / "tischler.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"x_pad: {HUGE}\n")
    line = line_of(path, "x_pad:")

    validated = _station("content", "validate", str(content_copy))
    assert validated.returncode == 1, validated.stderr
    assert "Traceback" not in validated.stderr and "unexpected error" not in validated.stderr
    assert f"tischler.yaml:{line}:8: a whole number with 5000 digits" in validated.stdout

    listed = _station("content", "list", "--json", "--content-dir", str(content_copy))
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    assert {o["id"] for o in report["occupations"]} == occupations(content_copy) - {"tischler"}
    assert any(f"tischler.yaml:{line}:8:" in s for s in report["skipped"])


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", "1.0e+999"])
def test_nan_and_infinity_are_refused_where_a_number_belongs(content_copy: Path,
                                                             value: str) -> None:
    path = content_copy / KITCHEN
    seed(path, "{id: pass, position: [3.0, 0.0]", f"{{id: pass, position: [{value}, 0.0]")
    problems = [str(p) for p in check_content(content_copy).problems_in(path)]
    line = line_of(path, "id: pass,")
    assert any(p.startswith(f"{path}:{line}:") and "viewpoints[3].position[0]: must be" in p
               for p in problems), problems


def test_nan_stove_and_viewpoint_skip_the_workplace_and_its_occupation(content_copy: Path) -> None:
    """The measured case: they validated as 'all valid' and the demo died entering the tour."""
    path = content_copy / KITCHEN
    seed(path, "{id: stove, position: [-0.8, 3.2, 0.95]}", "{id: stove, position: [.nan, .nan, 0.95]}")
    seed(path, "{type: stove, position: [-1.05, 3.55]}", "{type: stove, position: [.nan, .nan]}")
    seed(path, "{id: pass, position: [3.0, 0.0]", "{id: pass, position: [.nan, .nan]")
    catalog, problems = load_catalog(content_copy)
    texts = [str(p) for p in problems]
    for needle, where in (("id: stove,", "anchors[1].position[0]"),
                          ("{type: stove, position: [.nan", "props[3].position[0]"),
                          ("id: pass,", "viewpoints[3].position[0]")):
        line = line_of(path, needle)
        assert any(t.startswith(f"{path}:{line}:") and t.split(": ", 1)[1].startswith(where)
                   and "must be a finite number, not .nan" in t for t in texts), (where, texts)
    assert "restaurant-kitchen" not in catalog.workplaces
    assert set(catalog.occupations) == occupations(content_copy) - {"koch"}


def test_a_nan_room_is_refused_and_render_says_so_cleanly(content_copy: Path) -> None:
    path = content_copy / KITCHEN
    seed(path, "  width_m: 10", "  width_m: .nan")
    rendered = _station("render", "--scene", "restaurant-kitchen", "--content-dir",
                        str(content_copy), "--out", str(content_copy.parent / "png"))
    assert rendered.returncode == 2
    assert "Traceback" not in rendered.stderr
    line = line_of(path, "width_m: .nan")
    assert f"restaurant-kitchen.yaml:{line}:12: room.width_m: must be a finite number" \
        in rendered.stderr
    assert "no workplace 'restaurant-kitchen'" in rendered.stderr
    assert not (content_copy.parent / "png").exists() or not any(
        (content_copy.parent / "png").iterdir())


@pytest.mark.parametrize("length", [100_000, 1_000_000])
def test_a_huge_narration_is_refused(content_copy: Path, length: int) -> None:
    """Too long for a text field, or (a million characters) too big for a content file."""
    path = content_copy / "occupations" / "koch.yaml"
    block = "      narration:\n        de: >-\n"
    seed(path, block, block + "          " + "x" * length + "\n")
    line = line_of(path, "narration:") + 1
    problems = [str(p) for p in check_content(content_copy).problems_in(path)]
    expected = (f"{path}: file is 1.0 MB; content files may be at most" if length > 1_000_000 - 1
                else f"{path}:{line}:13: tour.stops[0].narration.de: may be at most 2000 "
                     f"characters long, is {str(length)[:3]}")
    assert any(p.startswith(expected) for p in problems), problems
    catalog, _ = load_catalog(content_copy)
    assert set(catalog.occupations) == occupations(content_copy) - {"koch"}


def test_the_finite_check_is_in_the_schema_not_only_the_yaml_reader() -> None:
    """Data from elsewhere than YAML (a test, a tool) gets the same answer."""
    document = parse_yaml_text(Path("languages.yaml"), (CONTENT / "languages.yaml").read_text(
        encoding="utf-8"))
    data: Any = document.data
    data["languages"][0]["analysis"]["wpm_min"] = math.nan
    data["languages"][0]["analysis"]["long_answer_s"] = math.inf
    messages = [p.message for p in check_schema(YamlDocument(
        document.path, data, document.value_positions, document.key_positions), "languages")]
    assert "languages[0].analysis.wpm_min: must be a finite number, not .nan (.nan and .inf " \
           "are not allowed)" in messages
    assert any(m.startswith("languages[0].analysis.long_answer_s: must be") for m in messages)


def _content_schemas() -> Iterator[tuple[str, Any]]:
    names = {*SHARED_FILES.values(), *COLLECTIONS.values(), "common"}
    for entry in resources.files("catalog.schemas").iterdir():
        name = entry.name.removesuffix(".schema.json")
        if name in names:
            yield name, json.loads(entry.read_text(encoding="utf-8"))


def _unbounded(schema: Any, where: str) -> Iterator[str]:
    if isinstance(schema, list):
        for i, item in enumerate(schema):
            yield from _unbounded(item, f"{where}/{i}")
        return
    if not isinstance(schema, dict):
        return
    declared = schema.get("type")
    # A property named "type" (a prop's type) holds a schema, not a type name.
    types = {t for t in (declared if isinstance(declared, list) else [declared])
             if isinstance(t, str)}
    if {"number", "integer"} & types and not (
            {"minimum", "exclusiveMinimum"} & set(schema)
            and {"maximum", "exclusiveMaximum"} & set(schema)):
        yield f"{where}: a number without minimum and maximum"
    if "string" in types and "maxLength" not in schema:
        yield f"{where}: text without maxLength"
    if "array" in types and "maxItems" not in schema:
        yield f"{where}: a list without maxItems"
    for key, value in schema.items():
        yield from _unbounded(value, f"{where}/{key}")


def test_every_number_text_and_list_in_the_content_schemas_is_bounded() -> None:
    found = [problem for name, schema in _content_schemas() for problem in _unbounded(schema, name)]
    assert found == []
