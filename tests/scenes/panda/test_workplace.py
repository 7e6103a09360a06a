"""Workplaces built into a real Panda3D scene graph and rendered offscreen (Mesa in CI)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from panda3d.core import NodePath, PNMImage, Point2, Point3

from catalog import load_catalog
from scenes.panda.measure import geometry
from scenes.panda.workplace import build_workplace
from tests.conftest import CONTENT

pytestmark = pytest.mark.slow


def pixel(renderer, image: PNMImage, world: Point3) -> tuple[float, float, float]:
    """The colour where a point in the renderer's world lands on the image."""
    film = Point2()
    assert renderer.lens.project(renderer.camera.getRelativePoint(renderer.render, world), film)
    x = round((film.x + 1) / 2 * (image.getXSize() - 1))
    y = round((1 - film.y) / 2 * (image.getYSize() - 1))
    c = image.getXel(x, y)
    return (c[0], c[1], c[2])


@contextmanager
def built(workplace, parent):
    """A workplace that is removed again even when the test fails."""
    scene = build_workplace(workplace, parent)
    try:
        yield scene
    finally:
        scene.destroy()


def look_from(renderer, scene, viewpoint_id: str) -> None:
    view = scene.viewpoint(viewpoint_id)
    renderer.look((view.eye.x, view.eye.y, view.eye.z), view.heading_deg)


def test_a_prop_shows_where_the_layout_puts_it(renderer, make_workplace):
    red = {
        "type": "cabinet",
        "position": [0.8, 1.5],
        "options": {"color": "#d01010", "door_color": "#d01010", "height_m": 1.8},
    }
    with built(make_workplace(props=[red]), renderer.render) as scene:
        look_from(renderer, scene, "middle")
        r, g, b = pixel(renderer, renderer.image(), Point3(0.8, 1.0, 1.2))
    assert r > 0.35 and r > 2 * g and r > 2 * b, "the red cabinet is where the layout puts it"
    with built(make_workplace(), renderer.render) as scene:
        look_from(renderer, scene, "middle")
        r, g, b = pixel(renderer, renderer.image(), Point3(0.8, 1.0, 1.2))
    assert abs(r - g) < 0.1, "without it the wall behind is neutral"


def test_a_room_without_props_renders_lit_with_floor_walls_and_ceiling(renderer, make_workplace):
    with built(make_workplace(), renderer.render) as scene:
        look_from(renderer, scene, "middle")
        image = renderer.image()
        floor = pixel(renderer, image, Point3(0, 1.5, 0))
        wall = pixel(renderer, image, Point3(0, 2.5, 1.5))
        ceiling = pixel(renderer, image, Point3(0.5, 2.4, 3.0))
    for colour in (floor, wall, ceiling):
        assert 0.15 < sum(colour) / 3 < 0.99, "neither black nor blown out"
    assert floor != wall


SHIPPED = sorted(load_catalog(CONTENT)[0].workplaces)


@pytest.mark.parametrize("workplace_id", SHIPPED)
def test_shipped_workplace_renders_within_budget_and_not_blank_from_every_viewpoint(renderer, workplace_id):
    catalog, _ = load_catalog(CONTENT)
    with built(catalog.workplaces[workplace_id], renderer.render) as scene:
        draw_calls, triangles = geometry(scene.root)
        assert draw_calls <= 150 and triangles <= 300_000
        for view in scene.viewpoints.values():
            renderer.look((view.eye.x, view.eye.y, view.eye.z), view.heading_deg)
            image = renderer.image()
            values = [
                sum(image.getXel(x, y)) / 3
                for x in range(0, image.getXSize(), 4)
                for y in range(0, image.getYSize(), 4)
            ]
            mean = sum(values) / len(values)
            spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
            assert 0.2 < mean < 0.95 and spread > 0.05, f"viewpoint {view.id} shows a structured scene"


def test_the_steel_table_on_the_line_reads_as_steel(renderer):
    catalog, _ = load_catalog(CONTENT)
    with built(catalog.workplaces["restaurant-kitchen"], renderer.render) as scene:
        look_from(renderer, scene, "line")
        r, g, b = pixel(renderer, renderer.image(), Point3(1.0, 3.3, 0.9))
    assert max(r, g, b) - min(r, g, b) < 0.12 and 0.25 < (r + g + b) / 3 < 0.95, "grey, lit steel"


def test_viewpoints_and_anchors_follow_the_parent_and_destroy_removes_everything(make_workplace):
    parent = NodePath("parent")
    parent.setPos(10, 0, 0)
    scene = build_workplace(make_workplace(anchors=[{"id": "spot", "position": [1, 2, 1]}]), parent)
    assert scene.viewpoint("middle").floor == Point3(0, -1.5, 0)
    assert scene.viewpoint("middle").eye.z == pytest.approx(1.57)
    assert scene.anchors["spot"] == Point3(1, 2, 1)
    world = scene.root.getRelativePoint(parent, scene.anchors["spot"]) + parent.getPos()
    assert world.x == pytest.approx(11)
    assert parent.getNumChildren() == 1
    scene.destroy()
    scene.destroy()
    assert parent.getNumChildren() == 0


def test_srgb_framebuffer_switch_changes_the_encoding(renderer, make_workplace):
    with built(make_workplace(), renderer.render) as scene:
        look_from(renderer, scene, "middle")
        encoded = pixel(renderer, renderer.image(), Point3(0, 2.5, 1.5))
        scene.set_framebuffer_srgb(True)
        linear = pixel(renderer, renderer.image(), Point3(0, 2.5, 1.5))
    assert sum(linear) < sum(encoded) - 0.3, "with an sRGB target the shader leaves encoding to it"


def test_a_scene_prepared_on_a_worker_thread_is_used_as_is(make_workplace):
    import threading

    from scenes import prepare_scene

    place = make_workplace(props=[{"type": "stove", "position": [0, 2]}])
    results = []
    worker = threading.Thread(target=lambda: results.append(prepare_scene(place)))
    worker.start()
    worker.join()
    (prepared,) = results
    parent = NodePath("world")
    scene = build_workplace(place, parent, prepared=prepared)
    assert scene.static is prepared.static, "no second composition on the render thread"
    assert geometry(scene.root)[1] == prepared.static.triangle_count
    scene.destroy()


def test_saved_screenshots_keep_the_picture_at_64_levels_per_channel(renderer, make_workplace, tmp_path):
    lamp_room = make_workplace(props=[{"type": "window", "position": [0, 2.5], "options": {"width_m": 3.0}}])
    with built(lamp_room, renderer.render) as scene:
        look_from(renderer, scene, "middle")
        shown = renderer.image()
        renderer.save(tmp_path / "shot.png")
    saved = PNMImage(str(tmp_path / "shot.png"))
    assert (saved.getXSize(), saved.getYSize()) == (shown.getXSize(), shown.getYSize())
    worst, brightest = 0, 0
    for x in range(0, saved.getXSize(), 3):
        for y in range(0, saved.getYSize(), 3):
            for channel in range(3):
                value = saved.getChannelVal(x, y, channel)
                assert value % 4 == 0, "64 levels: the file compresses to about half"
                worst = max(worst, abs(value - shown.getChannelVal(x, y, channel)))
                brightest = max(brightest, value)
    assert worst <= 2, "no step a visitor could see"
    assert brightest >= 240, "the daylight in the window stays bright (no wrap-around to black)"
