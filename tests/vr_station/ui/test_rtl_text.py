"""Arabic as Panda3D draws it: shaped by its HarfBuzz, glyphs in the order a reference shaper
(uharfbuzz) gives, right to left with numbers and Latin words the right way round."""

from __future__ import annotations

import pytest
import uharfbuzz as hb
from panda3d.core import GeomVertexReader, NodePath, loadPrcFileData, unloadPrcFile

from vr_station.ui.bidi import break_lines, visual_runs
from vr_station.ui.fonts import ARABIC_REGULAR, REGULAR, font_path, is_arabic, load_fonts
from vr_station.ui.panel import UiKit, mirror_for_rtl
from vr_station.ui.theme import Theme

GREETING = "مرحبا بكم"
""""Welcome": the letters join (initial, medial and final forms), so unshaped text is wider."""
EM = 0.05
TOLERANCE_EM = 0.02
"""Panda3D places a glyph's quad on whole texture pixels (72 px per em): about 0.014 em."""


@pytest.fixture(scope="module")
def kit():
    page = loadPrcFileData("test-rtl", "text-use-harfbuzz #t")  # as display/settings.py sets it
    yield UiKit(load_fonts(), Theme(), rtl=True)
    unloadPrcFile(page)


def glyph_lefts(path: NodePath) -> list[float]:
    """The left edge of every glyph quad Panda3D generated for a text node, in em from the
    text's left end (a right-aligned text ends at 0), sorted."""
    left_em = path.node().getLeft()
    generated = NodePath(path.node().generate())
    lefts: set[float] = set()
    for geom_path in generated.findAllMatches("**/+GeomNode"):
        node = geom_path.node()
        for i in range(node.getNumGeoms()):
            reader = GeomVertexReader(node.getGeom(i).getVertexData(), "vertex")
            xs = []
            while not reader.isAtEnd():
                xs.append(reader.getData3().x)
            lefts.update(round(min(xs[k:k + 4]) - left_em, 3) for k in range(0, len(xs), 4))
    return sorted(lefts)


def reference_lefts(runs: list[tuple[str, str, str]]) -> tuple[list[float], float]:
    """Glyph left edges (em) of runs (text, font file, "ltr"/"rtl") set left to right by HarfBuzz."""
    lefts: list[float] = []
    pen_em = 0.0
    for text, font_file, direction in runs:
        face = hb.Face(hb.Blob.from_file_path(str(font_path(font_file))))
        font = hb.Font(face)
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        buffer.direction = direction
        hb.shape(font, buffer, {})
        x = 0
        for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
            extents = font.get_glyph_extents(info.codepoint)
            if extents.width:
                lefts.append(round(pen_em + (x + position.x_offset + extents.x_bearing) / face.upem, 3))
            x += position.x_advance
        pen_em += x / face.upem
    return sorted(lefts), pen_em


def assert_same_glyphs(actual: list[float], expected: list[float]) -> None:
    assert len(actual) == len(expected), (actual, expected)
    worst = max((abs(a - e) for a, e in zip(actual, expected, strict=True)), default=0.0)
    assert worst <= TOLERANCE_EM, f"glyphs {worst:.3f} em from HarfBuzz's places: {actual} vs {expected}"


def test_panda3d_has_harfbuzz_and_shapes_arabic_as_the_reference_shaper_does(kit):
    path, _ = kit.text(NodePath("root"), "greeting", GREETING, em_m=EM, width_m=None,
                       colour=(1, 1, 1, 1))
    expected, width_em = reference_lefts([(GREETING, ARABIC_REGULAR, "rtl")])
    assert_same_glyphs(glyph_lefts(path), expected)
    assert path.node().getWidth() == pytest.approx(width_em, abs=0.01)
    # The check can tell: the same letters set left to right, or unjoined, are elsewhere.
    wrong_way, _ = reference_lefts([(GREETING, ARABIC_REGULAR, "ltr")])
    assert any(abs(a - e) > 0.05 for a, e in zip(glyph_lefts(path), wrong_way, strict=False))


def test_without_harfbuzz_the_letters_would_not_join(kit):
    """What the station's text-use-harfbuzz buys: joined letters are narrower than isolated ones."""
    root = NodePath("root")
    shaped = kit.text(root, "on", GREETING, em_m=EM, width_m=None, colour=(1, 1, 1, 1))[0]
    page = loadPrcFileData("test-no-harfbuzz", "text-use-harfbuzz #f")
    try:
        plain = kit.text(root, "off", GREETING, em_m=EM, width_m=None, colour=(1, 1, 1, 1))[0]
        plain_width = plain.node().getWidth()
    finally:
        unloadPrcFile(page)
    assert shaped.node().getWidth() < plain_width * 0.9


def test_numbers_and_latin_words_in_arabic_read_left_to_right_between_arabic_words(kit):
    """ "Welcome to VR 2026": the Arabic word on the right, "VR 2026" unreversed to its left."""
    text = "مرحبا VR 2026"
    path, _ = kit.text(NodePath("root"), "mixed", text, em_m=EM, width_m=None,
                       colour=(1, 1, 1, 1))
    expected, _ = reference_lefts([("VR 2026", REGULAR, "ltr"), (" ", ARABIC_REGULAR, "rtl"),
                                   ("مرحبا", ARABIC_REGULAR, "rtl")])
    assert_same_glyphs(glyph_lefts(path), expected)


