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


def test_beside_moves_a_view_the_least_way_clear_of_a_reserved_area_with_the_zone_gap():
    from vr_station.ui.layout import GAP_DEG, ViewRect, beside

    help_area = ViewRect(-21.0, -30.0, -22.0, -35.0)
    over = ViewRect(-5.0, -25.0, -22.0, -30.0)  # its right part over the help area
    shift = beside(over, help_area)
    assert shift == pytest.approx(-21.0 + GAP_DEG - (-25.0))  # to the left: 5° less than right
    moved = ViewRect(over.left_deg + shift, over.right_deg + shift, over.top_deg, over.bottom_deg)
    assert not moved.overlaps(help_area) and moved.right_deg == pytest.approx(-20.0)
    far_right = ViewRect(-26.0, -50.0, -22.0, -30.0)
    assert beside(far_right, help_area) == pytest.approx(-30.0 - GAP_DEG + 26.0)  # to the right
    assert beside(ViewRect(18.0, -18.0, -22.0, -30.0), help_area) == 0.0  # 3° apart already
    assert beside(ViewRect(-5.0, -25.0, 0.0, -10.0), help_area) == 0.0  # above it
