"""``headless``: render into an offscreen buffer, for tests, screenshots and the scripted demo."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from vr_station.display.base import ControllerInput
from vr_station.display.settings import DisplaySettings
from vr_station.display.untracked import UntrackedDisplay


class HeadlessDisplay(UntrackedDisplay):
    """An offscreen buffer without sound; a script moves the head and holds the controllers."""

    name = "headless"
    window_type = "offscreen"

    def __init__(self, settings: DisplaySettings | None = None) -> None:
        super().__init__(settings)
        self.scripted_controllers: list[ControllerInput] = []
        """What a script holds in its hands this frame (tests, the demo visitor)."""

    def controllers(self) -> Sequence[ControllerInput]:
        """What the script put in ``scripted_controllers`` for this frame."""
        return tuple(self.scripted_controllers)

    def _before_open(self) -> None:
        # Mesa's EGL otherwise probes for an X or Wayland display first and logs a warning
        # when there is none; surfaceless is what an offscreen buffer needs.
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("EGL_PLATFORM", "surfaceless")

    def _extra_config(self) -> str:
        # EGL without any window system: no attempt (and error line) to reach an X server.
        return "load-display p3headlessgl\n"

    def _sound(self) -> bool:
        return False  # nobody listens; the null audio manager keeps timing and positions

    def screenshot(self, path: Path) -> Path:
        """Render the current frame and save it as PNG."""
        from panda3d.core import Filename

        base = self._require_base()
        base.graphicsEngine.renderFrame()
        base.graphicsEngine.renderFrame()  # the first call may only have queued the draw
        path.parent.mkdir(parents=True, exist_ok=True)
        if not base.win.saveScreenshot(Filename.fromOsSpecific(str(path))):
            raise OSError(f"could not write the screenshot {path}")
        return path
