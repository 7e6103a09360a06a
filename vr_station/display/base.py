"""How frames reach the visitor: a headset (``xr``), a window (``desktop``) or nowhere (``headless``).

The kiosk, UI and scenes never ask which mode runs. They hand the mode a *rig*: the node that
stands for the visitor's tracking space on the floor (teleport and snap turn move the rig, never
the head). The mode owns the *head* node below it and the eye cameras below that:
- xr: the head follows the headset's pose from OpenXR; one camera per eye renders into the
  runtime's swapchains; a mirror window shows staff what the visitor sees.
- desktop: mouse-look turns the head; one camera renders into a window.
- headless: an offscreen buffer; the head stays where a script puts it (tests, demo).

Coordinates are Panda3D's: metres, x right, y forward, z up; the rig's origin is on the floor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from calibration.body import Pose

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import NodePath


class DisplayState(StrEnum):
    """Whether the visitor sees the station now, as far as the display mode knows."""

    RUNNING = "running"
    """Frames reach the visitor and input is live."""
    PAUSED = "paused"
    """The visitor cannot see the app (headset taken off, runtime shows its own menu)."""
    LOST = "lost"
    """The display went away (OpenXR runtime stopped or lost); the kiosk resets."""
    CLOSED = "closed"


@dataclass(frozen=True)
class ControllerInput:
    """One hand's pointer this frame: a controller (the runtime's actions) or a tracked hand."""

    hand: str
    """'left' or 'right'."""
    aim: Pose | None
    """Where the controller points (None while it is not tracked)."""
    select: bool
    """Trigger (or the profile's select button) held."""
    thumbstick: tuple[float, float]
    """x to the right, y forward, each -1..1."""
    menu: bool
    """Menu button held."""
    source: str = "controller"
    """'controller', or 'hand': a tracked hand without a controller (XR_EXT_hand_tracking), whose
    aim is the hand's ray and whose select is a pinch (``vr_station.xr.hands``)."""
    joints: tuple[tuple[float, float, float], ...] = ()
    """A tracked hand's joint positions (rig coordinates, XrHandJointEXT order), to draw it."""
    grip: bool = False
    """Squeeze (grip button) held: grabs a task's item. A tracked hand grabs by its pinch."""


class DisplayMode(ABC):
    """One way of showing the station. Created by the entry point, used by the app."""

    name: str

    @abstractmethod
    def open(self) -> ShowBase:
        """Create the ShowBase with the window or buffer this mode needs."""

    @abstractmethod
    def bind(self, rig: NodePath) -> NodePath:
        """Put the head (with its eye cameras) below ``rig``; return the head node."""

    @abstractmethod
    def controllers(self) -> Sequence[ControllerInput]:
        """The controllers' state this frame; empty where there are none."""

    @abstractmethod
    def state(self) -> DisplayState:
        """Whether frames reach the visitor now; the station's loop asks once per frame."""

    @abstractmethod
    def close(self) -> None:
        """Release the window, buffers and runtime session. Safe to call twice."""

    def request_exit(self) -> None:  # noqa: B027 - optional hook: a mode without an orderly exit need not override it
        """Staff or the system asked the station to stop (a closed window, SIGTERM).

        End in order, then let ``state()`` turn CLOSED. Must be safe to call from a signal
        handler. The default does nothing; the station's loop then only ends when the display
        closes.
        """

    def set_untracked_eye_height(self, eye_height_m: float) -> None:  # noqa: B027 - optional hook: a tracked headset need not override it
        """Where the head sits above the rig (metres) when nothing tracks it.

        Desktop and headless use it once the visitor chose seated or standing. A tracked
        headset ignores this: its head pose comes from the runtime and the app moves the rig
        for a seated visitor instead.
        """
