"""XR_EXT_hand_tracking: both hands' joints, located once per frame in the play space.

The joints go to ``vr_station.xr.hands`` (pure), which turns them into a ray and a pinch.
Created per session where the runtime offers the extension and its headset tracks hands
(``XrSystemHandTrackingPropertiesEXT``); destroyed before the session.
"""

from __future__ import annotations

import ctypes
import logging
from types import TracebackType
from typing import Any

import xr

from vr_station.xr.errors import xr_call
from vr_station.xr.hands import JOINT_COUNT, HandJoints
from vr_station.xr.instance import XrInstance
from vr_station.xr.session import XrSession
from vr_station.xr.views import position_to_panda

log = logging.getLogger(__name__)

HAND_TRACKING_EXTENSION = "XR_EXT_hand_tracking"
_HANDS = (("left", xr.HandEXT.LEFT), ("right", xr.HandEXT.RIGHT))


def system_tracks_hands(instance: XrInstance) -> bool:
    """Whether the headset system tracks hands (the extension is enabled and the system says so)."""
    if HAND_TRACKING_EXTENSION not in instance.extensions:
        return False
    hand_tracking = xr.SystemHandTrackingPropertiesEXT()
    properties = xr.SystemProperties(next=ctypes.cast(ctypes.pointer(hand_tracking), ctypes.c_void_p))
    with xr_call("xrGetSystemProperties(hand tracking)"):
        result = xr.check_result(xr.raw_functions.xrGetSystemProperties(
            instance.handle, instance.system_id, ctypes.byref(properties)))
        if result.is_exception():
            raise result
    return bool(hand_tracking.supports_hand_tracking)


class HandTrackers:
    """A hand tracker per hand on ``session``; ``locate`` reads both hands' joints."""

    def __init__(self, instance: XrInstance, session: XrSession) -> None:
        self._instance = instance
        self._session = session
        self._trackers: dict[str, Any] = {}
        self._locate_fn: Any = None
        self._joints = (xr.HandJointLocationEXT * JOINT_COUNT)()
        self._wanted = int(xr.SpaceLocationFlags.POSITION_VALID_BIT)

    def __enter__(self) -> HandTrackers:
        """Create both trackers (xrCreateHandTrackerEXT); returns self."""
        create = self._instance.get_proc("xrCreateHandTrackerEXT", xr.PFN_xrCreateHandTrackerEXT)
        self._locate_fn = self._instance.get_proc("xrLocateHandJointsEXT", xr.PFN_xrLocateHandJointsEXT)
        try:
            for hand, which in _HANDS:
                tracker = xr.HandTrackerEXT()
                with xr_call(f"xrCreateHandTrackerEXT({hand})"):
                    _check(create(self._session.handle, ctypes.byref(xr.HandTrackerCreateInfoEXT(
                        hand=which, hand_joint_set=xr.HandJointSetEXT.DEFAULT)), ctypes.byref(tracker)))
                self._trackers[hand] = tracker
        except BaseException:
            self._destroy()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Destroy both trackers (a dead runtime only costs a warning)."""
        self._destroy()

    def _destroy(self) -> None:
        if not self._trackers:
            return
        try:
            destroy = self._instance.get_proc("xrDestroyHandTrackerEXT", xr.PFN_xrDestroyHandTrackerEXT)
            for tracker in self._trackers.values():
                destroy(tracker)
        except Exception as error:  # teardown after the runtime died: nothing left to free
            log.warning("xrDestroyHandTrackerEXT failed during teardown: %s", error)
        self._trackers.clear()

    def locate(self, display_time_ns: int) -> list[HandJoints]:
        """The hands tracked at ``display_time_ns`` with every joint's position known (play space)."""
        hands = []
        for hand, tracker in self._trackers.items():
            locations = xr.HandJointLocationsEXT()
            locations.joint_count = JOINT_COUNT
            locations._joint_locations = ctypes.cast(self._joints, ctypes.POINTER(xr.HandJointLocationEXT))
            with xr_call("xrLocateHandJointsEXT"):
                _check(self._locate_fn(tracker, ctypes.byref(xr.HandJointsLocateInfoEXT(
                    base_space=self._session.play_space, time=display_time_ns)),
                    ctypes.byref(locations)))
            if not locations.is_active:
                continue
            if any(int(j._location_flags) & self._wanted != self._wanted for j in self._joints):
                continue
            hands.append(HandJoints(hand, tuple(
                position_to_panda(j.pose.position.x, j.pose.position.y, j.pose.position.z)
                for j in self._joints)))
        return hands


def _check(code: Any) -> None:
    result = xr.check_result(xr.Result(code))
    if result.is_exception():
        raise result