def test_page_numbers_stay_in_order_and_the_next_arrow_points_left(kit):
    path, _ = kit.text(NodePath("root"), "page", "1/2  ▸", em_m=EM, width_m=None,
                       colour=(1, 1, 1, 1))
    expected, _ = reference_lefts([("◂", REGULAR, "rtl"), ("  ", ARABIC_REGULAR, "rtl"),
                                   ("1/2", REGULAR, "ltr")])
    assert_same_glyphs(glyph_lefts(path), expected)


def test_visual_runs_follow_the_unicode_bidi_algorithm():
    """UAX #9: a number after a Latin word joins its run (W7), the bracket between them too."""
    runs = visual_runs("مرحبا VR (2026)؟", base_rtl=True, arabic=is_arabic,
                       arabic_font_has=lambda c: c.isspace() or is_arabic(c) or c.isdigit())
    assert [(r.text, r.rtl, r.arabic_font) for r in runs] == [
        ("؟", True, True), (")", True, False), ("VR", False, False), (" ", False, False),
        ("(2026", False, False), (" ", True, True), ("مرحبا", True, True)]
    assert mirror_for_rtl("◀  1/2  ▸") == "▶  1/2  ◂"


def test_the_missing_translation_mark_keeps_its_brackets_in_an_arabic_sentence():
    """The task's Arabic "correct!" before a German explanation still missing in Arabic: the
    "[DE]" mark reads as on a passport, not "DE]" with its bracket at the line's far end."""
    line = "صحيح! [DE] Geschlossene Dosen brauchen keine Kühlung."
    runs = [(r.text, r.rtl) for r in visual_runs(line, base_rtl=True, arabic=is_arabic,
                                                 arabic_font_has=lambda c: False)
            if r.text.strip()]
    assert runs[1:4] == [("[DE]", False), ("Geschlossene", False), ("Dosen", False)], runs
    assert runs[-1] == ("صحيح", True)  # read first, from the right
    # A bracketed German word inside an Arabic sentence stays as UAX #9 puts it.
    inside = [(r.text, r.rtl) for r in visual_runs("المدرسة (Berufsschule) المهنية", base_rtl=True,
                                                   arabic=is_arabic, arabic_font_has=lambda c: False)
              if r.text.strip()]
    assert ("Berufsschule", False) in inside and ("(", True) in inside, inside


def test_lines_break_in_logical_order_at_spaces():
    words = "واحد اثنان ثلاثة أربعة خمسة"
    lines = break_lines(words, 11.0, len)
    assert lines == ["واحد اثنان", "ثلاثة أربعة", "خمسة"]
    assert " ".join(lines) == words
    assert break_lines("ab abcdefgh c", 3.0, len) == ["ab", "abc", "def", "gh", "c"], \
        "a word longer than the line is broken between letters, as Panda3D does"


def test_run_properties_are_a_stations_own_and_go_with_its_fonts():
    """Panda3D's one process-wide properties manager keeps no old station's fonts alive."""
    import gc

    from panda3d.core import TextPropertiesManager

    first, second = load_fonts(), load_fonts()
    name = first.run_properties(rtl=True, arabic=True, bold=False)
    assert name != second.run_properties(rtl=True, arabic=True, bold=False)
    manager = TextPropertiesManager.getGlobalPtr()
    assert manager.hasProperties(name)
    del first
    gc.collect()
    assert not manager.hasProperties(name)


def test_a_dynamic_arabic_line_keeps_its_runs_when_it_changes(kit):
    """Typing goes through ``set_text``: numbers stay in order, the cursor (Latin font) shows."""
    path, _ = kit.text(NodePath("root"), "typed", "▏", em_m=EM, width_m=0.8,
                       colour=(1, 1, 1, 1), dynamic=True)
    kit.set_text(path, "مرحبا 2026▏")
    expected, _ = reference_lefts([("▏", REGULAR, "rtl"), ("2026", REGULAR, "ltr"),
                                   (" ", ARABIC_REGULAR, "rtl"), ("مرحبا", ARABIC_REGULAR, "rtl")])
    assert_same_glyphs(glyph_lefts(path), expected)
    assert path.getTag("text") == "مرحبا 2026▏"


def test_a_removed_arabic_text_is_freed(kit) -> None:
    """The re-layout function kept in an Arabic text's Python tag must not hold the text node:
    Panda3D's tags are invisible to Python's collector, so such a cycle is never freed (the
    soak benchmark found every visit's language menu kept alive this way, issue 18)."""
    import gc
    import weakref

    root = NodePath("root")
    path, _ = kit.text(root, "greeting", GREETING, em_m=EM, width_m=0.5, colour=(1, 1, 1, 1),
                       dynamic=True)
    kit.set_text(path, GREETING + " " + GREETING)  # the tag's function is in use
    assert path.node().getText()
    relayout = weakref.ref(path.getPythonTag("relayout"))
    path.removeNode()
    del path
    gc.collect()
    assert relayout() is None, "the removed text's node and its layout function stay in memory"
