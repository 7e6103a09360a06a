"""The OpenXR session lifecycle as an explicit state machine (no pyopenxr import: pure logic).

The runtime tells the app its session's state through events; the app answers some states
with a call (https://registry.khronos.org/OpenXR/specs/1.0/html/xrspec.html#session-lifecycle).
All of it in one table:

===================  =====================================  ====================  =============
phase                entered when                           the app then calls    DisplayState
===================  =====================================  ====================  =============
NO_SESSION           before xrCreateSession                 –                     PAUSED
IDLE                 session created; after xrEndSession    –                     PAUSED
READY                runtime: may begin                     xrBeginSession        PAUSED
SYNCHRONIZED         frames are paced, not shown            frame loop            PAUSED
VISIBLE              shown, without input (runtime menu)    frame loop            PAUSED
FOCUSED              shown, with input                      frame loop            RUNNING
STOPPING             runtime: stop the frame loop           xrEndSession          PAUSED
EXITING              runtime or app ended the session       xrDestroySession      CLOSED / LOST
LOSS_PENDING         runtime is going away                  xrDestroySession      LOST
LOST                 a call returned *_LOST, the runtime    xrDestroySession      LOST
                     vanished, or LOSS_PENDING came
ENDED                session destroyed after EXITING        –                     CLOSED / LOST
===================  =====================================  ====================  =============

EXITING and ENDED are CLOSED when the station asked to exit and LOST when the runtime ended
the session on its own (the runtime shuts down): the kiosk then resets. The visitor taking
the headset off shows up as the session dropping from FOCUSED to VISIBLE or SYNCHRONIZED, and,
where the runtime offers XR_EXT_user_presence, as "user absent": PAUSED either way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from vr_station.display.base import DisplayState

log = logging.getLogger(__name__)


class SessionPhase(Enum):
    """Where the session is in the OpenXR lifecycle; the module docstring's table gives each one's meaning."""

    NO_SESSION = "no_session"
    IDLE = "idle"
    READY = "ready"
    SYNCHRONIZED = "synchronized"
    VISIBLE = "visible"
    FOCUSED = "focused"
    STOPPING = "stopping"
    EXITING = "exiting"
    LOSS_PENDING = "loss_pending"
    LOST = "lost"
    ENDED = "ended"


class SessionCall(Enum):
    """What the app must call after a transition."""

    NONE = "none"
    BEGIN = "xrBeginSession"
    END = "xrEndSession"
    DESTROY = "xrDestroySession"


RUNTIME_STATES = {
    1: SessionPhase.IDLE, 2: SessionPhase.READY, 3: SessionPhase.SYNCHRONIZED,
    4: SessionPhase.VISIBLE, 5: SessionPhase.FOCUSED, 6: SessionPhase.STOPPING,
    7: SessionPhase.LOSS_PENDING, 8: SessionPhase.EXITING,
}
"""XrSessionState value → phase."""

_CALL_ON_ENTRY = {
    SessionPhase.READY: SessionCall.BEGIN,
    SessionPhase.STOPPING: SessionCall.END,
    SessionPhase.EXITING: SessionCall.DESTROY,
    SessionPhase.LOSS_PENDING: SessionCall.DESTROY,
    SessionPhase.LOST: SessionCall.DESTROY,
}

_EXPECTED_NEXT: dict[SessionPhase, frozenset[SessionPhase]] = {
    SessionPhase.NO_SESSION: frozenset({SessionPhase.IDLE}),
    SessionPhase.IDLE: frozenset({SessionPhase.READY, SessionPhase.EXITING, SessionPhase.LOSS_PENDING}),
    SessionPhase.READY: frozenset({SessionPhase.SYNCHRONIZED}),
    SessionPhase.SYNCHRONIZED: frozenset({SessionPhase.VISIBLE, SessionPhase.STOPPING}),
    SessionPhase.VISIBLE: frozenset({SessionPhase.FOCUSED, SessionPhase.SYNCHRONIZED}),
    SessionPhase.FOCUSED: frozenset({SessionPhase.VISIBLE}),
    SessionPhase.STOPPING: frozenset({SessionPhase.IDLE}),
    SessionPhase.EXITING: frozenset({SessionPhase.ENDED}),
    SessionPhase.LOSS_PENDING: frozenset({SessionPhase.ENDED}),
    SessionPhase.LOST: frozenset(),
    SessionPhase.ENDED: frozenset(),
}
"""The transitions the spec's lifecycle diagram allows (LOSS_PENDING may come at any time);
ENDED is this module's own: the handle was destroyed."""

_GONE = frozenset({SessionPhase.EXITING, SessionPhase.LOSS_PENDING, SessionPhase.LOST,
                   SessionPhase.ENDED})


@dataclass(frozen=True)
class Transition:
    """One step of the lifecycle: from which phase to which, and the call the app makes now."""

    previous: SessionPhase
    phase: SessionPhase
    call: SessionCall
    """The call the app makes now."""
    expected: bool
    """Whether the spec's diagram allows this step (runtimes are trusted either way)."""


