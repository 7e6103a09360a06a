"""Hand input drives a button press through the station's own input code.

Recorded joints of Monado's simulated hand (``data/right_hand_monado.json``) go through the
same ``HandPointer`` the XR mode uses, into a real station on an offscreen display: the ray
points at a button, a pinch chooses it, the hand is drawn, and the station tells the visitor
that they are choosing with their hand.
"""

from __future__ import annotations

import pytest

from tests.vr_station.station_fixtures import make_station
from tests.vr_station.xr.test_hands import aimed, recorded
from vr_station.kiosk.flow import KioskState
from vr_station.ui.pointing import InputMethod
from vr_station.xr.hands import HandPointer


@pytest.fixture
def rig():
    rig = make_station()
    yield rig
    rig.close()


def test_a_pinch_chooses_the_button_the_hand_points_at(rig):
    station, visitor, display = rig.station, rig.visitor, rig.display
    visitor.wait_state(KioskState.ATTRACT)
    station.base.messenger.send("f6")
    visitor.wait_state(KioskState.LANGUAGE)
    target = visitor.target("lang:en")
    render, rig_node = station.base.render, station.rig.node
    centre = rig_node.getRelativePoint(render, target.rect.center)
    head = station.rig.head_pose_in_rig()
    pointer = HandPointer()
    before = station.choices_made
    hints: list[InputMethod | None] = []
    for pose in ("open", "open", "pinched", "pinched", "open"):
        joints = aimed(recorded(pose, offset=head.position), head, tuple(centre))
        display.scripted_controllers = list(pointer.update([joints], head))
        visitor.frame()
        hints.append(station.input_hint.announced)
    # The pinch pressed once: one choice, made by the hand; the visitor is told so.
    assert station.recent_choices(before) == ["lang:en"]
    assert hints[-1] is InputMethod.HAND and station.input_hint.shown
    hint = render.find("**/panel-input-hint")
    shown = [n.getTag("text") for n in hint.findAllMatches("**/=text")]
    assert any("Daumen und Zeigefinger" in text for text in shown), shown
    drawn = render.find("**/hand-right")
    assert not drawn.isEmpty() and not drawn.isHidden()
    beam = render.find("**/beam-right")
    assert not beam.isEmpty() and not beam.isHidden(), "the hand's ray is drawn like a controller's"
    visitor.wait_state(KioskState.QUICK_CHECK)
    assert station.flow.context.language == "en"
    display.scripted_controllers = []
    visitor.frame()
    assert render.find("**/hand-right").isHidden(), "a hand that is no longer tracked is not drawn"
