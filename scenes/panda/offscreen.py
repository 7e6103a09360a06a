"""Render a scene graph to images without a window or ShowBase (the render CLI and tests).

A bare GraphicsEngine with one offscreen buffer: no ``builtins.base``, no task manager, no
input devices, so it can live inside a test or a command and be closed again.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import numpy as np
from panda3d.core import (
    Camera,
    FrameBufferProperties,
    GraphicsEngine,
    GraphicsOutput,
    GraphicsPipe,
    GraphicsPipeSelection,
    NodePath,
    PerspectiveLens,
    PNMImage,
    Texture,
    WindowProperties,
    loadPrcFileData,
    unloadPrcFile,
)

HORIZONTAL_FOV_DEG = 90.0
"""Roughly what one eye of a current headset sees horizontally."""


class OffscreenError(RuntimeError):
    """No offscreen OpenGL buffer could be made (no EGL/GL driver)."""


@cache
def _pipe() -> GraphicsPipe:
    """The default pipe (GLX, WGL) where it works, else EGL without any display server.

    One per process: every EGL pipe shares the one EGL display, and a pipe that is released
    terminates it under the others (seen as EGL_NOT_INITIALIZED on the next buffer).
    """
    selection = GraphicsPipeSelection.getGlobalPtr()
    pipe = selection.makeDefaultPipe()
    if pipe is not None and pipe.isValid():
        return pipe
    selection.loadAuxModules()
    pipe = selection.makeModulePipe("p3headlessgl")
    if pipe is None or not pipe.isValid():
        raise OffscreenError("no OpenGL pipe: no display and no EGL (install libegl1, libgl1-mesa-dri)")
    return pipe


class OffscreenRenderer:
    """An offscreen buffer, a scene root and a camera; ``close()`` releases the buffer."""

    def __init__(
        self,
        width: int,
        height: int,
        multisamples: int = 0,
        fov_deg: float = HORIZONTAL_FOV_DEG,
        share_with: OffscreenRenderer | None = None,
    ):
        """``share_with``: another renderer whose OpenGL context this one uses too."""
        # Quiet the input-device probing that has nothing to do with offscreen rendering. The
        # page is unloaded on close: a renderer must not change the settings of the process
        # that uses it (the station opens its own display afterwards).
        self._prc = loadPrcFileData(
            "offscreen-renderer",
            "notify-level-device fatal\nnotify-level-x11display fatal\n"
            "notify-level-egldisplay error\n"
            "audio-library-name null\nsync-video false\npng-compression-level 9\n",
        )
        self.width, self.height = width, height
        self.engine = GraphicsEngine.getGlobalPtr()
        host = share_with.buffer if share_with is not None else None
        pipe = host.getPipe() if host is not None else _pipe()
        fb = FrameBufferProperties()
        fb.setRgbColor(True)
        fb.setColorBits(24)
        fb.setAlphaBits(8)
        fb.setDepthBits(24)
        if multisamples:
            fb.setMultisamples(multisamples)
        flags = GraphicsPipe.BF_refuse_window | GraphicsPipe.BF_fb_props_optional
        self.buffer: GraphicsOutput | None = self.engine.makeOutput(
            pipe,
            f"offscreen-{id(self)}",
            0,
            fb,
            WindowProperties.size(width, height),
            flags,
            host.getGsg() if host is not None else None,
            host,
        )
        if self.buffer is None:
            raise OffscreenError("cannot make an offscreen buffer (is an OpenGL driver installed?)")
        self.buffer.setClearColor((0.0, 0.0, 0.0, 1.0))
        self.render = NodePath("render")
        self.lens = PerspectiveLens()
        self.lens.setNearFar(0.05, 200.0)
        self.set_fov(fov_deg)
        self.camera = self.render.attachNewNode(Camera("camera", self.lens))
        region = self.buffer.makeDisplayRegion()
        region.setCamera(self.camera)
        self._texture = Texture("screenshot")
        self.buffer.addRenderTexture(self._texture, GraphicsOutput.RTM_copy_ram)

    def set_fov(self, horizontal_deg: float) -> None:
        """Horizontal field of view; the vertical one follows from the image's aspect."""
        self.lens.setFov(horizontal_deg)
        self.lens.setAspectRatio(self.width / self.height)

    def look(self, eye: tuple[float, float, float], heading_deg: float, pitch_deg: float = -8.0) -> None:
        """Put the camera at ``eye`` facing a compass heading, tilted slightly down."""
        self.camera.setPos(*eye)
        self.camera.setHpr(-heading_deg, pitch_deg, 0)

    def render_frame(self) -> float:
        """Render one frame; returns its wall time in milliseconds."""
        started = time.perf_counter()
        self.engine.renderFrame()
        return (time.perf_counter() - started) * 1000.0

    def image(self) -> PNMImage:
        """Render the current view and read it back as an RGB image."""
        self.engine.renderFrame()
        self.engine.renderFrame()  # the copy-to-RAM texture holds the previous frame
        image = PNMImage()
        if not self._texture.store(image):
            raise OffscreenError("could not read back the rendered image")
        image.removeAlpha()  # the scene is opaque; RGB files are a quarter smaller
        return image

    def save(self, path: Path) -> None:
        """The image as a PNG with 64 levels per channel.

        A lit room is smooth gradients over fine textures: at 8 bits a 960 × 540 screenshot is
        300–370 KB; at 6 bits it is about half that, and the steps (4/255) do not show. The
        README gallery is made with this.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        image = self.image()
        holder = Texture("save")
        holder.load(image)
        pixels = np.frombuffer(bytes(holder.getRamImage()), np.uint8)
        holder.setRamImage((np.minimum(pixels.astype(np.uint16) + 2, 255) & 0xFC).astype(np.uint8).tobytes())
        holder.store(image)
        if not image.write(str(path)):
            raise OffscreenError(f"cannot write {path}")

    def close(self) -> None:
        """Release the buffer and its settings, and remove the camera and the scene."""
        if self.buffer is not None:
            self.engine.removeWindow(self.buffer)
            self.buffer = None
        if self._prc is not None:
            unloadPrcFile(self._prc)
            self._prc = None
        self.camera.removeNode()
        self.render.removeNode()

    def __enter__(self) -> OffscreenRenderer:
        """The renderer; leaving the ``with`` block closes it."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the renderer, whether or not the block raised."""
        self.close()
