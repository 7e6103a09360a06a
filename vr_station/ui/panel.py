"""World-space panels: text and buttons laid out top to bottom on a calm, rounded card.

A panel is built once (title, paragraphs, rows of buttons), then ``finish`` sizes its card.
Sizes come from the theme as angles, so text reads the same at any panel distance. Buttons
report where they are in the world (``targets``) for ray and gaze picking, and show hover,
selection and dwell progress.

Draw order: a panel is UI, so by default it is drawn over the world (``overlay``): walls,
desks and props never hide it, whatever the room. Its parts are painted in scene-graph order
(Panda3D's "unsorted" bin, depth test off), so the order they are attached in is the order they
are drawn: card, button outline, face, text. A panel that belongs to the world (a hotspot's
label) is depth-tested instead: opaque cards write depth and text is blended on top without
writing depth (blended glyph quads that write depth punch holes into what is drawn after them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from panda3d.core import (
    NodePath,
    TextNode,
    TextProperties,
    TransparencyAttrib,
)

from vr_station.ui import shapes
from vr_station.ui.bidi import break_lines, starts_right_to_left
from vr_station.ui.fonts import has_glyph, is_arabic
from vr_station.ui.geometry import Rect3D
from vr_station.ui.hyphens import WORD_FIT_MIN_SCALE, Hyphenation, break_wide_words
from vr_station.ui.layout import Placement
from vr_station.ui.pointing import Target
from vr_station.ui.theme import PANEL_DISTANCE_M, Rgba, Theme

if TYPE_CHECKING:
    from vr_station.ui.fonts import Fonts

_BULLET = "•  "

# Layers in front of the card (panel-local -y faces the visitor), millimetres apart so they
# never fight for depth at reading distance.
_BUTTON_Y = -0.004
_TEXT_Y = -0.004
"""Relative to the button face, or to the card for panel text."""


class ButtonKind(StrEnum):
    """How a button looks and behaves: the next step, another choice, a toggle chip or a key."""

    PRIMARY = "primary"
    """The one thing to do next: amber."""
    SECONDARY = "secondary"
    CHIP = "chip"
    """A toggle among several (feedback chips, options); shows a tick when selected."""
    KEY = "key"
    """A key of the on-screen keyboard."""


@dataclass(frozen=True)
class ButtonSpec:
    """What one button shows and is: its id (what choosing it reports), label and look."""

    id: str
    label: str
    detail: str | None = None
    """A second, smaller line (what this choice means)."""
    kind: ButtonKind = ButtonKind.SECONDARY
    selected: bool = False
    width_m: float | None = None
    """Fixed width; without it the buttons of a row share the width."""
    height_m: float | None = None
    draw: Callable[[NodePath, float, float], float] | None = None
    """Draws a custom face (a smiley) at the top of the button, given its width and the
    height available; returns the height it used."""


@dataclass
class UiKit:
    """What every panel needs: fonts, theme and text direction. One per station and language."""

    fonts: Fonts
    theme: Theme
    rtl: bool = False
    hyphenation: Hyphenation | None = None
    """The language's hyphenation points for a word too wide even at the smallest size
    (``ui.hyphens``); None: such a word breaks between letters."""
    _arabic_glyphs: dict[str, bool] = field(default_factory=dict, init=False, repr=False)
    _word_widths: dict[tuple[str, bool, bool], float] = field(default_factory=dict, init=False,
                                                              repr=False)
    """A word's shaped width in em (regular or bold, in a right-to-left or left-to-right line)."""
    _left_to_right: UiKit | None = field(default=None, init=False, repr=False)

    def left_to_right(self) -> UiKit:
        """This kit for text that reads left to right in any visitor's language.

        The German under an Arabic explanation of the report stands at the left, as on the
        printout.
        """
        if not self.rtl:
            return self
        if self._left_to_right is None:
            self._left_to_right = UiKit(self.fonts, self.theme)
        return self._left_to_right

    def em_m(self, angle_deg: float, distance_m: float = PANEL_DISTANCE_M) -> float:
        """The height in metres of text ``angle_deg`` high, seen from ``distance_m``."""
        return self.theme.sizes.em_m(angle_deg, distance_m)

    def text(self, parent: NodePath, name: str, text: str, *, em_m: float, width_m: float | None,
             colour: Rgba, bold: bool = False, align: str = "left",
             fit_words: bool = True, dynamic: bool = False) -> tuple[NodePath, float]:
        """Text hanging from the parent's origin (its top-left, top-centre or top-right).

        ``fit_words`` shrinks the text (down to 70 %) until its longest word fits the width,
        rather than breaking a word in two. ``dynamic`` marks a text whose words change later
        (``set_text``). Returns the node and the text's height in metres.
        """
        layout = self._layout(name, text, em_m, width_m, colour, bold, align, fit_words)
        path = parent.attachNewNode(layout.node)
        path.setTag("text", text)  # what it says, for tests and for finding it again
        if layout.relayout is not None:
            path.setPythonTag("relayout", layout.relayout)
        layout.place(path, width_m)
        return path, layout.height_m

    def set_text(self, path: NodePath, text: str) -> None:
        """Change what a ``dynamic`` text says, at its size and width.

        Use this, not ``node().setText``: text with Arabic in it is laid out as bidi runs
        (``_layout_bidi``), which a plain ``setText`` would undo (Latin letters missing from
        the Arabic font, numbers backwards).
        """
        relayout = path.getPythonTag("relayout")
        if relayout is not None:  # every text of a right-to-left language, any with Arabic
            relayout(path.node(), text)
        else:
            path.node().setText(text)
        path.setTag("text", text)

    def rounded_rect(self, parent: NodePath, name: str, width: float, height: float,
                     radius: float, colour: Rgba, y: float = 0.0) -> NodePath:
        """A rounded rectangle ``width`` × ``height`` metres centred on ``parent``, at depth ``y``."""
        return shapes.rounded_rect(parent, name, width, height, radius, colour, y)

    def shape(self, key: Hashable, build: Callable[[NodePath], NodePath],
              parent: NodePath) -> NodePath:
        """Geometry for ``key`` under ``parent``, built by ``build``.

        A seam for sharing geometry between copies; measured on llvmpipe, copies of cached templates
        made memory grow faster, not slower (bench/soak.py), so every call builds its own for now.
        """
        return build(parent)

    def _layout(self, name: str, text: str, em_m: float, width_m: float | None, colour: Rgba,
                bold: bool, align: str, fit_words: bool) -> _TextLayout:
        if self.rtl or any(is_arabic(char) for char in text):
            # A right-to-left language, or an Arabic word in another (the language menu
            # shows "العربية" in the German menu).
            return self._layout_bidi(name, text, em_m, width_m, colour, bold, align, fit_words)
        node = TextNode(name)
        node.setFont(self.fonts.regular if not bold else self.fonts.bold)
        node.setAlign({"left": TextNode.ALeft, "center": TextNode.ACenter,
                       "right": TextNode.ARight}[align])
        if fit_words and width_m is not None:
            text = break_wide_words(text, node.calcWidth, width_m / em_m, self.hyphenation)
            words = [w for w in re.split(r"\s+", text) if w]
            longest = max((node.calcWidth(word) for word in words), default=0.0)
            if longest * em_m > width_m:
                em_m = max(em_m * WORD_FIT_MIN_SCALE, width_m / longest)
        if width_m is not None:
            node.setWordwrap(max(1.0, width_m / em_m))
        node.setTextColor(*colour)
        node.setText(text)
        return _TextLayout(node, em_m, align == "right")

    def _layout_bidi(self, name: str, text: str, em_m: float, width_m: float | None,
                     colour: Rgba, bold: bool, align: str, fit_words: bool) -> _TextLayout:
        """Text with Arabic in it, or any text of a right-to-left language, bidi-ordered.

        A right-to-left language's text is right-aligned and its arrows mirrored. Panda3D does
        no bidirectional reordering (``ui.bidi``), so each line is handed over as runs in
        visual order, each with its own direction and font; HarfBuzz shapes each run.
        """
        if self.rtl:
            align = {"left": "right", "right": "left"}.get(align, align)
        base_rtl = starts_right_to_left(text)
        node = TextNode(name)
        node.setFont(self.fonts.for_text(text, bold=bold))
        node.setDirection(TextProperties.D_rtl if base_rtl else TextProperties.D_ltr)
        node.setAlign({"left": TextNode.ALeft, "center": TextNode.ACenter,
                       "right": TextNode.ARight}[align])
        node.setTextColor(*colour)

        def markup(line: str) -> str:
            return self.fonts.run_markup(line, base_rtl=base_rtl, bold=bold,
                                         arabic_font_has=self._arabic_font_has)

        def word_width(node: TextNode, word: str) -> float:
            # Runs break at spaces (``ui.bidi``), so a line is as wide as its words and spaces:
            # each word is shaped once per kit, not on every line it is tried on. Measured
            # (CPU time): a 70-word Arabic paragraph is laid out in ~66 ms, as long as Panda3D
            # takes for the same text in one plain right-to-left TextNode.
            key = (word, bold, base_rtl)
            width = self._word_widths.get(key)
            if width is None:
                node.setText(markup(word))
                width = self._word_widths[key] = float(node.getWidth())
            return width

        # The wider of the two fonts' spaces: a line measured so never comes out too long.
        space = max(self.fonts.regular.getSpaceAdvance(), self.fonts.arabic_regular.getSpaceAdvance())

        if fit_words and width_m is not None:
            longest = max((word_width(node, mirror_for_rtl(word) if self.rtl else word)
                           for word in text.split()), default=0.0)
            if longest * em_m > width_m:
                em_m = max(em_m * WORD_FIT_MIN_SCALE, width_m / longest)
        wrap_em = None if width_m is None else width_m / em_m

        # The text node is an argument, never captured: the function is kept in the node's own
        # Python tag, and a captured node would make a cycle through Panda3D that Python's
        # collector cannot see: every panel with Arabic in it (the language menu in any
        # language) stayed in memory, found by the soak benchmark (issue 18).
        def relayout(node: TextNode, new_text: str) -> None:
            if self.rtl:
                new_text = mirror_for_rtl(new_text)
            lines = new_text.split("\n") if wrap_em is None else break_lines(
                new_text, wrap_em,
                lambda line: sum(word_width(node, word) for word in line.split(" "))
                + space * (line.count(" ")))
            node.setText("\n".join(markup(line) for line in lines))

        relayout(node, text)
        return _TextLayout(node, em_m, align == "right", relayout)

    def _arabic_font_has(self, char: str) -> bool:
        """Whether the Arabic font draws ``char`` (else it is drawn with the Latin font)."""
        known = self._arabic_glyphs.get(char)
        if known is None:
            known = char.isspace() or has_glyph(self.fonts.arabic_regular, char)
            self._arabic_glyphs[char] = known
        return known


