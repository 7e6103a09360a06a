"""The "get help" button's label in every language: real panels, laid out by Panda3D's text
wrapping in the help zone of each arrangement; a word is never broken across lines."""

from __future__ import annotations

import pytest

from catalog import load_catalog
from tests.conftest import CONTENT
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.feedback.station_health import HelpState
from vr_station.ui.fonts import load_fonts
from vr_station.ui.help_button import compact_kit, fill_help_panel
from vr_station.ui.layout import ZONES, Arrangement
from vr_station.ui.panel import Panel, UiKit
from vr_station.ui.texts import Texts
from vr_station.ui.theme import Theme

CATALOG, _ = load_catalog(CONTENT)


@pytest.fixture(scope="module")
def base():
    display = HeadlessDisplay(DisplaySettings(size_px=(160, 90), multisamples=0))
    yield display.open()
    display.close()


@pytest.mark.parametrize("language", [code for code, lang in CATALOG.languages.items()
                                      if lang.direction == "ltr"])  # Arabic: word by word
@pytest.mark.parametrize("arrangement", list(Arrangement))
def test_the_help_label_breaks_between_words_only(base, language, arrangement):
    texts = Texts(CATALOG.ui[language])
    where = ZONES[arrangement]["help"]
    panel = Panel(compact_kit(UiKit(load_fonts(), Theme())), base.render, "help",
                  where.width_m(), distance_m=where.distance_m)
    fill_help_panel(panel, HelpState.IDLE, texts)
    words = set(texts("help_button").split())
    for label in panel.root.findAllMatches("**/+TextNode"):
        lines = label.node().getWordwrappedText().split("\n")
        assert all(word in words for line in lines for word in line.split()), lines
    panel.destroy()
