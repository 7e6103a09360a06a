"""Labels that cannot page (chips, task cards, occupation titles, hotspot labels, buttons) and
whether they fit their room at the smallest text size: the rule with a fake measure, the real
fonts against the panel's own layout, and ``vr-station content validate`` warning at the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT
from tests.vr_station.cli.test_content_cli import vr_station
from vr_station.ui.text_fit import WORD_FIT_MIN_SCALE, LabelRoom, fit

COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitän"
"""A German compound no button of the station holds on one line even at the smallest size."""
ARABIC = "التعرّف على المريض وكتابة البيانات على الأنابيب بعناية قبل إرسالها إلى المختبر"
""""Identify the patient and label the tubes carefully before sending them to the lab"."""


def letters(text: str) -> float:
    """A fake measure: every character, spaces included, 1 em wide."""
    return float(len(text))


def room(width_em: float, max_lines: int | None = 2, template: str = "{}") -> LabelRoom:
    return LabelRoom("chip label", "its button", width_m=width_em * 0.05, em_m=0.05,
                     max_lines=max_lines, template=template)


# The rule (a fake measure) ----------------------------------------------------------------------

def test_short_words_wrap_onto_lines_and_count_against_the_room() -> None:
    assert fit("aaaa bbbb", room(10), letters).lines == 1
    two = fit("aaaa bbbb cccc", room(10), letters)
    assert (two.lines, two.fits) == (2, True)
    three = fit("aaaa bbbb cccc dddd eeee", room(10), letters)
    assert (three.lines, three.fits, three.overflow) == (3, False, 0.0)


def test_a_long_word_shrinks_the_text_down_to_the_smallest_size_then_overflows() -> None:
    shrunk = fit("a" * 12, room(10), letters)  # 12 em shrink to 10/12: fits
    assert shrunk.fits and shrunk.scale == pytest.approx(10 / 12) and shrunk.lines == 1
    limit = 10 / WORD_FIT_MIN_SCALE
    broken = fit("a" * 20, room(10), letters)  # wider than 10 em / 0.7 = 14.3 em
    assert not broken.fits and broken.scale == WORD_FIT_MIN_SCALE
    assert broken.widest_word == "a" * 20
    assert broken.overflow == pytest.approx(20 / limit - 1)


def test_the_panels_decoration_counts_and_a_room_without_a_line_limit_only_checks_words() -> None:
    assert fit("aaaaaa bbb", room(10, template="✓ {}"), letters).lines == 2
    tall = fit(" ".join(["aaaa"] * 12), room(5, max_lines=None), letters)
    assert tall.lines == 12 and tall.fits


def test_a_slashed_word_breaks_after_its_slash_as_the_panel_does() -> None:
    assert fit("Pflegefachfrau/Pflegefachmann", room(16), letters).fits
    assert fit("Pflegefachfrau/Pflegefachmann", room(16), letters).lines == 2
    unbroken = fit("Pflegefachfrau/Pflegefachmann", room(16), letters, break_at_slashes=False)
    assert not unbroken.fits  # 29 em > 16 / 0.7 em: the right-to-left path has no slash rule


# The real fonts, against the panel's own layout (Panda3D, no window) ---------------------------

@pytest.fixture(scope="module")
def fonts():
    from panda3d.core import loadPrcFileData, unloadPrcFile

    from vr_station.ui.fonts import load_fonts

    page = loadPrcFileData("test-label-fit", "text-use-harfbuzz #t")  # as the station sets it
    yield load_fonts()
    unloadPrcFile(page)


def panel_rows(fonts, text: str, label: LabelRoom, *, rtl: bool, hyphenation=None):
    """Rows and size (of the label's) the panel's own text layout gives ``text`` in ``label``;
    with ``hyphenation``, also the text it draws."""
    from panda3d.core import NodePath

    from vr_station.ui.panel import UiKit
    from vr_station.ui.theme import Theme

    kit = UiKit(fonts, Theme(), rtl=rtl, hyphenation=hyphenation)
    path, _ = kit.text(NodePath("root"), "label", label.template.format(text), em_m=label.em_m,
                       width_m=label.width_m, colour=(1, 1, 1, 1), bold=label.bold,
                       align="center")
    rows, scale = path.node().getNumRows(), path.getSx() / label.em_m
    if hyphenation is None:
        return rows, scale
    return rows, scale, path.node().getText()


def test_a_german_compound_is_too_wide_for_a_task_card_even_at_the_smallest_size(fonts) -> None:
    from vr_station.steps.label_rooms import content_rooms
    from vr_station.ui.text_fit import FontMeasures

    card = content_rooms()["task"]
    result = FontMeasures(fonts).fit(COMPOUND, card, rtl=False)
    assert not result.fits and result.widest_word == COMPOUND
    assert result.overflow > 0.5  # about 2.3 times the card's width at full size
    rows, scale = panel_rows(fonts, COMPOUND, card, rtl=False)
    assert scale == pytest.approx(WORD_FIT_MIN_SCALE)
    assert rows > result.lines  # Panda3D broke the word between letters: what the check says
    fits = FontMeasures(fonts).fit("Milch", card, rtl=False)
    assert fits.fits and fits.lines == 1


def test_a_german_compound_too_wide_even_at_the_smallest_size_breaks_with_a_hyphen(fonts) -> None:
    from vr_station.steps.label_rooms import content_rooms
    from vr_station.ui.hyphens import Hyphenation
    from vr_station.ui.text_fit import FontMeasures

    card = content_rooms()["task"]
    measures = FontMeasures(fonts)
    whole = measures.fit("Drehmomentschlüssel", card, rtl=False)
    assert not whole.fits and whole.overflow > 0.05  # ~10 % too wide: Panda3D cut it anywhere
    german = measures.fit("Drehmomentschlüssel", card, rtl=False, language="de")
    # Ticked (the room's worst case), the tick wraps onto a line of its own: "✓" /
    # "Drehmoment-" / "schlüssel", every piece at full size.
    assert german.fits and german.widest_word == "Drehmoment-" and german.lines == 3
    assert german.scale > WORD_FIT_MIN_SCALE  # the pieces are drawn larger than the word was
    assert measures.fit("Drehmomentschlüssel", card, rtl=False, language="de-x-ls").fits
    assert not measures.fit("Drehmomentschlüssel", card, rtl=False, language="tr").fits
    # What the panel draws in German: the same lines, the hyphen on screen, at the same size.
    kit_rows, kit_scale, drawn = panel_rows(fonts, "Drehmomentschlüssel", card, rtl=False,
                                            hyphenation=Hyphenation.for_language("de"))
    assert drawn == "✓ Drehmoment-\nschlüssel"
    assert (kit_rows, kit_scale) == (german.lines, pytest.approx(german.scale))
    # A word that fits at the smallest size is never hyphenated: it shrinks, as before.
    assert measures.fit("Kaltgerätekabel", card, rtl=False, language="de").widest_word \
        == "Kaltgerätekabel"


@pytest.mark.parametrize("text", ["Einfach zu bedienen", "Професія стала зрозумілішою",
                                  "Kaltgerätekabel zur USV", "Pflegefachfrau/Pflegefachmann"])
def test_lines_counted_as_the_panel_lays_the_label_out(fonts, text: str) -> None:
    from vr_station.steps.label_rooms import content_rooms
    from vr_station.ui.text_fit import FontMeasures

    for label in content_rooms().values():
        result = FontMeasures(fonts).fit(text, label, rtl=False)
        rows, scale = panel_rows(fonts, text, label, rtl=False)
        assert (result.lines, result.scale) == (rows, pytest.approx(scale)), label.kind


def test_a_long_arabic_label_is_measured_shaped_right_to_left_as_the_panel_does(fonts) -> None:
    from vr_station.steps.label_rooms import content_rooms, ui_rooms
    from vr_station.ui.text_fit import FontMeasures

    measures = FontMeasures(fonts)
    send = ui_rooms()["feedback_send"]  # three buttons across the actions zone: 3 lines at most
    result = measures.fit(ARABIC, send, rtl=True)
    assert result.overflow == 0.0 and result.lines > send.max_lines and not result.fits
    for label in (send, content_rooms()["chip"], content_rooms()["task"]):
        rows, scale = panel_rows(fonts, ARABIC, label, rtl=True)
        got = measures.fit(ARABIC, label, rtl=True)
        assert (got.lines, got.scale) == (rows, pytest.approx(scale)), label.kind
    assert measures.fit("إرسال", send, rtl=True).fits  # "Send"


def test_the_task_card_room_is_the_width_its_real_chip_wraps_in(fonts) -> None:
    from panda3d.core import NodePath

    from vr_station.steps.label_rooms import content_rooms
    from vr_station.steps.task import CARD_WIDTH_M
    from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel, UiKit
    from vr_station.ui.theme import Theme

    card = content_rooms()["task"]
    panel = Panel(UiKit(fonts, Theme()), NodePath("root"), "task-milk", CARD_WIDTH_M)
    panel.row([ButtonSpec("task:milk", "Milch", kind=ButtonKind.CHIP)])
    label = panel.buttons["task:milk"].root.find("**/label")
    assert label.node().getWordwrap() * label.getSx() == pytest.approx(card.width_m)
    assert label.getSx() == pytest.approx(card.em_m)


# vr-station content validate ----------------------------------------------------------------------

def test_validate_warns_at_the_overlay_line_of_a_label_too_long_and_exits_zero(
        tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name in ("languages.yaml", "personas.yaml", "interview.yaml", "feedback.yaml"):
        shutil.copy(CONTENT / name, content / name)
    shutil.copytree(CONTENT / "ui", content / "ui")
    overlay = content / "translations" / "uk" / "feedback.yaml"
    overlay.parent.mkdir(parents=True)
    original = (CONTENT / "translations" / "uk" / "feedback.yaml").read_text(encoding="utf-8")
    assert "    labels: Легко користуватися\n" in original
    overlay.write_text(original.replace("    labels: Легко користуватися\n",
                                        "    labels: Легко користуватися " + COMPOUND + "\n"),
                       encoding="utf-8")
    line = next(i for i, text in enumerate(overlay.read_text(encoding="utf-8").splitlines(), 1)
                if COMPOUND in text)
    done = vr_station("content", "validate", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    warnings = [w for w in done.stdout.splitlines() if ": warning: " in w]
    assert warnings == [w for w in done.stdout.splitlines() if w], done.stdout
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"content/translations/uk/feedback.yaml:{line}:13: warning: "
                                  f"the chip label \"Легко користуватися {COMPOUND}\" (uk): "
                                  f"the word \"{COMPOUND}\" is "), warnings
    assert "wider than its button even at the smallest text size" in warnings[0]
    assert "1 warning(s)" in done.stderr


def test_validate_shipped_content_prints_no_fit_warning() -> None:
    """Every label of the seven languages fits its room: "Drehmomentschlüssel" (Kfz) breaks
    as "Drehmoment-" / "schlüssel" on its task card (``ui.hyphens``), not between letters."""
    done = vr_station("content", "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert [w for w in done.stdout.splitlines() if ": warning: " in w] == [], done.stdout
