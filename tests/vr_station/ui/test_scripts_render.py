"""Every script in the headset, rendered for real (headless Panda3D): a tour panel with its
narration caption, a facts panel that pages, and a feedback comment with its keyboard, in
Arabic, Ukrainian and Turkish. Text stays inside its panel, Arabic is right-aligned with its
rows of buttons mirrored, and the letters are drawn (pixels, not only nodes).

The sentences are the test's own short samples; the real translations are content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from panda3d.core import NodePath

from tests.vr_station.rendering import on_screen, pixels
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.ui.captions import CaptionBar
from vr_station.ui.fonts import load_fonts
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel, UiKit
from vr_station.ui.text_input import TextInput
from vr_station.ui.texts import Texts
from vr_station.ui.theme import Theme

EYE_Z_M = 1.65
PANEL_Y_M = 1.9


@dataclass(frozen=True)
class Sample:
    """Short sentences in one language, as the tour, facts and feedback steps show them."""

    title: str
    narration: str
    buttons: tuple[str, str, str]
    """Back, listen again, next."""
    facts_heading: str
    facts: tuple[str, ...]
    speaker: str
    caption: str
    comment_heading: str
    typed: str


SAMPLES = {
    "ar": Sample(
        "المطبخ المهني", "هنا يطبخ الطهاة كل يوم لمئة ضيف. يعمل الفريق معا من الساعة 6 صباحا.",
        ("رجوع", "استمع مرة أخرى", "التالي"), "ما يهم في هذه المهنة",
        ("العمل بدقة ونظافة", "التعاون في الفريق", "الطبخ لضيوف لديهم حساسية (VR 2026)",
         "الوقوف لساعات طويلة"),
        "الراوي", "مرحبا بكم في المطبخ. هنا يتعلم الطهاة مهنتهم خلال 3 سنوات.",
        "تعليقك", "كان جيدا"),
    "uk": Sample(
        "Професійна кухня", "Тут кухарі щодня готують для ста гостей. Команда починає о 6 ранку.",
        ("Назад", "Послухати ще раз", "Далі"), "Що важливо в цій професії",
        ("Працювати точно й чисто", "Їжа для гостей з алергією", "Ґрунтовні знання про продукти",
         "Довго стояти на ногах"),
        "Оповідач", "Ласкаво просимо на кухню. Навчання триває 3 роки, її є і ґ.",
        "Ваш коментар", "Це було цікаво"),
    "tr": Sample(
        "Profesyonel mutfak", "Aşçılar burada her gün yüz misafir için yemek pişirir. İş 6'da başlar.",
        ("Geri", "Tekrar dinle", "İleri"), "Bu meslekte önemli olan",
        ("Titiz ve temiz çalışmak", "Ekip içinde işbirliği", "Alerjisi olan misafirler",
         "Uzun süre ayakta durmak"),
        "Anlatıcı", "Mutfağa hoş geldiniz. Eğitim 3 yıl sürer; ğ ı İ ş ç ö ü.",
        "Yorumunuz", "Çok güzeldi"),
}


@pytest.fixture(scope="module")
def scene(catalog):
    display = HeadlessDisplay(DisplaySettings(size_px=(960, 540), multisamples=0))
    base = display.open()
    head = display.bind(base.render.attachNewNode("rig"))
    base.setBackgroundColor(0, 0, 0, 1)
    fonts = load_fonts()
    yield display, base, head, fonts, Texts(catalog.ui["de"])
    display.close()


def texts_of(panel: Panel) -> list[NodePath]:
    return list(panel.root.findAllMatches("**/=text"))


def bounds_in(panel_root: NodePath, path: NodePath) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) of a text's glyphs in the panel's coordinates, metres."""
    low, high = path.getTightBounds(panel_root)
    return low.x, high.x, low.z, high.z


def assert_text_inside(panel: Panel) -> None:
    half_w, half_h = panel.width_m / 2, panel.height_m / 2
    found = texts_of(panel)
    assert found, "the panel shows text"
    for path in found:
        left, right, bottom, top = bounds_in(panel.root, path)
        assert -half_w < left and right < half_w, f"{path.getTag('text')!r} sticks out sideways"
        assert -half_h < bottom and top < half_h, f"{path.getTag('text')!r} sticks out vertically"


def assert_right_aligned(panel: Panel, path: NodePath) -> None:
    """Every line of a paragraph ends at the panel's right padding (within 1.5 cm)."""
    right_edge = panel.width_m / 2 - panel.kit.theme.padding_m
    _, right, _, _ = bounds_in(panel.root, path)
    assert right == pytest.approx(right_edge, abs=0.015), path.getTag("text")


def tour_panel(kit: UiKit, parent: NodePath, sample: Sample) -> Panel:
    panel = Panel(kit, parent, "tour", 1.2)
    panel.title(sample.title)
    panel.paragraph(sample.narration)
    back, again, forward = sample.buttons
    panel.row([ButtonSpec("back", "◀  " + back), ButtonSpec("again", again),
               ButtonSpec("next", forward + "  ▸", kind=ButtonKind.PRIMARY)])
    return panel.finish()


def facts_panel(kit: UiKit, parent: NodePath, sample: Sample) -> Panel:
    panel = Panel(kit, parent, "facts", 0.9)
    panel.heading(sample.facts_heading)
    panel.bullets(sample.facts)
    panel.row([ButtonSpec("facts-page:previous", "◀", width_m=0.16),
               ButtonSpec("facts-page:next", "1/2  ▸", width_m=0.24)], min_height_m=0.08)
    return panel.finish()


