"""Display modes (xr, desktop, headless) behind one interface."""

from vr_station.display.base import ControllerInput, DisplayMode, DisplayState, Pose

__all__ = ["ControllerInput", "DisplayMode", "DisplayState", "Pose"]
