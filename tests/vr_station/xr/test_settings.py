"""XR settings from the command line (``--xr NAME=VALUE``), the reconnection schedule and the
staff status line."""

from __future__ import annotations

import pytest

from vr_station.xr.reconnect import LOG_EVERY_ATTEMPTS, ReconnectSchedule
from vr_station.xr.settings import XrSettings, parse_overrides


def test_overrides_convert_to_the_fields_type() -> None:
    settings = parse_overrides(["play_space=local", "fallback-eye-height-m=1.2", "resolution_scale=0.5",
                                "mirror = offscreen"])
    assert settings == XrSettings(play_space="local", fallback_eye_height_m=1.2, resolution_scale=0.5,
                                  mirror="offscreen")
    assert parse_overrides([]) == XrSettings()


@pytest.mark.parametrize(("item", "message"), [
    ("resolution_scale=fast", "'fast' is not a float"),
    ("nonsense=1", "expected NAME=VALUE"),
    ("play_space", "expected NAME=VALUE"),
    ("clear_color=1,1,1", "cannot be set from the command line"),
    ("resolution_scale=9", "within 0.1..2.0"),
    ("reconnect_interval_s=0", "must be positive"),
])
def test_bad_overrides_name_the_setting(item: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_overrides([item])


def test_reconnect_waits_an_interval_and_logs_rarely() -> None:
    schedule = ReconnectSchedule(interval_s=3.0)
    assert not schedule.waiting and not schedule.due(100.0)
    schedule.lost(now_s=100.0)
    assert not schedule.due(102.9) and schedule.due(103.0)
    schedule.started()
    assert not schedule.due(1e9), "one attempt at a time"
    logged = []
    for attempt in range(1, 2 * LOG_EVERY_ATTEMPTS + 1):
        logged.append(schedule.failed(now_s=100.0 + 3 * attempt))
        assert schedule.due(103.0 + 3 * attempt)
        schedule.started()
    assert [i + 1 for i, log in enumerate(logged) if log] == [1, LOG_EVERY_ATTEMPTS, 2 * LOG_EVERY_ATTEMPTS]
    schedule.succeeded()
    assert schedule.reconnects == 1 and schedule.failed_attempts == 0 and not schedule.waiting


def test_staff_read_why_the_headset_shows_nothing() -> None:
    from vr_station.display.base import DisplayState
    from vr_station.xr.lifecycle import SessionPhase
    from vr_station.xr.mirror import STATUS_TEXTS, staff_status

    def status(state: DisplayState, phase: SessionPhase, searching: bool = False,
               exiting: bool = False) -> str | None:
        return staff_status(state, phase, searching=searching, exiting=exiting, reconnect_interval_s=3)

    assert status(DisplayState.RUNNING, SessionPhase.FOCUSED) is None
    assert status(DisplayState.PAUSED, SessionPhase.VISIBLE) == STATUS_TEXTS["away"]
    assert status(DisplayState.PAUSED, SessionPhase.FOCUSED) == STATUS_TEXTS["away"], "user absent"
    assert status(DisplayState.PAUSED, SessionPhase.READY) == STATUS_TEXTS["connecting"]
    assert status(DisplayState.PAUSED, SessionPhase.STOPPING) == STATUS_TEXTS["ending"]
    assert status(DisplayState.PAUSED, SessionPhase.FOCUSED, exiting=True) == STATUS_TEXTS["ending"]
    lost = status(DisplayState.LOST, SessionPhase.LOST)
    assert lost is not None and "alle 3 s" in lost
    assert status(DisplayState.PAUSED, SessionPhase.NO_SESSION, searching=True) == lost
