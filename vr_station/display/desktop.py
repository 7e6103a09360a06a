"""``desktop``: a window on the station PC; the mouse looks around and points, keys turn.

- Hold the right mouse button and move the mouse to look around (the head turns).
- The mouse pointer is a controller ray: click a button with the left mouse button.
- Left/right arrow keys (or Q/E) snap-turn, like the controller's thumbstick.
The same UI as in the headset: gaze dwell on the centre of the view works too.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from vr_station.display.base import ControllerInput, DisplayState
from vr_station.display.settings import DisplaySettings
from vr_station.display.untracked import UntrackedDisplay
from vr_station.ui.geometry import Ray, normalized

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import WindowProperties

LOOK_DEG_PER_PX = 0.15


class DesktopDisplay(UntrackedDisplay):
    """A window on the station PC: mouse-look, the mouse pointer as a controller ray, keys to turn."""

    name = "desktop"
    window_type = "onscreen"

    def __init__(self, settings: DisplaySettings | None = None) -> None:
        super().__init__(settings)
        self._looking_from: tuple[float, float] | None = None
        self._left_held = False
        self._turn_request = 0.0

    def _extra_config(self) -> str:
        # Panda3D copies the environment when it is first imported; pass the X display on
        # explicitly so a DISPLAY chosen later (a test's Xvfb, a launcher) is the one used.
        display = os.environ.get("DISPLAY")
        return f"display {display}\n" if display else ""

    def open(self) -> ShowBase:
        """Open the window and listen to the mouse and keys; a closed window turns ``state()`` CLOSED."""
        base = super().open()
        # ShowBase quits the process when the window closes; the station wants to shut down
        # in order (wipe the session first), so it only learns that the window is gone.
        base.ignore("window-event")
        base.accept("window-event", self._on_window_event)
        base.accept("mouse1", self._set_left, [True])
        base.accept("mouse1-up", self._set_left, [False])
        base.accept("mouse3", self._start_look)
        base.accept("mouse3-up", self._stop_look)
        for key, step in (("arrow_left", 1.0), ("q", 1.0), ("arrow_right", -1.0), ("e", -1.0)):
            base.accept(key, self._request_turn, [step])
        base.taskMgr.add(self._mouse_look, "desktop-mouse-look", sort=-40)
        return base

    def close(self) -> None:
        """Stop listening to the mouse and keys, then close the window."""
        if self.base is not None:
            self.base.ignoreAll()
            self.base.taskMgr.remove("desktop-mouse-look")
        super().close()

    def controllers(self) -> Sequence[ControllerInput]:
        """No controllers: the mouse stands in for one (``mouse_ray``)."""
        return ()

    def mouse_ray(self) -> tuple[Ray, bool] | None:
        """The ray from the eye through the mouse pointer in world space, and the left button."""
        base = self.base
        if base is None or not base.mouseWatcherNode.hasMouse() or self._looking_from:
            return None
        from panda3d.core import Point3

        mouse = base.mouseWatcherNode.getMouse()
        near, far = Point3(), Point3()
        if not base.camLens.extrude(mouse, near, far):
            return None
        origin = base.render.getRelativePoint(base.cam, near)
        target = base.render.getRelativePoint(base.cam, far)
        direction = normalized((target[0] - origin[0], target[1] - origin[1],
                                target[2] - origin[2]))
        return Ray((origin[0], origin[1], origin[2]), direction), self._left_held

    def state(self) -> DisplayState:
        """CLOSED once the window is closed, else as the untracked display says."""
        base = self.base
        if self._state is DisplayState.RUNNING and (base is None or base.win is None
                                                    or base.win.isClosed()):
            self._state = DisplayState.CLOSED
        return self._state

    def take_turn_request(self) -> float:
        """Snap turns asked for with the keyboard since the last call (+1 left, -1 right)."""
        request, self._turn_request = self._turn_request, 0.0
        return request

    def _set_left(self, held: bool) -> None:
        self._left_held = held

    def _request_turn(self, step: float) -> None:
        self._turn_request += step

    def _start_look(self) -> None:
        base = self.base
        if base is not None and base.mouseWatcherNode.hasMouse():
            mouse = base.mouseWatcherNode.getMouse()
            self._looking_from = (mouse.x, mouse.y)

    def _stop_look(self) -> None:
        self._looking_from = None

    def _mouse_look(self, task: Any) -> Any:
        base = self.base
        if base is None or self.head is None or self._looking_from is None:
            return task.cont
        if not base.mouseWatcherNode.hasMouse():
            return task.cont
        mouse = base.mouseWatcherNode.getMouse()
        width, height = base.win.getXSize(), base.win.getYSize()
        dx_px = (mouse.x - self._looking_from[0]) * width / 2
        dy_px = (mouse.y - self._looking_from[1]) * height / 2
        self._looking_from = (mouse.x, mouse.y)
        heading = self.head.getH() - dx_px * LOOK_DEG_PER_PX
        pitch = self.head.getP() + dy_px * LOOK_DEG_PER_PX
        self.set_head_hpr(math.remainder(heading, 360.0), pitch)
        return task.cont

    def _on_window_event(self, window: Any) -> None:
        base = self.base
        if base is None or window is not base.win:
            return
        properties: WindowProperties = window.getProperties()
        if not properties.getOpen():
            self._state = DisplayState.CLOSED
            return
        base.windowEvent(window)  # keeps the aspect ratio right after a resize
        self._configure_lens()
