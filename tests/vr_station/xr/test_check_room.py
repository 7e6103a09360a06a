"""The greybox used to check the XR picture renders its walls where a visitor expects them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from panda3d.core import Texture, loadPrcFileData, unloadPrcFile

from vr_station.content.catalog import load_catalog
from vr_station.content.files import default_content_dir
from vr_station.xr.check_room import WALL_COLOURS, build_check_room


@pytest.fixture
def base() -> Iterator[Any]:
    page = loadPrcFileData("test", "load-display p3headlessgl\nwin-size 64 64\naudio-library-name null\n")
    from direct.showbase.ShowBase import ShowBase

    showbase = ShowBase(windowType="offscreen")
    yield showbase
    showbase.destroy()
    unloadPrcFile(page)


def _render(base: Any, heading: float) -> np.ndarray:
    texture = Texture()
    buffer = base.win.makeTextureBuffer("view", 160, 120, texture, True)
    camera = base.makeCamera(buffer)
    camera.node().getLens().setFov(60, 45)
    camera.node().getLens().setNear(0.1)
    camera.setPos(0, -3.2, 1.6)
    camera.setH(heading)
    base.graphicsEngine.renderFrame()
    base.graphicsEngine.renderFrame()
    pixels = np.frombuffer(bytes(texture.getRamImageAs("RGB")), np.uint8).reshape(120, 160, 3)
    base.graphicsEngine.removeWindow(buffer)
    return pixels[::-1]


@pytest.mark.slow
def test_walls_in_their_colours(base: Any) -> None:
    catalog, _ = load_catalog(default_content_dir())
    build_check_room(catalog.workplaces["restaurant-kitchen"], base.render)
    for heading, wall in ((0, "back"), (90, "left"), (-90, "right"), (180, "front")):
        centre = _render(base, heading)[50:60, 75:85].reshape(-1, 3).astype(int)
        expected = np.array(WALL_COLOURS[wall][:3]) * 255
        assert np.abs(centre - expected).max() <= 2, f"heading {heading}: expected the {wall} wall"
