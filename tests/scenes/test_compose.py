"""Composition merges a room into a few meshes, bakes contact shadows and limits lights."""

import numpy as np
import pytest

from scenes.compose import MAX_SHADER_LIGHTS, compose, shader_lights
from scenes.layout import parse_layout
from tests.scenes.conftest import workplace_data


def floor_occlusion_at(scene, x: float, y: float) -> float:
    floor = next(s for s in scene.surfaces if s.name == "floor").mesh
    distance = np.hypot(floor.positions[:, 0] - x, floor.positions[:, 1] - y)
    return float(floor.surface[np.argmin(distance), 3])


def test_empty_room_is_floor_walls_ceiling_and_lights():
    scene = compose(parse_layout(workplace_data()))
    assert [s.name for s in scene.surfaces] == ["floor", "ceiling", "walls"]
    assert scene.opaque.triangle_count > 0, "light fixtures and skirting"
    assert 1 <= len(scene.lights) <= MAX_SHADER_LIGHTS
    floor = scene.surfaces[0].mesh
    assert floor.bounds() == ((-3.0, -2.5, 0.0), (3.0, 2.5, 0.0))


def test_floor_darkens_under_and_next_to_furniture_only():
    scene = compose(parse_layout(workplace_data(props=[{"type": "cabinet", "position": [0, 0]}])))
    under, beside, far = (floor_occlusion_at(scene, *p) for p in ((0, 0), (0.55, 0), (2.0, -1.5)))
    assert under < beside < far
    assert far > 0.95 and under < 0.7


def test_identical_props_share_one_merged_mesh():
    one = compose(parse_layout(workplace_data(props=[{"type": "chair", "position": [0, 0]}])))
    ten = compose(
        parse_layout(
            workplace_data(
                props=[{"type": "chair", "position": [-2, 0], "repeat": {"count": 10, "step_m": [0.45, 0]}}]
            )
        )
    )
    chair_triangles = (
        one.opaque.triangle_count - compose(parse_layout(workplace_data())).opaque.triangle_count
    )
    assert ten.opaque.triangle_count - one.opaque.triangle_count == 9 * chair_triangles
    assert len(ten.surfaces) == len(one.surfaces)


def test_many_fixtures_become_at_most_eight_shader_lights_keeping_the_light():
    layout = parse_layout(
        workplace_data(
            lights=[{"type": "panel", "position": [x, y]} for x in (-2, 0, 2) for y in (-2, -1, 0, 1, 2)]
        )
    )
    lights = shader_lights(layout.lights, layout.room)
    assert len(lights) == MAX_SHADER_LIGHTS
    total = sum(sum(light.colour) for light in lights)
    single = shader_lights(layout.lights[:1], layout.room)[0]
    assert total == pytest.approx(15 * sum(single.colour))
