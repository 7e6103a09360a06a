"""Every shipped task is within reach from its tour stop, for standing and seated visitors."""

from __future__ import annotations

import itertools
import math

import pytest

from calibration.body import SEATED_EYE_HEIGHT_M, STANDING_EYE_HEIGHT_M
from catalog import default_content_dir, load_catalog
from catalog.tasks import TaskKind
from hands_on import ARM_REACH_M, tile_places, within_reach

POINTING_RANGE_M = 7.0
"""A label in the room is read and hit by a ray or the gaze from the stop at most this far."""

CATALOG, _ = load_catalog(default_content_dir())


@pytest.mark.parametrize("eye_height_m", [STANDING_EYE_HEIGHT_M, SEATED_EYE_HEIGHT_M])
@pytest.mark.parametrize("occupation_id", sorted(CATALOG.hands_on))
def test_every_tile_is_within_arms_reach(occupation_id: str, eye_height_m: float) -> None:
    task = CATALOG.hands_on[occupation_id]
    if task.kind is TaskKind.FIND:
        return  # no tiles: the things to find are in the room
    places = tile_places(len(task.items), eye_height_m)
    assert all(within_reach(p.position, eye_height_m) for p in places)
    assert all(p.position[2] < eye_height_m - 0.3 for p in places), "below the eyes, above the knees"
    assert all(p.position[2] > 0.55 for p in places), "above a seated visitor's knees"
    gaps = [math.dist(a.position, b.position) for a, b in itertools.pairwise(places)
            if a.position[2] == b.position[2]]
    assert min(gaps) > 0.15, "tiles of 0.15 m do not overlap"


@pytest.mark.parametrize("occupation_id", sorted(CATALOG.hands_on))
def test_the_things_in_the_room_are_in_pointing_range_of_the_stop(occupation_id: str) -> None:
    task = CATALOG.hands_on[occupation_id]
    stop = next(s for s in CATALOG.occupations[occupation_id].tour.stops if s.id == task.stop_id)
    x, y = stop.viewpoint.position
    anchors = [i.anchor for i in task.items if i.anchor is not None] + [t.anchor for t in task.targets]
    for anchor in anchors:
        distance = math.dist((x, y), anchor.position[:2])
        assert distance <= POINTING_RANGE_M, f"{anchor.id} is {distance:.1f} m from the stop"


def test_the_reach_is_a_comfortable_one() -> None:
    assert ARM_REACH_M <= 0.65
