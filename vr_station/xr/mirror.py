"""The staff mirror: what the visitor's left eye sees, and why the headset shows nothing.

The picture goes to the station PC's window (or an offscreen buffer), with a status line
saying why the headset shows nothing when it does not. The visitor meets the station's own
pause notice in the headset; this line is for staff, who see only the monitor: headset taken
off, runtime gone, session ending.
"""

from __future__ import annotations

from direct.showbase.ShowBase import ShowBase
from panda3d.core import (
    CardMaker,
    DynamicTextFont,
    Filename,
    GraphicsOutput,
    LVecBase2f,
    NodePath,
    TextNode,
    TextureStage,
)

from vr_station.display.base import DisplayState
from vr_station.ui.fonts import REGULAR, font_path
from vr_station.xr.lifecycle import SessionPhase

STATUS_TEXTS = {
    "connecting": "Verbindung zur VR-Brille wird aufgebaut …",
    "away": "Die Brille ist abgesetzt oder eine andere Anwendung ist im Vordergrund: "
            "die Station pausiert.",
    "lost": "Keine Verbindung zur VR-Laufzeit (SteamVR, Monado …). "
            "Die Station sucht sie alle {seconds:.0f} s.",
    "ending": "Die VR-Sitzung wird beendet …",
}


def staff_status(state: DisplayState, phase: SessionPhase, *, searching: bool, exiting: bool,
                 reconnect_interval_s: float) -> str | None:
    """The status line for staff; None while the visitor sees the station."""
    if state is DisplayState.RUNNING:
        return None
    if state is DisplayState.LOST or searching:
        return STATUS_TEXTS["lost"].format(seconds=reconnect_interval_s)
    if exiting or phase in (SessionPhase.STOPPING, SessionPhase.EXITING):
        return STATUS_TEXTS["ending"]
    if phase in (SessionPhase.SYNCHRONIZED, SessionPhase.VISIBLE, SessionPhase.FOCUSED):
        return STATUS_TEXTS["away"]
    return STATUS_TEXTS["connecting"]


class StaffMirror:
    """The left eye's image letterboxed into ``base.win``, with the status line above it."""

    def __init__(self, base: ShowBase, eye: GraphicsOutput, eye_size_px: tuple[int, int]) -> None:
        self._eye = eye
        eye_w, eye_h = eye_size_px
        win_w, win_h = base.win.getXSize(), base.win.getYSize()
        eye_aspect, win_aspect = eye_w / eye_h, win_w / max(1, win_h)
        half_w = min(1.0, eye_aspect / win_aspect)
        half_h = min(1.0, win_aspect / eye_aspect)
        card = CardMaker("xr-mirror")
        card.setFrame(-half_w, half_w, -half_h, half_h)
        self._card = base.render2d.attachNewNode(card.generate())
        self._card.setTexture(eye.getTexture())
        self._card.setBin("background", 0)
        self._card.setDepthWrite(False)
        self._scale = LVecBase2f(1, 1)
        self._status = self._add_status(base)
        self._text: str | None = None

    @staticmethod
    def _add_status(base: ShowBase) -> NodePath:
        node = TextNode("xr-status")
        font = DynamicTextFont(Filename.fromOsSpecific(str(font_path(REGULAR))))
        if font.isValid():
            node.setFont(font)
        node.setAlign(TextNode.ACenter)
        node.setWordwrap(30)
        node.setTextColor(1, 1, 1, 1)
        node.setCardColor(0.55, 0.12, 0.08, 0.85)
        node.setCardAsMargin(0.6, 0.6, 0.3, 0.3)
        status = base.aspect2d.attachNewNode(node)
        status.setScale(0.055)
        status.setPos(0, 0, 0.8)
        status.hide()
        return status

    def update(self, status: str | None) -> None:
        """Once per frame: the status line (None hides it) and the eye texture's padding."""
        # Panda may pad a render texture to powers of two (320×240 → 512×256) once it is first
        # drawn; the mirror shows only the part the eye was drawn into.
        scale = self._eye.getTexture().getTexScale()
        if scale != self._scale:
            self._scale = LVecBase2f(scale)
            self._card.setTexScale(TextureStage.getDefault(), scale)
        if status == self._text:
            return
        self._text = status
        if status is None:
            self._status.hide()
        else:
            node = self._status.node()
            assert isinstance(node, TextNode)
            node.setText(status)
            self._status.show()

    def destroy(self) -> None:
        """Remove the mirror's picture and status line."""
        self._status.removeNode()
        self._card.removeNode()
