"""Make the display mode the entry point chose; ``xr`` comes from the OpenXR package by import."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from vr_station.display.base import DisplayMode
from vr_station.display.settings import DisplaySettings

if TYPE_CHECKING:
    from vr_station.xr.settings import XrSettings

XR_DISPLAY = "vr_station.xr.display:XrDisplayMode"
"""Where the OpenXR mode lives (module:class); it takes a DisplaySettings like the others,
and the headset's own settings (``XrSettings``) as a second argument."""


@dataclass(frozen=True)
class DisplayChoice:
    """The display mode to run, and why it is not the one asked for (if it is not)."""

    display: DisplayMode
    notice: str | None
    """One line when the mode asked for could not be used."""


def load_xr_display(settings: DisplaySettings, where: str = XR_DISPLAY,
                    xr_settings: XrSettings | None = None) -> DisplayMode:
    """The OpenXR display mode; ImportError (with the reason) when this build has none."""
    module_name, _, class_name = where.partition(":")
    try:
        module = importlib.import_module(module_name)
        cls = getattr(module, class_name)
    except (ImportError, AttributeError) as exc:
        raise ImportError(f"the xr display mode is not available ({where}: {exc})") from exc
    if not (isinstance(cls, type) and issubclass(cls, DisplayMode)):
        raise ImportError(f"{where} is not a DisplayMode")
    # Every display mode takes the shared settings (the ABC leaves construction open).
    if xr_settings is None:
        return cast(Callable[[DisplaySettings], DisplayMode], cls)(settings)
    return cast(Callable[[DisplaySettings, "XrSettings"], DisplayMode], cls)(settings, xr_settings)


def create_display(mode: str, settings: DisplaySettings, *, has_display: bool,
                   xr_settings: XrSettings | None = None) -> DisplayChoice:
    """The display mode ``mode`` ('xr', 'desktop' or 'headless') with the station's settings.

    Without an OpenXR build, ``xr`` falls back to desktop where there is a screen
    (``has_display``), else to headless, with a notice saying why.
    """
    from vr_station.display.desktop import DesktopDisplay
    from vr_station.display.headless import HeadlessDisplay

    if mode == "xr":
        try:
            return DisplayChoice(load_xr_display(settings, xr_settings=xr_settings), None)
        except ImportError as exc:
            fallback = "desktop" if has_display else "headless"
            return DisplayChoice(DesktopDisplay(settings) if has_display
                                 else HeadlessDisplay(settings), f"{exc}; using {fallback}")
    if mode == "desktop":
        return DisplayChoice(DesktopDisplay(settings), None)
    if mode == "headless":
        return DisplayChoice(HeadlessDisplay(settings), None)
    raise ValueError(f"unknown display mode {mode!r}")
