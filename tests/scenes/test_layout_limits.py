"""The layout check bounds its own work and checks every copy a ``repeat`` places (issue 18)."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

from catalog import check_content, load_catalog
from catalog.yaml_loader import parse_yaml_text
from scenes.content_checks import CONTENT_CHECKS
from scenes.layout_check import MAX_PROPS_PER_ROOM, MAX_REPEAT_COUNT, layout_problems
from tests.catalog.test_seeded_defects import line_of, seed

KITCHEN = "workplaces/restaurant-kitchen.yaml"
STOVE = "{type: stove, position: [-1.05, 3.55]}"


def problems_in(content: Path, path: Path) -> list[str]:
    return [str(p) for p in check_content(content, extra_checks=CONTENT_CHECKS).problems_in(path)]


def test_a_million_copies_are_refused_before_any_is_laid_out(content_copy: Path) -> None:
    """The measured case took 96 s and 935 MB: every copy was laid out after the schema said no."""
    path = content_copy / KITCHEN
    seed(path, STOVE, "{type: stove, position: [-1.05, 3.55], "
                      "repeat: {count: 1000000, step_m: [0.1, 0]}}")
    document = parse_yaml_text(path, path.read_text(encoding="utf-8"))
    started = time.process_time()
    assert list(layout_problems(document)) == []  # the schema's to report, below
    # CPU seconds, generous for a busy 2-core machine: laying out the 46 real props takes ~0.3 s.
    assert time.process_time() - started < 5.0
    line = line_of(path, "count: 1000000")
    assert any(p.startswith(f"{path}:{line}:") and "props[3].repeat.count: must be at most 100, "
               "not 1000000" in p for p in problems_in(content_copy, path))


def test_the_repeat_maximum_is_the_schemas() -> None:
    schema = json.loads(resources.files("catalog.schemas").joinpath(
        "workplace.schema.json").read_text(encoding="utf-8"))
    count = schema["$defs"]["prop"]["properties"]["repeat"]["properties"]["count"]
    assert count["maximum"] == MAX_REPEAT_COUNT
    assert schema["properties"]["props"]["maxItems"] == MAX_PROPS_PER_ROOM


def test_too_many_props_in_one_room_is_a_problem_at_props(content_copy: Path) -> None:
    path = content_copy / KITCHEN
    # Four rows of 80 stoves stacked in one place: each count is allowed, the total is not.
    rows = "".join("  - {type: trash-bin, position: [0, 0], repeat: {count: 80, step_m: [0, 0]}}\n"
                   for _ in range(4))
    seed(path, "props:\n", "props:\n" + rows)
    found = problems_in(content_copy, path)
    line = line_of(path, "props:")
    placed = 4 * 80 + 46
    assert f"{path}:{line + 1}:3: props: the room places {placed} props (repeats counted); at " \
           f"most {MAX_PROPS_PER_ROOM} keep the station's start and frame rate within bounds" \
           in found, found
    catalog, _ = load_catalog(content_copy, extra_checks=CONTENT_CHECKS)
    assert "restaurant-kitchen" not in catalog.workplaces and "koch" not in catalog.occupations
    assert "tischler" in catalog.occupations


def test_copies_a_repeat_places_outside_the_room_are_reported(content_copy: Path) -> None:
    path = content_copy / KITCHEN
    seed(path, STOVE, "{type: stove, position: [3.05, 3.55], repeat: {count: 5, step_m: [0.8, 0]}}")
    line = line_of(path, "repeat: {count: 5")
    found = problems_in(content_copy, path)
    assert any(p.startswith(f"{path}:{line}:") and p.endswith(
        "props[3].repeat: copy 4 of 5 at [5.45, 3.55] lies outside the room (10 × 8 × 3.2 m, "
        "origin at the centre of the floor)") for p in found), found


def test_a_nan_prop_option_is_refused(content_copy: Path) -> None:
    path = content_copy / KITCHEN
    seed(path, "{type: work-table, position: [-3.15, 3.65], options: {width_m: 1.0}}",
         "{type: work-table, position: [-3.15, 3.65], options: {width_m: .nan}}")
    line = line_of(path, "width_m: .nan")
    assert any(p.startswith(f"{path}:{line}:") and p.endswith(
        "props[0].options.width_m: must be a finite number, not nan")
        for p in problems_in(content_copy, path))
