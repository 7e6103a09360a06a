"""Legibility by numbers: contrast of every text colour pair, angular sizes of text and targets."""

import pytest

from vr_station.ui.geometry import angle_for_size_deg
from vr_station.ui.theme import PANEL_DISTANCE_M, Palette, Theme, contrast_ratio

TEXT_ON = [("text", "panel"), ("text_muted", "panel"), ("text", "button"),
           ("text", "button_hover"), ("on_accent", "accent"), ("text", "selected"),
           ("text_muted", "button")]


@pytest.mark.parametrize(("fg", "bg"), TEXT_ON)
def test_text_colours_reach_wcag_aaa_contrast(fg, bg):
    palette = Palette()
    assert contrast_ratio(getattr(palette, fg), getattr(palette, bg)) >= 7.0


def test_contrast_ratio_matches_the_wcag_extremes():
    assert contrast_ratio((0, 0, 0, 1), (1, 1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((0.5, 0.5, 0.5, 1), (0.5, 0.5, 0.5, 1)) == pytest.approx(1.0)


def test_text_and_targets_are_large_enough_for_a_headset():
    theme = Theme()
    sizes = theme.sizes
    assert sizes.small_deg >= 1.2, "nothing smaller than ~21 dmm"
    assert sizes.body_deg >= 1.4
    assert sizes.title_deg > sizes.heading_deg > sizes.body_deg
    assert theme.button_height_deg >= 4.0, "targets a gaze or a shaky ray can hit"
    em = sizes.em_m(sizes.body_deg)
    assert angle_for_size_deg(em, PANEL_DISTANCE_M) == pytest.approx(sizes.body_deg)
    assert 1.2 <= PANEL_DISTANCE_M <= 3.0, "where eyes focus comfortably in a headset"
