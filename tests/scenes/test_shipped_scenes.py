"""Every shipped workplace is furnished, within its geometry budget, and every tour stop shows its
hotspots (pure numpy: composed as the station composes them, no Panda3D).

Load time is a budget too; it is measured by bench/scenes.py, not by a timed test.
"""

import math
from functools import cache

import pytest

from catalog import load_catalog
from catalog.model import Occupation, Workplace
from scenes.compose import StaticScene
from scenes.prepared import PreparedScene, prepare_scene
from scenes.views import NEAR_PROP_M, StopHotspots, hotspot_sights, nearest_prop
from tests.conftest import CONTENT

MAX_TRIANGLES = 300_000


@cache
def catalog():
    loaded, problems = load_catalog(CONTENT)
    assert not problems, problems
    return loaded


@cache
def prepared(workplace_id: str) -> PreparedScene:
    return prepare_scene(catalog().workplaces[workplace_id])


WORKPLACES = sorted(catalog().workplaces)
OCCUPATIONS = sorted(catalog().occupations)


def test_every_occupation_has_its_own_workplace_and_the_interview_room_is_shipped():
    used = {catalog().occupations[o].tour.workplace.id for o in OCCUPATIONS}
    assert len(used) == len(OCCUPATIONS) >= 10
    assert set(WORKPLACES) == used | {"interview-office"}


@pytest.mark.parametrize("workplace_id", WORKPLACES)
def test_workplace_is_furnished_lit_and_peopled(workplace_id):
    place: Workplace = catalog().workplaces[workplace_id]
    layout = prepared(workplace_id).layout
    kinds = {p.type for p in layout.props}
    assert len(layout.props) >= 15 and len(kinds) >= 10, "a room a visitor recognises is furnished"
    assert any(p.type in ("door", "roller-door", "dock-door") for p in layout.props), "a way in"
    assert layout.lights, "lit by its own fixtures"
    if layout.interviewer is None:
        assert "person" in kinds, "colleagues at work make a workplace"
    static: StaticScene = prepared(workplace_id).static
    assert 0 < static.triangle_count <= MAX_TRIANGLES
    for anchor_id, position in layout.anchors.items():
        found = nearest_prop(static.footprints, position)
        assert found is not None and found[1] <= NEAR_PROP_M, f"{place.id}: anchor {anchor_id} floats"


@pytest.mark.parametrize("workplace_id", WORKPLACES)
def test_props_stand_inside_the_room_at_human_scale(workplace_id):
    layout = prepared(workplace_id).layout
    room = layout.room
    for fp in prepared(workplace_id).static.footprints:
        prop = layout.props[[p.index for p in layout.props].index(fp.index)]
        assert fp.bottom_m >= -0.01 and fp.top_m <= room.height_m + 0.01, f"{prop.type} through floor/ceiling"
        for corner_x in (-1, 1):
            for corner_y in (-1, 1):
                a = math.radians(fp.heading_deg)
                dx, dy = corner_x * fp.half_size_m[0], corner_y * fp.half_size_m[1]
                x = fp.centre_m[0] + dx * math.cos(a) + dy * math.sin(a)
                y = fp.centre_m[1] - dx * math.sin(a) + dy * math.cos(a)
                assert abs(x) <= room.width_m / 2 + 0.05, (
                    f"{prop.type} at {prop.position_m} pokes through a wall"
                )
                assert abs(y) <= room.depth_m / 2 + 0.05, (
                    f"{prop.type} at {prop.position_m} pokes through a wall"
                )


@pytest.mark.parametrize("occupation_id", OCCUPATIONS)
def test_every_tour_stop_shows_its_hotspots(occupation_id):
    occupation: Occupation = catalog().occupations[occupation_id]
    scene = prepared(occupation.tour.workplace.id)
    stops = [
        StopHotspots(s.id, s.viewpoint.id, [(h.id, h.position) for h in s.hotspots])
        for s in occupation.tour.stops
    ]
    sights = hotspot_sights(scene.layout, scene.static, stops)
    assert len(sights) == sum(len(s.hotspots) for s in occupation.tour.stops) > 0
    problems = [s.problem() for s in sights if s.problem()]
    assert problems == [], f"{occupation_id}: {problems}"
