"""The hands-on task in the tour, on the headless station with stepped time."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from panda3d.core import NodePath

from calibration.body import SEATED_EYE_HEIGHT_M, Pose
from catalog.tasks import TaskKind
from hands_on import Phase, TaskOutcome, within_reach
from tests.vr_station.rendering import on_screen, pixels
from tests.vr_station.station_fixtures import make_station
from vr_station.display.base import ControllerInput
from vr_station.kiosk.flow import KioskState
from vr_station.steps.task import CARD_WIDTH_M, PREFIX, with_strengths
from vr_station.steps.tour import TourStep
from vr_station.ui.geometry import Ray, normalized
from vr_station.ui.pointing import PointerInput, PointerSample


def texts_under(node) -> list[str]:
    return [n.getTag("text") for n in node.findAllMatches("**/=text")]


@pytest.fixture
def tour():
    rig = make_station()
    visitor, station = rig.visitor, rig.station
    visitor.attract_and_menus()  # German, the kitchen (the demo visitor's way there)
    visitor.wait_state(KioskState.TOUR)
    step = station.step
    assert isinstance(step, TourStep)
    while not step.task_here():
        visitor.click("next")
        visitor.settle(0.3)
    yield rig, step
    rig.close()


def _tile_offsets(step: TourStep) -> list[tuple[float, float, float]]:
    """Each tile's centre in the visitor's frame: x right, y forward from the head, z from the floor."""
    view = step.task_view
    assert view is not None
    render = step.ctx.render
    head = step.ctx.world.rig.head.getPos(render)
    tray = view._tray
    offsets = []
    for item in view.run.shown_order():
        centre = view._cards[item.id].root.getPos(tray)
        offsets.append((centre[0], centre[1], centre[2]))
    assert math.isclose(tray.getZ(render), 0.0) and math.dist(
        (tray.getX(render), tray.getY(render)), (head[0], head[1])) < 1e-6
    return offsets


def test_the_demo_visitor_does_the_kitchen_task_with_controller_and_gaze(tour):
    rig, step = tour
    visitor = rig.visitor
    visitor.hands_on_task(step)
    outcome = visitor.result.task
    assert outcome is not None and outcome.completed
    assert step.ctx.session.hands_on == outcome
    assert step.task_view is None, "'continue the tour' closed the task and removed its cards"
    assert not step.ctx.render.findAllMatches("**/task-koch")
    visitor.click("finish")
    visitor.settle()
    shown = " ".join(texts_under(step.ctx.render))
    assert "Das lag Ihnen" in shown
    assert "sorgfältig" in shown, "the demo made no mistake in the sort task"


def test_every_tile_is_within_reach_standing_and_seated(tour):
    rig, step = tour
    rig.visitor.click("task-start")
    rig.visitor.settle(0.3)
    eye = step.ctx.world.rig.head_position()[2]
    standing = _tile_offsets(step)
    assert standing and all(within_reach(p, eye) for p in standing)
    # The tour lifts a seated visitor's view to standing height; where a headset reports the
    # real (seated) eyes, the tiles follow the eyes down.
    step.ctx.world.rig.set_eye_height(SEATED_EYE_HEIGHT_M)
    step.posture_changed()
    rig.visitor.settle(0.2)
    seated_eye = step.ctx.world.rig.head_position()[2]
    assert seated_eye == pytest.approx(SEATED_EYE_HEIGHT_M, abs=0.01)
    seated = _tile_offsets(step)
    assert all(within_reach(p, seated_eye) for p in seated)
    assert max(p[2] for p in seated) < max(p[2] for p in standing) - 0.3, "the tiles came down"


def test_a_pause_brings_a_hint_and_the_time_limit_ends_the_task_kindly(tour):
    rig, step = tour
    visitor = rig.visitor
    visitor.click("task-start")
    view = step.task_view
    assert view is not None
    visitor.look_ahead(0.0, 45.0)  # at the ceiling: a gaze resting on a tile would choose it
    visitor.wait(view.task.hint_after_s + 0.5)
    assert view.run.hints_used == 1
    assert any(t.startswith("Tipp:") for t in texts_under(step.ctx.render))
    # Three minutes of frames take a quarter of an hour on a busy machine: the clock's reading
    # at the limit goes to the view directly, as the step's frame would hand it on.
    view.update(view.run.started_s + view.task.time_limit_s)
    visitor.settle(0.3)
    assert view.run.phase is Phase.TIME_UP
    shown = texts_under(step.ctx.render)
    assert "So gehört es:" in shown and any("Milch → Kühlraum" in t for t in shown)
    targets = rig.station.targets_by_id()
    assert "task-close" in targets
    assert not any(t.startswith(PREFIX) and view.run.select(t.removeprefix(PREFIX), 0.0)
                   for t in targets), "nothing counts after the end"
    assert step.ctx.session.hands_on is not None and not step.ctx.session.hands_on.completed


def _controller(rig, point, *, grip: bool, select: bool = False) -> ControllerInput:
    """The right controller held at the visitor's right hip, aimed at ``point`` (world)."""
    station = rig.station
    hand = NodePath("test-hand")
    hand.reparentTo(station.rig.node)
    hand.setPos(rig.visitor.display.head, 0.18, 0.25, -0.35)
    hand.lookAt(station.base.render, *point)
    position, quat = hand.getPos(station.rig.node), hand.getQuat(station.rig.node)
    hand.removeNode()
    pose = Pose((position[0], position[1], position[2]),
                (quat.getR(), quat.getI(), quat.getJ(), quat.getK()))
    return ControllerInput("right", pose, select, (0.0, 0.0), False, grip=grip)


