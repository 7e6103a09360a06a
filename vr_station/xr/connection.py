"""The OpenXR runtime the XR mode talks to, and finding it again after it went away.

``connect`` creates one instance with its headset and controller actions; ``RuntimeFinder``
looks for the runtime again after a loss. Nothing here needs a GL context: sessions and
swapchains are the display's business.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

from vr_station.xr import gl
from vr_station.xr.bindings import PROFILE_EXTENSIONS
from vr_station.xr.errors import XrUnavailable
from vr_station.xr.graphics import GraphicsChoice, missing_for
from vr_station.xr.hand_tracking import HAND_TRACKING_EXTENSION
from vr_station.xr.input import ControllerActions
from vr_station.xr.instance import USER_PRESENCE_EXTENSION, XrInstance, available_extensions
from vr_station.xr.reconnect import ReconnectSchedule
from vr_station.xr.refresh import REFRESH_RATE_EXTENSION

log = logging.getLogger(__name__)

OPTIONAL_EXTENSIONS = (HAND_TRACKING_EXTENSION, REFRESH_RATE_EXTENSION)
"""Enabled where offered: hands without controllers, and choosing the display's refresh rate."""


@dataclass
class XrRuntime:
    """One OpenXR instance with its headset system and the controller actions."""

    stack: ExitStack
    instance: XrInstance
    actions: ControllerActions
    recommended: list[tuple[int, int, int, int]]
    """Per eye: recommended width, height; maximum width, height."""

    def close(self) -> None:
        """Destroy the actions and the instance (quietly, when the runtime is already gone)."""
        self.stack.close()

    def fits(self, eye_sizes: Sequence[tuple[int, int]]) -> bool:
        """Whether eye images of these sizes can go to this runtime's headset."""
        return len(eye_sizes) == len(self.recommended) and all(
            w <= max_w and h <= max_h for (w, h), (_, _, max_w, max_h) in zip(eye_sizes, self.recommended,
                                                                              strict=True))


def connect(app_name: str, graphics: GraphicsChoice) -> XrRuntime:
    """Create the instance (any thread) for the GL binding ``graphics`` will build.

    Raises XrUnavailable (no runtime, no headset, no OpenGL binding: one line that names the
    runtimes that work) and other XrErrors.
    """
    problem = missing_for(graphics, available_extensions())
    if problem is not None:
        raise XrUnavailable(problem)
    stack = ExitStack()
    try:
        instance = stack.enter_context(
            XrInstance(app_name, graphics.required_extensions,
                       optional=[USER_PRESENCE_EXTENSION, *OPTIONAL_EXTENSIONS, *PROFILE_EXTENSIONS]))
        log.info("OpenXR graphics: %s", gl.check_graphics_requirements(instance.handle, instance.system_id))
        recommended = instance.recommended_eye_sizes()
        actions = stack.enter_context(ControllerActions(instance))
    except BaseException:
        stack.close()
        raise
    return XrRuntime(stack, instance, actions, recommended)


class RuntimeFinder:
    """After a loss, tries ``connect`` every ``interval_s``, one attempt at a time on a worker thread.

    xrCreateInstance may take seconds with a runtime that is starting up, and the frame loop (and
    the staff mirror) must not wait for it.
    """

    def __init__(self, app_name: str, graphics: GraphicsChoice, interval_s: float,
                 eye_sizes: Sequence[tuple[int, int]]) -> None:
        self._app_name = app_name
        self._graphics = graphics
        self._eye_sizes = list(eye_sizes)
        self.schedule = ReconnectSchedule(interval_s)
        self._pool: ThreadPoolExecutor | None = None
        self._attempt: Future[XrRuntime] | None = None

    @property
    def searching(self) -> bool:
        """Whether the runtime is lost and an attempt is running or waiting to start."""
        return self.schedule.waiting or self._attempt is not None

    def lost(self, now_s: float) -> None:
        """The runtime went away at ``now_s`` (monotonic seconds); try again one interval later."""
        self.schedule.lost(now_s)

    def poll(self, now_s: float) -> XrRuntime | None:
        """Once per frame: starts a due attempt; returns the runtime once one is back."""
        if self._attempt is not None and self._attempt.done():
            return self._attempt_ended(now_s)
        if self._attempt is None and self.schedule.due(now_s):
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xr-connect")
            self._attempt = self._pool.submit(connect, self._app_name, self._graphics)
            self.schedule.started()
        return None

    def _attempt_ended(self, now_s: float) -> XrRuntime | None:
        attempt, self._attempt = self._attempt, None
        assert attempt is not None
        try:
            runtime = attempt.result()
        except Exception as exc:
            if self.schedule.failed(now_s):
                log.warning("OpenXR runtime still not reachable (attempt %d, next in %.0f s): %s",
                            self.schedule.failed_attempts, self.schedule.interval_s, exc)
            return None
        if not runtime.fits(self._eye_sizes):
            runtime.close()
            if self.schedule.failed(now_s):
                log.error("the OpenXR runtime came back with another headset (eye images of %s px "
                          "do not fit it); restart the station to use it", self._eye_sizes)
            return None
        self.schedule.succeeded()
        log.info("OpenXR runtime is back (%s, %s): starting a new session",
                 runtime.instance.runtime_name, runtime.instance.system_name)
        return runtime

    def close(self) -> None:
        """Stop looking; an instance that an attempt still creates is destroyed when it arrives."""
        attempt, self._attempt = self._attempt, None
        if attempt is not None:
            attempt.add_done_callback(_release_late_runtime)
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None


def _release_late_runtime(attempt: Future[XrRuntime]) -> None:
    """An instance created after the station closed must still be destroyed."""
    if attempt.exception() is None:
        attempt.result().close()