_MIRRORED_FOR_RTL = str.maketrans("▸◂▶◀→←", "◂▸◀▶←→")
"""Arrows that point "next" or "back". Unicode does not mirror them (they are not
Bidi_Mirrored), but a right-to-left reader goes on to the left: Material Design's
bidirectionality guidance mirrors navigation icons, and so does the station."""


def mirror_for_rtl(text: str) -> str:
    """``text`` with its navigation arrows turned round for a right-to-left reader."""
    return text.translate(_MIRRORED_FOR_RTL)


@dataclass(frozen=True)
class _TextLayout:
    node: TextNode
    em_m: float
    """After shrinking to fit the longest word."""
    right_aligned: bool
    relayout: Callable[[TextNode, str], None] | None = None
    """Lays out a new text on the node the same way (bidi runs); None: ``setText`` will do."""

    @property
    def height_m(self) -> float:
        return (self.node.getTop() - self.node.getBottom()) * self.em_m

    def place(self, path: NodePath, width_m: float | None) -> None:
        """Scale the text and hang it from its top; blend it without writing depth."""
        path.setScale(self.em_m)
        path.setZ(-self.node.getTop() * self.em_m)
        if self.right_aligned and width_m is not None:
            path.setX(width_m)
        path.setTransparency(TransparencyAttrib.MAlpha)
        path.setDepthWrite(False)


