"""The OpenXR instance and the headset system, as a context manager; events as dataclasses."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import xr

from vr_station.xr.errors import XrError, XrUnavailable, xr_call

log = logging.getLogger(__name__)

API_VERSION = (1, 0, 0)
"""OpenXR 1.0: every runtime the station meets speaks it; 1.1 features are not needed."""


@dataclass(frozen=True)
class SessionStateChanged:
    """The session moved to another XrSessionState at ``time_ns`` (the runtime's clock, nanoseconds)."""

    state: int
    """XrSessionState value."""
    time_ns: int


@dataclass(frozen=True)
class InstanceLossPending:
    """The runtime will go away at ``loss_time_ns``: the session is lost and the instance must go."""

    loss_time_ns: int


@dataclass(frozen=True)
class InteractionProfileChanged:
    """The controllers in hand changed; the profile per hand is read again."""

    pass


@dataclass(frozen=True)
class ReferenceSpaceChanged:
    """The play space (reference space ``space_type``) is about to change, e.g. the user recentred."""

    space_type: int


@dataclass(frozen=True)
class UserPresenceChanged:
    """The headset was put on (``present``) or taken off (XR_EXT_user_presence)."""

    present: bool


XrEvent = (SessionStateChanged | InstanceLossPending | InteractionProfileChanged
           | ReferenceSpaceChanged | UserPresenceChanged)

USER_PRESENCE_EXTENSION = "XR_EXT_user_presence"


def available_extensions() -> frozenset[str]:
    """The names of the instance extensions the OpenXR runtime offers."""
    with xr_call("xrEnumerateInstanceExtensionProperties"):
        props = xr.enumerate_instance_extension_properties()
    return frozenset(_text(p.extension_name) for p in props)


class XrInstance:
    """An instance with the head-mounted system; destroyed (with all its children) on exit."""

    def __init__(self, app_name: str, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        self._app_name = app_name
        self._required = tuple(required)
        self._optional = tuple(optional)
        self.handle: Any = None
        self.system_id: int = 0
        self.extensions: frozenset[str] = frozenset()
        self.runtime_name = ""
        self.system_name = ""

    def __enter__(self) -> XrInstance:
        """Create the instance with the required extensions and find the headset system; returns self.

        Raises XrUnavailable when no runtime answers or one lacks a required extension.
        """
        offered = available_extensions()
        missing = [e for e in self._required if e not in offered]
        if missing:
            raise XrUnavailable(f"the OpenXR runtime lacks {', '.join(missing)}")
        enabled = [*self._required, *(e for e in self._optional if e in offered)]
        try:
            with xr_call("xrCreateInstance"):
                self.handle = xr.create_instance(xr.InstanceCreateInfo(
                    application_info=xr.ApplicationInfo(
                        application_name=self._app_name[:127], application_version=1,
                        engine_name="Panda3D", api_version=xr.Version(*API_VERSION)),
                    enabled_extension_names=enabled))
        except XrError as exc:
            # Whatever the result, no instance means no runtime to talk to (Monado's client
            # says RUNTIME_FAILURE when its service is not running).
            raise XrUnavailable(f"no OpenXR runtime answered: {exc}") from exc
        self.extensions = frozenset(enabled)
        try:
            with xr_call("xrGetInstanceProperties"):
                self.runtime_name = _text(xr.get_instance_properties(self.handle).runtime_name)
            with xr_call("xrGetSystem"):
                self.system_id = xr.get_system(self.handle, xr.SystemGetInfo(
                    form_factor=xr.FormFactor.HEAD_MOUNTED_DISPLAY))
            with xr_call("xrGetSystemProperties"):
                self.system_name = _text(xr.get_system_properties(self.handle, self.system_id).system_name)
        except BaseException:
            self._destroy()
            raise
        log.info("OpenXR runtime %s, system %s", self.runtime_name, self.system_name)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Destroy the instance and everything created from it."""
        self._destroy()

    def _destroy(self) -> None:
        if self.handle is not None:
            handle, self.handle = self.handle, None
            try:
                xr.destroy_instance(handle)
            except Exception as exc:  # a dead runtime cannot stop the station from closing
                log.warning("xrDestroyInstance failed: %s", exc)

    def get_proc(self, name: str, prototype: Any) -> Any:
        """The instance function ``name``, cast to its ctypes ``prototype`` (for extension functions)."""
        with xr_call(f"xrGetInstanceProcAddr({name})"):
            return ctypes.cast(xr.get_instance_proc_addr(self.handle, name), prototype)

    def path(self, text: str) -> int:
        """The XrPath for a path string such as ``/user/hand/left``."""
        with xr_call(f"xrStringToPath({text})"):
            return int(xr.string_to_path(self.handle, text).value)

    def path_text(self, path: int) -> str:
        """The string of an XrPath; '' for XR_NULL_PATH."""
        if not path:
            return ""
        with xr_call("xrPathToString"):
            return str(xr.path_to_string(self.handle, path))

    def recommended_eye_sizes(self) -> list[tuple[int, int, int, int]]:
        """Per eye: recommended width, height, and the maximum width, height (pixels)."""
        with xr_call("xrEnumerateViewConfigurationViews"):
            views = xr.enumerate_view_configuration_views(
                self.handle, self.system_id, xr.ViewConfigurationType.PRIMARY_STEREO)
        return [(v.recommended_image_rect_width, v.recommended_image_rect_height,
                 v.max_image_rect_width, v.max_image_rect_height) for v in views]

    def poll_events(self) -> Iterator[XrEvent]:
        """The events waiting now (never blocks)."""
        while True:
            try:
                with xr_call("xrPollEvent"):
                    buffer = xr.poll_event(self.handle)
            except XrError as exc:
                if isinstance(exc.__cause__, xr.EventUnavailable):
                    return
                raise
            event = _decode(buffer)
            if event is not None:
                yield event


def _decode(buffer: Any) -> XrEvent | None:
    kind = xr.StructureType(buffer.type)
    if kind == xr.StructureType.EVENT_DATA_SESSION_STATE_CHANGED:
        data = ctypes.cast(ctypes.byref(buffer), ctypes.POINTER(xr.EventDataSessionStateChanged)).contents
        return SessionStateChanged(int(data.state), int(data.time))
    if kind == xr.StructureType.EVENT_DATA_INSTANCE_LOSS_PENDING:
        data = ctypes.cast(ctypes.byref(buffer), ctypes.POINTER(xr.EventDataInstanceLossPending)).contents
        return InstanceLossPending(int(data.loss_time))
    if kind == xr.StructureType.EVENT_DATA_INTERACTION_PROFILE_CHANGED:
        return InteractionProfileChanged()
    if kind == xr.StructureType.EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
        data = ctypes.cast(ctypes.byref(buffer),
                           ctypes.POINTER(xr.EventDataReferenceSpaceChangePending)).contents
        return ReferenceSpaceChanged(int(data.reference_space_type))
    if kind == getattr(xr.StructureType, "EVENT_DATA_USER_PRESENCE_CHANGED_EXT", None):
        data = ctypes.cast(ctypes.byref(buffer),
                           ctypes.POINTER(xr.EventDataUserPresenceChangedEXT)).contents
        return UserPresenceChanged(bool(data.is_user_present))
    log.debug("OpenXR event %s not used", kind.name)
    return None


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
