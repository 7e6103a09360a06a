"""The input hint on a real headless ShowBase with the real caption bar: the layout places it in
the captions zone, never over a step's zone, and it waits while a caption holds that zone."""

from __future__ import annotations

import math

import pytest

from tests.vr_station.rendering import seen_from
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui.captions import CaptionBar
from vr_station.ui.fonts import load_fonts
from vr_station.ui.input_hint import HINT_S, InputHint
from vr_station.ui.layout import GAP_DEG, ZONES, Arrangement, Reserved, ViewRect, panel_view
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


HEAD_YAWS_DEG = range(-30, 31, 5)
HEAD_PITCHES_DEG = (-35.0, -15.0, 0.0, 20.0)
"""The comfortable view's range (``layout.COMFORT``) the head may turn through."""


@pytest.mark.parametrize("arrangement", list(Arrangement))
def test_a_hint_shown_while_the_head_looks_aside_keeps_clear_of_the_help_button(scene,
                                                                                arrangement):
    base, captions, hint, texts = scene
    zones = ZONES[arrangement]
    captions.place_in(zones["captions"])
    help_area = zones["help"].area
    head = base.render.find("**/head")
    overlapped_before = []
    for reserve in (None, Reserved(0.0, help_area)):
        for yaw in HEAD_YAWS_DEG:
            for pitch in HEAD_PITCHES_DEG:
                head.setHpr(yaw, pitch, 0)
                hint.forget()  # a new visitor: the hint appears where the head looks now
                hint.update(InputMethod.CONTROLLER, texts, 0.0, reserve)
                assert hint.shown
                seen = seen_from(head, base.render, hint._panel.root, hint._panel.width_m,
                                 hint._panel.height_m)
                apart = ViewRect(seen.left_deg + GAP_DEG - 0.05, seen.right_deg - GAP_DEG + 0.05,
                                 seen.top_deg + GAP_DEG - 0.05, seen.bottom_deg - GAP_DEG + 0.05)
                if reserve is None:
                    overlapped_before.append(seen.overlaps(help_area))
                else:
                    assert not apart.overlaps(help_area), \
                        f"head at yaw {yaw}°, pitch {pitch}°: the hint {seen} is within " \
                        f"{GAP_DEG}° of the help zone {help_area}"
    if arrangement is not Arrangement.KEYBOARD:  # its help zone is above the captions
        assert any(overlapped_before), "the check would not have seen the old overlap"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_on_the_arabic_tour_end_the_hint_never_covers_the_real_help_button():
    """The screenshot's case, on a real station: the tour's last screen in Arabic, the head
    turned across the comfortable range, the hint shown anew each time; the real help button's
    and the hint's corners projected into the eye (as the layout test does)."""
    from panda3d.core import Point3

    from tests.vr_station.station_fixtures import make_station
    from tests.vr_station.test_layout_steps import _corners, _view
    from vr_station.kiosk.flow import KioskState
    from vr_station.steps.tour import TourStep
    from vr_station.ui.help_button import HELP_TARGET

    rig = make_station(language="ar")
    station, visitor = rig.station, rig.visitor
    try:
        visitor.attract_and_menus()
        visitor.wait_state(KioskState.TOUR)
        step = station.step
        assert isinstance(step, TourStep)
        while not step.done:
            visitor.click("next")
            visitor.settle(0.3)
        render = station.base.render
        problems = []
        for yaw in HEAD_YAWS_DEG:
            for pitch in HEAD_PITCHES_DEG:
                visitor.look_ahead(yaw, pitch)
                station.captions.clear()
                station.input_hint.forget()
                visitor.frame()
                hint = station.input_hint._panel
                assert hint is not None, "the hint shows when the caption bar is free"
                head = station.rig.head.getPos(render)
                seen = _view(step.stage, head, render,
                             _corners(hint.root, render, hint.width_m / 2, hint.height_m / 2))
                rect = station.targets_by_id()[HELP_TARGET].rect
                button = _view(step.stage, head, render, [
                    Point3(*(c + sx * rect.half_width_m * r + sz * rect.half_height_m * u
                             for c, r, u in zip(rect.center, rect.right, rect.up, strict=True)))
                    for sx in (-1, 1) for sz in (-1, 1)])
                if seen.overlaps(button):
                    problems.append(f"head yaw {yaw}°, pitch {pitch}°: hint {seen} over the "
                                    f"help button {button}")
        assert not problems, "\n".join(problems)
    finally:
        rig.close()
