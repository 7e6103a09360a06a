"""Render what an eye capture should show with the station's headless mode (no OpenXR).

    python -m tests.xr.reference_render CAPTURE.json OUT_DIR

Reads a capture that ``vr-station run --mode xr --events - --commands`` wrote (the eyes'
world poses, fields of view and image sizes, and the scene graph of that frame as bam, see
``vr_station.xr.captures``), loads the scene into a ``HeadlessDisplay`` of the eye's size,
puts its camera where the eye was with the same asymmetric frustum, renders and saves
``reference-eyeN.npy`` (top row first, RGBA) into OUT_DIR. Runs in the test suite's own venv
(the host's Python and Mesa, not the chroot's), so a match also shows that the XR path adds
nothing of its own to the picture.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from panda3d.core import LColor, NodePath, Quat

from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui.theme import register_overlay_bin
from vr_station.xr.settings import XrSettings
from vr_station.xr.views import EyeFov, lens_film


def render(capture_file: Path, out_dir: Path) -> list[Path]:
    record = json.loads(capture_file.read_text())
    out_dir.mkdir(parents=True, exist_ok=True)
    scene_bam = (capture_file.parent / record["scene"]).read_bytes()
    settings = XrSettings()
    written = []
    for eye in record["eyes"]:
        # The XR mode's eye buffers are drawn without multisampling (see vr_station/xr/eyes.py).
        display = HeadlessDisplay(DisplaySettings(size_px=(eye["width"], eye["height"]), multisamples=0))
        base = display.open()
        try:
            register_overlay_bin()
            scene = NodePath.decodeFromBamStream(scene_bam)
            scene.reparentTo(base.render)
            base.win.setClearColor(LColor(*record["clear_color"]))
            lens = base.camLens
            lens.setNearFar(settings.near_m, settings.far_m)
            film = lens_film(EyeFov(**eye["fov_rad"]))
            lens.setFilmSize(film.width, film.height)
            lens.setFilmOffset(film.offset_x, film.offset_y)
            lens.setFocalLength(1.0)
            base.camera.reparentTo(base.render)
            base.camera.setPos(*eye["world_position_m"])
            base.camera.setQuat(Quat(*eye["world_quat_wxyz"]))
            base.graphicsEngine.renderFrame()
            base.graphicsEngine.renderFrame()
            shot = base.win.getScreenshot()
            pixels = np.frombuffer(bytes(shot.getRamImageAs("RGBA")), dtype=np.uint8)
            pixels = pixels.reshape(shot.getYSize(), shot.getXSize(), 4)[::-1]
        finally:
            display.close()
        path = out_dir / f"reference-eye{eye['eye']}.npy"
        np.save(path, pixels)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
