"""Staff see layout mistakes as FILE:LINE:COL: message, through the normal content check."""

from pathlib import Path

from vr_station.content import check_content

KITCHEN = "workplaces/restaurant-kitchen.yaml"


def problems_after(content: Path, old: str, new: str, file: str = KITCHEN) -> list[str]:
    """The problems in ``file`` after replacing ``old`` with ``new`` in it."""
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in check_content(content).problems if p.path.name == path.name]


def line_of(content: Path, needle: str, file: str = KITCHEN) -> int:
    lines = (content / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_unknown_prop_type_names_the_line_and_lists_known_types(content_copy):
    found = problems_after(content_copy, "{type: deep-fryer,", "{type: deep-friar,")
    (problem,) = found
    assert f"restaurant-kitchen.yaml:{line_of(content_copy, 'deep-friar')}:" in problem
    assert "unknown prop type 'deep-friar'" in problem
    assert "did you mean 'deep-fryer'?" in problem
    assert "known types:" in problem and "combi-steamer" in problem


def test_option_mistakes_are_explained(content_copy):
    found = problems_after(content_copy, "options: {width_m: 4.8}", "options: {width_m: 40, colour: red}")
    assert any("props[9].options.width_m: must be at most 8, not 40" in p for p in found)
    assert any("extractor-hood has no option 'colour' (its options: width_m" in p for p in found)


def test_unknown_colour_suggests_a_name(content_copy):
    found = problems_after(content_copy, 'color: "#2f5f9e"', "color: bleu")
    (problem,) = found
    assert "'bleu' is not a colour (did you mean 'blue'?)" in problem


def test_viewpoint_inside_a_counter_is_reported(content_copy):
    found = problems_after(content_copy, "{id: line, position: [0.4, 1.9]", "{id: line, position: [0.0, 3.5]")
    assert any("viewpoint 'line' puts the visitor inside props[4] (work-table)" in p for p in found)


def test_prop_outside_the_room_and_unknown_fields(content_copy):
    found = problems_after(
        content_copy,
        "{type: trash-bin, position: [1.2, -3.6]}",
        "{type: trash-bin, position: [1.2, -9.6], rotation: 3}",
    )
    assert any(
        "unknown field 'rotation' (allowed: heading_deg, note, options, position, repeat, scale, type)" in p
        for p in found
    )
    found = problems_after(content_copy, "rotation: 3", "heading_deg: 3")
    assert any("props[29].position: [1.2, -9.6] lies outside the room" in p for p in found)


def test_surface_material_must_be_known(content_copy):
    found = problems_after(content_copy, "floor: {material: tiles,", "floor: {material: marble,")
    assert any("room.floor.material: 'marble' is not one of: tiles, paint" in p for p in found)


def test_persona_look_must_exist(content_copy):
    found = problems_after(content_copy, "look: b", "look: z", file="personas.yaml")
    (problem,) = found
    assert "personas.yaml:" in problem and "no interviewer look 'z' (known: a (" in problem


def test_occupation_with_a_broken_layout_waits_for_it(content_copy):
    problems_after(content_copy, "{type: deep-fryer,", "{type: deep-friar,")
    found = [str(p) for p in check_content(content_copy).problems if p.path.name == "koch.yaml"]
    assert any(
        "'restaurant-kitchen' cannot be used until workplaces/restaurant-kitchen.yaml is fixed" in p
        for p in found
    )
