"""The kiosk flow a visitor goes through, as pure logic (no Panda3D)."""

from vr_station.kiosk.flow import (
    Back,
    ChooseIntent,
    ChooseLanguage,
    ChooseOccupation,
    DisplayLost,
    EndReason,
    Finish,
    FlowContext,
    Intent,
    KioskEvent,
    KioskFlow,
    KioskState,
    PauseReason,
    StaffLanguage,
    StaffReset,
    StaffSkip,
    Start,
    Transition,
)
from vr_station.kiosk.timing import KioskTimings, StepLimits

__all__ = ["Back", "ChooseIntent", "ChooseLanguage", "ChooseOccupation", "DisplayLost",
           "EndReason", "Finish", "FlowContext", "Intent", "KioskEvent", "KioskFlow",
           "KioskState", "KioskTimings", "PauseReason", "StaffLanguage", "StaffReset",
           "StaffSkip", "Start", "StepLimits", "Transition"]
