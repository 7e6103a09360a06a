"""One line telling the visitor how they are choosing now: controller, hand, mouse or gaze.

Shown for ``HINT_S`` below the centre of view whenever the way of choosing changes (someone
puts the controllers down and pinches, or starts looking at buttons), and once for each new
visitor. The texts are ``input_hint_<method>`` in content/ui/LANG.yaml.
"""

from __future__ import annotations

from panda3d.core import NodePath

from vr_station.ui.overlays import place_in_view
from vr_station.ui.panel import Panel, UiKit
from vr_station.ui.pointing import InputMethod
from vr_station.ui.texts import Texts

HINT_S = 5.0
"""Long enough to read one line twice."""
HINT_DROP_DEG = 28.0
"""In the captions zone (below −22°, ``ui.layout``), clear of the panels and their buttons."""
HINT_DISTANCE_M = 1.4


class InputHint:
    """Announces the input method in use (see the module); owns its panel."""

    def __init__(self, kit: UiKit, render: NodePath, head: NodePath) -> None:
        self._kit, self._render, self._head = kit, render, head
        self._panel: Panel | None = None
        self._announced: InputMethod | None = None
        self._until_s = 0.0

    @property
    def announced(self) -> InputMethod | None:
        """The method told last (None before the first, and after ``forget``)."""
        return self._announced

    @property
    def shown(self) -> bool:
        """Whether the hint is on screen now."""
        return self._panel is not None

    def update(self, method: InputMethod, texts: Texts, now_s: float) -> None:
        """Once per frame with the method in use: show the hint when it changed, hide it when read."""
        if method != self._announced:
            self._announced = method
            self._until_s = now_s + HINT_S
            self._show(texts(f"input_hint_{method.value}"))
        elif self._panel is not None and now_s >= self._until_s:
            self.hide()

    def forget(self) -> None:
        """A new visitor: tell them again, whatever the last one used."""
        self._announced = None

    def set_kit(self, kit: UiKit) -> None:
        """Another language or theme: hide, and tell again in the new language."""
        self.hide()
        self._kit = kit
        self._announced = None

    def hide(self) -> None:
        """Take the hint away."""
        if self._panel is not None:
            self._panel.destroy()
            self._panel = None

    def destroy(self) -> None:
        """Remove the hint from the scene."""
        self.hide()

    def _show(self, text: str) -> None:
        self.hide()
        panel = Panel(self._kit, self._render, "input-hint", 1.0, distance_m=HINT_DISTANCE_M)
        panel.paragraph(text, small=True, align="center")
        panel.finish()
        panel.root.reparentTo(self._render, 100)  # painted after the step's panels
        place_in_view(panel.root, self._render, self._head, HINT_DISTANCE_M, drop_deg=HINT_DROP_DEG)
        self._panel = panel
