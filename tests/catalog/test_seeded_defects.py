"""Every defect seeded into a copy of the shipped content is reported with its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalog import check_content, load_catalog
from catalog.problems import ContentError


def seed(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"seed text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines, start=1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in {path.name}"
    return hits[occurrence - 1]


def reported(content: Path) -> list[str]:
    return [str(p) for p in check_content(content).problems]


def assert_reported(problems: list[str], path: Path, line: int, fragment: str) -> None:
    pattern = re.compile(rf"{re.escape(str(path))}:{line}:\d+: .*{re.escape(fragment)}")
    assert any(pattern.search(p) for p in problems), \
        f"expected {path.name}:{line} ... {fragment!r} in:\n" + "\n".join(problems)


SEEDS = [
    # (file, old text, new text, line needle, expected message fragment)
    ("occupations/koch.yaml", "hotspots: [knife-skills]", "hotspots: [knife-skill]",
     "hotspots: [knife-skill]", "no hotspot 'knife-skill' in tour.hotspots"),
    ("occupations/koch.yaml", "viewpoint: pass", "viewpoint: passage",
     "viewpoint: passage", "has no viewpoint 'passage'"),
    ("occupations/koch.yaml", "anchor: combi-steamer", "anchor: steamer",
     "anchor: steamer", "has no anchor 'steamer'"),
    ("occupations/koch.yaml", "summary:", "sumary:", "sumary:", "unknown field 'sumary'"),
    ("occupations/koch.yaml", "duration_months: 36", "duration_months: drei",
     "duration_months: drei", "should be a whole number, not the text 'drei'"),
    ("occupations/koch.yaml", "kind: dual", "kind: apprenticeship", "kind: apprenticeship",
     "'apprenticeship' is not one of: dual, school, university"),
    ("occupations/koch.yaml", "- id: behaviour-conflict", "- id: behaviour-mistake  # seeded",
     "- id: behaviour-mistake  # seeded", "duplicate id 'behaviour-mistake' (first at line"),
    ("occupations/koch.yaml", "titles: {de: Am Pass, en: At the pass}", "titles: {de: Am Pass}",
     "titles: {de: Am Pass}", "missing 'en' translation"),
    ("occupations/koch.yaml", "titles: {de: Lager und Hygiene, en: Storage and hygiene}",
     "titles: {de: Lager und Hygiene, en: Storage and hygiene, fr: Stockage}",
     "fr: Stockage", "language 'fr' is not declared in languages.yaml"),
    ("occupations/koch.yaml", "    min_eur: 2170", "    min_eur: 9170", "min_eur: 9170",
     "min_eur (9170) is above max_eur (3070)"),
    ("occupations/koch.yaml", "titles: {de: Mise en place, en: Mise en place}",
     "titles: {de: Mise en place, en: yes}", "en: yes}", "put the text in quotes"),
    # A strong-answer point needs cues in every content-required language, and cues widen only
    # on purpose.
    ("occupations/koch.yaml",
     '            en: [mistake, wrong, forgot, forgotten, mixed up, my fault, "admit*", happened, '
     'error, messed up, overlooked]\n', "", "de: [fehler, falsch, vergessen",
     "missing 'en' translation"),
    ("occupations/koch.yaml", "de: [hände, händewaschen", "de: [Hände, händewaschen",
     "[Hände, händewaschen", "'Hände' must be lower case"),
    ("occupations/koch.yaml", "[unsure, not sure, doubt,", '[unsure, not sure, "do*",', '"do*"',
     "'do*' needs at least 4 letters"),
    ("occupations/koch.yaml", 'de: [gelernt, lehre, seitdem', 'de: ["@lesson", gelernt, lehre, seitdem',
     '"@lesson"', "'@lesson' names no cue list"),
    ("workplaces/restaurant-kitchen.yaml", "{id: storage, position: [-0.3, -1.6]",
     "{id: storage, position: [-8.4, -1.6]", "id: storage", "lies outside the room"),
]


@pytest.mark.parametrize(("file", "old", "new", "needle", "fragment"), SEEDS,
                         ids=[s[4][:40] for s in SEEDS])
def test_seeded_defect_is_reported_at_its_line(content_copy: Path, file: str, old: str, new: str,
                                               needle: str, fragment: str) -> None:
    path = content_copy / file
    seed(path, old, new)
    assert_reported(reported(content_copy), path, line_of(path, needle), fragment)


def test_all_seeds_at_once_are_all_reported(content_copy: Path) -> None:
    for file, old, new, _, _ in SEEDS:
        seed(content_copy / file, old, new)
    problems = reported(content_copy)
    for file, _, _, needle, fragment in SEEDS:
        path = content_copy / file
        assert_reported(problems, path, line_of(path, needle), fragment)


def test_comma_inside_a_flow_mapping_of_a_point_is_caught(content_copy: Path) -> None:
    """Written on one line, a point's comma splits it into a stray key: reported, not swallowed."""
    path = content_copy / "occupations/koch.yaml"
    seed(path, "        - point:\n            de: ein Dank für die Einladung, mit Blickkontakt\n"
               "            en: thanks for the invitation, with eye contact\n",
         "        - point: {de: ein Dank für die Einladung, mit Blickkontakt, "
         "en: thanks for the invitation}\n")
    assert_reported(reported(content_copy), path, line_of(path, "point: {de: ein Dank"),
                    "language 'mit Blickkontakt' is not declared")


