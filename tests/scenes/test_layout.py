"""A workplace document becomes a typed layout: defaults filled in, repeats expanded."""

import pytest

from scenes.layout import EYE_HEIGHT_SEATED_M, EYE_HEIGHT_STANDING_M, parse_layout
from tests.scenes.conftest import workplace_data


def test_bare_room_gets_surfaces_and_ceiling_lights():
    layout = parse_layout(workplace_data())
    assert layout.room.floor.material == "tiles"
    assert layout.room.walls.material == "paint"
    assert layout.room.wall_lower is None
    assert layout.props == ()
    assert len(layout.lights) >= 4, "a room without lights in its file is still lit"
    assert all(light.position_m[2] == pytest.approx(3.0) for light in layout.lights)


def test_props_repeat_and_keep_their_index_for_messages():
    layout = parse_layout(
        workplace_data(
            props=[
                {"type": "chair", "position": [0, 0]},
                {
                    "type": "chair",
                    "position": [-1, 1, 0.2],
                    "heading_deg": 90,
                    "scale": [1, 2, 1],
                    "repeat": {"count": 3, "step_m": [0.5, 0]},
                    "options": {"color": "red"},
                },
            ]
        )
    )
    assert [p.index for p in layout.props] == [0, 1, 1, 1]
    assert [p.position_m for p in layout.props[1:]] == [(-1, 1, 0.2), (-0.5, 1, 0.2), (0, 1, 0.2)]
    assert layout.props[1].scale == (1, 2, 1)
    assert layout.props[1].options == {"color": "red"}


def test_viewpoints_know_their_eye_height_and_lights_their_colour():
    layout = parse_layout(
        workplace_data(
            viewpoints=[
                {"id": "stand", "position": [0, 0], "heading_deg": 0},
                {"id": "sit", "position": [1, 0], "heading_deg": 90, "posture": "seated"},
            ],
            lights=[{"type": "pendant", "position": [0, 0], "color": "warm", "brightness": 0.5}],
            interviewer={"position": [0, 1], "heading_deg": 180},
        )
    )
    assert layout.viewpoints["stand"].eye_height_m == EYE_HEIGHT_STANDING_M == 1.57
    assert layout.viewpoints["sit"].eye_height_m == EYE_HEIGHT_SEATED_M
    (pendant,) = layout.lights
    assert pendant.position_m[2] < 3.0, "a pendant hangs below the ceiling"
    assert pendant.colour[0] > pendant.colour[2], "warm light is more red than blue"
    assert layout.interviewer is not None and layout.interviewer.heading_deg == 180