def _hold(rig, controller: ControllerInput, frames: int = 2) -> None:
    rig.visitor.display.scripted_controllers = [controller]
    for _ in range(frames):
        rig.visitor.frame()


def test_the_grip_carries_an_item_along_the_ray_and_drops_it_onto_its_place(tour):
    """Squeeze on a tile, point at its place across the room, let go: it lands there (no trigger)."""
    rig, step = tour
    visitor = rig.visitor
    visitor.click("task-start")
    visitor.settle(0.3)
    view = step.task_view
    assert view is not None
    render = step.ctx.render
    item = view.task.items[0]
    assert item.place is not None
    card = view._cards[item.id].root
    tile = rig.station.targets_by_id()[PREFIX + item.id].rect.center
    place = rig.station.targets_by_id()[PREFIX + item.place].rect.center
    _hold(rig, _controller(rig, tile, grip=False))
    _hold(rig, _controller(rig, tile, grip=True))
    assert view.run.in_hand == item.id, "the squeeze picked the item up"
    assert PREFIX + item.id not in rig.station.targets_by_id(), "a carried card is not a target"
    # Halfway to the place the card is on the ray at the distance it was grabbed at.
    start = card.getPos(render)
    halfway = tuple((a + b) / 2 for a, b in zip(tile, place, strict=True))
    _hold(rig, _controller(rig, halfway, grip=True))
    moved = card.getPos(render)
    assert math.dist(moved, start) > 0.05, "the card followed the controller"
    grab_distance = math.dist(_origin(rig), start)
    assert math.dist(_origin(rig), moved) == pytest.approx(grab_distance, abs=0.03)
    _hold(rig, _controller(rig, place, grip=True))
    _hold(rig, _controller(rig, place, grip=False))
    assert item.id in view.run.done_ids and view.run.in_hand is None
    assert view.run.mistakes == 0
    landed = tuple(card.getPos(render))
    label = tuple(view._cards[item.place].root.getPos(render))
    assert math.dist(landed[:2], label[:2]) < 0.05, "the item stands at its place"
    assert landed[2] < label[2], "under the place's label"
    # The next tile keeps its spot on the arc; the landed card no longer sits in the tray.
    assert card.getParent() != view._tray
    rig.visitor.display.scripted_controllers = []


