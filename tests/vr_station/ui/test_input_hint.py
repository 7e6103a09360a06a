"""The input hint on a real headless ShowBase with the real caption bar: the layout places it in
the captions zone, never over a step's zone, and it waits while a caption holds that zone."""

from __future__ import annotations

import math

import pytest

from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui.captions import CaptionBar
from vr_station.ui.fonts import load_fonts
from vr_station.ui.input_hint import HINT_S, InputHint
from vr_station.ui.layout import ZONES, Arrangement, panel_view
from vr_station.ui.panel import UiKit
from vr_station.ui.pointing import InputMethod
from vr_station.ui.texts import Texts
from vr_station.ui.theme import Theme

FRAME_S = 1 / 30


@pytest.fixture
def scene(catalog):
    display = HeadlessDisplay(DisplaySettings(size_px=(320, 180), multisamples=0))
    base = display.open()
    head = base.render.attachNewNode("head")
    head.setPos(0, 0, 1.2)  # a seated visitor's eyes
    kit = UiKit(load_fonts(), Theme())
    captions = CaptionBar(kit, base.render, head)
    hint = InputHint(kit, base.render, head, captions)
    yield base, captions, hint, Texts(catalog.ui["de"])
    hint.destroy()
    captions.destroy()
    display.close()


@pytest.mark.parametrize("arrangement", list(Arrangement))
def test_the_hint_stands_in_the_captions_zone_clear_of_every_other_zone(scene, arrangement):
    base, captions, hint, texts = scene
    zones = ZONES[arrangement]
    captions.place_in(zones["captions"])
    hint.update(InputMethod.HAND, texts, 0.0)
    assert hint.shown
    panel = base.render.find("**/panel-input-hint")
    assert "Daumen und Zeigefinger" in panel.find("**/=text").getTag("text")
    placement = hint._panel.placement  # what the layout decided
    assert placement is not None and placement.fits
    view = panel_view(placement, hint._panel.width_m, hint._panel.height_m)
    assert view.inside(zones["captions"].area, 1e-3), view
    for name, other in zones.items():
        if name != "captions":
            assert not view.overlaps(other.area), f"the hint overlaps the {name} zone"
    # Stood where the layout says, seen from the eyes (not from the floor or the room).
    x, y, z = panel.getPos(base.render)
    pitch = math.degrees(math.atan2(z - 1.2, math.hypot(x, y)))
    assert pitch == pytest.approx(placement.pitch_deg, abs=0.05)


def test_the_hint_waits_while_a_caption_holds_the_zone_and_shows_for_its_time(scene):
    _, captions, hint, texts = scene
    captions.show_live("Rundgang", "Willkommen in der Küche.")
    now = 0.0
    hint.update(InputMethod.CONTROLLER, texts, now)
    assert not hint.shown and hint.waiting, "never over the caption bar"
    for _ in range(int(10 / FRAME_S)):  # longer than the hint's time: it does not run out
        now += FRAME_S
        hint.update(InputMethod.CONTROLLER, texts, now)
    assert hint.waiting
    captions.clear()
    frames = 0
    while True:
        now += FRAME_S
        hint.update(InputMethod.CONTROLLER, texts, now)
        if not hint.shown:
            break
        frames += 1
        assert frames < (HINT_S + 1) / FRAME_S, f"the hint still shown after {HINT_S + 1} s"
    assert frames * FRAME_S == pytest.approx(HINT_S, abs=2 * FRAME_S)
    assert not hint.waiting, "read once: not shown again for the same method"
