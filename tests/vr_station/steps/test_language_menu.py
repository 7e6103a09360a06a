"""The language menu with all seven visitor languages, rendered offscreen on a real station: each
language in its own name, inside the comfortable view, no text at a panel's edge, paging when
more languages are offered than fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from calibration import StationProfile
from tests.vr_station import test_layout_steps
from tests.vr_station.station_fixtures import make_station
from vr_station.kiosk.flow import KioskState
from vr_station.steps import language as language_step

NATIVE = ["Deutsch", "English", "Українська", "العربية", "Türkçe", "Русский",
          "Deutsch – Leichte Sprache"]


def shown_texts(rig) -> list[str]:
    render = rig.station.base.render
    return [t.node().getText() for t in render.findAllMatches("**/+TextNode")
            if not t.isHidden()]


@pytest.mark.slow
def test_the_menu_names_every_language_in_its_own_name_and_fits_the_view(tmp_path: Path):
    rig = make_station(profile=StationProfile(), size_px=(640, 360))
    try:
        rig.visitor.wait_state(KioskState.ATTRACT)
        rig.station.base.messenger.send("f6")
        rig.visitor.wait_state(KioskState.LANGUAGE)
        rig.visitor.settle(0.2)
        screen = test_layout_steps.measure(rig, "language")
        rig.display.screenshot(tmp_path / "language.png")
        assert screen.problems == []
        targets = rig.station.targets_by_id()
        assert {f"lang:{c}" for c in ("de", "en", "uk", "ar", "tr", "ru", "de-x-ls")} <= set(targets)
        texts = " ".join(shown_texts(rig))
        for name in NATIVE:
            assert name in texts, name
        assert "[DE]" not in texts, "an untranslated question is left out, not shown marked"
        assert (tmp_path / "language.png").stat().st_size > 10_000
        rig.visitor.click("lang:uk")
        rig.visitor.wait_state(KioskState.QUICK_CHECK)
        assert rig.station.ctx.language.code == "uk"
    finally:
        rig.close()


@pytest.mark.slow
def test_more_languages_than_a_page_holds_page_with_numbers(monkeypatch):
    monkeypatch.setattr(language_step, "PER_PAGE", 4)
    rig = make_station(profile=StationProfile())
    try:
        rig.visitor.wait_state(KioskState.ATTRACT)
        rig.station.base.messenger.send("f6")
        rig.visitor.wait_state(KioskState.LANGUAGE)
        rig.visitor.settle(0.2)
        first = set(rig.station.targets_by_id())
        assert {"lang:de", "lang:ar"} <= first and "lang:tr" not in first
        assert "page:next" in first and "2/2 ▸" in shown_texts(rig)
        rig.visitor.click("page:next")
        rig.visitor.settle(0.2)
        second = set(rig.station.targets_by_id())
        assert {"lang:tr", "lang:ru", "lang:de-x-ls", "page:previous"} <= second
        assert test_layout_steps.measure(rig, "language-2").problems == []
        rig.visitor.click("lang:de-x-ls")
        rig.visitor.wait_state(KioskState.QUICK_CHECK)
        assert rig.station.ctx.language.code == "de-x-ls"
    finally:
        rig.close()
