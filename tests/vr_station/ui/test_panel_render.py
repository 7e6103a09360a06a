"""Panels rendered for real: text appears where laid out, buttons are hit where they are drawn,
hover shows, and UI panels stay visible behind walls while world labels do not."""

from __future__ import annotations

import numpy as np
import pytest

from tests.vr_station.rendering import colour_near, on_screen, pixels
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui import shapes
from vr_station.ui.fonts import load_fonts
from vr_station.ui.geometry import Ray, normalized
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel, UiKit
from vr_station.ui.pointing import GAZE, PointerInput, PointerSample
from vr_station.ui.theme import Theme

EYE = (0.0, 0.0, 1.65)


@pytest.fixture(scope="module")
def scene():
    display = HeadlessDisplay(DisplaySettings(size_px=(640, 360), multisamples=0))
    base = display.open()
    display.bind(base.render.attachNewNode("rig"))
    base.setBackgroundColor(0, 0, 0, 1)
    kit = UiKit(load_fonts(), Theme())
    yield display, base, kit
    display.close()


def make_panel(base, kit, **kwargs) -> Panel:
    panel = Panel(kit, base.render, "test", 1.2, **kwargs)
    panel.title("Berufe erleben")
    panel.row([ButtonSpec("yes", "Ja", kind=ButtonKind.PRIMARY), ButtonSpec("no", "Nein")])
    panel.finish()
    panel.root.setPos(0, 1.9, 1.65)
    return panel


def test_title_text_is_drawn_in_the_top_of_the_card(scene):
    _, base, kit = scene
    panel = make_panel(base, kit)
    try:
        image = pixels(base)
        colours = kit.theme.colours
        top = on_screen(base, (0.0, 1.9, 1.65 + panel.height_m / 2 - 0.09))
        strip = image[top[1] - 12:top[1] + 12, 200:440].reshape(-1, 3).astype(int)
        bright = np.sum(strip.min(axis=1) > 200)
        assert bright > 60, "white letters of the title"
        card_px = on_screen(base, (-0.55, 1.9, 1.65 - panel.height_m / 2 + 0.02))
        assert colour_near(image, card_px, colours.panel)
    finally:
        panel.destroy()


def test_buttons_are_picked_exactly_where_they_are_drawn(scene):
    _, base, kit = scene
    panel = make_panel(base, kit)
    colours = kit.theme.colours
    try:
        targets = {t.id: t for t in panel.targets(base.render)}
        image = pixels(base)
        yes_centre = targets["yes"].rect.center
        no_px = on_screen(base, targets["no"].rect.center)
        # The face colour around the label (a little below the centre, clear of the text).
        below = on_screen(base, (yes_centre[0], yes_centre[1],
                                 yes_centre[2] - targets["yes"].rect.half_height_m * 0.7))
        assert colour_near(image, below, colours.accent)
        no_below = on_screen(base, (targets["no"].rect.center[0], yes_centre[1],
                                    yes_centre[2] - targets["no"].rect.half_height_m * 0.7))
        assert colour_near(image, no_below, colours.button)
        assert no_px[0] > on_screen(base, yes_centre)[0]
        # A gaze through the drawn "Nein" button hovers it, and the hover shows.
        gaze = Ray(EYE, normalized(tuple(c - e for c, e in zip(targets["no"].rect.center, EYE,
                                                               strict=True))))
        frame = PointerInput().update([PointerSample(GAZE, gaze)], targets.values(), 0.016)
        assert frame.hovered[GAZE] == "no"
        panel.show_pointing(frame.hovered.values(), None, 0.0, 0.016)
        image = pixels(base)
        assert colour_near(image, no_below, colours.button_hover)
    finally:
        panel.destroy()


def test_ui_panels_stay_visible_behind_a_wall_but_world_labels_do_not(scene):
    _, base, kit = scene
    wall = shapes.box(base.render, "wall", (4.0, 0.1, 3.0), (0.8, 0.8, 0.8, 1))
    wall.setPos(0, 1.2, 0)
    wall.setLightOff()
    ui = make_panel(base, kit)
    label = Panel(kit, base.render, "label", 0.6, overlay=False)
    label.heading("Kühlraum")
    label.finish()
    label.root.setPos(1.2, 2.5, 1.65)
    try:
        image = pixels(base)
        assert colour_near(image, on_screen(base, (-0.55, 1.9, 1.65 - ui.height_m / 2 + 0.02)),
                           kit.theme.colours.panel)
        assert colour_near(image, on_screen(base, (1.2, 2.5, 1.65)), (0.8, 0.8, 0.8))
    finally:
        ui.destroy()
        label.destroy()
        wall.removeNode()


def test_long_words_shrink_or_break_at_a_slash_instead_of_mid_word(scene):
    _, base, kit = scene
    em = kit.em_m(kit.theme.sizes.button_deg)
    label, height = kit.text(base.render, "t", "Pflegefachfrau/Pflegefachmann", em_m=em,
                             width_m=0.5, colour=(1, 1, 1, 1), bold=True, dynamic=True)
    try:
        assert label.node().getWordwrappedText().split("\n") == ["Pflegefachfrau/",
                                                                 "Pflegefachmann"]
        copy, copy_height = kit.text(base.render, "t", "Pflegefachfrau/Pflegefachmann", em_m=em,
                                     width_m=0.5, colour=(1, 1, 1, 1), bold=True)
        assert copy_height == pytest.approx(height), "fixed and changing texts lay out the same"
        copy.removeNode()
    finally:
        label.removeNode()