def test_id_must_match_file_name(content_copy: Path) -> None:
    path = content_copy / "occupations/koch.yaml"
    path.rename(content_copy / "occupations/chef.yaml")
    assert_reported(reported(content_copy), content_copy / "occupations/chef.yaml",
                    line_of(content_copy / "occupations/chef.yaml", "id: koch"),
                    "must match the file name ('chef.yaml')")


def test_missing_workplace_file(content_copy: Path) -> None:
    (content_copy / "workplaces/restaurant-kitchen.yaml").unlink()
    path = content_copy / "occupations/koch.yaml"
    assert_reported(reported(content_copy), path, line_of(path, "workplace: restaurant-kitchen"),
                    "expected workplaces/restaurant-kitchen.yaml")


def test_phase_without_question(content_copy: Path) -> None:
    path = content_copy / "occupations/koch.yaml"
    text = path.read_text(encoding="utf-8").replace("phase: closing", "phase: occupation_specific")
    path.write_text(text, encoding="utf-8")
    assert "no question for phase 'closing'" in "\n".join(reported(content_copy))


def test_misnamed_and_stray_files(content_copy: Path) -> None:
    (content_copy / "occupations/baecker.yml").write_text("id: baecker\n", encoding="utf-8")
    (content_copy / "langauges.yaml").write_text("default: de\n", encoding="utf-8")
    problems = "\n".join(reported(content_copy))
    assert "baecker.yml: rename to .yaml" in problems
    assert "langauges.yaml: not a known content file" in problems


def test_editor_leftovers_are_ignored(content_copy: Path) -> None:
    (content_copy / "occupations/.koch.yaml.swp").write_bytes(b"\x00binary")
    (content_copy / "occupations/koch.yaml~").write_text("broken: [", encoding="utf-8")
    assert reported(content_copy) == []


def test_station_skips_a_broken_occupation_and_keeps_the_rest(content_copy: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    good = (content_copy / "occupations/koch.yaml").read_text(encoding="utf-8")
    (content_copy / "occupations/koch-zwei.yaml").write_text(
        good.replace("id: koch\n", "id: koch-zwei\n", 1), encoding="utf-8")
    seed(content_copy / "occupations/koch.yaml", "kind: dual", "kind: [")
    catalog, skipped = load_catalog(content_copy)
    assert "koch-zwei" in catalog.occupations and "koch" not in catalog.occupations
    assert any(p.path.name == "koch.yaml" for p in skipped)
    assert "content skipped" in caplog.text and "koch.yaml" in caplog.text


def test_broken_shared_file_stops_the_catalog_with_its_line(content_copy: Path) -> None:
    seed(content_copy / "languages.yaml", "default: de", "default: [de")
    with pytest.raises(ContentError) as caught:
        load_catalog(content_copy)
    assert caught.value.problems[0].path.name == "languages.yaml"
    assert caught.value.problems[0].line is not None
