"""``headless``: render into an offscreen buffer, for tests, screenshots and the scripted demo."""

from __future__ import annotations

import os
from pathlib import Path

from vr_station.display.untracked import UntrackedDisplay


class HeadlessDisplay(UntrackedDisplay):
    name = "headless"
    window_type = "offscreen"

    def _before_open(self) -> None:
        # Mesa's EGL otherwise probes for an X or Wayland display first and logs a warning
        # when there is none; surfaceless is what an offscreen buffer needs.
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("EGL_PLATFORM", "surfaceless")

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
