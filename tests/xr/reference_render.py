"""Render what an eye capture should show, with plain offscreen Panda3D (no OpenXR).

    python -m tests.xr.reference_render CAPTURE.json OUT_DIR

Reads the eye poses, fields of view and image sizes that ``vr_station.xr.selftest`` recorded
with a capture, builds the same workplace greybox, renders each eye into a buffer of the same
size and saves ``reference-eyeN.npy`` (top row first, RGBA) into OUT_DIR. Runs in the test
suite's own venv (host Python and Mesa), so the comparison also shows that the XR path adds
nothing of its own to the picture.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from panda3d.core import (
    Camera,
    NodePath,
    PerspectiveLens,
    Quat,
    Texture,
    loadPrcFileData,
)

from vr_station.content.catalog import load_catalog
from vr_station.content.files import default_content_dir
from vr_station.xr.check_room import build_check_room
from vr_station.xr.settings import XrSettings
from vr_station.xr.views import EyeFov, lens_film


def render(capture_file: Path, out_dir: Path) -> list[Path]:
    record = json.loads(capture_file.read_text())
    out_dir.mkdir(parents=True, exist_ok=True)
    settings = XrSettings()
    loadPrcFileData("reference", "load-display p3headlessgl\nwindow-type offscreen\n"
                    "audio-library-name null\nframebuffer-srgb false\nwin-size 64 64\n")
    from direct.showbase.ShowBase import ShowBase

    base = ShowBase(windowType="offscreen")
    catalog, _ = load_catalog(default_content_dir())
    build_check_room(catalog.workplaces[record["workplace"]], base.render)
    written = []
    for eye in record["eyes"]:
        texture = Texture(f"reference-{eye['eye']}")
        buffer = base.win.makeTextureBuffer(f"reference-{eye['eye']}", eye["width"], eye["height"],
                                            texture, True)
        buffer.setClearColor(settings.clear_color)
        lens = PerspectiveLens()
        lens.setNearFar(settings.near_m, settings.far_m)
        film = lens_film(EyeFov(**eye["fov_rad"]))
        lens.setFilmSize(film.width, film.height)
        lens.setFilmOffset(film.offset_x, film.offset_y)
        lens.setFocalLength(1.0)
        camera = NodePath(Camera("reference-eye", lens))
        camera.reparentTo(base.render)
        camera.setPos(*eye["world_position_m"])
        camera.setQuat(Quat(*eye["world_quat_wxyz"]))
        buffer.makeDisplayRegion().setCamera(camera)
        base.graphicsEngine.renderFrame()
        base.graphicsEngine.renderFrame()
        image = np.frombuffer(bytes(texture.getRamImageAs("RGBA")), dtype=np.uint8)
        pixels = image.reshape(texture.getYSize(), texture.getXSize(), 4)[::-1]
        path = out_dir / f"reference-eye{eye['eye']}.npy"
        np.save(path, pixels)
        written.append(path)
        base.graphicsEngine.removeWindow(buffer)
        camera.removeNode()
    base.destroy()
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
