"""The session state machine, driven by the event sequences runtimes send."""

from __future__ import annotations

import pytest

from vr_station.display.base import DisplayState
from vr_station.xr.lifecycle import SessionCall, SessionLifecycle, SessionPhase

IDLE, READY, SYNCHRONIZED, VISIBLE, FOCUSED, STOPPING, LOSS_PENDING, EXITING = range(1, 9)


def _running() -> SessionLifecycle:
    life = SessionLifecycle()
    life.session_created()
    assert life.runtime_state(READY).call is SessionCall.BEGIN
    life.began()
    for state in (SYNCHRONIZED, VISIBLE, FOCUSED):
        assert life.runtime_state(state).call is SessionCall.NONE
    return life


def test_startup_begins_the_session_once_ready_and_runs_when_focused() -> None:
    life = SessionLifecycle()
    assert life.display_state() is DisplayState.PAUSED
    life.session_created()
    assert life.runtime_state(IDLE).phase is SessionPhase.IDLE  # the runtime's own IDLE: no-op
    transition = life.runtime_state(READY)
    assert (transition.previous, transition.phase, transition.call) == (
        SessionPhase.IDLE, SessionPhase.READY, SessionCall.BEGIN)
    assert not life.frame_loop_running
    life.began()
    assert life.frame_loop_running
    life.runtime_state(SYNCHRONIZED)
    assert life.display_state() is DisplayState.PAUSED
    life.runtime_state(VISIBLE)
    assert life.display_state() is DisplayState.PAUSED
    life.runtime_state(FOCUSED)
    assert life.display_state() is DisplayState.RUNNING
    assert life.history == (SessionPhase.NO_SESSION, SessionPhase.IDLE, SessionPhase.READY,
                            SessionPhase.SYNCHRONIZED, SessionPhase.VISIBLE, SessionPhase.FOCUSED)


def test_headset_taken_off_pauses() -> None:
    life = _running()
    life.runtime_state(VISIBLE)  # e.g. the runtime's dashboard or proximity sensor
    assert life.display_state() is DisplayState.PAUSED
    life.runtime_state(FOCUSED)
    assert life.display_state() is DisplayState.RUNNING
    life.user_presence(False)  # XR_EXT_user_presence
    assert life.display_state() is DisplayState.PAUSED
    life.user_presence(True)
    assert life.display_state() is DisplayState.RUNNING


def test_exit_requested_by_the_station_ends_closed() -> None:
    life = _running()
    assert life.request_exit() is True, "a running session is asked to exit through the runtime"
    life.runtime_state(VISIBLE)
    life.runtime_state(SYNCHRONIZED)
    assert life.runtime_state(STOPPING).call is SessionCall.END
    life.ended()
    assert not life.frame_loop_running
    life.runtime_state(IDLE)
    assert life.runtime_state(EXITING).call is SessionCall.DESTROY
    assert not life.session_alive
    life.destroyed()
    assert life.phase is SessionPhase.ENDED
    assert life.display_state() is DisplayState.CLOSED


def test_runtime_ending_the_session_by_itself_is_lost() -> None:
    life = _running()
    life.runtime_state(VISIBLE)
    life.runtime_state(SYNCHRONIZED)
    life.runtime_state(STOPPING)
    life.ended()
    life.runtime_state(IDLE)
    life.runtime_state(EXITING)
    assert life.display_state() is DisplayState.LOST, "the station did not ask: the kiosk resets"


@pytest.mark.parametrize("how", ["loss_pending", "call_failed"])
def test_loss_turns_lost_and_destroys(how: str) -> None:
    life = _running()
    if how == "loss_pending":
        transition = life.runtime_state(LOSS_PENDING)
    else:
        transition = life.lost("xrWaitFrame: InstanceLostError")
    assert transition.call is SessionCall.DESTROY
    assert transition.expected
    assert life.display_state() is DisplayState.LOST
    assert not life.frame_loop_running
    life.destroyed()
    assert life.display_state() is DisplayState.LOST
    # Late events after the loss change nothing.
    assert life.runtime_state(FOCUSED).call is SessionCall.NONE
    assert life.display_state() is DisplayState.LOST


def test_first_reason_of_a_loss_is_kept() -> None:
    life = _running()
    life.lost("first")
    life.lost("second")
    assert life.lost_reason == "first"
    assert life.history[-1] is SessionPhase.LOST


def test_exit_before_the_session_runs_needs_no_runtime_call() -> None:
    life = SessionLifecycle()
    life.session_created()
    assert life.request_exit() is False


def test_unforeseen_step_is_followed_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    life = SessionLifecycle()
    life.session_created()
    transition = life.runtime_state(FOCUSED)
    assert not transition.expected
    assert life.phase is SessionPhase.FOCUSED, "the runtime is the authority on its state"
    assert "does not foresee" in caplog.text


def test_unknown_state_value_is_ignored() -> None:
    life = _running()
    assert life.runtime_state(99).phase is SessionPhase.FOCUSED
