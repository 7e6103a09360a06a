"""The hands-on task in the tour, on the headless station with stepped time."""

from __future__ import annotations

import json
import math

import pytest

from calibration.body import SEATED_EYE_HEIGHT_M
from catalog.tasks import TaskKind
from hands_on import Phase, TaskOutcome, within_reach
from tests.vr_station.station_fixtures import make_station
from vr_station.kiosk.flow import KioskState
from vr_station.steps.task import PREFIX, with_strengths
from vr_station.steps.tour import TourStep


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


def test_the_kept_report_gets_the_card_as_ids_and_figures():
    outcome = TaskOutcome(TaskKind.SORT, True, 0, 0, 41.0, 180.0)
    kept = json.loads(with_strengths(json.dumps({"answers": []}), outcome))
    assert kept["hands_on_task"] == {"kind": "sort", "completed": True, "hints_used": 0,
                                     "duration_s": 41.0, "strengths": ["careful", "quick"]}
    assert with_strengths('{"answers": []}', None) == '{"answers": []}'
