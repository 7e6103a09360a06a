"""OpenXR through pyopenxr: the only package that imports ``xr`` or OpenGL.

Layers (after cmbruns/pyopenxr: raw binding → pythonic wrappers → helpers):
- handles as context managers: ``instance``, ``session`` (session, spaces, swapchains),
  ``input`` (actions), ``hand_tracking`` (hand joints), ``gl`` (graphics binding, eye image
  copies); ``connection`` (one runtime: instance, headset, actions; finding it again after a
  loss);
- pure logic without pyopenxr: ``lifecycle`` (session state machine), ``views`` (pose and
  lens maths), ``bindings`` (controller profiles), ``phases`` (frame task order), ``graphics``
  (which OpenGL binding per platform and runtime), ``refresh`` (display refresh rate),
  ``hands`` (a tracked hand's ray and pinch);
- ``eyes`` and ``mirror``: the Panda3D side (head node, eye cameras and buffers; the staff
  mirror with its status line);
- ``display``: ``XrDisplayMode``, the ``DisplayMode`` the app uses;
- ``reconnect``: when to look for a runtime that went away (pure);
- ``probe`` (does a runtime answer?); ``events`` and ``captures``: what a running station
  reports with ``vr-station run --events`` (tools, the XR tests).

Importing this package imports neither pyopenxr nor Panda3D; ``XrDisplayMode`` does on first
use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vr_station.xr.display import XrDisplayMode
    from vr_station.xr.settings import XrSettings

__all__ = ["XrDisplayMode", "XrSettings"]


def __getattr__(name: str) -> Any:
    if name == "XrDisplayMode":
        from vr_station.xr.display import XrDisplayMode
        return XrDisplayMode
    if name == "XrSettings":
        from vr_station.xr.settings import XrSettings
        return XrSettings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
