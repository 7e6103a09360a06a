"""The Panda3D side of the headset: the head node, one camera and offscreen buffer per eye.

No OpenXR here: ``display`` feeds in poses and copies the images out (``mirror`` shows eye 0
to staff).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from direct.showbase.ShowBase import ShowBase
from panda3d.core import (
    Camera,
    GraphicsOutput,
    LColor,
    NodePath,
    PerspectiveLens,
    PythonCallbackObject,
    Quat,
    Texture,
)

from calibration.body import Pose
from vr_station.xr.errors import XrUnavailable
from vr_station.xr.settings import XrSettings
from vr_station.xr.views import EyeView, lens_film

DrawnCallback = Callable[[int], None]
"""Called inside an eye buffer's draw callback, right after Panda drew that eye, with the GL
context current and the eye's framebuffer bound."""


class EyeRig:
    """The visitor's head in the scene and an eye camera and offscreen buffer per eye, sized for the headset.

    ``drawn`` is called right after Panda drew an eye, inside that buffer's draw callback.
    """

    def __init__(self, base: ShowBase, eye_sizes: Sequence[tuple[int, int]], settings: XrSettings,
                 drawn: DrawnCallback) -> None:
        self.head: NodePath = base.render.attachNewNode("xr-head")
        self.sizes = list(eye_sizes)
        self.buffers: list[GraphicsOutput] = []
        self._cameras: list[NodePath] = []
        self._lenses: list[PerspectiveLens] = []
        self._drawn = drawn
        self._clear_color = LColor(*settings.clear_color)
        for eye, (width, height) in enumerate(self.sizes):
            self._add_eye(base, eye, width, height, settings)

    @property
    def cameras(self) -> tuple[NodePath, ...]:
        """The eye cameras, left first."""
        return tuple(self._cameras)

    def _add_eye(self, base: ShowBase, eye: int, width: int, height: int, settings: XrSettings) -> None:
        texture = Texture(f"xr-eye-{eye}")
        buffer = base.win.makeTextureBuffer(f"xr-eye-{eye}", width, height, texture, False)
        if buffer is None:
            raise XrUnavailable(f"Panda3D could not create a {width}x{height} buffer for eye {eye}")
        buffer.setSort(-20 + eye)  # before the mirror window, which shows eye 0's texture
        buffer.setClearColor(settings.clear_color)
        lens = PerspectiveLens()
        lens.setNearFar(settings.near_m, settings.far_m)
        camera = self.head.attachNewNode(Camera(f"xr-eye-{eye}", lens))
        region = buffer.makeDisplayRegion()
        region.setCamera(camera)
        region.setDrawCallback(PythonCallbackObject(lambda data, eye=eye: self._draw(eye, data)))
        buffer.setActive(eye == 0)
        self.buffers.append(buffer)
        self._cameras.append(camera)
        self._lenses.append(lens)

    def _draw(self, eye: int, data: Any) -> None:
        data.upcall()  # Panda draws the eye
        self._drawn(eye)

    def set_clear_color(self, colour: LColor) -> None:
        """Clear the eyes to ``colour``, the app's background (``ShowBase.setBackgroundColor``).

        It sets the mirror window's clear colour; the eyes follow it.
        """
        if colour != self._clear_color:
            self._clear_color = LColor(colour)
            for buffer in self.buffers:
                buffer.setClearColor(colour)

    def destroy(self) -> None:
        """Remove the head and its eye cameras from the scene."""
        self.head.removeNode()

    def place_head(self, pose: Pose) -> None:
        """``pose`` in the rig's (the head's parent's) coordinates."""
        _place(self.head, self.head.getParent(), pose)

    def place_eyes(self, views: Sequence[EyeView]) -> None:
        """Eye poses (rig coordinates) and frusta for this frame."""
        rig = self.head.getParent()
        for view, camera, lens in zip(views, self._cameras, self._lenses, strict=True):
            film = lens_film(view.fov)
            lens.setFilmSize(film.width, film.height)
            lens.setFilmOffset(film.offset_x, film.offset_y)
            lens.setFocalLength(1.0)
            _place(camera, rig, view.pose)

    def set_drawing(self, eyes: bool, first_only: bool = False) -> None:
        """Draw both eyes this frame, or only eye 0 (to run GL work in its callback), or none."""
        for eye, buffer in enumerate(self.buffers):
            buffer.setActive(eyes or (first_only and eye == 0))


def _place(node: NodePath, other: NodePath, pose: Pose) -> None:
    """Put ``node`` at ``pose``, given in ``other``'s coordinates."""
    node.setPos(other, *pose.position)
    node.setQuat(other, Quat(*pose.quat))
