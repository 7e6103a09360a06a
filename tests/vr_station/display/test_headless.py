"""The headless display: a real offscreen buffer, a head a script can turn, a clean close."""

from __future__ import annotations

from pathlib import Path

import pytest

from calibration.body import STANDING_EYE_HEIGHT_M
from tests.vr_station.rendering import colour_near, on_screen, pixels
from vr_station.display.base import DisplayState
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui import shapes

RED = (0.9, 0.1, 0.1, 1.0)


@pytest.fixture
def display():
    display = HeadlessDisplay(DisplaySettings(size_px=(320, 180), multisamples=0))
    display.open()
    yield display
    display.close()


def test_renders_what_stands_in_front_of_the_head(display: HeadlessDisplay):
    base = display.base
    rig = base.render.attachNewNode("rig")
    head = display.bind(rig)
    eye = STANDING_EYE_HEIGHT_M
    assert head.getZ() == pytest.approx(eye)
    card = shapes.rounded_rect(base.render, "target", 0.6, 0.6, 0.0, RED)
    card.setPos(0, 2.0, eye)
    card.setLightOff()
    assert display.state() is DisplayState.RUNNING
    image = pixels(base)
    assert colour_near(image, (160, 90), RED)
    display.look_at((1.5, 2.0, eye))  # turn right: the card leaves the centre
    image = pixels(base)
    assert not colour_near(image, (160, 90), RED)
    position = on_screen(base, (0.0, 2.0, eye))
    assert position is not None and position[0] < 100
    assert colour_near(image, position, RED)


def test_screenshots_are_png_files(display: HeadlessDisplay, tmp_path: Path):
    display.bind(display.base.render.attachNewNode("rig"))
    path = display.screenshot(tmp_path / "shots" / "one.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_untracked_eye_height_moves_the_head(display: HeadlessDisplay):
    head = display.bind(display.base.render.attachNewNode("rig"))
    display.set_untracked_eye_height(1.2)
    assert head.getZ() == pytest.approx(1.2)


def test_close_releases_the_configuration_and_is_idempotent():
    from panda3d.core import ConfigVariableString

    display = HeadlessDisplay(DisplaySettings(size_px=(64, 64), multisamples=0))
    display.open()
    assert ConfigVariableString("audio-library-name").getValue() == "null"
    display.close()
    display.close()
    assert display.state() is DisplayState.CLOSED
    assert ConfigVariableString("audio-library-name").getValue() != "null", \
        "the headless settings do not outlive their display"
    again = HeadlessDisplay(DisplaySettings(size_px=(64, 64), multisamples=0))
    again.open()  # a second ShowBase after the first closed
    again.close()
