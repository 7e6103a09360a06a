"""The attract loop: a calm invitation while nobody is at the station.

Greets in every language the station offers and shows the occupations on small cards drifting
slowly far behind the panel (the scene moves, never the visitor's view). Any trigger press or a
look at "Start" begins a session.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from catalog.model import Catalog
from catalog.translations import is_fallback
from vr_station.kiosk.flow import KioskState, Start
from vr_station.steps.base import Step
from vr_station.ui.geometry import angle_between_deg
from vr_station.ui.layout import panel_view
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel
from vr_station.ui.pointing import Target
from vr_station.ui.texts import Texts

CAROUSEL_RADIUS_M = 5.5
CAROUSEL_SIGN_BOTTOM_M = 2.6
"""The signs' lower edge above the floor: about 10° above the eye line of a standing visitor at
the carousel's radius. Higher where the welcome panel reaches higher (``SIGN_GAP_DEG``)."""
SIGN_GAP_DEG = 2.0
"""The signs' lower edge stays this far in view above the welcome panel's top: a taller panel
(another hint line, a language with longer words) lifts the carousel instead of covering it."""
CAROUSEL_DEG_S = 2.0
"""Slow enough to read as decoration, not as movement of the visitor."""
PRESENCE_DEG = 3.0


INVITATION_LANGUAGES = 2
"""The invitation speaks the first two offered languages; seven titles would not fit the view,
and the language menu right after "Start" names every language in its own words."""


def invitation_languages(catalog: Catalog, languages: Sequence[str]) -> list[Texts]:
    """The interface texts of the first offered languages whose invitation is translated."""
    texts = [Texts(catalog.ui[code]) for code in languages]
    translated = [t for t in texts if not is_fallback(t("attract_title"))]
    return (translated or texts)[:INVITATION_LANGUAGES]


class AttractStep(Step):
    """The attract loop: an invitation in every language, with occupation cards circling behind it."""

    state = KioskState.ATTRACT
    _signs_above_deg = 0.0
    """Where the signs' lower edge is seen, degrees above the eye line (``build_ui`` sets it)."""

    def enter(self) -> None:
        """Show the invitation and start the carousel; remember where the head looked (nobody yet)."""
        super().enter()
        self._carousel = self.own(self.ctx.world.root.attachNewNode("carousel"))
        self._build_carousel()
        self._entry_gaze = self.ctx.world.rig.head_forward()
        self._someone_there = False

    def targets(self) -> list[Target]:
        """"Start" for the gaze only once the head has moved; a trigger press always starts."""
        # A headset left on the table must not start a session by staring at "Start": the
        # gaze may choose only after the head has moved (someone put it on). A trigger press
        # always starts.
        if not self._someone_there:
            moved = angle_between_deg(self._entry_gaze, self.ctx.world.rig.head_forward())
            self._someone_there = moved > PRESENCE_DEG
        return super().targets() if self._someone_there else []

    def build_ui(self) -> None:
        """The invitation panel: welcome and title in every language, and the one "Start" button."""
        texts = invitation_languages(self.ctx.catalog, self.ctx.languages)
        first, others = texts[0], texts[1:]
        panel = self.panel("attract", 1.45)
        panel.paragraph("  ·  ".join(dict.fromkeys(t("welcome") for t in texts)), muted=True,
                        align="center")
        panel.title(first("attract_title"), align="center")
        for other in others:
            panel.heading(other("attract_title"), align="center")
        panel.paragraph(first("attract_subtitle"), align="center")
        panel.gap(0.02)
        label = " / ".join(dict.fromkeys(t("attract_start") for t in texts))
        panel.row([ButtonSpec("start", label, kind=ButtonKind.PRIMARY, width_m=0.75)])
        panel.paragraph(first("attract_hint"), muted=True, small=True, align="center")
        for other in others:
            panel.paragraph(other("attract_hint"), muted=True, small=True, align="center")
        # Low in the content zone: the floating occupation signs above stay in view.
        self.place(panel.finish(), align="bottom")
        if panel.placement is not None:
            top = panel_view(panel.placement, panel.width_m, panel.height_m).top_deg
            self._signs_above_deg = top + SIGN_GAP_DEG
        self._lift_carousel()

    def on_choose(self, target_id: str) -> None:
        """"Start" begins a session."""
        if target_id == "start":
            self.ctx.send(Start())

    def update(self, dt_s: float, now_s: float) -> None:
        """Turn the carousel by ``CAROUSEL_DEG_S`` per second."""
        self._carousel.setH(self._carousel.getH() + CAROUSEL_DEG_S * dt_s)

    def _lift_carousel(self) -> None:
        """Raise the carousel until its signs clear the welcome panel.

        Their lower edge is then seen ``_signs_above_deg`` above the eye line (the panel's top
        and a gap); never lower than ``CAROUSEL_SIGN_BOTTOM_M``.
        """
        carousel = getattr(self, "_carousel", None)  # built after the first panel
        if carousel is None or carousel.isEmpty():
            return
        eye_z = self._eye_z if self._eye_z is not None else self.ctx.world.rig.head_position()[2]
        stage = self._stage()
        bottom = eye_z - stage.getZ() + CAROUSEL_RADIUS_M * math.tan(
            math.radians(self._signs_above_deg))
        carousel.setPos(stage.getPos())
        carousel.setZ(stage.getZ() + max(0.0, bottom - CAROUSEL_SIGN_BOTTOM_M))

    def _build_carousel(self) -> None:
        occupations = list(self.ctx.catalog.occupations.values())
        if not occupations:
            return
        self._lift_carousel()
        language = self.ctx.languages[0]
        count = max(len(occupations), 10)
        for i in range(count):
            occupation = occupations[i % len(occupations)]
            title = occupation.titles.get(language) or next(iter(occupation.titles.values()))
            card = Panel(self.ctx.ui.kit, self._carousel, f"card-{i}", 2.4,
                         distance_m=CAROUSEL_RADIUS_M, overlay=False)
            card.heading(title, align="center")
            card.finish()
            angle = 360.0 * i / count
            rad = math.radians(angle)
            # Standing on a line above the welcome panel (issue 15: a long title hung down
            # behind it): a sign of more lines grows upwards.
            card.root.setPos(-math.sin(rad) * CAROUSEL_RADIUS_M, math.cos(rad) * CAROUSEL_RADIUS_M,
                             CAROUSEL_SIGN_BOTTOM_M + card.height_m / 2)
            card.root.setHpr(angle, 8, 0)
            card.root.setColorScale(0.8, 0.85, 0.9, 1)
