"""The listening indicator: the station is still listening, and how long the pause has lasted.

Many visitors answer in a second language and pause to find a word. While they answer, a red
light (a microphone that is on) sits in a ring; when they pause, the ring fills clockwise from
12 o'clock towards the silence that ends the answer, and the line beside it says "still
listening", so a pause never feels like being cut off. While the visitor speaks, or before the
first word, the ring stays empty.

Built once per panel; ``show`` only swaps which prebuilt pieces of the ring are visible and the
line's text, so a frame makes no geometry (as the gaze reticle does).
"""

from __future__ import annotations

from panda3d.core import TextNode

from vr_station.ui import shapes
from vr_station.ui.panel import Panel

RING_PIECES = 48
PAUSE_SHOWN_S = 0.4
"""Shorter gaps lie between words: the ring starts to fill only after a pause this long, so it
does not flicker while the visitor speaks."""
_LAYER_Y = -0.004
"""In front of the card, as the panel's text (panel-local -y faces the visitor)."""


class ListeningIndicator:
    """A light in a ring and a status line, added to ``panel`` where its content has got to."""

    def __init__(self, panel: Panel, listening: str, still_listening: str) -> None:
        kit = panel.kit
        self._kit = kit
        theme = kit.theme
        colours = theme.colours
        em = panel.em_m(theme.sizes.heading_deg)
        outer = em * 1.05
        inner = outer * 0.68
        self._texts = (listening, still_listening)
        self.fraction = 0.0
        """How much of the ring is filled now (0 … 1)."""
        self.paused = False
        """The visitor has paused for ``PAUSE_SHOWN_S`` or longer."""
        self.root = panel.slot(2 * outer, "listening")
        inner_width = panel.inner_width_m
        # The ring comes first in reading order: at the left, or at the right in a
        # right-to-left language, where its (right-aligned) line begins. Without the mirror an
        # Arabic line ended at the ring and ran out over the panel's left edge.
        rtl = kit.rtl
        ring = self.root.attachNewNode("ring")
        ring.setPos(inner_width - outer if rtl else outer, _LAYER_Y, -outer)
        # Attached in paint order (the panel draws in scene-graph order): track, fill, light.
        shapes.ring(ring, "track", inner, outer, colours.panel_edge)
        self._fill = shapes.ProgressRing(ring, inner, outer, colours.accent, RING_PIECES)
        shapes.disc(ring, "light", inner * 0.55, colours.listening, segments=24)
        anchor = self.root.attachNewNode("line")
        width = inner_width - 2 * outer - em * 0.5
        # A right-aligned line ends at its anchor (``UiKit.text`` without a width).
        anchor.setPos(width if rtl else 2 * outer + em * 0.5, _LAYER_Y, -outer + em * 0.62)
        # One line, never wrapped (a second one would run into the buttons below): the longer
        # of the two texts sets the size, so switching between them never changes it.
        longer = max(self._texts, key=len)
        self.line, _ = kit.text(anchor, "status", longer, em_m=em, width_m=None,
                                colour=colours.text, bold=True, dynamic=True)
        node = self.line.node()
        assert isinstance(node, TextNode)
        if node.calcWidth(longer) * em > width:
            self.line.removeNode()
            self.line, _ = kit.text(anchor, "status", longer, em_m=width / node.calcWidth(longer),
                                    width_m=None, colour=colours.text, bold=True, dynamic=True)
        self._set_line(listening)

    def show(self, silence_s: float, answer_silence_s: float) -> None:
        """Fill the ring with the pause so far: ``silence_s`` of the ``answer_silence_s`` that end the answer.

        Both are 0 before the first word; a pause shorter than ``PAUSE_SHOWN_S`` shows nothing.
        """
        paused = silence_s >= PAUSE_SHOWN_S and answer_silence_s > 0.0
        self.fraction = min(1.0, silence_s / answer_silence_s) if paused else 0.0
        if paused != self.paused:
            self.paused = paused
            self._set_line(self._texts[1] if paused else self._texts[0])
        self._fill.fill(self.fraction)

    def _set_line(self, text: str) -> None:
        self._kit.set_text(self.line, text)  # keeps a right-to-left line's bidi runs
