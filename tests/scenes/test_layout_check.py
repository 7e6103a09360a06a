"""Staff see layout mistakes as FILE:LINE:COL: message, through the content check with the
scenes' checks, as ``vr-station content validate`` runs it."""

from pathlib import Path

import pytest

from catalog import check_content
from scenes.content_checks import CONTENT_CHECKS

ROOM = """\
schema_version: 1
id: check-room
titles: {de: Prüfraum, en: Check room}
room:
  width_m: 6
  depth_m: 5
  height_m: 3
  floor: {material: tiles, color: "#8e4b36"}
viewpoints:
  - {id: door, position: [0, -2], heading_deg: 0}
anchors: []
props:
  - {type: stove, position: [-1, 2.05]}
  - {type: extractor-hood, position: [-1, 2.0, 2.0], options: {width_m: 2.0}}
  - {type: trash-bin, position: [2, -2], options: {color: "#2f5f9e"}}
lights:
  - {type: panel, position: [0, 0]}
"""


@pytest.fixture
def room(content_copy: Path) -> Path:
    path = content_copy / "workplaces" / "check-room.yaml"
    path.write_text(ROOM, encoding="utf-8")
    return path


def problems_after(path: Path, old: str, new: str) -> list[str]:
    """The problems in ``path`` after replacing ``old`` with ``new`` in it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    root = path.parent if path.name == "personas.yaml" else path.parent.parent
    check = check_content(root, extra_checks=CONTENT_CHECKS)
    return [str(p) for p in check.problems if p.path.name == path.name]


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_valid_room_has_no_problems(room):
    assert problems_after(room, "id: check-room", "id: check-room") == []


def test_unknown_prop_type_names_the_line_and_lists_known_types(room):
    (problem,) = problems_after(room, "{type: stove,", "{type: stvoe,")
    assert f"check-room.yaml:{line_of(room, 'stvoe')}:" in problem
    assert "props[0].type: unknown prop type 'stvoe'" in problem
    assert "did you mean 'stove'?" in problem
    assert "known types:" in problem and "combi-steamer" in problem and "hospital-bed" in problem


def test_option_mistakes_are_explained(room):
    found = problems_after(room, "options: {width_m: 2.0}", "options: {width_m: 40, colour: red}")
    assert any("props[1].options.width_m: must be at most 8, not 40" in p for p in found)
    assert any("extractor-hood has no option 'colour' (its options: width_m" in p for p in found)


def test_unknown_colour_suggests_a_name(room):
    (problem,) = problems_after(room, 'color: "#2f5f9e"', "color: bleu")
    assert "props[2].options.color: 'bleu' is not a colour (did you mean 'blue'?)" in problem


def test_viewpoint_inside_a_counter_is_reported(room):
    found = problems_after(room, "{id: door, position: [0, -2]", "{id: door, position: [-1, 2.0]")
    assert any("viewpoint 'door' puts the visitor inside props[0] (stove)" in p for p in found)


def test_prop_outside_the_room_and_unknown_fields(room):
    found = problems_after(
        room, "{type: trash-bin, position: [2, -2],", "{type: trash-bin, position: [2, -9], rotation: 3,"
    )
    assert any(
        "unknown field 'rotation' (allowed: heading_deg, note, options, position, repeat, scale, type)" in p
        for p in found
    )
    found = problems_after(room, "rotation: 3", "heading_deg: 3")
    assert any("props[2].position: [2, -9] lies outside the room" in p for p in found)


def test_surface_material_and_light_colour_must_be_known(room):
    found = problems_after(room, "floor: {material: tiles,", "floor: {material: marble,")
    assert any("room.floor.material: 'marble' is not one of: tiles, paint" in p for p in found)
    assert problems_after(room, "floor: {material: marble,", "floor: {material: tiles,") == []
    found = problems_after(
        room, "{type: panel, position: [0, 0]}", "{type: panel, position: [0, 0], color: amber}"
    )
    assert any(
        "lights[0].color: 'amber' is not a light colour: write warm, neutral, cool, daylight" in p
        for p in found
    )


def test_persona_look_must_exist(content_copy):
    path = content_copy / "personas.yaml"
    (problem,) = problems_after(path, "look: b", "look: z")
    assert "personas.yaml:" in problem and "no interviewer look 'z' (known: a (" in problem


def test_occupation_with_a_broken_layout_waits_for_it(content_copy):
    kitchen = content_copy / "workplaces" / "restaurant-kitchen.yaml"
    problems_after(kitchen, "{type: deep-fryer,", "{type: deep-friar,")
    check = check_content(content_copy, extra_checks=CONTENT_CHECKS)
    found = [str(p) for p in check.problems if p.path.name == "koch.yaml"]
    assert any(
        "'restaurant-kitchen' cannot be used until workplaces/restaurant-kitchen.yaml is fixed" in p
        for p in found
    )


def test_an_anchor_floating_away_from_every_prop_is_reported_at_its_line(room):
    anchors = "anchors:\n  - {id: hob, position: [-1, 1.9, 1.0]}\n  - {id: nowhere, position: [0, 0, 2.5]}\n"
    (problem,) = problems_after(room, "anchors: []\n", anchors)
    assert f"check-room.yaml:{line_of(room, 'nowhere')}:" in problem
    assert "anchors[1].position: anchor 'nowhere' floats" in problem
    assert "(props[" in problem and "put it on what its hotspot explains" in problem


def test_anchors_of_a_room_without_props_are_not_checked_yet(room):
    text = room.read_text(encoding="utf-8")
    draft = text[: text.index("props:")] + "lights:\n  - {type: panel, position: [0, 0]}\n"
    room.write_text(draft, encoding="utf-8")
    assert problems_after(room, "anchors: []\n", "anchors:\n  - {id: later, position: [0, 0, 2.5]}\n") == []
