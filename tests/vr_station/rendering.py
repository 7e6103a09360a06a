"""Helpers for tests that render for real (offscreen) and look at the pixels."""

from __future__ import annotations

from typing import Any

import numpy as np


def pixels(base: Any) -> np.ndarray:
    """The last rendered frame as an H×W×3 uint8 array, row 0 at the top."""
    base.graphicsEngine.renderFrame()
    base.graphicsEngine.renderFrame()
    texture = base.win.getScreenshot()
    data = texture.getRamImageAs("RGB")
    image = np.frombuffer(bytes(data), dtype=np.uint8).reshape(
        texture.getYSize(), texture.getXSize(), 3)
    return image[::-1]


def on_screen(base: Any, point: tuple[float, float, float]) -> tuple[int, int] | None:
    """Pixel (x, y from the top) where a world point appears, None when off screen."""
    from panda3d.core import Point2, Point3

    local = base.cam.getRelativePoint(base.render, Point3(*point))
    projected = Point2()
    if not base.camLens.project(local, projected):
        return None
    width, height = base.win.getXSize(), base.win.getYSize()
    return int((projected.x + 1) / 2 * width), int((1 - projected.y) / 2 * height)


def colour_near(image: np.ndarray, xy: tuple[int, int], rgb: tuple[float, float, float],
                tolerance: int = 18) -> bool:
    x, y = xy
    expected = np.array([round(c * 255) for c in rgb[:3]])
    return bool(np.all(np.abs(image[y, x].astype(int) - expected) <= tolerance))


def seen_from(head: Any, render: Any, node: Any, width_m: float, height_m: float) -> Any:
    """The projected bounds (``ui.layout.ViewRect``) of a flat ``width_m`` × ``height_m`` card
    centred on ``node``, from the eyes at ``head``: yaw and pitch counted from the world's +y
    (the frame a step's reserved help zone is given in); corners and edge midpoints."""
    import math

    from panda3d.core import Point3

    from vr_station.ui.layout import ViewRect

    eye = head.getPos(render)
    yaws, pitches = [], []
    for sx in (-1, 0, 1):
        for sz in (-1, 0, 1):
            point = render.getRelativePoint(node, Point3(sx * width_m / 2, 0,
                                                         sz * height_m / 2)) - eye
            yaws.append(math.degrees(math.atan2(-point[0], point[1])))
            pitches.append(math.degrees(math.atan2(point[2], math.hypot(point[0], point[1]))))
    return ViewRect(max(yaws), min(yaws), max(pitches), min(pitches))
