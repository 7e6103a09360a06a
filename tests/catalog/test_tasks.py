"""Hands-on tasks as content: one for every occupation, and broken references named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import check_content, default_content_dir, load_catalog
from catalog.model import pick
from catalog.tasks import TaskKind
from catalog.translations import is_fallback
from tests.catalog.test_seeded_defects import assert_reported, line_of, reported, seed


def test_every_shipped_occupation_has_a_valid_task_at_one_of_its_tour_stops() -> None:
    catalog, problems = load_catalog(default_content_dir())
    assert [p for p in problems if "tasks/" in str(p.path)] == []
    assert set(catalog.hands_on) == set(catalog.occupations)
    for occupation_id, task in catalog.hands_on.items():
        stops = {s.id for s in catalog.occupations[occupation_id].tour.stops}
        assert task.stop_id in stops
    assert {t.kind for t in catalog.hands_on.values()} == set(TaskKind), "every kind is shipped"


@pytest.mark.parametrize(("file", "old", "new", "needle", "fragment"), [
    ("tasks/koch.yaml", "place: dry-store", "place: pantry", "place: pantry",
     "no target 'pantry' in targets"),
    ("tasks/koch.yaml", "anchor: cold-room\n  - id: dry-store", "anchor: cold-store\n  - id: dry-store",
     "anchor: cold-store", "workplace 'restaurant-kitchen' has no anchor 'cold-store'"),
    ("tasks/koch.yaml", "stop: storage-and-hygiene", "stop: storage", "stop: storage",
     "the tour of 'koch' has no stop 'storage'"),
    ("tasks/elektroniker.yaml", "anchor: lockout-sign", "anchor: padlock", "anchor: padlock",
     "workplace 'electrical-site' has no anchor 'padlock'"),
    ("tasks/tischler.yaml", "  - id: chisel", "  - id: dovetails  # seeded", "# seeded",
     "duplicate id 'dovetails'"),
    ("tasks/erzieher.yaml", "kind: choose", "kind: hunt", "kind: hunt", "not one of"),
    ("tasks/koch.yaml", "occupation: koch", "occupation: baecker", "occupation: baecker",
     "must match the file name"),
])
def test_a_broken_task_is_reported_with_file_and_line(content_copy: Path, file: str, old: str,
                                                      new: str, needle: str, fragment: str) -> None:
    path = content_copy / file
    seed(path, old, new)
    assert_reported(reported(content_copy), path, line_of(path, needle), fragment)


def test_a_task_text_over_its_length_limit_is_reported(content_copy: Path) -> None:
    path = content_copy / "tasks" / "koch.yaml"
    seed(path, "labels: {de: Milch, en: Milk}", "labels: {de: " + "Milch" * 12 + ", en: Milk}")
    assert_reported(reported(content_copy), path, line_of(path, "MilchMilch"), "at most 48")


def test_a_broken_task_is_left_out_and_the_occupation_stays(content_copy: Path) -> None:
    seed(content_copy / "tasks" / "koch.yaml", "place: dry-store", "place: pantry")
    catalog, _ = load_catalog(content_copy)
    assert "koch" in catalog.occupations and "koch" not in catalog.hands_on


def test_a_stray_task_file_without_its_occupation_is_reported(content_copy: Path) -> None:
    stray = content_copy / "tasks" / "baecker.yaml"
    stray.write_text((content_copy / "tasks" / "koch.yaml").read_text(encoding="utf-8")
                     .replace("occupation: koch", "occupation: baecker"), encoding="utf-8")
    assert any("no occupations/baecker.yaml" in p for p in reported(content_copy))
    assert check_content(content_copy).problems_in(stray)


def test_a_task_in_a_language_without_its_translation_shows_german_marked_never_silently():
    catalog, _ = load_catalog(default_content_dir())
    task = catalog.hands_on["koch"]
    for code in ("uk", "ar", "de-x-ls"):
        instruction = pick(task.instruction, code)
        assert is_fallback(instruction) and instruction.unmarked == task.instruction["de"]
        assert all(is_fallback(label) for item in task.items for label in [pick(item.labels, code)])
        assert all(is_fallback(hint) for hint in pick(task.hints, code))
    assert not is_fallback(pick(task.instruction, "en"))
