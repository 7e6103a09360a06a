"""Display modes (xr, desktop, headless) behind one interface."""

from calibration.body import Pose
from vr_station.display.base import ControllerInput, DisplayMode, DisplayState

__all__ = ["ControllerInput", "DisplayMode", "DisplayState", "Pose"]