def test_letting_go_over_a_wrong_place_or_nothing_sends_the_item_back_to_the_arc(tour):
    rig, step = tour
    visitor = rig.visitor
    visitor.click("task-start")
    visitor.settle(0.3)
    view = step.task_view
    assert view is not None
    render = step.ctx.render
    item = view.task.items[0]
    wrong = next(t.id for t in view.task.targets if t.id != item.place)
    card = view._cards[item.id].root
    home = card.getPos(render)
    tile = rig.station.targets_by_id()[PREFIX + item.id].rect.center
    elsewhere = rig.station.targets_by_id()[PREFIX + wrong].rect.center
    _hold(rig, _controller(rig, tile, grip=False))
    _hold(rig, _controller(rig, tile, grip=True))
    _hold(rig, _controller(rig, elsewhere, grip=True))
    _hold(rig, _controller(rig, elsewhere, grip=False))
    assert item.id not in view.run.done_ids and view.run.mistakes == 1
    assert math.dist(card.getPos(render), home) < 1e-3, "back on its spot on the arc"
    rig.visitor.display.scripted_controllers = []


def test_a_label_behind_the_task_panel_is_hidden_by_it_and_no_pointer_picks_it_through_it(tour):
    """Close to a thing its label stands behind the task panel: the panel is seen and hit.

    Seen in the electrical task's gallery image: the "Verteiler" label was painted over the
    panel while a ray there chose "Aufgabe beenden" under it, and a ray through the panel's
    text chose the label that the panel should hide.
    """
    rig, step = tour
    visitor = rig.visitor
    visitor.click("task-start")
    visitor.settle(0.3)
    visitor.look_at_panel("task")
    visitor.settle(0.2)
    view = step.task_view
    assert view is not None
    render, base = step.ctx.render, rig.station.base
    panel = next(p for p in step.panels() if p.name == "task")
    eye = step.ctx.world.rig.head_position()
    centre = tuple(panel.root.getPos(render))
    label = view._cards[view.task.targets[0].id]
    # The place's label 0.4 m behind the panel's middle (its text, no button there), as wide as
    # half the panel: the visitor walked up to the thing.
    away = normalized(tuple(c - e for c, e in zip(centre, eye, strict=True)))
    behind = tuple(c + 0.4 * a for c, a in zip(centre, away, strict=True))
    label.root.setPos(render, *behind)
    label.root.setScale(panel.width_m / 2 / CARD_WIDTH_M)
    visitor.settle(0.1)
    # Painted: with the label shown or hidden, the panel's middle looks the same.
    shown = pixels(base).astype(int)
    label.root.hide()
    hidden = pixels(base).astype(int)
    label.root.show()
    x, y = on_screen(base, centre)
    patch = np.abs(shown[y - 6:y + 7, x - 30:x + 31] - hidden[y - 6:y + 7, x - 30:x + 31]).max(axis=2)
    assert (patch > 24).sum() == 0, f"{(patch > 24).sum()} pixels of the panel's middle show the label"
    # Picked: a ray through the panel's middle stops at the panel; the label is not chosen.
    ray = Ray(eye, away)
    frame = PointerInput().update([PointerSample("right", ray, True)], step.targets(), 1 / 60)
    assert frame.hovered["right"] is None and frame.chosen == ()
    # Nearer than the panel's card, its own buttons are hit as before.
    stop = rig.station.targets_by_id()["task-stop"].rect.center
    ray = Ray(eye, normalized(tuple(s - e for s, e in zip(stop, eye, strict=True))))
    frame = PointerInput().update([PointerSample("right", ray, False)], step.targets(), 1 / 60)
    assert frame.hovered["right"] == "task-stop"


def _origin(rig) -> tuple[float, float, float]:
    [ray] = rig.station.rig.hand_rays(rig.visitor.display.controllers())
    return ray.ray.origin


def test_the_kept_report_gets_the_card_as_ids_and_figures():
    outcome = TaskOutcome(TaskKind.SORT, True, 0, 0, 41.0, 180.0)
    kept = json.loads(with_strengths(json.dumps({"answers": []}), outcome))
    assert kept["hands_on_task"] == {"kind": "sort", "completed": True, "hints_used": 0,
                                     "duration_s": 41.0, "strengths": ["careful", "quick"]}
    assert with_strengths('{"answers": []}', None) == '{"answers": []}'
