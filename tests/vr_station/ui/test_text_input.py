"""The one text field of the feedback comment and the typed interview answer, on a real
headless ShowBase: the in-VR keys, the station's keyboard as Panda3D sends it, spoken words."""

from __future__ import annotations

import pytest

from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui.fonts import load_fonts
from vr_station.ui.panel import ButtonSpec, Panel, UiKit
from vr_station.ui.text_input import CURSOR, KEYSTROKE, SHIFT, SWITCH_LAYOUT, TextInput
from vr_station.ui.texts import Texts
from vr_station.ui.theme import Theme


@pytest.fixture(scope="module")
def scene(catalog):
    display = HeadlessDisplay(DisplaySettings(size_px=(320, 180), multisamples=0))
    base = display.open()
    yield base, UiKit(load_fonts(), Theme()), Texts(catalog.ui["de"])
    display.close()


class Owner:
    """Plays the step that owns the field: it accepts keys on one page and redraws."""

    def __init__(self, base, *, submits: bool = False, shown_chars: int | None = None) -> None:
        self.accepting = True
        self.redraws = 0
        self.touches = 0
        self.entered = 0
        self.input = TextInput(base, accepting=lambda: self.accepting, redraw=self.redraw,
                               touch=self.touch, on_enter=self.enter if submits else None,
                               shown_chars=shown_chars)

    def redraw(self) -> None:
        self.redraws += 1

    def touch(self) -> None:
        self.touches += 1

    def enter(self) -> None:
        self.entered += 1


def keys(base, text: str) -> None:
    for char in text:
        base.messenger.send(KEYSTROKE, [char])


def test_the_station_keyboard_types_into_the_shown_line_only_while_accepted(scene):
    base, kit, _ = scene
    owner = Owner(base)
    field = owner.input
    panel = Panel(kit, base.render, "comment", 1.2)
    line = field.add_line(panel)
    try:
        assert line.node().getText() == " " + CURSOR
        keys(base, "gut")
        assert field.text == "Gut" and line.node().getText() == "Gut" + CURSOR
        assert owner.touches == 3
        assert owner.redraws == 1, "the key caps changed case after the capital"
        base.messenger.send("backspace")
        base.messenger.send("backspace-repeat")
        assert field.text == "G"
        keys(base, "\r")  # without an enter action Return types a space
        assert field.text == "G "
        owner.accepting = False
        keys(base, "x")
        base.messenger.send("backspace")
        assert field.text == "G "
    finally:
        field.destroy()
        panel.destroy()
    keys(base, "y")  # destroyed: no longer subscribed
    assert field.text == "G "


def test_the_in_vr_keys_and_spoken_words_fill_the_same_field(scene):
    base, kit, texts = scene
    field = Owner(base, shown_chars=12).input
    panel = Panel(kit, base.render, "answer", 1.2)
    field.add_keys(panel, texts, ButtonSpec("done", "Fertig"), key_width_m=0.08, gap_m=0.01,
                   wide_key_m=0.25)
    line = field.add_line(panel)
    try:
        assert {"key:q", "key:ß", "key:space", "backspace", "done", SHIFT} <= set(panel.buttons)
        assert field.choose("key:i") and field.choose("key:space") and field.choose("key:k")
        assert not field.choose("done")
        assert field.text == "I k"
        assert field.add_spoken("koche gern.")
        assert field.text == "I k koche gern."
        assert not field.add_spoken("   "), "nothing heard"
        field.choose("key:space")
        assert field.add_spoken("am liebsten")
        assert field.text == "I k koche gern. Am liebsten", "a capital after a full stop"
        assert line.node().getText() == "… Am liebsten" + CURSOR, "a long text shows its end"
        field.clear()
        assert field.text == ""
    finally:
        field.destroy()
        panel.destroy()


def test_return_hands_in_only_while_accepted(scene):
    base, _, _ = scene
    owner = Owner(base, submits=True)
    owner.accepting = False
    try:
        keys(base, "\r")
        assert owner.entered == 0
        owner.accepting = True
        keys(base, "ja\r")
        assert owner.entered == 1 and owner.input.text == "Ja"
        keys(base, "\b")  # the keystroke of backspace: the "backspace" event deletes
        assert owner.input.text == "Ja"
    finally:
        owner.input.destroy()