class SessionLifecycle:
    """Tracks the session's phase; says which call each runtime event requires."""

    def __init__(self) -> None:
        self._phase = SessionPhase.NO_SESSION
        self._exit_requested = False
        self._user_present = True
        self._lost_reason: str | None = None
        self._history: list[SessionPhase] = [SessionPhase.NO_SESSION]
        self._frame_loop_running = False

    @property
    def phase(self) -> SessionPhase:
        """The phase the session is in now."""
        return self._phase

    @property
    def history(self) -> tuple[SessionPhase, ...]:
        """Every phase entered so far, in order."""
        return tuple(self._history)

    @property
    def lost_reason(self) -> str | None:
        """Why the session was lost (the first reason given); None while it was not."""
        return self._lost_reason

    @property
    def exit_requested(self) -> bool:
        """Whether the station asked to leave XR (the session then ends CLOSED, not LOST)."""
        return self._exit_requested

    @property
    def frame_loop_running(self) -> bool:
        """Between a successful xrBeginSession and xrEndSession: frames must be waited for."""
        return self._frame_loop_running

    @property
    def session_alive(self) -> bool:
        """The session handle exists and is neither lost nor destroyed."""
        return self._phase not in _GONE and self._phase is not SessionPhase.NO_SESSION

    def session_created(self) -> Transition:
        """The app created the session: IDLE (a second call changes nothing)."""
        return self._enter(SessionPhase.IDLE) if self._phase is SessionPhase.NO_SESSION \
            else Transition(self._phase, self._phase, SessionCall.NONE, True)

    def runtime_state(self, state: int) -> Transition:
        """The runtime reported XrSessionState ``state``."""
        phase = RUNTIME_STATES.get(state)
        if phase is None:
            log.warning("runtime reported unknown session state %s; ignored", state)
            return Transition(self._phase, self._phase, SessionCall.NONE, False)
        if self._phase in (SessionPhase.LOST, SessionPhase.ENDED) or phase is self._phase:
            # Late events for a session already given up, or a repeat (the runtime's first
            # IDLE after xrCreateSession): nothing to do.
            return Transition(self._phase, self._phase, SessionCall.NONE, True)
        return self._enter(phase)

    def began(self) -> None:
        """The app's xrBeginSession succeeded: the frame loop runs."""
        self._frame_loop_running = True

    def ended(self) -> None:
        """The app's xrEndSession succeeded (or the session can no longer run frames)."""
        self._frame_loop_running = False

    def request_exit(self) -> bool:
        """The station wants to leave XR; returns whether xrRequestExitSession must be called.

        Only a running session can be asked; an idle one is simply destroyed.
        """
        self._exit_requested = True
        return self._frame_loop_running

    def lost(self, reason: str) -> Transition:
        """A call failed with a *_LOST result, or the runtime stopped answering."""
        if self._lost_reason is None:
            self._lost_reason = reason
        if self._phase in (SessionPhase.LOST, SessionPhase.ENDED):
            return Transition(self._phase, self._phase, SessionCall.NONE, True)
        self._frame_loop_running = False
        return self._enter(SessionPhase.LOST)

    def destroyed(self) -> None:
        """The app called xrDestroySession (or abandoned the handle): ENDED, unless it was lost."""
        self._frame_loop_running = False
        if self._phase not in (SessionPhase.LOST, SessionPhase.ENDED):
            self._enter(SessionPhase.ENDED)

    def user_presence(self, present: bool) -> None:
        """XR_EXT_user_presence: the headset is worn (True) or taken off (False)."""
        self._user_present = present

    def display_state(self) -> DisplayState:
        """What the phase means for the station: RUNNING only while focused and worn."""
        if self._phase is SessionPhase.FOCUSED:
            return DisplayState.RUNNING if self._user_present else DisplayState.PAUSED
        if self._phase in (SessionPhase.LOSS_PENDING, SessionPhase.LOST):
            return DisplayState.LOST
        if self._phase in (SessionPhase.EXITING, SessionPhase.ENDED):
            return DisplayState.CLOSED if self._exit_requested else DisplayState.LOST
        return DisplayState.PAUSED

    def _enter(self, phase: SessionPhase) -> Transition:
        previous = self._phase
        expected = phase in _EXPECTED_NEXT[previous] or phase is SessionPhase.LOSS_PENDING \
            or phase is SessionPhase.LOST
        if not expected:
            log.warning("session went from %s to %s, which the OpenXR lifecycle does not foresee",
                        previous.name, phase.name)
        self._phase = phase
        if phase in _GONE:
            self._frame_loop_running = False  # no frame may be waited for on a dying session
        if phase is not previous:
            self._history.append(phase)
        call = _CALL_ON_ENTRY.get(phase, SessionCall.NONE) if phase is not previous else SessionCall.NONE
        return Transition(previous, phase, call, expected)
