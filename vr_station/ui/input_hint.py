"""One line telling the visitor how they are choosing now: controller, hand, mouse or gaze.

Shown for ``HINT_S`` whenever the way of choosing changes (someone puts the controllers down and
pinches, or starts looking at buttons), and once for each new visitor. The texts are
``input_hint_<method>`` in content/ui/LANG.yaml.

Where: the layout owner (``ui.layout``) places it like the caption bar, in the captions zone of
the screen shown, hanging from the zone's top, so it never stands over a step's panels or its
buttons. The zone is the caption bar's: while a caption is shown the hint waits (hidden, its
time not running), because what is said must be readable, and shows when the bar is free. The
two never overlap.

The hint turns with the head when it appears, but the "get help" button stands in the step's
``help`` zone, fixed in the step's frame, right beside the captions zone: a visitor who looked
aside saw the hint over "Hilfe holen" (an Arabic tour-end screenshot, issue 15). So the hint is
handed the help zone the step holds (``Reserved``) and moves sideways just enough to keep the
zones' gap from it (``layout.beside``), whichever way the head turned.
"""

from __future__ import annotations

import math

from panda3d.core import NodePath

from vr_station.ui.captions import CAPTION_DISTANCE_M, MAX_WIDTH_M, CaptionBar
from vr_station.ui.layout import ZONES, Arrangement, Reserved, Zone
from vr_station.ui.panel import Panel, UiKit
from vr_station.ui.pointing import InputMethod
from vr_station.ui.texts import Texts

HINT_S = 5.0
"""Long enough to read one line twice (counted while the hint is on screen)."""


class InputHint:
    """Announces the input method in use (see the module); owns its panel.

    ``captions``: the caption bar whose zone it shares (None: the single screen's captions zone,
    never waiting).
    """

    def __init__(self, kit: UiKit, render: NodePath, head: NodePath,
                 captions: CaptionBar | None = None) -> None:
        self._kit, self._render, self._head = kit, render, head
        self._captions = captions
        self._panel: Panel | None = None
        self._announced: InputMethod | None = None
        self._text: str | None = None
        """The hint still to be read (None: read, or nothing to tell)."""
        self._left_s = 0.0
        self._last_s: float | None = None
        self._yaw_deg = 0.0
        """The head's heading when the hint appeared: it stays there, like the caption bar."""

    @property
    def announced(self) -> InputMethod | None:
        """The method told last (None before the first, and after ``forget``)."""
        return self._announced

    @property
    def shown(self) -> bool:
        """Whether the hint is on screen now."""
        return self._panel is not None

    @property
    def waiting(self) -> bool:
        """Whether a hint is still to be shown (the caption bar holds the zone now)."""
        return self._text is not None and self._panel is None

    def update(self, method: InputMethod, texts: Texts, now_s: float,
               keep_clear_of: Reserved | None = None) -> None:
        """Once per frame with the method in use: show the hint when it changed, hide it when read.

        ``keep_clear_of``: the help zone of the step shown, while its button stands there.
        """
        dt_s = 0.0 if self._last_s is None else max(0.0, now_s - self._last_s)
        self._last_s = now_s
        if method != self._announced:
            self._announced = method
            self.hide()
            self._text = texts(f"input_hint_{method.value}")
            self._left_s = HINT_S
        if self._text is None:
            return
        if self._captions is not None and self._captions.text:
            self.hide()  # the caption bar stands in the zone: the hint waits until it is free
            return
        if self._panel is None:
            self._show(self._text)
        else:
            self._left_s -= dt_s
        if self._left_s <= 0.0:
            self.hide()
            self._text = None
            return
        self._place(keep_clear_of)

    def forget(self) -> None:
        """A new visitor: tell them again, whatever the last one used."""
        self._announced = None

    def set_kit(self, kit: UiKit) -> None:
        """Another language or theme: hide, and tell again in the new language."""
        self.hide()
        self._kit = kit
        self._announced = None
        self._text = None

    def hide(self) -> None:
        """Take the hint away."""
        if self._panel is not None:
            self._panel.destroy()
            self._panel = None

    def destroy(self) -> None:
        """Remove the hint from the scene."""
        self.hide()
        self._text = None

    def _zone(self) -> Zone:
        if self._captions is not None:
            return self._captions.zone
        return ZONES[Arrangement.SINGLE]["captions"]

    def _show(self, text: str) -> None:
        self.hide()
        where = self._zone()
        panel = Panel(self._kit, self._render, "input-hint", min(MAX_WIDTH_M, where.width_m()),
                      distance_m=CAPTION_DISTANCE_M)
        panel.paragraph(text, small=True, align="center")
        panel.finish()
        panel.root.reparentTo(self._render, 100)  # painted after the step's panels
        forward = self._render.getRelativeVector(self._head, (0, 1, 0))
        self._yaw_deg = math.degrees(math.atan2(-forward[0], forward[1]))
        self._panel = panel

    def _place(self, keep_clear_of: Reserved | None) -> None:
        """Stand in the zone as the layout fits it, from the eyes as they are now.

        A visitor who sat down since sees it where the captions are, not above their head;
        one who looked aside sees it beside the help button, not over it.
        """
        panel = self._panel
        if panel is None:
            return
        where = self._zone()
        placed = where.fit(panel.width_m, panel.height_m, align="top")
        yaw, pitch = self._yaw_deg + placed.yaw_deg, placed.pitch_deg
        if keep_clear_of is not None:
            yaw += keep_clear_of.aside_deg(yaw, placed, panel.width_m, panel.height_m)
        head = self._head.getPos(self._render)
        rad, tilt = math.radians(yaw), math.radians(pitch)
        horizontal = placed.distance_m * math.cos(tilt)
        panel.root.setPos(head[0] - math.sin(rad) * horizontal,
                          head[1] + math.cos(rad) * horizontal,
                          head[2] + placed.distance_m * math.sin(tilt))
        panel.root.setHpr(yaw, pitch, 0)
        panel.root.setScale(placed.scale)
        panel.placement = placed