def test_the_shift_key_capitalises_a_noun_and_redraws_the_caps(scene):
    base, kit, texts = scene
    owner = Owner(base)
    field = owner.input
    panel = Panel(kit, base.render, "answer", 1.3)
    field.add_keys(panel, texts, ButtonSpec("done", "Fertig"), key_width_m=0.08, gap_m=0.01,
                   wide_key_m=0.25)
    try:
        for key in ("key:i", "key:c", "key:h", "key:space"):
            field.choose(key)
        redraws = owner.redraws
        assert field.choose(SHIFT)
        assert owner.redraws == redraws + 1, "the caps show the shift"
        for key in ("key:k", "key:ü", "key:c", "key:h", "key:e"):
            field.choose(key)
        assert field.text == "Ich Küche"
    finally:
        field.destroy()
        panel.destroy()


def _label(panel: Panel, button_id: str) -> str:
    return panel.buttons[button_id].root.find("**/=text").getTag("text")


def _keys_panel(base, kit, texts, field, keyboard: str) -> Panel:
    panel = Panel(kit, base.render, "keys", 1.1)
    field.add_keys(panel, texts, ButtonSpec("done", "Fertig", width_m=0.32), key_width_m=0.072,
                   gap_m=0.008, wide_key_m=0.32, keyboard=keyboard)
    return panel.finish()


@pytest.mark.parametrize("keyboard", ["de", "en", "tr", "uk", "ru", "ar"])
def test_every_keyboard_fits_its_panel_with_the_same_keys_around_it(scene, keyboard):
    base, kit, texts = scene
    field = Owner(base).input
    panel = _keys_panel(base, kit, texts, field, keyboard)
    try:
        half = panel.width_m / 2 - kit.theme.padding_m + 1e-6
        for button in panel.buttons.values():
            x = button.root.getParent().getX()
            assert -half <= x - button.width_m / 2 and x + button.width_m / 2 <= half, button.id
        assert {"key:space", "backspace", "done"} <= set(panel.buttons)
        assert (SHIFT in panel.buttons) == (keyboard != "ar"), "Shift where the script has capitals"
        assert (SWITCH_LAYOUT in panel.buttons) == (keyboard in ("uk", "ru", "ar"))
    finally:
        field.destroy()
        panel.destroy()


def test_a_cyrillic_keyboard_switches_to_the_latin_one_and_back(scene):
    base, kit, texts = scene
    owner = Owner(base)
    field = owner.input
    panel = _keys_panel(base, kit, texts, field, "uk")
    try:
        assert _label(panel, SWITCH_LAYOUT) == "ABC" and "key:ї" in panel.buttons
        assert _label(panel, "key:ї") == "Ї", "the first letter of a comment is a capital"
        field.choose("key:ї")
        redraws = owner.redraws
        assert field.choose(SWITCH_LAYOUT) and owner.redraws == redraws + 1
        panel.destroy()
        panel = _keys_panel(base, kit, texts, field, "uk")
        assert _label(panel, SWITCH_LAYOUT) == "АБВ" and "key:ü" in panel.buttons
        field.choose("key:space")
        field.choose("key:z")
        assert field.text == "Ї z"
    finally:
        field.destroy()
        panel.destroy()


def test_a_long_text_shows_its_last_words_in_the_lines_its_panel_has(scene):
    base, kit, _ = scene
    field = Owner(base).input
    panel = Panel(kit, base.render, "answer", 0.6)  # as narrow as the panel beside the face
    line = field.add_line(panel, lines=3)
    answer = ("Ich heiße Alex und habe im letzten Sommer ein Praktikum in einer Küche gemacht, "
              "dort habe ich Gemüse geschnitten und Teller angerichtet.")
    try:
        keys(base, answer)
        assert field.text == answer, "the whole answer is kept"
        shown = line.node().getText()
        assert line.node().getNumRows() == 3, shown
        assert shown.startswith("… ") and shown.endswith("angerichtet." + CURSOR)
        assert answer.endswith(shown.removeprefix("… ").removesuffix(CURSOR))
        for _ in range(len(answer) - 10):
            base.messenger.send("backspace")
        assert line.node().getText() == answer[:10] + CURSOR, "short again: shown whole"
    finally:
        field.destroy()
        panel.destroy()