ROW_GAP_M = 0.035
"""``Panel.row``'s default gap between buttons."""


def label_width_m(theme: Theme, button_width_m: float) -> float:
    """The width a button's label wraps in: the button's width less its padding.

    ``steps.label_rooms`` takes a label's room from here, so the fit check and the button agree.
    """
    return button_width_m - 2 * min(theme.padding_m * 0.6, button_width_m * 0.1)


def shared_width_m(inner_width_m: float, buttons: int, gap_m: float = ROW_GAP_M) -> float:
    """The width of each of ``buttons`` that share a panel's inner width (``Panel.row``)."""
    return (inner_width_m - gap_m * (buttons - 1)) / buttons


class Button:
    """A rounded button. Its content is built first; ``draw_face`` sizes it to its row."""

    def __init__(self, kit: UiKit, spec: ButtonSpec, width_m: float, distance_m: float,
                 parent: NodePath) -> None:
        self.spec = spec
        self.id = spec.id
        self.width_m = width_m
        self.height_m = 0.0
        self.enabled = True
        self.selected = spec.selected
        self._kit = kit
        self._hovered = False
        self._flash_s = 0.0
        self.root = parent.attachNewNode(f"button-{spec.id}")
        self._content = self.root.attachNewNode("content")
        self._content.setY(_TEXT_Y)
        self._labels: dict[bool, NodePath] = {}
        """The label, and for chips its ticked variant, made once and swapped."""
        self._label_args: dict[str, object] = {}
        self.content_height_m = self._build_content(distance_m)

    def _build_content(self, distance_m: float) -> float:
        spec, kit, theme = self.spec, self._kit, self._kit.theme
        colours = theme.colours
        inner_w = label_width_m(theme, self.width_m)
        used = 0.0
        if spec.draw is not None:
            face = self._content.attachNewNode("drawing")
            used = spec.draw(face, self.width_m, self.width_m) + 0.02
        colour = colours.on_accent if spec.kind is ButtonKind.PRIMARY else colours.text
        em = kit.em_m(theme.sizes.body_deg if spec.kind in (ButtonKind.KEY, ButtonKind.CHIP)
                      else theme.sizes.button_deg, distance_m)
        block = self._content.attachNewNode("labels")
        block.setZ(-used)
        self._label_block = block
        self._label_args = {"em_m": em, "width_m": inner_w, "colour": colour,
                            "bold": spec.kind is not ButtonKind.KEY}
        label, label_h = self._make_label(self.selected)
        self._labels[self.selected] = label
        used += label_h
        if spec.detail:
            detail_em = kit.em_m(theme.sizes.small_deg, distance_m)
            muted = colours.on_accent if spec.kind is ButtonKind.PRIMARY else colours.text_muted
            anchor = block.attachNewNode("detail")
            anchor.setZ(-label_h - detail_em * 0.45)
            _, detail_h = kit.text(anchor, "detail", spec.detail, em_m=detail_em, width_m=inner_w,
                                   colour=muted, align="center")
            used += detail_em * 0.45 + detail_h
        if kit.rtl:
            block.setX(0)
        return used

    def draw_face(self, height_m: float) -> None:
        """Draw the button at its row's height, content centred vertically."""
        theme = self._kit.theme
        self.height_m = height_m
        radius = min(theme.corner_radius_m, height_m / 3)
        grow = 0.014
        kit = self._kit
        self._outline = kit.rounded_rect(self.root, "outline", self.width_m + grow,
                                         height_m + grow, radius + grow / 2,
                                         theme.colours.accent, y=0.001)
        self._outline.reparentTo(self.root, -3)  # painted before the face and the text
        self._outline.hide()
        self._face = kit.rounded_rect(self.root, "face", self.width_m, height_m, radius,
                                      (1, 1, 1, 1))
        self._face.reparentTo(self.root, -2)
        bar_w = self.width_m - 2 * radius
        self._progress = self.root.attachNewNode("dwell", 5)
        bar = kit.rounded_rect(self._progress, "bar", bar_w, 0.01, 0.005,
                               theme.colours.on_accent if self.spec.kind is ButtonKind.PRIMARY
                               else theme.colours.accent, y=-0.002)
        bar.setX(bar_w / 2)
        self._progress.setPos(-bar_w / 2, 0, -height_m / 2 + 0.014)
        self._progress.hide()
        self._content.setZ(self.content_height_m / 2)
        self._apply_colours()

    def _make_label(self, selected: bool) -> tuple[NodePath, float]:
        text = ("✓ " + self.spec.label) if self.spec.kind is ButtonKind.CHIP and selected \
            else self.spec.label
        return self._kit.text(self._label_block, "label", text, align="center",
                              **self._label_args)  # type: ignore[arg-type]  # _label_args: text()'s keywords, kept as dict[str, object]

    def set_hovered(self, hovered: bool) -> None:
        """Show the outline while a pointer is on the button (never on a disabled one)."""
        hovered = hovered and self.enabled
        if hovered != self._hovered:
            self._hovered = hovered
            if hovered:
                self._outline.show()
            else:
                self._outline.hide()
            self._apply_colours()

    def set_selected(self, selected: bool) -> None:
        """Select or unselect the button; a chip shows its tick while selected."""
        if selected != self.selected:
            self.selected = selected
            if self.spec.kind is ButtonKind.CHIP:
                if selected not in self._labels:
                    self._labels[selected] = self._make_label(selected)[0]
                for state, label in self._labels.items():
                    if state == selected:
                        label.show()
                    else:
                        label.hide()
            self._apply_colours()

    def set_enabled(self, enabled: bool) -> None:
        """Let the button be chosen, or fade it and take it out of ``targets``."""
        self.enabled = enabled
        if not enabled:
            self.set_hovered(False)
        self._apply_colours()

    def set_progress(self, progress: float) -> None:
        """Show the dwell progress bar filled to ``progress`` (0 … 1); hidden at 0."""
        if progress <= 0.0:
            self._progress.hide()
            return
        self._progress.show()
        self._progress.setSx(max(0.02, min(1.0, progress)))

    def flash(self) -> None:
        """A short brighten when chosen, so the visitor sees the choice was taken."""
        self._flash_s = 0.2
        self._apply_colours()

    def update(self, dt_s: float) -> None:
        """Advance the flash of a choice by ``dt_s`` seconds."""
        if self._flash_s > 0.0:
            self._flash_s = max(0.0, self._flash_s - dt_s)
            if self._flash_s == 0.0:
                self._apply_colours()

    def rect(self, render: NodePath) -> Rect3D:
        """The button's rectangle in ``render``'s (world) coordinates, for pointing."""
        mat = self.root.getMat(render)
        centre = mat.xformPoint((0, 0, 0))
        right = mat.xformVec((1, 0, 0))
        up = mat.xformVec((0, 0, 1))
        sx, sz = right.length(), up.length()
        right.normalize()
        up.normalize()
        return Rect3D((centre[0], centre[1], centre[2]), (right[0], right[1], right[2]),
                      (up[0], up[1], up[2]), self.width_m / 2 * sx, self.height_m / 2 * sz)

    def _apply_colours(self) -> None:
        colours = self._kit.theme.colours
        if self.spec.kind is ButtonKind.PRIMARY:
            base = colours.accent
        elif self.selected:
            base = colours.selected
        elif self._hovered:
            base = colours.button_hover
        else:
            base = colours.button
        if not self.enabled:  # fade towards the card instead of blending (see module doc)
            base = (base[0] * 0.45 + colours.panel[0] * 0.55,
                    base[1] * 0.45 + colours.panel[1] * 0.55,
                    base[2] * 0.45 + colours.panel[2] * 0.55, 1.0)
        boost = 1.3 if self._flash_s > 0 else (1.1 if self._hovered and
                                                self.spec.kind is ButtonKind.PRIMARY else 1.0)
        self._face.setColorScale(min(1.0, base[0] * boost), min(1.0, base[1] * boost),
                                 min(1.0, base[2] * boost), 1.0)
        self._content.setColorScale(1, 1, 1, 1.0 if self.enabled else 0.45)


