"""Fades to and from black around every jump: a teleport or a new scene never cuts abruptly.

A black card right in front of the eyes (below the head, so it covers every eye camera in xr)
drawn last and on top of everything. Timed on the station's clock.
"""

from __future__ import annotations

from collections.abc import Callable

from panda3d.core import NodePath

from vr_station.ui import shapes
from vr_station.ui.theme import FADE_ORDER, OVERLAY_BIN

FADE_S = 0.3
"""Short enough not to feel like waiting, long enough not to flash."""


class Fader:
    """The black card in front of the eyes and its fade, one per head."""

    def __init__(self, head: NodePath) -> None:
        self.root = head.attachNewNode("fade")
        card = shapes.rounded_rect(self.root, "black", 4.0, 4.0, 0.0, (0, 0, 0, 1))
        card.setY(0.12)
        self.root.setBin(OVERLAY_BIN, FADE_ORDER)
        self.root.setDepthTest(False)
        self.root.setDepthWrite(False)
        self.root.setLightOff()
        self.root.setTransparency(True)
        self._alpha = 0.0
        self._target = 0.0
        self._speed = 1.0 / FADE_S
        self._then: Callable[[], None] | None = None
        self._apply()

    @property
    def alpha(self) -> float:
        """How black the view is now: 0 clear … 1 black."""
        return self._alpha

    @property
    def busy(self) -> bool:
        """Whether a fade is running or its ``then`` has not run yet."""
        return self._alpha != self._target or self._then is not None

    def out(self, then: Callable[[], None] | None = None, duration_s: float = FADE_S) -> None:
        """Fade to black; ``then`` runs once it is fully black."""
        self._fade(1.0, then, duration_s)

    def in_(self, then: Callable[[], None] | None = None, duration_s: float = FADE_S) -> None:
        """Fade from black to clear; ``then`` runs once the view is clear."""
        self._fade(0.0, then, duration_s)

    def black(self) -> None:
        """Go black at once, without a fade (e.g. while the station loads a scene)."""
        self._alpha = self._target = 1.0
        self._apply()

    def update(self, dt_s: float) -> None:
        """Advance the fade by ``dt_s`` seconds of the station's clock; run ``then`` when it is done."""
        if self._alpha != self._target:
            step = self._speed * dt_s
            if abs(self._target - self._alpha) <= step:
                self._alpha = self._target
            else:
                self._alpha += step if self._target > self._alpha else -step
            self._apply()
        if self._alpha == self._target and self._then is not None:
            then, self._then = self._then, None
            then()

    def destroy(self) -> None:
        """Remove the card from the head."""
        self.root.removeNode()

    def _fade(self, target: float, then: Callable[[], None] | None, duration_s: float) -> None:
        self._target = target
        self._speed = 1.0 / max(duration_s, 1e-3)
        self._then = then

    def _apply(self) -> None:
        if self._alpha <= 0.0:
            self.root.hide()
        else:
            self.root.show()
            self.root.setAlphaScale(self._alpha)
