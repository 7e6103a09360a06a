"""The hands-on task's panel covers none of the task's cards, for every shipped task, standing
and seated (seen in the kitchen task's gallery image: the instruction panel hung over
"Trockenlager" and "Kühlraum", the labels the visitor must aim at).

Each task runs on a real headless station; after a rendered frame the panel's and the cards'
corners are taken from the scene graph and projected into the visitor's eye, as the layout test
does for the step's panels. A room label is a billboard (it turns to face the eye when drawn,
which its node's transform does not show), so its corners are taken across the line of sight.
One station per task: about a minute each on a busy 2-core machine, hence ``slow``.
"""

from __future__ import annotations

import math

import pytest
from panda3d.core import Point3, Vec3

from calibration.body import SEATED_EYE_HEIGHT_M
from catalog import load_catalog
from tests.conftest import CONTENT
from tests.vr_station.station_fixtures import make_station, start_task
from tests.vr_station.test_layout_steps import _corners, _view
from vr_station.steps.tour import TourStep
from vr_station.ui.layout import COMFORT, ViewRect

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

TOLERANCE_DEG = 0.3
"""As in the layout test: a panel turned to face the eye is not exactly its flat size."""


def _occupations() -> list[str]:
    catalog, _ = load_catalog(CONTENT)
    return sorted(catalog.hands_on)


def _billboard_corners(card, render, head: Point3, half_w: float, half_h: float) -> list[Point3]:
    centre = card.getPos(render)
    across = Vec3(-(centre[1] - head[1]), centre[0] - head[0], 0)
    across.normalize()
    return [centre + across * x + Vec3(0, 0, z)
            for x in (-half_w, 0, half_w) for z in (-half_h, 0, half_h)]


def _problems(rig, step: TourStep, posture: str) -> list[str]:
    rig.visitor.frame()
    view = step.task_view
    assert view is not None and step.stage is not None
    render = step.ctx.render
    head = rig.station.rig.head.getPos(render)
    panel = next(p for p in step.panels() if p.name == "task")
    seen = _view(step.stage, head, render,
                 _corners(panel.root, render, panel.width_m / 2, panel.height_m / 2))
    problems = []
    if not seen.inside(COMFORT, TOLERANCE_DEG):
        problems.append(f"{posture}: the task panel leaves the comfortable view: {seen}")
    for thing_id, card in view._cards.items():
        scale = card.root.getScale(render)[0]
        half_w, half_h = card.width_m / 2 * scale, card.height_m / 2 * scale
        if card.root.getParent() == view._tray:
            corners = _corners(card.root, render, card.width_m / 2, card.height_m / 2)
        else:
            corners = _billboard_corners(card.root, render, head, half_w, half_h)
        thing = _view(step.stage, head, render, corners)
        if max(abs(thing.left_deg), abs(thing.right_deg)) >= 90.0:
            continue  # beside or behind the visitor (the angles wrap round at 180°)
        shrunk = ViewRect(seen.left_deg - TOLERANCE_DEG, seen.right_deg + TOLERANCE_DEG,
                          seen.top_deg - TOLERANCE_DEG, seen.bottom_deg + TOLERANCE_DEG)
        if shrunk.overlaps(thing):
            problems.append(f"{posture}: the task panel {seen} covers card {thing_id!r} {thing}")
    return problems


@pytest.mark.parametrize("occupation_id", _occupations())
def test_the_task_panel_covers_no_label_or_tile_standing_or_seated(occupation_id):
    rig = make_station(size_px=(320, 180))
    try:
        visitor = rig.visitor
        step = start_task(rig, occupation_id)
        problems = _problems(rig, step, "standing")
        # After the first answer the panel's text changes and it is placed again.
        first = step.task_view.run.next_needed() if step.task_view else None
        if first is not None:
            visitor.click(f"task:{first}")
            visitor.settle(0.3)
            problems += _problems(rig, step, "standing, after an answer")
        step.ctx.world.rig.set_eye_height(SEATED_EYE_HEIGHT_M)
        step.posture_changed()
        visitor.settle(0.2)
        assert math.isclose(step.ctx.world.rig.head_position()[2], SEATED_EYE_HEIGHT_M,
                            abs_tol=0.01)
        problems += _problems(rig, step, "seated")
        assert not problems, "\n".join(problems)
    finally:
        rig.close()
