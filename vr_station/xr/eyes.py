"""The Panda3D side of the headset: the head node, one camera and offscreen buffer per eye,
and the staff mirror. No OpenXR here: ``display`` feeds in poses and copies the images out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from direct.showbase.ShowBase import ShowBase
from panda3d.core import (
    Camera,
    CardMaker,
    DynamicTextFont,
    Filename,
    GraphicsOutput,
    LColor,
    LVecBase2f,
    NodePath,
    PerspectiveLens,
    PythonCallbackObject,
    Quat,
    TextNode,
    Texture,
    TextureStage,
)

from vr_station.display.base import Pose
from vr_station.ui.fonts import REGULAR, font_path
from vr_station.xr.errors import XrUnavailable
from vr_station.xr.settings import XrSettings
from vr_station.xr.views import EyeView, lens_film

DrawnCallback = Callable[[int], None]
"""Called inside an eye buffer's draw callback, right after Panda drew that eye, with the GL
context current and the eye's framebuffer bound."""


class EyeRig:
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
        self._mirror = self._add_mirror(base)
        self._mirror_scale = LVecBase2f(1, 1)
        self._status = self._add_status(base)
        self._status_text: str | None = None

    @property
    def cameras(self) -> tuple[NodePath, ...]:
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

    def _add_mirror(self, base: ShowBase) -> NodePath:
        """The left eye's image, letterboxed into the staff window (or offscreen buffer)."""
        eye_w, eye_h = self.sizes[0]
        win_w, win_h = base.win.getXSize(), base.win.getYSize()
        eye_aspect, win_aspect = eye_w / eye_h, win_w / max(1, win_h)
        half_w = min(1.0, eye_aspect / win_aspect)
        half_h = min(1.0, win_aspect / eye_aspect)
        card = CardMaker("xr-mirror")
        card.setFrame(-half_w, half_w, -half_h, half_h)
        mirror = base.render2d.attachNewNode(card.generate())
        mirror.setTexture(self.buffers[0].getTexture())
        mirror.setBin("background", 0)
        mirror.setDepthWrite(False)
        return mirror

    @staticmethod
    def _add_status(base: ShowBase) -> NodePath:
        """A line for staff at the top of the mirror: why the headset shows nothing."""
        node = TextNode("xr-status")
        font = DynamicTextFont(Filename.fromOsSpecific(str(font_path(REGULAR))))
        if font.isValid():
            node.setFont(font)
        node.setAlign(TextNode.ACenter)
        node.setWordwrap(30)
        node.setTextColor(1, 1, 1, 1)
        node.setCardColor(0.55, 0.12, 0.08, 0.85)
        node.setCardAsMargin(0.6, 0.6, 0.3, 0.3)
        status = base.aspect2d.attachNewNode(node)
        status.setScale(0.055)
        status.setPos(0, 0, 0.8)
        status.hide()
        return status

    def show_status(self, text: str | None) -> None:
        """Show ``text`` on the mirror (None hides it); only touches the node when it changes."""
        if text == self._status_text:
            return
        self._status_text = text
        if text is None:
            self._status.hide()
        else:
            node = self._status.node()
            assert isinstance(node, TextNode)
            node.setText(text)
            self._status.show()

    def set_clear_color(self, colour: LColor) -> None:
        """The eyes' background follows the app's (``ShowBase.setBackgroundColor`` sets the
        mirror window's clear colour)."""
        if colour != self._clear_color:
            self._clear_color = LColor(colour)
            for buffer in self.buffers:
                buffer.setClearColor(colour)

    def destroy(self) -> None:
        self._status.removeNode()
        self._mirror.removeNode()
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
        # Panda may pad a render texture to powers of two (320×240 → 512×256) once it is first
        # drawn; the mirror shows only the part the eye was drawn into.
        scale = self.buffers[0].getTexture().getTexScale()
        if scale != self._mirror_scale:
            self._mirror_scale = LVecBase2f(scale)
            self._mirror.setTexScale(TextureStage.getDefault(), scale)


def _place(node: NodePath, other: NodePath, pose: Pose) -> None:
    """Put ``node`` at ``pose``, given in ``other``'s coordinates."""
    node.setPos(other, *pose.position)
    node.setQuat(other, Quat(*pose.quat))
