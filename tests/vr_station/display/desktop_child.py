"""Run inside a child process with DISPLAY set to the test's Xvfb; prints one JSON line.

A child, because Panda3D keeps its X connection for the life of the process: the X server
may only go away after the process that used it has ended.
"""

from __future__ import annotations

import json
import sys

from tests.vr_station.rendering import colour_near, pixels
from vr_station.display.base import DisplayState
from vr_station.display.desktop import DesktopDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui import shapes


def main() -> dict[str, object]:
    display = DesktopDisplay(DisplaySettings(size_px=(480, 270), multisamples=0, sound=False))
    base = display.open()
    head = display.bind(base.render.attachNewNode("rig"))
    result: dict[str, object] = {"window": type(base.win).__name__}

    def step(frames: int = 3) -> None:
        for _ in range(frames):
            base.taskMgr.step()

    card = shapes.rounded_rect(base.render, "target", 0.8, 0.8, 0.0, (0.1, 0.8, 0.2, 1))
    card.setPos(0, 2, 1.65)
    card.setLightOff()
    result["card_in_centre"] = colour_near(pixels(base), (240, 135), (0.1, 0.8, 0.2))
    base.win.movePointer(0, 240, 135)
    step()
    ray, pressed = display.mouse_ray()
    result["centre_ray_forward"] = ray.direction[1]
    result["pressed_before_click"] = pressed
    base.win.movePointer(0, 470, 135)
    step()
    result["right_ray_x"] = display.mouse_ray()[0].direction[0]
    base.messenger.send("mouse1")
    result["pressed_while_held"] = display.mouse_ray()[1]
    base.messenger.send("mouse1-up")
    base.win.movePointer(0, 240, 135)
    step()
    base.messenger.send("mouse3")
    base.win.movePointer(0, 340, 135)
    step()
    base.messenger.send("mouse3-up")
    result["heading_after_drag"] = head.getH()
    for key in ("arrow_left", "e", "e"):
        base.messenger.send(key)
    result["turn_request"] = display.take_turn_request()
    from panda3d.core import WindowProperties

    properties = WindowProperties()
    properties.setOpen(False)
    base.win.requestProperties(properties)
    step(5)
    result["closed_state"] = str(display.state())
    result["process_alive_after_close"] = True
    display.close()
    result["closed_twice"] = str(display.state()) == str(DisplayState.CLOSED)
    result.update(station_in_a_window())
    return result


def station_in_a_window() -> dict[str, object]:
    """The whole station in the desktop window: the mouse clicks real buttons."""
    from catalog import load_catalog
    from tests.conftest import CONTENT
    from tests.vr_station.rendering import on_screen
    from tests.vr_station.station_fixtures import ToneSynthesizer
    from timebase import SimulatedClock
    from vr_station.config import load_config
    from vr_station.station import Station, StationParts

    catalog, _ = load_catalog(CONTENT)
    clock = SimulatedClock()
    display = DesktopDisplay(DisplaySettings(size_px=(640, 360), multisamples=0, sound=False))
    station = Station(display, load_config(), catalog, clock=clock,
                      parts=StationParts(synthesizer=ToneSynthesizer()))
    base = station.start()

    def run(frames: int) -> None:
        for _ in range(frames):
            clock.advance()
            base.taskMgr.step()

    def click_at(xy: tuple[int, int]) -> None:
        base.win.movePointer(0, *xy)
        run(2)
        base.messenger.send("mouse1")
        run(1)
        base.messenger.send("mouse1-up")
        run(25)

    result: dict[str, object] = {}
    run(30)
    click_at((40, 40))  # any click in the attract loop starts a session
    result["after_first_click"] = str(station.state)
    target = station.targets_by_id()["lang:en"]
    click_at(on_screen(base, target.rect.center) or (0, 0))
    result["after_clicking_english"] = str(station.state)
    result["language"] = station.flow.context.language
    base.messenger.send("f1")
    run(1)
    result["staff_help_shown"] = station.staff_help is not None \
        and not station.staff_help.root.isHidden()
    station.close()
    result["station_closed"] = str(display.state())
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
    sys.stdout.flush()
