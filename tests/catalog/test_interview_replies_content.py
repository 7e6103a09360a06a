"""The candidate-question topics of content/interview.yaml are checked like the rest of content."""

from __future__ import annotations

from pathlib import Path

from tests.catalog.test_seeded_defects import assert_reported, line_of, reported, seed


def test_an_unknown_fact_in_a_topic_answer_is_reported_at_its_line(content_copy: Path) -> None:
    path = content_copy / "interview.yaml"
    seed(path, '"Zu den Aufgaben gehören zum Beispiel: {tasks}."',
         '"Zu den Aufgaben gehören zum Beispiel: {aufgaben}."')
    assert_reported(reported(content_copy), path, line_of(path, "{aufgaben}"),
                    "unknown placeholder {aufgaben} (allowed here: {certificate}")


def test_a_wording_placeholder_is_checked_and_topic_ids_are_unique(content_copy: Path) -> None:
    path = content_copy / "interview.yaml"
    seed(path, 'duration_years: {de: "{years} Jahre"', 'duration_years: {de: "{jahre} Jahre"')
    seed(path, "    - id: holidays", "    - id: team")
    problems = reported(content_copy)
    assert_reported(problems, path, line_of(path, "{jahre} Jahre"),
                    "unknown placeholder {jahre} (allowed here: {years})")
    assert_reported(problems, path, line_of(path, "- id: team", 2), "duplicate id 'team'")


def test_a_topic_without_english_cues_is_a_missing_translation(content_copy: Path) -> None:
    path = content_copy / "interview.yaml"
    seed(path, "        en: [holiday, holidays, vacation, days off, annual leave]\n", "")
    assert_reported(reported(content_copy), path, line_of(path, "de: [urlaub, urlaubstage"),
                    "missing 'en' translation")
