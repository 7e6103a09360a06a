"""Snap turn: one step per push of the stick, never a smooth rotation."""

from __future__ import annotations

from vr_station.xr.selftest import SNAP_TURN_DEG, SnapTurn


def test_one_turn_per_push_and_release_rearms() -> None:
    snap = SnapTurn()
    pushes = [0.0, 0.5, 0.9, 1.0, 1.0, 0.6, 0.4, 0.2, 0.8, -0.1, -0.95, -1.0, 0.0]
    turns = [snap.step(x) for x in pushes]
    assert turns == [0, 0, -SNAP_TURN_DEG, 0, 0, 0, 0, 0, -SNAP_TURN_DEG, 0, SNAP_TURN_DEG, 0, 0]


def test_stick_held_between_thresholds_does_not_rearm() -> None:
    snap = SnapTurn()
    assert snap.step(1.0) == -SNAP_TURN_DEG
    assert [snap.step(x) for x in (0.5, 0.9, 0.5, 1.0)] == [0, 0, 0, 0]
