"""The OpenXR session, its reference spaces and its per-eye swapchains, as context managers."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import xr

from calibration.body import Pose
from vr_station.xr.errors import XrError, XrLost, xr_call
from vr_station.xr.views import EyeFov, EyeView, pose_to_panda

log = logging.getLogger(__name__)

VIEW_CONFIGURATION = xr.ViewConfigurationType.PRIMARY_STEREO
_IMAGE_WAIT_NS = 1_000_000_000
_IMAGE_WAIT_TRIES = 5


@dataclass(frozen=True)
class FrameTiming:
    """What xrWaitFrame said about the coming frame."""

    predicted_display_time_ns: int
    predicted_display_period_ns: int
    should_render: bool


@dataclass(frozen=True)
class PlaySpace:
    """The space the station's rig stands for."""

    kind: str
    """'stage' or 'local' (LOCAL moved down by the assumed eye height)."""
    floor_offset_m: float
    """How far the play space's origin lies below the runtime's LOCAL origin (0 for STAGE)."""


def _pose(p: Any) -> Pose:
    return pose_to_panda((p.position.x, p.position.y, p.position.z),
                         (p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w))


def _located(flags: int) -> bool:
    wanted = int(xr.SpaceLocationFlags.POSITION_VALID_BIT | xr.SpaceLocationFlags.ORIENTATION_VALID_BIT)
    return int(flags) & wanted == wanted


