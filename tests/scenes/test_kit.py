"""Every prop in the kit builds with its defaults, stays small, and checks its options."""

import re

import numpy as np
import pytest

from scenes.kit import PROP_TYPES, prop_type
from scenes.materials import COLOURS, MATERIALS

NAME = re.compile(r"^[a-z][a-z0-9-]*$")
MAX_TRIANGLES_PER_PROP = 12_000
"""A furnished room holds a hundred props or more within 300k triangles."""


@pytest.mark.parametrize("name", sorted(PROP_TYPES))
def test_prop_builds_with_defaults_within_its_triangle_budget(name):
    prop = PROP_TYPES[name]
    assert NAME.match(name), "prop types are named like content ids (kebab-case)"
    assert prop.title_de and prop.description
    mesh = prop.build()
    assert 0 < mesh.triangle_count <= MAX_TRIANGLES_PER_PROP
    lo, hi = mesh.bounds()
    assert all(np.isfinite(lo)) and all(np.isfinite(hi))
    assert max(h - low for h, low in zip(hi, lo, strict=True)) < 12.0, "props are human-scale, in metres"
    for part in (mesh.opaque, mesh.clear):
        assert np.all(part.colours[:, :3] >= 0) and np.all(part.colours[:, :3] <= 1)
        assert np.allclose(np.linalg.norm(part.normals, axis=1), 1.0, atol=1e-3)


@pytest.mark.parametrize("name", sorted(PROP_TYPES))
def test_every_option_default_fits_its_own_rule(name):
    for spec in PROP_TYPES[name].options.values():
        assert spec.problem(spec.default) is None, f"{name}.{spec.name} default {spec.default!r}"


def test_kit_covers_the_workplaces_of_the_shipped_and_planned_occupations():
    wanted = {
        "stove",
        "combi-steamer",
        "work-table",
        "pass",
        "fridge",
        "sink",
        "dishwasher",
        "desk",
        "office-chair",
        "monitor",
        "computer",
        "chair",
        "cabinet",
        "shelf",
        "door",
        "window",
        "plant",
        "table",
    }
    assert wanted <= set(PROP_TYPES)


def test_options_are_checked_with_a_reason():
    stove = prop_type("stove")
    with pytest.raises(ValueError, match=r"at most 1\.6"):
        stove.build({"width_m": 3.0})
    with pytest.raises(ValueError, match="unknown option 'colour'"):
        stove.build({"colour": "red"})
    with pytest.raises(ValueError, match="not one of: induction, gas"):
        stove.build({"top": "coal"})
    with pytest.raises(KeyError, match=r"known:.*stove"):
        prop_type("stvoe")


def test_options_change_the_prop():
    narrow = prop_type("work-table").build({"width_m": 1.0})
    wide = prop_type("work-table").build({"width_m": 2.0})
    assert wide.bounds()[1][0] - wide.bounds()[0][0] > narrow.bounds()[1][0] - narrow.bounds()[0][0] + 0.9
    red = prop_type("chair").build({"color": "#ff0000"})
    assert (red.opaque.colours[:, 0] > 0.9).any()


def test_colour_and_material_names_are_documented_values():
    option = next(o for o in prop_type("table").options.values() if o.kind == "material")
    assert option.problem("oak-ish") is not None and "known:" in option.problem("oak-ish")
    assert option.problem("wood") is None
    assert set(MATERIALS) and "stainless" in COLOURS


def test_staff_reference_lists_every_prop_with_its_options(capsys):
    from scenes.kit.__main__ import main

    assert main([]) == 0
    text = capsys.readouterr().out
    for name in PROP_TYPES:
        assert f"\n{name}  (" in f"\n{text}"
    assert "options.pots: pots and pans on the zones (boolean; default true)" in text
    assert main(["stvoe"]) == 2
    assert "unknown prop type(s): stvoe" in capsys.readouterr().err
