"""Eye captures for staff diagnostics and the XR tests, to render the same view again elsewhere.

A capture holds what each eye's swapchain image held, where that eye was, and the scene as it
was drawn, so the same view can be rendered again elsewhere (a plain offscreen Panda3D) and
compared pixel by pixel.

Files per capture N, in the capture folder:
- ``captureN-eyeE.npy`` / ``.png``: the swapchain image (RGBA, top row first), as stored;
- ``captureN-scene.bam``: the scene graph of that frame (``scene_snapshot``);
- ``captureN.json``: per eye its size, world pose, field of view and the clear colour;
- ``mirrorN.png``: what the staff mirror showed (``mirror`` command).
The render thread only copies bytes; files are written on a worker thread.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

from panda3d.core import NodePath, Quat

from vr_station.xr.diagnostics import EyeCapture

log = logging.getLogger(__name__)


def scene_snapshot(render: NodePath) -> bytes:
    """``render`` as a bam stream that renders the same in another process.

    bam has no TextNode (it would come back as an empty node): each is replaced by the
    geometry it generates, textures and all. Costs a copy of the scene graph (milliseconds for
    the station's scenes); only for an explicit capture.
    """
    copy = NodePath("scene")
    copy.setState(render.getState())
    for child in render.getChildren():
        child.copyTo(copy)
    for text in copy.findAllMatches("**/+TextNode"):
        generated = NodePath(text.node().generate())
        generated.reparentTo(text.getParent())
        generated.setTransform(text.getTransform())
        generated.setState(text.getState())
        if text.isHidden():
            generated.hide()
        for child in text.getChildren():
            child.reparentTo(generated)
        text.removeNode()
    return bytes(copy.encodeToBamStream())


def eye_record(capture: EyeCapture, rig: NodePath, render: NodePath, file: str) -> dict[str, Any]:
    """Where the eye of ``capture`` was in the world (its view pose is in rig coordinates)."""
    probe = rig.attachNewNode("eye-probe")
    probe.setPos(*capture.view.pose.position)
    probe.setQuat(Quat(*capture.view.pose.quat))
    position, quat = probe.getPos(render), probe.getQuat(render)
    probe.removeNode()
    return {"eye": capture.eye, "file": file, "width": capture.width, "height": capture.height,
            "swapchain_format": capture.swapchain_format,
            "world_position_m": [position[0], position[1], position[2]],
            "world_quat_wxyz": [quat[0], quat[1], quat[2], quat[3]],
            "fov_rad": asdict(capture.view.fov)}


class CaptureWriter:
    """Writes captures into ``folder`` on its own thread; ``written`` is called there."""

    def __init__(self, folder: Path, written: Callable[[int, dict[str, Any]], None]) -> None:
        self.folder = folder
        self._written = written
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capture-writer")
        self.count = 0

    def save(self, captures: Sequence[EyeCapture], scene: bytes, record: dict[str, Any]) -> int:
        """Queue one capture (``record`` must already hold its ``eyes``); returns its index."""
        index = self.count
        self.count += 1
        self._pool.submit(self._write, index, list(captures), scene, record)
        return index

    def save_mirror(self, texture: Any, name: str, written: Callable[[Path], None]) -> None:
        """Write a screenshot texture (``GraphicsOutput.getScreenshot()``) as ``name``.png."""
        self._pool.submit(self._write_mirror, texture, self.folder / f"{name}.png", written)

    def close(self) -> None:
        """Wait until every capture and screenshot asked for is written."""
        self._pool.shutdown(wait=True)

    def _write_mirror(self, texture: Any, path: Path, written: Callable[[Path], None]) -> None:
        from panda3d.core import PNMImage

        image = PNMImage()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not texture.store(image) or not image.write(str(path)):
                raise OSError(f"Panda3D could not write {path}")
        except OSError as exc:
            log.error("could not write the mirror screenshot: %s", exc)
            return
        written(path)

    def _write(self, index: int, captures: list[EyeCapture], scene: bytes, record: dict[str, Any]) -> None:
        import numpy as np

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for capture, eye in zip(captures, record["eyes"], strict=True):
                pixels = np.frombuffer(capture.rgba, dtype=np.uint8).reshape(capture.height, capture.width, 4)
                np.save(self.folder / eye["file"], pixels)
                _write_png(pixels, self.folder / eye["file"].replace(".npy", ".png"))
            record["scene"] = f"capture{index}-scene.bam"
            (self.folder / record["scene"]).write_bytes(scene)
            (self.folder / f"capture{index}.json").write_text(json.dumps(record, indent=1))
        except OSError as exc:
            log.error("could not write capture %d into %s: %s", index, self.folder, exc)
            return
        self._written(index, record)


def _write_png(pixels: Any, path: Path) -> None:
    from panda3d.core import PNMImage, Texture

    height, width = pixels.shape[:2]
    texture = Texture("capture")
    texture.setup2dTexture(width, height, Texture.T_unsigned_byte, Texture.F_rgba8)
    texture.setRamImageAs(pixels[::-1].tobytes(), "RGBA")  # Panda stores the bottom row first
    image = PNMImage()
    texture.store(image)
    image.write(str(path))