class XrSession:
    """A session on ``instance`` with the given graphics binding; ends and destroys on exit."""

    def __init__(self, instance: Any, system_id: int, binding: Any) -> None:
        self._instance = instance
        self._system_id = system_id
        self._binding = binding  # must outlive the session: the runtime may keep pointers
        self.handle: Any = None
        self.play_space: Any = None
        self.view_space: Any = None
        self.play: PlaySpace | None = None

    def __enter__(self) -> XrSession:
        """Create the session (xrCreateSession); returns self."""
        with xr_call("xrCreateSession"):
            self.handle = xr.create_session(self._instance, xr.SessionCreateInfo(
                next=ctypes.cast(ctypes.pointer(self._binding), ctypes.c_void_p),
                system_id=self._system_id))
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Destroy the spaces and the session; a runtime that already died only costs a warning."""
        for space in (self.view_space, self.play_space):
            if space is not None:
                _quietly("xrDestroySpace", xr.destroy_space, space)
        self.view_space = self.play_space = None
        if self.handle is not None:
            handle, self.handle = self.handle, None
            _quietly("xrDestroySession", xr.destroy_session, handle)

    def create_spaces(self, fallback_eye_height_m: float, use_stage: bool = True) -> PlaySpace:
        """Create the play space and the head's VIEW space; returns the play space.

        STAGE (origin on the floor) where the runtime has one and ``use_stage``, else LOCAL moved
        down by the assumed eye height (``fallback_eye_height_m``).
        """
        with xr_call("xrEnumerateReferenceSpaces"):
            offered = {int(s) for s in xr.enumerate_reference_spaces(self.handle)}
        offset = xr.Posef()
        if use_stage and int(xr.ReferenceSpaceType.STAGE) in offered:
            kind, space_type, floor_m = "stage", xr.ReferenceSpaceType.STAGE, 0.0
        else:
            kind, space_type, floor_m = "local", xr.ReferenceSpaceType.LOCAL, fallback_eye_height_m
            offset.position.y = -fallback_eye_height_m
            log.info("play space: LOCAL %.2f m lower stands in for the floor%s", floor_m,
                     "" if not use_stage else " (the runtime has no STAGE space)")
        with xr_call("xrCreateReferenceSpace(play)"):
            self.play_space = xr.create_reference_space(self.handle, xr.ReferenceSpaceCreateInfo(
                reference_space_type=space_type, pose_in_reference_space=offset))
        with xr_call("xrCreateReferenceSpace(VIEW)"):
            self.view_space = xr.create_reference_space(self.handle, xr.ReferenceSpaceCreateInfo(
                reference_space_type=xr.ReferenceSpaceType.VIEW, pose_in_reference_space=xr.Posef()))
        self.play = PlaySpace(kind, floor_m)
        return self.play

    def swapchain_formats(self) -> list[int]:
        """The GL internal formats the runtime offers for swapchains, its favourite first."""
        with xr_call("xrEnumerateSwapchainFormats"):
            return [int(f) for f in xr.enumerate_swapchain_formats(self.handle)]

    def display_refresh_rates(self) -> list[float]:
        """The refresh rates the display offers, in Hz (XR_FB_display_refresh_rate must be enabled)."""
        enumerate_fn = ctypes.cast(
            xr.get_instance_proc_addr(self._instance, "xrEnumerateDisplayRefreshRatesFB"),
            xr.PFN_xrEnumerateDisplayRefreshRatesFB)
        count = ctypes.c_uint32(0)
        with xr_call("xrEnumerateDisplayRefreshRatesFB"):
            _check(enumerate_fn(self.handle, 0, ctypes.byref(count), None))
            rates = (ctypes.c_float * count.value)()
            _check(enumerate_fn(self.handle, count.value, ctypes.byref(count), rates))
        return [float(rate) for rate in rates[:count.value]]

    def request_display_refresh_rate(self, rate_hz: float) -> None:
        """Ask the display to run at ``rate_hz`` (one of ``display_refresh_rates``)."""
        request_fn = ctypes.cast(xr.get_instance_proc_addr(self._instance, "xrRequestDisplayRefreshRateFB"),
                                 xr.PFN_xrRequestDisplayRefreshRateFB)
        with xr_call(f"xrRequestDisplayRefreshRateFB({rate_hz:g})"):
            _check(request_fn(self.handle, rate_hz))

    def begin(self) -> None:
        """Begin the session (xrBeginSession, stereo views): the frame loop may start."""
        with xr_call("xrBeginSession"):
            xr.begin_session(self.handle, xr.SessionBeginInfo(
                primary_view_configuration_type=VIEW_CONFIGURATION))

    def end(self) -> None:
        """End the session (xrEndSession) after the frame loop has stopped."""
        with xr_call("xrEndSession"):
            xr.end_session(self.handle)

    def request_exit(self) -> None:
        """Ask the runtime to take the session through STOPPING to EXITING (xrRequestExitSession)."""
        with xr_call("xrRequestExitSession"):
            xr.request_exit_session(self.handle)

    def wait_frame(self) -> FrameTiming:
        """Block until the runtime wants the next frame (xrWaitFrame, the loop's only wait)."""
        with xr_call("xrWaitFrame"):
            state = xr.wait_frame(self.handle, xr.FrameWaitInfo())
        return FrameTiming(int(state.predicted_display_time), int(state.predicted_display_period),
                           bool(state.should_render))

    def begin_frame(self) -> None:
        """Begin the frame (xrBeginFrame); a discarded previous frame is not an error."""
        try:
            with xr_call("xrBeginFrame"):
                xr.begin_frame(self.handle, xr.FrameBeginInfo())
        except XrError as exc:
            # XR_FRAME_DISCARDED is a success code: the previous frame was dropped, go on.
            if not isinstance(exc.__cause__, xr.FrameDiscarded):
                raise

    def end_frame(self, display_time_ns: int, layers: Sequence[Any]) -> None:
        """Submit the frame (xrEndFrame) with ``layers`` (none when nothing was drawn)."""
        with xr_call("xrEndFrame"):
            xr.end_frame(self.handle, xr.FrameEndInfo(
                display_time=display_time_ns, environment_blend_mode=xr.EnvironmentBlendMode.OPAQUE,
                layers=list(layers)))

    def locate_views(self, display_time_ns: int) -> tuple[list[EyeView], list[Any]] | None:
        """Both eyes in the play space (Panda coordinates) and the raw views for the layer.

        None while the runtime cannot locate them.
        """
        with xr_call("xrLocateViews"):
            state, raw = xr.locate_views(self.handle, xr.ViewLocateInfo(
                view_configuration_type=VIEW_CONFIGURATION, display_time=display_time_ns,
                space=self.play_space))
        if not _located(state.view_state_flags):
            return None
        views = [EyeView(_pose(v.pose), EyeFov(v.fov.angle_left, v.fov.angle_right,
                                               v.fov.angle_up, v.fov.angle_down)) for v in raw]
        return views, list(raw)

    def locate_head(self, display_time_ns: int) -> Pose | None:
        """The head (VIEW space) in the play space at ``display_time_ns``; None while it is not tracked."""
        with xr_call("xrLocateSpace(VIEW)"):
            location = xr.locate_space(self.view_space, self.play_space, display_time_ns)
        return _pose(location.pose) if _located(location.location_flags) else None

    def locate(self, space: Any, display_time_ns: int) -> Pose | None:
        """``space`` (a controller's aim) in the play space at ``display_time_ns``; None if untracked."""
        with xr_call("xrLocateSpace"):
            location = xr.locate_space(space, self.play_space, display_time_ns)
        return _pose(location.pose) if _located(location.location_flags) else None


class EyeSwapchain:
    """One eye's swapchain of GL textures. Create and destroy with the GL context current."""

    def __init__(self, session: Any, fmt: int, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self._session = session
        self._format = fmt
        self.handle: Any = None
        self.textures: list[int] = []

    def __enter__(self) -> EyeSwapchain:
        """Create the swapchain and list its GL textures; returns self."""
        with xr_call("xrCreateSwapchain"):
            self.handle = xr.create_swapchain(self._session, xr.SwapchainCreateInfo(
                usage_flags=(xr.SwapchainUsageFlags.COLOR_ATTACHMENT_BIT
                             | xr.SwapchainUsageFlags.TRANSFER_DST_BIT),
                format=self._format, sample_count=1, width=self.width, height=self.height,
                face_count=1, array_size=1, mip_count=1))
        with xr_call("xrEnumerateSwapchainImages"):
            images = xr.enumerate_swapchain_images(self.handle, xr.SwapchainImageOpenGLKHR)
        self.textures = [int(image.image) for image in images]
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Destroy the swapchain; a runtime that already died only costs a warning."""
        if self.handle is not None:
            handle, self.handle = self.handle, None
            _quietly("xrDestroySwapchain", xr.destroy_swapchain, handle)

    @contextmanager
    def image(self) -> Iterator[int]:
        """Acquire, wait for and (afterwards) release the next image; yields its GL texture."""
        with xr_call("xrAcquireSwapchainImage"):
            index = xr.acquire_swapchain_image(self.handle, xr.SwapchainImageAcquireInfo())
        # Waits only until the compositor lets go of this image (normally at once). A runtime
        # that holds it for seconds is broken: give up and treat the session as lost.
        for _ in range(_IMAGE_WAIT_TRIES):
            try:
                with xr_call("xrWaitSwapchainImage"):
                    xr.wait_swapchain_image(self.handle, xr.SwapchainImageWaitInfo(timeout=_IMAGE_WAIT_NS))
                break
            except XrError as exc:
                if not isinstance(exc.__cause__, xr.TimeoutExpired):
                    raise
        else:
            raise XrLost(f"the compositor held swapchain image {index} for "
                         f"{_IMAGE_WAIT_TRIES * _IMAGE_WAIT_NS / 1e9:.0f} s")
        try:
            yield self.textures[index]
        finally:
            with xr_call("xrReleaseSwapchainImage"):
                xr.release_swapchain_image(self.handle, xr.SwapchainImageReleaseInfo())


def projection_layer(play_space: Any, raw_views: Sequence[Any],
                     swapchains: Sequence[EyeSwapchain]) -> tuple[Any, Any]:
    """The composition layer for this frame (and the views array it points into)."""
    views = (xr.CompositionLayerProjectionView * len(raw_views))()
    for view, raw, chain in zip(views, raw_views, swapchains, strict=True):
        view.type = xr.StructureType.COMPOSITION_LAYER_PROJECTION_VIEW
        view.pose = raw.pose
        view.fov = raw.fov
        view.sub_image.swapchain = chain.handle
        view.sub_image.image_rect.offset.x = 0
        view.sub_image.image_rect.offset.y = 0
        view.sub_image.image_rect.extent.width = chain.width
        view.sub_image.image_rect.extent.height = chain.height
        view.sub_image.image_array_index = 0
    layer = xr.CompositionLayerProjection(space=play_space, views=views)
    return layer, views


def _check(code: Any) -> None:
    result = xr.check_result(xr.Result(code))
    if result.is_exception():
        raise result


def _quietly(call: str, fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except Exception as exc:  # teardown after the runtime died: nothing left to free
        log.warning("%s failed during teardown: %s", call, exc)
