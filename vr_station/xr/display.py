"""``xr`` display mode: Panda3D renders each eye into the OpenXR runtime's swapchains.

Open: instance and headset system → ShowBase (a staff mirror window where a display exists,
else an offscreen buffer) → one offscreen buffer per eye → the session is created inside a
draw callback, where Panda's GL context is current (the OpenGL binding shares that context) →
play space, swapchains, controller actions. Then every frame runs the phases in
``vr_station.xr.phases``; the session's lifecycle is ``vr_station.xr.lifecycle``.

No failure of the runtime raises out of a frame: a lost session or a runtime that vanished
turns ``state()`` to LOST (the kiosk resets), the session and instance are released, and the
mode looks for the runtime again every ``reconnect_interval_s`` (``vr_station.xr.connection``)
on a worker thread, so the station and its staff mirror keep running meanwhile. When the
runtime is back, a new session starts in the same window and eye buffers.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from typing import Any

from direct.showbase.ShowBase import ShowBase
from direct.task.Task import Task
from panda3d.core import ConfigPage, NodePath, loadPrcFileData, unloadPrcFile

from vr_station.display.base import ControllerInput, DisplayMode, DisplayState
from vr_station.display.settings import DisplaySettings, panda_config
from vr_station.xr import gl
from vr_station.xr.connection import RuntimeFinder, XrRuntime, connect
from vr_station.xr.diagnostics import EyeCapture, XrFrameStats, XrRuntimeInfo
from vr_station.xr.errors import XrError, XrUnavailable
from vr_station.xr.eyes import EyeRig
from vr_station.xr.graphics import GraphicsChoice, NoGraphicsBinding, choose_graphics
from vr_station.xr.hand_tracking import HandTrackers, system_tracks_hands
from vr_station.xr.hands import HandPointer
from vr_station.xr.instance import (
    InstanceLossPending,
    InteractionProfileChanged,
    SessionStateChanged,
    UserPresenceChanged,
)
from vr_station.xr.lifecycle import SessionCall, SessionLifecycle, SessionPhase, Transition
from vr_station.xr.mirror import StaffMirror, staff_status
from vr_station.xr.phases import TASK_NAMES, FramePhase
from vr_station.xr.refresh import REFRESH_RATE_EXTENSION, RefreshRateChooser
from vr_station.xr.session import EyeSwapchain, FrameTiming, XrSession, projection_layer
from vr_station.xr.settings import XrSettings
from vr_station.xr.views import EyeView

log = logging.getLogger(__name__)

MIRROR_TITLE_SUFFIX = " – Spiegelbild für das Personal"

CaptureCallback = Callable[[Sequence[EyeCapture]], None]



class XrDisplayMode(DisplayMode):
    """Shows the station in a headset through OpenXR, with a mirror for staff (see the module).

    ``settings`` are the station's display settings (eye height, window title), ``xr_settings``
    the XR mode's own. ``system`` (``sys.platform``) and ``environ`` choose the OpenGL binding
    and whether the mirror is a window (``vr_station.xr.graphics``); ``clock`` and ``sleep``
    (monotonic seconds) pace the frames while the session is idle.
    """

    name = "xr"

    def __init__(self, settings: DisplaySettings | None = None, xr_settings: XrSettings | None = None,
                 *, environ: Mapping[str, str] | None = None, system: str = sys.platform,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._display = settings or DisplaySettings()
        self._settings = xr_settings or XrSettings()
        self._environ = os.environ if environ is None else environ
        self._system = system
        self._clock = clock
        self._sleep = sleep
        self._lifecycle = SessionLifecycle()
        self._past_phases: list[SessionPhase] = []
        """Phases of sessions before the current one (the runtime went away in between)."""
        self._runtime: XrRuntime | None = None
        self._finder: RuntimeFinder | None = None
        """Looks for the runtime after it went away (created once the eye sizes are known)."""
        self._session_stack = ExitStack()
        self._gl_stack = ExitStack()
        """Swapchains and the copier: torn down while the GL context is current."""
        self._prc: ConfigPage | None = None
        self._base: ShowBase | None = None
        self._graphics: GraphicsChoice | None = None
        self._session: XrSession | None = None
        self._swapchains: list[EyeSwapchain] = []
        self._copier: gl.EyeCopier | None = None
        self._format = 0
        self._eye_sizes: list[tuple[int, int]] = []
        self._eyes: EyeRig | None = None
        self._mirror: StaffMirror | None = None
        self._gl_jobs: list[Callable[[], None]] = []
        self._callback_error: BaseException | None = None
        self._frame: FrameTiming | None = None
        self._raw_views: list[Any] = []
        self._views: list[EyeView] = []
        self._eyes_copied: list[bool] = []
        self._controllers: tuple[ControllerInput, ...] = ()
        self._hands: HandTrackers | None = None
        self._hand_pointer = HandPointer()
        self._refresh = RefreshRateChooser(())
        self._frame_started_s = 0.0
        self._capture_waiting: list[CaptureCallback] = []
        self._captures: dict[int, EyeCapture] = {}
        self._last_idle_s = 0.0
        self._closed = False
        self._exit_wanted = threading.Event()
        """request_exit() was called (perhaps from a signal handler); the frame loop acts on it."""
        self._exit_deadline_s: float | None = None
        self._last_lost_reason: str | None = None
        self._info: XrRuntimeInfo | None = None
        self.stats = XrFrameStats()

    # -- DisplayMode ---------------------------------------------------------------------------

    def open(self) -> ShowBase:
        """Connect to the runtime, open Panda3D and create the session; returns the ShowBase.

        Raises XrUnavailable (no runtime, headset or OpenGL binding) or another XrError;
        nothing stays open then. A second call returns the same ShowBase.
        """
        if self._base is not None:
            return self._base
        if self._closed:
            raise RuntimeError("this XR mode was closed; create a new XrDisplayMode to start again")
        try:
            self._graphics = graphics = choose_graphics(self._system, self._settings.mirror, self._environ)
        except NoGraphicsBinding as exc:
            self._closed = True
            raise XrUnavailable(str(exc)) from None
        try:
            self._runtime = connect(self._settings.app_name, graphics)
            scale = self._settings.resolution_scale
            self._eye_sizes = [
                (max(16, min(max_w, round(w * scale))), max(16, min(max_h, round(h * scale))))
                for w, h, max_w, max_h in self._runtime.recommended]
            self._finder = RuntimeFinder(self._settings.app_name, graphics,
                                         self._settings.reconnect_interval_s, self._eye_sizes)
            self._open_panda(graphics)
            self._run_gl_job(self._create_session)
        except BaseException:
            self.close()
            raise
        assert self._base is not None
        return self._base

    def bind(self, rig: NodePath) -> NodePath:
        """Put the tracked head below ``rig``; until the runtime locates it, it stands at eye height."""
        if self._eyes is None:
            raise RuntimeError("open() the XR display mode before binding a rig")
        self._eyes.head.reparentTo(rig)
        if self.stats.head_poses == 0:
            # Until the runtime locates the head, it stands where a standing visitor's would:
            # the first step's panels are placed from it (not on the floor at the origin).
            self._eyes.head.setPosHpr(0, 0, self._display.eye_height_m, 0, 0, 0)
        return self._eyes.head

    def controllers(self) -> Sequence[ControllerInput]:
        """Both hands' controller state, read after this frame's xrSyncActions."""
        return self._controllers

    def state(self) -> DisplayState:
        """CLOSED once closed or after an asked-for exit has ended; else the session's display state."""
        if self._closed or (self._exit_wanted.is_set() and not self._lifecycle.session_alive):
            return DisplayState.CLOSED
        return self._lifecycle.display_state()

    def request_exit(self) -> None:
        """End the session the OpenXR way (the runtime takes it through STOPPING).

        ``state()`` turns CLOSED when it has ended. Safe from a signal handler: only sets a flag.
        """
        self._exit_wanted.set()

    def close(self) -> None:
        """End the session, release swapchains, instance, eye buffers and mirror, and log the phases."""
        if self._closed:
            return
        self._closed = True
        if self._session is not None and self._lifecycle.session_alive:
            self._leave_session()
        if self._base is not None:
            for name in TASK_NAMES.values():
                self._base.taskMgr.remove(name)
        if self._session is not None:
            self._drop_session(now=True)
        self._drop_runtime()
        if self._finder is not None:
            self._finder.close()
        if self._base is not None:
            base, self._base = self._base, None
            base.ignore("window-event")
            if self._mirror is not None:
                self._mirror.destroy()
            if self._eyes is not None:
                self._eyes.destroy()
            base.destroy()
        if self._prc is not None:
            unloadPrcFile(self._prc)
            self._prc = None
        log.info("XR mode closed; session went through %s",
                 " → ".join(p.name for p in self.phase_history))

    # -- diagnostics -----------------------------------------------------------------------------

    @property
    def phase(self) -> SessionPhase:
        """The current session's lifecycle phase."""
        return self._lifecycle.phase

    @property
    def phase_history(self) -> tuple[SessionPhase, ...]:
        """Every phase entered, across reconnections (each new session starts at NO_SESSION)."""
        return (*self._past_phases, *self._lifecycle.history)

    @property
    def lost_reason(self) -> str | None:
        """Why the last session was lost (None while none was)."""
        return self._lifecycle.lost_reason or self._last_lost_reason

    @property
    def info(self) -> XrRuntimeInfo | None:
        """The runtime, headset and graphics in use; None until a session has been created."""
        return self._info

    @property
    def eye_views(self) -> tuple[EyeView, ...]:
        """The eyes' poses (rig coordinates) and fields of view of the last located frame."""
        return tuple(self._views)

    @property
    def eye_cameras(self) -> tuple[NodePath, ...]:
        """One camera per eye (left first); empty before ``open``."""
        return self._eyes.cameras if self._eyes is not None else ()

    def request_capture(self, callback: CaptureCallback) -> None:
        """Read both eyes' swapchain images back after the next frame that reaches the runtime.

        The images go to ``callback`` (staff diagnostics, tests). Costs one GPU read-back.
        """
        self._capture_waiting.append(callback)

    # -- opening ---------------------------------------------------------------------------------

    def _open_panda(self, graphics: GraphicsChoice) -> None:
        settings = self._display
        mirror_window = graphics.mirror_window
        overrides = {
            "load-display": graphics.panda_display,
            "window-title": settings.window_title + MIRROR_TITLE_SUFFIX,
            # Only xrWaitFrame paces the loop; a vsync wait on the mirror would add to it.
            "sync-video": "#f",
            # Eye images are copied byte for byte into sRGB swapchains (see gl.py).
            "framebuffer-srgb": "#f",
        }
        shared = panda_config(settings, window_type="onscreen" if mirror_window else "offscreen",
                              sound=settings.sound, quiet_devices=not mirror_window)
        lines = [line for line in shared.splitlines() if line.split(" ", 1)[0] not in overrides]
        lines += [f"{key} {value}" for key, value in overrides.items()]
        self._prc = loadPrcFileData("vr_station.xr", "\n".join(lines))
        self._base = base = ShowBase(windowType="onscreen" if mirror_window else "offscreen")
        # The default camera would render the scene a third time into the mirror window.
        base.camNode.setActive(False)
        base.disableMouse()
        base.win.setClearColor(self._settings.clear_color)
        if mirror_window:
            # ShowBase ends the process when its window closes; staff closing the mirror ends
            # the XR session in order instead (the station then wipes and shuts down).
            base.ignore("window-event")
            base.accept("window-event", self._on_window_event)
        self._eyes = EyeRig(base, self._eye_sizes, self._settings, self._eye_drawn)
        self._mirror = StaffMirror(base, self._eyes.buffers[0], self._eye_sizes[0])
        self._eyes_copied = [False] * len(self._eye_sizes)
        tasks: dict[FramePhase, Callable[[Task], int]] = {
            FramePhase.POLL_EVENTS: self._poll_events_task,
            FramePhase.WAIT_FRAME: self._wait_frame_task,
            FramePhase.SYNC_INPUT: self._sync_input_task,
            FramePhase.LOCATE_VIEWS: self._locate_views_task,
            FramePhase.END_FRAME: self._end_frame_task,
            FramePhase.IDLE_PACING: self._idle_pacing_task,
        }
        for phase, fn in tasks.items():
            base.taskMgr.add(fn, TASK_NAMES[phase], sort=int(phase))

    def _create_session(self) -> None:
        """Runs in a draw callback: the runtime shares Panda's current GL context."""
        assert self._runtime is not None
        instance, actions = self._runtime.instance, self._runtime.actions
        assert self._graphics is not None
        binding = gl.current_binding(self._graphics.api)
        renderer = gl.renderer_name()
        self._session = session = self._session_stack.enter_context(
            XrSession(instance.handle, instance.system_id, binding))
        self._lifecycle.session_created()
        play = session.create_spaces(self._settings.fallback_eye_height_m,
                                     use_stage=self._settings.play_space == "stage")
        self._format = gl.choose_swapchain_format(session.swapchain_formats())
        self._swapchains = [self._gl_stack.enter_context(EyeSwapchain(session.handle, self._format, w, h))
                            for w, h in self._eye_sizes]
        self._copier = copier = gl.EyeCopier()
        self._gl_stack.callback(copier.release)
        actions.attach(session)
        self._session_stack.callback(actions.detach)
        self._hands = None
        if system_tracks_hands(instance):
            # Closed before the session (the stack unwinds in reverse).
            self._hands = self._session_stack.enter_context(HandTrackers(instance, session))
            self._session_stack.callback(self._forget_hands)
        rates = session.display_refresh_rates() if REFRESH_RATE_EXTENSION in instance.extensions else []
        self._refresh = RefreshRateChooser(tuple(rates))
        start_hz = self._refresh.start()
        self._info = XrRuntimeInfo(
            runtime=instance.runtime_name, system=instance.system_name,
            graphics=f"{self._graphics.api}: {renderer}", play_space=play.kind,
            swapchain_format=self._format, eye_size_px=self._eye_sizes[0],
            mirror="window" if self._graphics.mirror_window else "offscreen",
            profiles_suggested=actions.suggested, hand_tracking=self._hands is not None,
            refresh_rates_hz=tuple(rates), refresh_rate_hz=start_hz)
        log.info("XR session: %s", self._info)

    def _forget_hands(self) -> None:
        self._hands = None

    def _request_refresh_rate(self, rate_hz: float | None) -> None:
        """Ask for ``rate_hz`` (``vr_station.xr.refresh``); a runtime that refuses costs a warning."""
        if rate_hz is None or self._session is None:
            return
        try:
            self._session.request_display_refresh_rate(rate_hz)
        except XrError as exc:
            log.warning("display refresh rate %.0f Hz not set: %s", rate_hz, exc)
            return
        self.stats.refresh_rate_hz = rate_hz
        log.info("display refresh rate: %.0f Hz", rate_hz)

    def _on_window_event(self, window: Any) -> None:
        base = self._base
        if base is None or window is not base.win:
            return
        if not window.getProperties().getOpen():
            log.info("the staff mirror window was closed: ending the XR session")
            self.request_exit()
            return
        base.windowEvent(window)  # keeps the aspect ratio right after a resize

    # -- frame phases ----------------------------------------------------------------------------

    def _poll_events_task(self, task: Task) -> int:
        if self._exit_wanted.is_set():
            self._exiting()
        self._guarded(self._poll_events)
        return Task.cont

    def _poll_events(self) -> None:
        if self._runtime is None or self._lifecycle.phase is SessionPhase.LOST:
            return
        for event in self._runtime.instance.poll_events():
            if isinstance(event, SessionStateChanged):
                self._apply(self._lifecycle.runtime_state(event.state))
            elif isinstance(event, InstanceLossPending):
                self._apply(self._lifecycle.lost("the OpenXR runtime is shutting down"))
            elif isinstance(event, InteractionProfileChanged) and self._session is not None:
                self._runtime.actions.refresh_profiles()
            elif isinstance(event, UserPresenceChanged):
                log.info("visitor %s the headset", "put on" if event.present else "took off")
                self._lifecycle.user_presence(event.present)

    def _exiting(self) -> None:
        """request_exit() was called: ask the runtime once, then wait (bounded) for the end."""
        now = self._clock()
        if self._exit_deadline_s is None:
            self._exit_deadline_s = now + self._settings.exit_timeout_s
            log.info("XR: exit requested")
            if self._session is not None and self._lifecycle.session_alive:
                if self._lifecycle.request_exit():
                    self._guarded(lambda: self._session.request_exit() if self._session else None)
                else:  # not running frames: nothing to stop, destroy it
                    self._drop_session(now=False)
        elif now > self._exit_deadline_s and self._lifecycle.session_alive:
            self._lose(f"the runtime did not end the session within {self._settings.exit_timeout_s:.1f} s")

    def _apply(self, transition: Transition) -> None:
        log.info("XR session %s → %s", transition.previous.name, transition.phase.name)
        if transition.call is SessionCall.BEGIN and self._session is not None:
            self._session.begin()
            self._lifecycle.began()
            self._request_refresh_rate(self._refresh.current_hz)
        elif transition.call is SessionCall.END and self._session is not None:
            self._lifecycle.ended()
            self._session.end()
        elif transition.call is SessionCall.DESTROY:
            self._drop_session(now=False)

    def _wait_frame_task(self, task: Task) -> int:
        self._frame = None
        if self._session is not None and self._lifecycle.frame_loop_running:
            self._guarded(self._wait_frame)
        return Task.cont

    def _wait_frame(self) -> None:
        assert self._session is not None
        frame = self._session.wait_frame()
        self.stats.frames_waited += 1
        self.stats.predicted_period_ns = frame.predicted_display_period_ns
        self._session.begin_frame()
        self._frame = frame
        self._frame_started_s = self._clock()

    def _sync_input_task(self, task: Task) -> int:
        frame = self._frame
        if frame is not None and self._runtime is not None \
                and self._lifecycle.phase is SessionPhase.FOCUSED:
            self._guarded(lambda: self._read_controllers(frame))
        else:
            self._controllers = ()
        return Task.cont

    def _read_controllers(self, frame: FrameTiming) -> None:
        assert self._runtime is not None
        controllers = self._runtime.actions.read(frame.predicted_display_time_ns)
        if self._hands is not None and self._session is not None:
            head = self._session.locate_head(frame.predicted_display_time_ns)
            if head is not None:
                controllers += self._hand_pointer.update(
                    self._hands.locate(frame.predicted_display_time_ns), head, controllers)
        self._controllers = controllers

    def _locate_views_task(self, task: Task) -> int:
        render = False
        frame = self._frame
        if frame is not None and frame.should_render and self._session is not None:
            render = bool(self._guarded(lambda: self._locate(frame)))
        if self._eyes is not None and self._base is not None:
            self._eyes.set_drawing(render, first_only=bool(self._gl_jobs))
            self._eyes.set_clear_color(self._base.win.getClearColor())
            self._eyes_copied = [False] * len(self._eyes.buffers)
        if self._mirror is not None:
            self._mirror.update(staff_status(
                self.state(), self._lifecycle.phase, exiting=self._exit_wanted.is_set(),
                searching=self._finder is not None and self._finder.searching,
                reconnect_interval_s=self._settings.reconnect_interval_s))
        return Task.cont

    def _locate(self, frame: FrameTiming) -> bool:
        assert self._session is not None and self._eyes is not None
        head = self._session.locate_head(frame.predicted_display_time_ns)
        if head is not None:
            self._eyes.place_head(head)
            self.stats.head_poses += 1
        located = self._session.locate_views(frame.predicted_display_time_ns)
        if located is None:
            return False
        self._views, self._raw_views = located
        self._eyes.place_eyes(self._views)
        return True

    def _eye_drawn(self, eye: int) -> None:
        """Panda just drew ``eye`` (GL context current): pending GL work, then the image to the runtime."""
        try:
            if eye == 0:
                jobs, self._gl_jobs = self._gl_jobs, []
                for job in jobs:
                    job()
            if self._frame is None or not self._raw_views or not self._swapchains \
                    or self._copier is None:
                return
            chain = self._swapchains[eye]
            with chain.image() as texture:
                self._copier.copy_current_framebuffer(texture, chain.width, chain.height)
                if self._capture_waiting:
                    self._captures[eye] = EyeCapture(
                        eye, chain.width, chain.height,
                        _top_row_first(self._copier.read_texture(texture, chain.width, chain.height),
                                       chain.width, chain.height),
                        self._views[eye], self._format)
            self._eyes_copied[eye] = True
        except BaseException as exc:  # raised again outside Panda's C++ frame (END_FRAME)
            self._callback_error = exc

    def _end_frame_task(self, task: Task) -> int:
        error, self._callback_error = self._callback_error, None
        if error is not None:
            self._guarded(lambda: _reraise(error))
        frame, self._frame = self._frame, None
        if frame is not None and self._session is not None and self._lifecycle.frame_loop_running:
            self._guarded(lambda: self._end_frame(frame))
        return Task.cont

    def _end_frame(self, frame: FrameTiming) -> None:
        assert self._session is not None
        complete = bool(self._eyes_copied) and all(self._eyes_copied)
        layers = []
        if frame.should_render and complete:
            layer, _views = projection_layer(self._session.play_space, self._raw_views, self._swapchains)
            layers.append(ctypes.byref(layer))
        self._session.end_frame(frame.predicted_display_time_ns, layers)
        self.stats.frames_submitted += 1
        if frame.should_render:
            faster_or_slower = self._refresh.update(self._clock() - self._frame_started_s)
            if faster_or_slower is not None:
                self.stats.refresh_rate_changes += 1
                self._request_refresh_rate(faster_or_slower)
        if complete:
            self.stats.frames_rendered += 1
            if self._capture_waiting and len(self._captures) == len(self._swapchains):
                captures = tuple(self._captures[eye] for eye in sorted(self._captures))
                waiting, self._capture_waiting = self._capture_waiting, []
                for callback in waiting:
                    callback(captures)
        self._captures.clear()

    def _idle_pacing_task(self, task: Task) -> int:
        now = self._clock()
        self._look_for_runtime(now)
        # Without a running session nothing paces the loop; do not spin a core meanwhile.
        if not self._lifecycle.frame_loop_running:
            rest = self._settings.idle_frame_s - (now - self._last_idle_s)
            if rest > 0:
                self._sleep(rest)
            now = self._clock()
        self._last_idle_s = now
        return Task.cont

    # -- the runtime going away and coming back ------------------------------------------------

    def _look_for_runtime(self, now: float) -> None:
        if self._closed or self._exit_wanted.is_set() or self._finder is None:
            return
        runtime = self._finder.poll(now)
        if runtime is not None:
            self._runtime = runtime
            self._past_phases.extend(self._lifecycle.history)
            self._lifecycle = SessionLifecycle()
            self.stats.reconnects += 1
            self._gl_jobs.append(self._create_session)

    def _runtime_gone(self) -> None:
        """The session is destroyed, and not because the station asked.

        Release the instance and look for the runtime again.
        """
        self._drop_runtime()
        self._last_lost_reason = self._lifecycle.lost_reason or "the runtime ended the session"
        if self._finder is not None:
            self._finder.lost(self._clock())
        log.warning("XR display lost (%s): the kiosk resets; looking for the OpenXR runtime every "
                    "%.0f s", self._last_lost_reason, self._settings.reconnect_interval_s)

    def _drop_runtime(self) -> None:
        if self._runtime is not None:
            runtime, self._runtime = self._runtime, None
            runtime.close()

    # -- failures and teardown -------------------------------------------------------------------

    def _guarded(self, step: Callable[[], Any]) -> Any:
        """Run one frame step; a failing runtime turns the session LOST instead of raising."""
        try:
            return step()
        except XrError as exc:
            self._lose(str(exc))
        except Exception as exc:
            log.exception("XR frame step failed")
            self._lose(f"{type(exc).__name__}: {exc}")
        return None

    def _lose(self, reason: str) -> None:
        if self._lifecycle.phase is SessionPhase.LOST:
            return
        log.error("XR session lost: %s", reason)
        self._apply(self._lifecycle.lost(reason))

    def _leave_session(self) -> None:
        """Ask the runtime to end the session and run its lifecycle to the end (bounded)."""
        assert self._session is not None
        try:
            if self._lifecycle.request_exit():
                self._session.request_exit()
        except XrError as exc:
            self._lose(str(exc))
            return
        deadline = self._clock() + self._settings.exit_timeout_s
        while self._lifecycle.session_alive and self._clock() < deadline:
            self._guarded(self._poll_events)
            if self._lifecycle.frame_loop_running and self._session is not None:
                # Keep frames flowing (empty ones) until the runtime says STOPPING.
                self._guarded(self._empty_frame)
            else:
                self._sleep(0.01)
        if self._lifecycle.session_alive:
            log.warning("runtime did not end the session within %.1f s", self._settings.exit_timeout_s)

    def _empty_frame(self) -> None:
        assert self._session is not None
        frame = self._session.wait_frame()
        self._session.begin_frame()
        self._session.end_frame(frame.predicted_display_time_ns, [])

    def _drop_session(self, now: bool) -> None:
        """Destroy swapchains (GL context current), then the session.

        ``now``: at close, render one frame for the GL context instead of waiting for the next one.
        """
        self._lifecycle.ended()
        self._frame = None
        self._controllers = ()

        def teardown() -> None:
            self._gl_stack.close()
            self._swapchains = []
            self._copier = None
            self._session_stack.close()
            self._session = None
            self._lifecycle.destroyed()
            # Once per loss: a second teardown queued for the same session finds no runtime.
            if self._runtime is not None and not self._closed and not self._exit_wanted.is_set():
                self._runtime_gone()

        if self._base is None or self._eyes is None:
            teardown()
        elif now:
            try:
                self._run_gl_job(teardown)
            except Exception as exc:
                log.warning("GL teardown failed (%s); releasing without the context", exc)
            if self._session is not None:
                teardown()
        else:
            self._gl_jobs.append(teardown)

    def _run_gl_job(self, job: Callable[[], None]) -> None:
        """Run ``job`` inside eye 0's draw callback now (one extra frame)."""
        assert self._base is not None and self._eyes is not None
        self._gl_jobs.append(job)
        self._eyes.set_drawing(False, first_only=True)
        self._base.graphicsEngine.renderFrame()
        error, self._callback_error = self._callback_error, None
        if self._gl_jobs:
            self._gl_jobs.remove(job)
            raise XrUnavailable("Panda3D did not draw the eye buffer; no GL context for OpenXR")
        if error is not None:
            raise error


def _top_row_first(rgba: bytes, width: int, height: int) -> bytes:
    row = width * 4
    return b"".join(rgba[y * row:(y + 1) * row] for y in range(height - 1, -1, -1))


def _reraise(error: BaseException) -> None:
    raise error
