"""The layout's rules by themselves: zones inside the comfortable view, never overlapping, and
panels fitted into them (the rendered check of every step is tests/vr_station/test_layout_steps.py)."""

from __future__ import annotations

import itertools

import pytest

from vr_station.ui.layout import (
    COMFORT,
    FARTHEST_M,
    MIN_SCALE,
    MIN_TEXT_DEG,
    NEAREST_M,
    ZONES,
    Arrangement,
    pages,
    panel_view,
    zone,
)


@pytest.mark.parametrize("arrangement", list(Arrangement))
def test_every_arrangement_has_captions_and_disjoint_zones_in_the_comfortable_view(arrangement):
    zones = ZONES[arrangement]
    assert "captions" in zones
    assert "help" in zones  # the "get help" button on every screen (issue 16)
    for one in zones.values():
        assert one.area.inside(COMFORT), one
        assert NEAREST_M <= one.distance_m <= FARTHEST_M, one
    for a, b in itertools.combinations(zones.values(), 2):
        assert not a.area.overlaps(b.area), (arrangement, a.name, b.name)


def test_a_panel_is_fitted_inside_its_zone_and_shrunk_only_down_to_the_minimum_text_size():
    content = zone(Arrangement.SINGLE, "content")
    small = content.fit(1.0, 0.6)
    assert small.scale == 1.0 and small.fits
    assert panel_view(small, 1.0, 0.6).inside(content.area, 1e-3)
    tall = content.fit(1.0, content.height_m() * 1.1, align="top")
    assert MIN_SCALE < tall.scale < 1.0 and tall.fits
    assert panel_view(tall, 1.0, content.height_m() * 1.1).inside(content.area, 1e-3)
    huge = content.fit(1.0, content.height_m() * 3)
    assert huge.scale == MIN_SCALE and not huge.fits
    assert pytest.approx(1.25 * MIN_SCALE) == MIN_TEXT_DEG


def test_bottom_alignment_stands_a_panel_on_the_zone_floor():
    keys = zone(Arrangement.KEYBOARD, "keyboard")
    placed = keys.fit(1.0, 0.3, align="bottom")
    assert panel_view(placed, 1.0, 0.3).bottom_deg == pytest.approx(keys.area.bottom_deg)


def test_pages_keep_every_item_in_order():
    items = [f"item {i}" for i in range(7)]
    split = pages(items, 3)
    assert [len(p) for p in split] == [3, 3, 1]
    assert [x for page in split for x in page] == items
    assert pages([], 3) == [()]
