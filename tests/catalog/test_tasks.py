"""Hands-on tasks as content: one for every occupation, and broken references named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import check_content, default_content_dir, load_catalog
from catalog.model import pick
from catalog.tasks import TaskKind
from catalog.translations import FALLBACK_MARK, is_fallback
from catalog.yaml_loader import load_yaml_file
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


def test_a_task_shows_its_translation_in_arabic_and_leichte_sprache_not_the_german_fallback(
        ) -> None:
    catalog, _ = load_catalog(default_content_dir())
    task = catalog.hands_on["koch"]
    overlays = default_content_dir() / "translations"
    for code in ("ar", "de-x-ls"):
        own = load_yaml_file(overlays / code / "tasks" / "koch.yaml").data
        instruction = pick(task.instruction, code)
        assert instruction == own["instruction"] and not is_fallback(instruction), code
        assert not instruction.startswith(FALLBACK_MARK)
        assert [pick(i.labels, code) for i in task.items] == \
            [own["items"][i.id]["labels"] for i in task.items], code
        assert [pick(i.explanation, code) for i in task.items] == \
            [own["items"][i.id]["explanation"] for i in task.items], code
        assert [pick(t.labels, code) for t in task.targets] == \
            [own["targets"][t.id]["labels"] for t in task.targets], code
        assert list(pick(task.hints, code)) == own["hints"], code
        assert pick(task.done, code) == own["done"] and pick(task.time_up, code) == own["time_up"]
    assert pick(task.items[0].labels, "ar") == "حليب"
    assert pick(task.targets[0].labels, "de-x-ls") == "Kühl·raum"
    # Every shipped task is translated in every overlay language: no text shows in German.
    for occupation_id, each in catalog.hands_on.items():
        for code in ("uk", "ru", "ar", "tr", "de-x-ls"):
            texts = [pick(each.titles, code), pick(each.instruction, code), *pick(each.hints, code),
                     pick(each.done, code), pick(each.time_up, code),
                     *(pick(i.labels, code) for i in each.items),
                     *(pick(i.explanation, code) for i in each.items),
                     *(pick(t.labels, code) for t in each.targets)]
            assert not [t for t in texts if is_fallback(t)], (occupation_id, code)


def test_a_task_without_its_overlay_shows_german_marked_never_silently(content_copy: Path) -> None:
    for code in ("uk", "ar", "de-x-ls"):
        (content_copy / "translations" / code / "tasks" / "koch.yaml").unlink()
    catalog, _ = load_catalog(content_copy)
    task = catalog.hands_on["koch"]
    for code in ("uk", "ar", "de-x-ls"):
        instruction = pick(task.instruction, code)
        assert is_fallback(instruction) and instruction.unmarked == task.instruction["de"]
        assert all(is_fallback(label) for item in task.items for label in [pick(item.labels, code)])
        assert all(is_fallback(hint) for hint in pick(task.hints, code))
    assert not is_fallback(pick(task.instruction, "en"))
    assert not is_fallback(pick(task.instruction, "ru"))
    missing = {m.where for m in catalog.coverage["ar"].missing if m.path.name == "koch.yaml"}
    assert {"instruction", "items.milk.labels", "targets.cold-room.labels"} <= missing


@pytest.mark.parametrize(("old", "new", "needle", "fragment"), [
    ("  milk:\n", "  oat-milk:\n", "oat-milk:", "items.oat-milk: unknown key 'oat-milk'"),
    ("  dry-store:\n", "  pantry:\n", "pantry:", "targets.pantry: unknown key 'pantry'"),
    ("hints:\n", "hints: ما يوضع في السوبرماركت\n", "hints:",
     "should be a list of 2 texts like the German one"),
    # The parser notices the unclosed list on the next line.
    ("titles: تخزين الشحنة", "titles: [تخزين الشحنة", "instruction:", "YAML syntax error"),
])
def test_a_broken_task_overlay_is_reported_at_its_line_and_the_task_falls_back_to_german(
        content_copy: Path, old: str, new: str, needle: str, fragment: str) -> None:
    path = content_copy / "translations" / "ar" / "tasks" / "koch.yaml"
    seed(path, old, new)
    assert_reported(reported(content_copy), path, line_of(path, needle), fragment)
    catalog, _ = load_catalog(content_copy)
    task = catalog.hands_on["koch"]
    assert is_fallback(pick(task.instruction, "ar"))
    assert is_fallback(pick(task.items[0].labels, "ar"))
    assert not is_fallback(pick(task.instruction, "uk")), "other languages keep their overlay"