class Panel:
    """A card with content stacked from the top. Its origin is the card's centre."""

    def __init__(self, kit: UiKit, parent: NodePath, name: str, width_m: float, *,
                 distance_m: float = PANEL_DISTANCE_M, card: bool = True,
                 overlay: bool = True) -> None:
        self.kit = kit
        self.name = name
        self.width_m = width_m
        self.height_m = 0.0
        self.distance_m = distance_m
        self.root = parent.attachNewNode(f"panel-{name}")
        if overlay:
            self.root.setBin("unsorted", 0)
            self.root.setDepthTest(False)
            self.root.setDepthWrite(False)
        self._content = self.root.attachNewNode("content")
        self._card = card
        self._cursor = -kit.theme.padding_m
        self.buttons: dict[str, Button] = {}
        self.zone_name = "content"
        """The layout zone the panel is made for (``ui.layout``)."""
        self.placement: Placement | None = None
        """Where the layout stood it (None: not placed by the layout, a hotspot's label)."""

    @property
    def inner_width_m(self) -> float:
        """The width left for text and buttons inside the padding, in metres."""
        return self.width_m - 2 * self.kit.theme.padding_m

    def em_m(self, angle_deg: float) -> float:
        """The height in metres of text ``angle_deg`` high at this panel's distance."""
        return self.kit.em_m(angle_deg, self.distance_m)

    @property
    def content_height_m(self) -> float:
        """How far down the content reaches so far, padding at the top included (metres)."""
        return -self._cursor

    def _add_text(self, text: str, angle_deg: float, colour: Rgba, *, bold: bool,
                  align: str = "left", gap_after: float = 0.5, dynamic: bool = False,
                  indent_m: float = 0.0, left_to_right: bool = False) -> NodePath:
        em = self.em_m(angle_deg)
        kit = self.kit.left_to_right() if left_to_right else self.kit
        anchor = self._content.attachNewNode("text")
        node, height = kit.text(anchor, "text", text, em_m=em, width_m=self.inner_width_m - indent_m,
                                colour=colour, bold=bold, align=align, dynamic=dynamic)
        # The indent is on the side where the lines begin: the right in a right-to-left panel
        # (its text hangs right-aligned from the narrower width).
        x = 0.0 if align == "center" else -self.width_m / 2 + self.kit.theme.padding_m + (
            0.0 if kit.rtl else indent_m)
        anchor.setPos(x, _TEXT_Y, self._cursor)
        self._cursor -= height + em * gap_after
        return node

    def title(self, text: str, *, align: str = "left") -> NodePath:
        """The panel's title, the largest text, in bold."""
        return self._add_text(text, self.kit.theme.sizes.title_deg, self.kit.theme.colours.text,
                              bold=True, align=align, gap_after=0.45)

    def heading(self, text: str, *, align: str = "left") -> NodePath:
        """A bold heading, smaller than the title."""
        return self._add_text(text, self.kit.theme.sizes.heading_deg,
                              self.kit.theme.colours.text, bold=True, align=align,
                              gap_after=0.4)

    def paragraph(self, text: str, *, muted: bool = False, small: bool = False,
                  align: str = "left", dynamic: bool = False, left_to_right: bool = False,
                  gap_after: float = 0.5) -> NodePath:
        """A paragraph; ``dynamic`` when its text changes later (``UiKit.set_text``).

        ``left_to_right``: German in a right-to-left panel, at the left as on the printout.
        """
        sizes, colours = self.kit.theme.sizes, self.kit.theme.colours
        return self._add_text(text, sizes.small_deg if small else sizes.body_deg,
                              colours.text_muted if muted else colours.text, bold=False,
                              align=align, dynamic=dynamic, left_to_right=left_to_right,
                              gap_after=gap_after)

    def status(self, text: str, *, dot: Rgba | None = None, note: str | None = None) -> NodePath:
        """A heading-size status line; ``dot`` puts a coloured light before it.

        The light is the red dot of a microphone that is on, for instance. ``note``: a German
        word under it, smaller and muted, read left to right (a bilingual report's label in a
        right-to-left panel, where "label / Bezeichnung: 140" would be reordered into a muddle).
        """
        em = self.em_m(self.kit.theme.sizes.heading_deg)
        if dot is None:
            return self.heading(text)
        light = self.kit.shape(("status-dot", round(em, 5), dot), lambda root: shapes.disc(
            root, "status-dot", em * 0.32, dot, segments=24, y=_TEXT_Y), self._content)
        left = -self.width_m / 2 + self.kit.theme.padding_m
        # The light comes first in reading order: at the right in a right-to-left language,
        # where the (right-aligned) text begins.
        side = -1.0 if self.kit.rtl else 1.0
        light.setPos(side * (left + em * 0.32), 0, self._cursor - em * 0.62)
        anchor = self._content.attachNewNode("status")
        node, height = self.kit.text(anchor, "status", text, em_m=em,
                                     width_m=self.inner_width_m - em, colour=self.kit.theme.colours.text,
                                     bold=True)
        anchor.setPos(left + (0.0 if self.kit.rtl else em), _TEXT_Y, self._cursor)
        self._cursor -= height + em * (0.4 if note is None else 0.15)
        if note is not None:
            sizes, colours = self.kit.theme.sizes, self.kit.theme.colours
            self._add_text(note, sizes.small_deg, colours.text_muted, bold=False,
                           gap_after=0.5, indent_m=0.0 if self.kit.rtl else em,
                           left_to_right=True)
        return node

    def bullets(self, items: Iterable[str]) -> None:
        """A bulleted list, one line per item, with a little space after it."""
        for item in items:
            self.bullet(item)
        self.end_list()

    def bullet(self, text: str, *, note: str | None = None) -> None:
        """One item of a bulleted list; ``end_list`` after the last.

        ``note``: the same said in German, smaller and muted under the item's words, read left
        to right in every panel (a bilingual report's explanation, as the printout shows it).
        """
        sizes, colours = self.kit.theme.sizes, self.kit.theme.colours
        self._add_text(_BULLET + text, sizes.body_deg, colours.text, bold=False,
                       gap_after=0.3 if note is None else 0.15)
        if note is not None:
            # Under the words, past the bullet; in a right-to-left panel the German starts at
            # the left edge, where no bullet stands.
            indent = 0.0 if self.kit.rtl else self._bullet_width_m()
            self._add_text(note, sizes.small_deg, colours.text_muted, bold=False, gap_after=0.45,
                           indent_m=indent, left_to_right=True)

    def end_list(self) -> None:
        """The little space after a bulleted list."""
        self.gap(self.em_m(self.kit.theme.sizes.body_deg) * 0.3)

    def _bullet_width_m(self) -> float:
        measure = TextNode("bullet")
        measure.setFont(self.kit.fonts.regular)
        return measure.calcWidth(_BULLET) * self.em_m(self.kit.theme.sizes.body_deg)

    def gap(self, metres: float) -> None:
        """Leave ``metres`` of space before the next content."""
        self._cursor -= metres

    def slot(self, height_m: float, name: str) -> NodePath:
        """Room ``height_m`` tall for a drawing of the caller's (the listening indicator).

        Returns a node at the slot's top-left corner inside the padding; x grows right, z up,
        so the drawing goes to negative z. Painted in the order it is attached, after what is
        above it.
        """
        anchor = self._content.attachNewNode(name)
        anchor.setPos(-self.width_m / 2 + self.kit.theme.padding_m, 0, self._cursor)
        self._cursor -= height_m + self.em_m(self.kit.theme.sizes.heading_deg) * 0.4
        return anchor

    def row(self, specs: Sequence[ButtonSpec], *, gap_m: float = ROW_GAP_M,
            min_height_m: float | None = None, mirror: bool = True) -> list[Button]:
        """Buttons side by side, sharing the panel's inner width unless they have their own.

        In a right-to-left language the row is mirrored (the first button on the right) unless
        ``mirror`` is False: a keyboard's keys stand as on the visitor's own keyboard.
        """
        if not specs:
            return []
        fixed = sum(s.width_m for s in specs if s.width_m is not None)
        flexible = [s for s in specs if s.width_m is None]
        share = (shared_width_m(self.inner_width_m - fixed - gap_m * (len(specs) - len(flexible)),
                                len(flexible), gap_m) if flexible else 0.0)
        widths = [s.width_m if s.width_m is not None else share for s in specs]
        total_width = sum(widths) + gap_m * (len(specs) - 1)
        theme = self.kit.theme
        floor_h = min_height_m if min_height_m is not None \
            else self.em_m(theme.button_height_deg)
        x = -total_width / 2
        made = []
        # A right-to-left reader reads a row of buttons from the right: the first (back,
        # previous) stands on the right, the next step on the left, as mirrored apps do.
        placed = list(zip(specs, widths, strict=True))
        mirrored = self.kit.rtl and mirror
        if mirrored:
            placed.reverse()
        for spec, width in placed:
            anchor = self._content.attachNewNode(f"slot-{spec.id}")
            anchor.setX(x + width / 2)
            anchor.setY(_BUTTON_Y)
            made.append(Button(self.kit, spec, width, self.distance_m, anchor))
            x += width + gap_m
        pad = self.em_m(theme.sizes.button_deg) * 0.9
        row_h = max([floor_h, *(b.content_height_m + 2 * pad for b in made),
                     *(s.height_m or 0.0 for s in specs)])
        for button in made:
            button.root.getParent().setZ(self._cursor - row_h / 2)
            button.draw_face(row_h)
            self.buttons[button.id] = button
        self._cursor -= row_h + gap_m * 0.8
        return made[::-1] if mirrored else made  # in the order of ``specs``

    def finish(self) -> Panel:
        """Draw the card to fit the content and centre everything on the panel's origin."""
        theme = self.kit.theme
        self.height_m = -self._cursor + theme.padding_m * 0.3
        self._content.setZ(self.height_m / 2)
        if self._card:
            edge = 0.008
            frame = self.kit.rounded_rect(self.root, "card-edge", self.width_m + edge,
                                          self.height_m + edge, theme.corner_radius_m + edge / 2,
                                          theme.colours.panel_edge, y=0.001)
            card = self.kit.rounded_rect(self.root, "card", self.width_m, self.height_m,
                                         theme.corner_radius_m, theme.colours.panel)
            frame.reparentTo(self.root, -20)  # painted first (see the module's doc)
            card.reparentTo(self.root, -10)
        return self

    def targets(self, render: NodePath) -> list[Target]:
        """The enabled buttons as pointing targets (world coordinates); none while the panel is hidden."""
        if self.root.isHidden() or self.root.isEmpty():
            return []
        return [Target(b.id, b.rect(render)) for b in self.buttons.values() if b.enabled]

    def show_pointing(self, hovered: Iterable[str | None], dwell_target: str | None,
                      dwell_progress: float, dt_s: float) -> None:
        """Show each button's hover outline and dwell progress for this frame, and advance its flash."""
        hover = set(hovered)
        for button in self.buttons.values():
            button.set_hovered(button.id in hover)
            button.set_progress(dwell_progress if button.id == dwell_target else 0.0)
            button.update(dt_s)

    def destroy(self) -> None:
        """Forget the buttons and remove the panel from the scene."""
        self.buttons.clear()
        if not self.root.isEmpty():
            self.root.removeNode()
