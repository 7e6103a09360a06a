"""The visitor's text field, one for every step that takes text.

A feedback comment or a typed interview answer goes through it: the in-VR keys on a panel, the
station's keyboard (desktop mode, staff helping), spoken words put into it, and the line that
shows the text as it grows.

``keyboard.TextEntry`` is the pure editing (capitals, length); ``TextInput`` owns the keys, the
keyboard's events and the shown line. A step makes one in ``enter`` and ``destroy``s it in
``exit``: it subscribes to the keyboard's events.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from direct.showbase.DirectObject import DirectObject

from vr_station.ui.keyboard import TextEntry, layout_for
from vr_station.ui.keyboard_layouts import LAYOUTS, KeyboardLayout
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel, UiKit
from vr_station.ui.texts import Texts

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import NodePath

KEYSTROKE = "keystroke"
"""The event a physical keyboard's characters arrive as."""
CURSOR = "▏"
SHIFT = "key-shift"
"""The Shift key's target id (not a "key:" that types)."""
SWITCH_LAYOUT = "key-layout"
"""The key that switches a non-Latin keyboard to its Latin one ("ABC") and back."""


class TextInput(DirectObject):
    """One step's text field: its keys, the physical keyboard's events and the shown line.

    ``accepting``: whether keys type now (the step's page or turn); ``redraw``: the step
    rebuilds its panels (the key caps change case); ``touch``: the visitor is active;
    ``on_enter``: what the Return key does (None: it types a space); ``shown_chars``: a longer
    text shows only its end; ``shown_lines``: the shown line wraps to at most this many lines,
    a longer text shows its last words (after "…"), so the panel never grows past its zone.
    """

    def __init__(self, base: ShowBase, *, accepting: Callable[[], bool],
                 redraw: Callable[[], None], touch: Callable[[], None],
                 on_enter: Callable[[], None] | None = None, text: str = "",
                 shown_chars: int | None = None, shown_lines: int | None = None) -> None:
        self._base = base
        self._accepting = accepting
        self._redraw = redraw
        self._touch = touch
        self._on_enter = on_enter
        self._shown_chars = shown_chars
        self._shown_lines = shown_lines
        self._entry = TextEntry(text)
        self._latin = False
        """The visitor switched to the Latin layout ("ABC")."""
        self._line: NodePath | None = None
        self._kit: UiKit | None = None
        if base.buttonThrowers:
            base.buttonThrowers[0].node().setKeystrokeEvent(KEYSTROKE)
        self.accept(KEYSTROKE, self._keystroke)
        self.accept("backspace", self.backspace)
        self.accept("backspace-repeat", self.backspace)

    @property
    def text(self) -> str:
        """The text typed or spoken so far."""
        return self._entry.text

    def clear(self) -> None:
        """Forget the text (an answer was handed in, the visitor left)."""
        self._entry = TextEntry(layout=self._entry.layout)

    def destroy(self) -> None:
        """Stop listening to the keyboard and hand its keystroke event back."""
        self.ignoreAll()
        if self._base.buttonThrowers:
            self._base.buttonThrowers[0].node().setKeystrokeEvent("")
        self._line = None

    # On the step's panel ---------------------------------------------------------------------

    def add_line(self, panel: Panel, *, lines: int | None = None) -> NodePath:
        """The text so far and the cursor, as a paragraph that follows the typing.

        ``lines``: the most lines it may wrap to from now on (``shown_lines``); None: as before.
        """
        if lines is not None:
            self._shown_lines = lines
        self._kit = panel.kit
        self._line = panel.paragraph(self._shown(), dynamic=True)
        self._refresh()  # a long text already there shows its end
        return self._line

    def add_keys(self, panel: Panel, texts: Texts, done: ButtonSpec, *, key_width_m: float,
                 gap_m: float, wide_key_m: float, keyboard: str | None = None) -> None:
        """Letter rows laid out like the visitor's own keyboard, then space, delete and ``done``.

        ``keyboard``: whose layout (``keyboard_layouts``); None: the visitor's language. The
        interview's answer is German or English whatever the visitor reads, so it passes the
        interview's language. The same logic draws every layout: the last letter row starts
        with the Shift key where the script has capitals (lit while the next letter is one), a
        non-Latin layout gets a key to switch to its Latin one and back, and keys narrow so that
        the longest row fits the panel. The keyboard is not mirrored in a right-to-left language
        (keyboards are not: Arabic 101 has ض at the left), its bottom row included. ``done``
        is the page's own button (hand in the answer, send the comment).
        """
        native = layout_for(keyboard or texts.language)
        layout = LAYOUTS[native.latin] if self._latin and native.latin else native
        self._entry.layout = layout
        shift = self._entry.shift and layout.has_shift
        widest = max(len(row) + (1 if layout.has_shift and index == len(layout.rows) - 1 else 0)
                     for index, row in enumerate(layout.rows))
        key_w = min(key_width_m, (panel.inner_width_m - gap_m * (widest - 1)) / widest)
        for index, keys in enumerate(layout.rows):
            specs = [ButtonSpec(f"key:{k}", layout.shift(k) if shift else k, kind=ButtonKind.KEY,
                                width_m=key_w) for k in keys]
            if layout.has_shift and index == len(layout.rows) - 1:
                specs.insert(0, ButtonSpec(SHIFT, "⇧", kind=ButtonKind.KEY, selected=shift,
                                           width_m=key_w))
            panel.row(specs, gap_m=gap_m, min_height_m=key_w, mirror=False)
        bottom = [ButtonSpec("key:space", texts("keyboard_space"), kind=ButtonKind.KEY),
                  ButtonSpec("backspace", "⌫  " + texts("keyboard_delete"), kind=ButtonKind.KEY,
                             width_m=wide_key_m),
                  done]
        if native.latin is not None:
            label = native.label if layout is not native else LAYOUTS[native.latin].label
            bottom.insert(0, ButtonSpec(SWITCH_LAYOUT, label, kind=ButtonKind.KEY,
                                        width_m=key_w * 1.5))  # three letters
        panel.row(bottom, gap_m=gap_m, min_height_m=key_w, mirror=False)

    @property
    def layout(self) -> KeyboardLayout | None:
        """The keyboard the keys show now (None before ``add_keys``)."""
        return self._entry.layout

    def choose(self, target_id: str) -> bool:
        """A key of ``add_keys`` was chosen: type it. False: not one of the keys."""
        if target_id.startswith("key:"):
            value = target_id.removeprefix("key:")
            self.type(" " if value == "space" else value)
            return True
        if target_id == "backspace":
            self.backspace()
            return True
        if target_id == SWITCH_LAYOUT:
            if self._accepting():
                self._latin = not self._latin
                self._touch()
                self._redraw()  # other keys
            return True
        if target_id == SHIFT:
            if self._accepting():
                self._entry.toggle_shift()
                self._touch()
                self._redraw()  # the key caps change case
            return True
        return False

    # Editing ---------------------------------------------------------------------------------

    def type(self, characters: str) -> None:
        """Type ``characters`` while the step accepts keys; the key caps follow the shift."""
        if not self._accepting():
            return
        was_shift = self._entry.shift
        self._entry.type(characters)
        self._touch()
        self._changed(was_shift)

    def backspace(self) -> None:
        """Delete the last character while the step accepts keys."""
        if not self._accepting():
            return
        was_shift = self._entry.shift
        self._entry.backspace()
        self._changed(was_shift)

    def add_spoken(self, text: str) -> bool:
        """Put the words the visitor said after what is there, to check and edit on the keys.

        False when nothing was heard.
        """
        text = text.strip()
        if not text:
            return False
        if self._entry.text and not self._entry.text.endswith(" "):
            self._entry.type(" ")
        self._entry.type(text[0].upper() + text[1:] if self._entry.shift else text)
        self._refresh()
        return True

    def _keystroke(self, key: str) -> None:
        if key == "\b":  # comes as its own "backspace" event too
            return
        if key == "\r" and self._on_enter is not None:
            if self._accepting():
                self._on_enter()
            return
        self.type(key)

    def _changed(self, was_shift: bool) -> None:
        if was_shift != self._entry.shift:
            self._redraw()  # the key caps change case
        else:
            self._refresh()

    def _refresh(self) -> None:
        if self._line is None or self._kit is None or self._line.isEmpty():
            return
        shown = self._shown()
        self._kit.set_text(self._line, shown)
        if self._shown_lines is None:
            return
        # Laid out as it will be shown (wrapped by the panel's width, bidi runs included): drop
        # words from the front until the rest takes no more lines than the panel has room for.
        words = shown.removeprefix("…").split(" ")
        while self._line.node().getNumRows() > self._shown_lines and len(words) > 1:
            words = words[1:]
            self._kit.set_text(self._line, "… " + " ".join(words))

    def _shown(self) -> str:
        text = self._entry.text
        if self._shown_chars is not None and len(text) > self._shown_chars:
            text = "…" + text[-self._shown_chars:]
        return (text or " ") + CURSOR
