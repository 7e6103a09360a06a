"""The sight check: whether a tour stop shows its hotspots (pure numpy, no Panda3D)."""

import pytest

from scenes.compose import compose
from scenes.layout import parse_layout
from scenes.views import StopHotspots, distance_to_footprint_m, hotspot_sights, nearest_prop
from tests.scenes.conftest import workplace_data


def sights(props, hotspots, viewpoint=None):
    """Sights of the hotspots from one stop in a 6 × 5 m room (viewpoint 'middle' at (0, -1.5))."""
    data = workplace_data(props=props)
    if viewpoint is not None:
        data["viewpoints"] = [viewpoint]
    layout = parse_layout(data)
    stop = StopHotspots("stop", data["viewpoints"][0]["id"], list(hotspots.items()))
    return {s.hotspot_id: s for s in hotspot_sights(layout, compose(layout), [stop])}


def test_a_hotspot_ahead_is_in_plain_view():
    (sight,) = sights([], {"ahead": (0.5, 2.0, 1.2)}).values()
    assert sight.problem() is None
    assert sight.off_heading_deg == pytest.approx(8.13, abs=0.01)
    assert sight.elevation_deg < 0 and sight.hidden_at_m is None


def test_a_hotspot_beside_or_behind_the_visitor_is_reported_with_its_angle():
    found = sights([], {"left": (-2.9, -1.2, 1.2), "behind": (0.3, -2.4, 1.6)})
    assert "lies 84° to the left of the heading" in found["left"].problem()
    assert "to the right of the heading" in found["behind"].problem()


def test_a_hotspot_at_the_visitors_feet_or_far_away_is_reported():
    found = sights([], {"feet": (0.0, -1.0, 0.0)})
    assert "from eye level" in found["feet"].problem()
    far = sights(
        [],
        {"far": (0.0, 2.4, 1.5)},
        viewpoint={"id": "door", "position": [0.0, -2.4], "heading_deg": 0},
    )
    assert far["far"].problem() is None, "4.8 m is near enough"


def test_a_cupboard_in_the_way_hides_a_hotspot_but_glass_does_not():
    cupboard = {"type": "cabinet", "position": [0.0, 0.0], "options": {"height_m": 2.0, "width_m": 1.2}}
    hidden = sights([cupboard], {"behind-cupboard": (0.0, 2.0, 1.0)})["behind-cupboard"]
    assert hidden.hidden_at_m == pytest.approx(1.3, abs=0.1)
    assert "hidden by something 1.3 m in front of the eye" in hidden.problem()
    glass = {
        "type": "partition-wall",
        "position": [0.0, 0.0],
        "options": {"style": "glass", "length_m": 2.0, "panes": 1},
    }
    assert sights([glass], {"behind-glass": (0.3, 2.0, 1.0)})["behind-glass"].problem() is None


def test_a_hotspot_on_the_thing_it_explains_is_not_hidden_by_that_thing():
    cupboard = {"type": "cabinet", "position": [0.0, 0.0], "options": {"height_m": 2.0}}
    front = sights([cupboard], {"front": (0.0, -0.2, 1.0)})["front"]
    assert front.problem() is None


def test_distance_to_a_props_outline_and_the_nearest_prop():
    layout = parse_layout(
        workplace_data(
            props=[
                {"type": "cabinet", "position": [-2.0, 1.5], "heading_deg": 90},
                {"type": "cabinet", "position": [2.0, 1.5], "options": {"height_m": 1.0}},
            ]
        )
    )
    left, right = compose(layout).footprints
    assert distance_to_footprint_m(left, (-2.0, 1.5, 1.0)) == 0.0
    assert distance_to_footprint_m(right, (2.0, 1.5, 1.5)) == pytest.approx(0.5)
    assert nearest_prop([left, right], (1.0, 1.5, 0.5)) == (1, pytest.approx(0.6))
    assert nearest_prop([], (0.0, 0.0, 0.0)) is None
