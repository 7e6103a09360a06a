"""The part desktop and headless share: a ShowBase of their own and a head nothing tracks.

The head is a node below the rig at eye height; the camera sits in it. In desktop mode the
mouse turns it, in headless mode a script does (``look_at``, ``set_head_hpr``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vr_station.display.base import ControllerInput, DisplayMode, DisplayState
from vr_station.display.settings import DisplaySettings, panda_config

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import ConfigPage, NodePath

NEAR_M = 0.05
FAR_M = 200.0


class UntrackedDisplay(DisplayMode):
    """A display whose head pose the application sets."""

    window_type = "offscreen"

    def __init__(self, settings: DisplaySettings | None = None) -> None:
        self.settings = settings or DisplaySettings()
        self.base: ShowBase | None = None
        self.head: NodePath | None = None
        self._page: ConfigPage | None = None
        self._state = DisplayState.CLOSED
        self._eye_height_m = self.settings.eye_height_m

    def open(self) -> ShowBase:
        """Start a ShowBase with this mode's window or buffer and the lens's field of view.

        Raises RuntimeError when Panda3D cannot open the window or buffer.
        """
        from direct.showbase.ShowBase import ShowBase
        from panda3d.core import loadPrcFileData

        self._before_open()
        self._page = loadPrcFileData(f"vr-station {self.name}", panda_config(
            self.settings, window_type=self.window_type, sound=self._sound(),
            quiet_devices=self.window_type != "onscreen") + self._extra_config())
        try:
            self.base = ShowBase(windowType=self.window_type)
        except Exception:
            self._unload_config()
            raise
        if self.base.win is None:
            self.close()
            raise RuntimeError(f"{self.name}: Panda3D could not open a "
                               f"{'window' if self.window_type == 'onscreen' else 'buffer'}")
        self.base.disableMouse()  # the trackball would move the camera without the visitor
        self._configure_lens()
        self._state = DisplayState.RUNNING
        return self.base

    def bind(self, rig: NodePath) -> NodePath:
        """Put a head at eye height below ``rig``, with the camera in it; returns the head."""
        base = self._require_base()
        if self.head is not None:
            self.head.removeNode()
        self.head = rig.attachNewNode("head")
        self.head.setZ(self._eye_height_m)
        base.camera.reparentTo(self.head)
        base.camera.setPosHpr(0, 0, 0, 0, 0, 0)
        return self.head

    def set_untracked_eye_height(self, eye_height_m: float) -> None:
        """Move the head to ``eye_height_m`` above the rig (seated or standing visitor)."""
        self._eye_height_m = eye_height_m
        if self.head is not None:
            self.head.setZ(eye_height_m)

    def controllers(self) -> Sequence[ControllerInput]:
        """No controllers (the desktop's mouse and a script's hands come in other ways)."""
        return ()

    def state(self) -> DisplayState:
        """RUNNING from ``open`` until ``request_exit`` or ``close``."""
        return self._state

    def request_exit(self) -> None:
        """Turn CLOSED: nothing needs ending in order."""
        if self._state is not DisplayState.CLOSED:
            self._state = DisplayState.CLOSED

    def close(self) -> None:
        """Destroy the ShowBase and drop its Panda3D configuration; safe to call twice."""
        if self.base is not None:
            base, self.base = self.base, None
            self.head = None
            base.destroy()
        self._unload_config()
        self._state = DisplayState.CLOSED

    # Helpers ---------------------------------------------------------------------------------

    def set_head_hpr(self, heading_deg: float, pitch_deg: float = 0.0) -> None:
        """Turn the head to ``heading_deg`` (left positive) and ``pitch_deg``, the pitch kept within ±85°."""
        if self.head is not None:
            self.head.setHpr(heading_deg, max(-85.0, min(85.0, pitch_deg)), 0.0)

    def look_at(self, point: tuple[float, float, float]) -> None:
        """Turn the head towards a point in world space (without rolling it)."""
        base = self._require_base()
        if self.head is None:
            return
        target = base.render.getRelativePoint(base.render, point)
        here = self.head.getPos(base.render)
        dx, dy, dz = target[0] - here[0], target[1] - here[1], target[2] - here[2]
        heading_world = -math.degrees(math.atan2(dx, dy))
        pitch = math.degrees(math.atan2(dz, math.hypot(dx, dy)))
        rig_heading = self.head.getParent().getH(base.render)
        self.set_head_hpr(heading_world - rig_heading, pitch)

    def _before_open(self) -> None:
        """Prepare the process before ShowBase starts (environment for the GL driver)."""

    def _sound(self) -> bool:
        return self.settings.sound

    def _extra_config(self) -> str:
        return ""

    def _configure_lens(self) -> None:
        base = self._require_base()
        width, height = self.settings.size_px
        if base.win is not None and base.win.hasSize() and base.win.getYSize() > 0:
            width, height = base.win.getXSize(), base.win.getYSize()
        lens = base.camLens
        vertical = math.degrees(2 * math.atan(math.tan(math.radians(
            self.settings.horizontal_fov_deg) / 2) * height / width))
        lens.setFov(self.settings.horizontal_fov_deg, vertical)
        lens.setNearFar(NEAR_M, FAR_M)

    def _require_base(self) -> ShowBase:
        if self.base is None:
            raise RuntimeError(f"{self.name} display is not open")
        return self.base

    def _unload_config(self) -> None:
        if self._page is not None:
            from panda3d.core import unloadPrcFile

            unloadPrcFile(self._page)
            self._page = None
