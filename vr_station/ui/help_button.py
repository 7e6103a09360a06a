"""The "Hilfe holen" button every screen shows, and the staff's view of a call on the mirror.

The button stands in the layout's ``help`` zone (``ui.layout``: the lower right corner beside
the captions, above them on the keyboard screen), so it never covers a step's panel. It must be
easy to hit for a visitor who never held a controller, whose ray trembles: its panel uses a
compact padding (1.4 cm instead of the panels' 7 cm) so that the button takes nearly the whole
zone, at least ``MIN_TARGET_DEG`` each way, and its words wrap onto two lines. Once the
visitor has called, the button gives way to what is happening: "help is called",
then "help is on the way" when staff acknowledged the call at the center.

On the station PC's screen (the desktop window, or the mirror of the headset's view in XR
mode) a large line tells staff nearby the same, in German, for the team.
"""

from __future__ import annotations

from dataclasses import replace

from panda3d.core import NodePath, TextNode

from vr_station.feedback.station_health import HelpState
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel, UiKit
from vr_station.ui.texts import Texts

HELP_TARGET = "help"
"""The button's target id: the station's steps hand a choice of it to the help desk."""
COMPACT_PADDING_M = 0.014
"""With the button's own padding (0.6 of this) the label keeps the 2 cm that text keeps from a
card's edge (tests/vr_station/test_layout_steps.py), and the label has 0.19 m of the zone's
0.24 m: Ukrainian "Покликати" fits on one line above ``layout.MIN_TEXT_DEG``."""
BUTTON_HEIGHT_DEG = 8.0
"""Taller than the other buttons (4.2°): a tall target is easy to hit with a trembling ray or a
wandering gaze."""
MIN_TARGET_DEG = 7.0
"""The least the button spans in the visitor's view, across and up (a test measures it).

Target-size guidance for head-mounted displays asks for more than the flat-screen minimum,
and more again for primary controls: Meta's design requirements for Horizon OS panels ask for
hit targets of at least 48 × 48 dp and 60 × 60 dp for primary controls ("Ensure adequate hit
target sizes", developers.meta.com/horizon/documentation/android-apps/design-requirements), and
its ray-casting best practices warn against interactive elements "too small or closely packed"
because a ray moves while the visitor pinches or pulls the trigger
(developers.meta.com/horizon/design/raycasting_bp). The station's buttons are 4.2° tall; the
button a lost or unwell visitor looks for is larger than any of them: 7° × 8°, about 12 × 14 cm
at its 1.5 m (it was 5.3° × 6.5° before its zone was widened)."""
MIRROR_TEXT = {HelpState.CALLED: "HILFE GERUFEN – die Station wartet auf Quittung im Dashboard",
               HelpState.ON_THE_WAY: "Hilfe ist unterwegs (im Dashboard quittiert)"}
"""What the station PC's screen shows staff; German, like the dashboard."""


def compact_kit(kit: UiKit) -> UiKit:
    """``kit`` with the compact padding of the help panel and its label at body size.

    The label starts at the body text's 1.5°, not the buttons' 1.7°: a long word in a narrow
    button shrinks to at most 0.7 of its size before it is broken, which keeps a long word
    such as Ukrainian "Покликати" above ``layout.MIN_TEXT_DEG`` (1.05°).
    """
    theme = kit.theme
    return replace(kit, theme=replace(theme, padding_m=COMPACT_PADDING_M,
                                      sizes=replace(theme.sizes, button_deg=theme.sizes.body_deg)))


def fill_help_panel(panel: Panel, state: HelpState, texts: Texts) -> Panel:
    """The button (before a call) or the call's state (after it), then ``finish``."""
    if state is HelpState.IDLE:
        panel.row([ButtonSpec(HELP_TARGET, texts("help_button"), kind=ButtonKind.SECONDARY)],
                  gap_m=0.0, min_height_m=panel.em_m(BUTTON_HEIGHT_DEG))
    else:
        key = "help_called" if state is HelpState.CALLED else "help_on_the_way"
        panel.paragraph(texts(key), small=True, align="center")
    return panel.finish()


class MirrorHelpNotice:
    """A line across the top of the station PC's screen while a call is open (staff read it)."""

    def __init__(self, aspect2d: NodePath, font: object) -> None:
        self.text = TextNode("help-mirror")
        self.text.setFont(font)
        self.text.setAlign(TextNode.ACenter)
        self.text.setTextColor(1, 1, 1, 1)
        self.text.setCardColor(0.75, 0.1, 0.1, 0.9)
        self.text.setCardAsMargin(0.6, 0.6, 0.3, 0.3)
        self.root = aspect2d.attachNewNode(self.text)
        self.root.setScale(0.07)
        self.root.setPos(0, 0, 0.85)
        self.root.hide()

    def show(self, state: HelpState) -> None:
        """Show the line for ``state``; hide it when no call is open."""
        if state is HelpState.IDLE:
            self.root.hide()
            return
        self.text.setText(MIRROR_TEXT[state])
        if state is HelpState.ON_THE_WAY:
            self.text.setCardColor(0.1, 0.45, 0.2, 0.9)
        else:
            self.text.setCardColor(0.75, 0.1, 0.1, 0.9)
        self.root.show()

    @property
    def shown_text(self) -> str | None:
        """The line shown now, None while hidden."""
        return None if self.root.isHidden() else self.text.getText()

    def destroy(self) -> None:
        """Remove the line."""
        self.root.removeNode()