def render(display, base, name: str, out: Path) -> np.ndarray:
    display.screenshot(out / f"{name}.png")
    return pixels(base)


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_tour_panel_and_caption_stay_inside_and_read_in_their_direction(scene, language, tmp_path):
    display, base, head, fonts, _ = scene
    sample, rtl = SAMPLES[language], language == "ar"
    kit = UiKit(fonts, Theme(), rtl=rtl)
    panel = tour_panel(kit, base.render, sample)
    panel.root.setPos(0, PANEL_Y_M, EYE_Z_M + 0.15)
    captions = CaptionBar(kit, base.render, head)
    try:
        captions.show_live(sample.speaker, sample.caption)
        captions.update(0.0, 0.016)
        image = render(display, base, f"tour-{language}", tmp_path)
        assert_text_inside(panel)
        card = captions.root.find("**/card")
        for path in captions.root.findAllMatches("**/=text"):
            low, high = path.getTightBounds(card)
            c_low, c_high = card.getTightBounds(card)
            assert c_low.x < low.x and high.x < c_high.x and c_low.z < low.z and high.z < c_high.z
        title, narration = texts_of(panel)[:2]
        buttons = {i: panel.buttons[i].root.getPos(panel.root).x for i in ("back", "again", "next")}
        if rtl:
            assert_right_aligned(panel, title)
            assert_right_aligned(panel, narration)
            assert buttons["back"] > buttons["again"] > buttons["next"], "mirrored: back on the right"
            assert "◂" in panel.buttons["next"].root.find("**/=text").node().getText()
        else:
            left_edge = -panel.width_m / 2 + kit.theme.padding_m
            assert bounds_in(panel.root, title)[0] == pytest.approx(left_edge, abs=0.015)
            assert buttons["back"] < buttons["again"] < buttons["next"]
        # The title's letters are drawn where the layout says: bright pixels at its end.
        left, right, bottom, top = bounds_in(base.render, title)
        y = PANEL_Y_M
        x0, y0 = on_screen(base, (left, y, top))
        x1, y1 = on_screen(base, (right, y, bottom))
        strip = image[y0:y1, x0:x1].reshape(-1, 3)
        assert np.sum(strip.min(axis=1) > 180) > 40, "the title's letters are drawn"
    finally:
        captions.destroy()
        panel.destroy()


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_facts_panel_pages_in_the_readers_direction(scene, language, tmp_path):
    display, base, _, fonts, _ = scene
    sample, rtl = SAMPLES[language], language == "ar"
    kit = UiKit(fonts, Theme(), rtl=rtl)
    panel = facts_panel(kit, base.render, sample)
    panel.root.setPos(0, PANEL_Y_M, EYE_Z_M)
    try:
        render(display, base, f"facts-{language}", tmp_path)
        assert_text_inside(panel)
        previous = panel.buttons["facts-page:previous"].root.getPos(panel.root).x
        following = panel.buttons["facts-page:next"].root.getPos(panel.root).x
        assert (previous > following) == rtl, "the next page is where the reader goes on"
        if rtl:
            for bullet in texts_of(panel)[1:1 + len(sample.facts)]:
                assert_right_aligned(panel, bullet)
    finally:
        panel.destroy()


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_comment_with_the_visitors_keyboard(scene, language, tmp_path):
    display, base, _, fonts, texts = scene
    sample, rtl = SAMPLES[language], language == "ar"
    kit = UiKit(fonts, Theme(), rtl=rtl)
    field = TextInput(base, accepting=lambda: True, redraw=lambda: None, touch=lambda: None,
                      text=sample.typed)
    comment = Panel(kit, base.render, "comment", 1.1)
    comment.heading(sample.comment_heading)
    field.add_line(comment)
    comment.finish()
    keys = Panel(kit, base.render, "keys", 1.1)
    field.add_keys(keys, texts, ButtonSpec("done", "OK", kind=ButtonKind.PRIMARY, width_m=0.32),
                   key_width_m=0.072, gap_m=0.008, wide_key_m=0.32, keyboard=language)
    keys.finish()
    keys.root.setPos(0, PANEL_Y_M, EYE_Z_M - 0.3)
    comment.root.setPos(0, PANEL_Y_M, EYE_Z_M - 0.3 + (keys.height_m + comment.height_m) / 2 + 0.03)
    try:
        render(display, base, f"comment-{language}", tmp_path)
        assert_text_inside(comment)
        assert_text_inside(keys)
        for button in keys.buttons.values():
            for path in button.root.findAllMatches("**/=text"):
                left, right = (corner.x for corner in path.getTightBounds(button.root))
                assert -button.width_m / 2 < left and right < button.width_m / 2, button.id
        first_row = [b for b in keys.buttons.values() if b.id.startswith("key:")][:3]
        xs = [b.root.getParent().getX() for b in first_row]
        assert xs == sorted(xs), "a keyboard keeps its own key order, also in Arabic"
        done, space = (keys.buttons[i].root.getParent().getX() for i in ("done", "key:space"))
        assert done > space, "the bottom row too: done on the right"
    finally:
        field.destroy()
        keys.destroy()
        comment.destroy()


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_a_status_light_comes_first_in_reading_order(scene, language):
    _, base, _, fonts, _ = scene
    kit = UiKit(fonts, Theme(), rtl=language == "ar")
    panel = Panel(kit, base.render, "listening", 1.3)
    panel.status("أستمع إليك" if language == "ar" else "Слухаю вас", dot=(0.9, 0.2, 0.2, 1))
    panel.finish()
    try:
        light = panel.root.find("**/status-dot").getPos(panel.root).x
        text = panel.root.find("**/=text")
        left, right, _, _ = bounds_in(panel.root, text)
        assert (light > right) if language == "ar" else (light < left)
        assert_text_inside(panel)
    finally:
        panel.destroy()
