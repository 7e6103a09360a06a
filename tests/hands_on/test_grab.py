"""Grab and place: squeeze on an item, carry it along the ray, let go over a place."""

from __future__ import annotations

import math

from hands_on.grab import Carried, Dropped, Grabbed, GrabTracker, HandGrip

FORWARD = (0.0, 1.0, 0.0)


def aiming(source: str, direction, squeezed: bool, touching: str | None = None,
           distance_m: float | None = None) -> HandGrip:
    length = math.hypot(*direction)
    unit = (direction[0] / length, direction[1] / length, direction[2] / length)
    return HandGrip(source, (0.0, 0.0, 1.0), unit, squeezed, touching, distance_m)


def test_a_squeeze_on_an_item_carries_it_with_the_ray_and_drops_it_over_a_place():
    tracker = GrabTracker()
    assert tracker.update([aiming("right", FORWARD, False, "milk", 0.5)], {"milk"}) == []
    assert tracker.update([aiming("right", FORWARD, True, "milk", 0.5)], {"milk"}) \
        == [Grabbed("right", "milk")]
    assert tracker.carried == {"milk"}
    # The hand turns 90° to the right: the item swings along the ray at its 0.5 m.
    [carried] = tracker.update([aiming("right", (1.0, 0.0, 0.0), True, "fridge", 3.0)], {"milk"})
    assert isinstance(carried, Carried) and carried.thing_id == "milk"
    assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(carried.offset, (0.5, -0.5, 0.0),
                                                                  strict=True))
    assert tracker.update([aiming("right", (1.0, 0.0, 0.0), False, "fridge", 3.0)], {"milk"}) \
        == [Dropped("milk", "fridge")]
    assert tracker.carried == frozenset()


def test_a_squeeze_on_nothing_or_on_a_place_grabs_nothing_and_holding_it_on_an_item_does_not_either():
    tracker = GrabTracker()
    assert tracker.update([aiming("right", FORWARD, True, None)], {"milk"}) == []
    assert tracker.update([aiming("right", FORWARD, True, "fridge", 3.0)], {"milk"}) == []
    # Still squeezed from before: sliding onto an item does not pick it up; a new squeeze does.
    assert tracker.update([aiming("right", FORWARD, True, "milk", 0.5)], {"milk"}) == []
    tracker.update([aiming("right", FORWARD, False, "milk", 0.5)], {"milk"})
    assert tracker.update([aiming("right", FORWARD, True, "milk", 0.5)], {"milk"}) \
        == [Grabbed("right", "milk")]


def test_let_go_over_itself_or_nothing_sends_it_back_and_a_lost_hand_drops_it():
    tracker = GrabTracker()
    tracker.update([aiming("left", FORWARD, False, "milk", 0.5)], {"milk"})
    tracker.update([aiming("left", FORWARD, True, "milk", 0.5)], {"milk"})
    assert tracker.update([aiming("left", FORWARD, False, "milk", 0.5)], {"milk"}) \
        == [Dropped("milk", None)]
    tracker.update([aiming("left", FORWARD, True, "milk", 0.5)], {"milk"})
    # Tracking lost: the hand is not reported this frame.
    assert tracker.update([], {"milk"}) == [Dropped("milk", None)]
    assert tracker.carried == frozenset()


def test_two_hands_cannot_hold_the_same_item_and_release_all_lets_go():
    tracker = GrabTracker()
    hands = [aiming("left", FORWARD, False, "milk", 0.5), aiming("right", FORWARD, False, "milk", 0.5)]
    tracker.update(hands, {"milk", "fish"})
    hands = [aiming("left", FORWARD, True, "milk", 0.5), aiming("right", FORWARD, True, "milk", 0.5)]
    assert tracker.update(hands, {"milk", "fish"}) == [Grabbed("left", "milk")]
    assert tracker.release_all() == [Dropped("milk", None)]
    assert tracker.carried == frozenset()
