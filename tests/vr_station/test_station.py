"""The whole station on a real offscreen display: staff keys, timeouts, headset off, comfort
moves, language switches, and owners that clean up after themselves."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from calibration.body import Pose
from tests.vr_station.station_fixtures import make_station
from vr_station.display.base import ControllerInput, DisplayState
from vr_station.kiosk.flow import KioskState
from vr_station.kiosk.timing import StepLimits
from vr_station.steps.tour import TourStep
from vr_station.ui.geometry import angle_between_deg

S = KioskState


@pytest.fixture
def rig():
    rig = make_station()
    yield rig
    rig.close()


def texts_under(node) -> list[str]:
    """Every text shown below ``node`` (texts are copies of cached geometry, tagged)."""
    return [n.getTag("text") for n in node.findAllMatches("**/=text")]


def test_staff_keys_skip_pause_switch_language_and_reset(rig):
    station, visitor = rig.station, rig.visitor
    visitor.wait_state(S.ATTRACT)
    station.base.messenger.send("f6")
    visitor.wait_state(S.LANGUAGE)
    station.base.messenger.send("f8")  # next language: English, on to the quick check
    visitor.wait_state(S.QUICK_CHECK)
    assert station.flow.context.language == "en"
    station.base.messenger.send("f6")  # skip the check: the station's defaults apply
    visitor.wait_state(S.MENU)
    assert station.flow.context.language == "en"
    assert "What would you like to do?" in texts_under(station.base.render)
    station.base.messenger.send("f8")  # the next language (Ukrainian): the menu is rebuilt in place
    visitor.wait(0.2)
    assert station.flow.context.language == "uk"
    assert station.ctx.ui.texts("menu_title") in texts_under(station.base.render)
    for _ in range(len(station.languages) - 2):  # on round to German
        station.base.messenger.send("f8")
        visitor.wait(0.2)
    assert station.flow.context.language == "de"
    assert "Was möchten Sie tun?" in texts_under(station.base.render)
    station.base.messenger.send("f7")
    visitor.wait(0.2)
    assert station.flow.paused
    assert station.ctx.ui.texts("paused") in texts_under(station.base.render)
    visitor.wait(100)  # paused: no inactivity timeout (90 s in the menu)
    assert station.state is S.MENU
    station.base.messenger.send("f7")
    station.base.messenger.send("f5")
    visitor.wait_until(lambda: station.state is S.ATTRACT and not station.pending_work(),
                       "the reset")
    assert [t.new for t in station.transitions][-2:] == [S.WIPE, S.ATTRACT]
    assert station.session is None


def test_an_inactive_visitor_is_warned_then_the_session_ends():
    rig = make_station({"menu": StepLimits(inactivity_s=8)}, inactivity_warning_s=4)
    try:
        station, visitor = rig.station, rig.visitor
        station.base.messenger.send("f6")
        visitor.wait_state(S.LANGUAGE)
        visitor.click("lang:de")
        visitor.wait_state(S.QUICK_CHECK)
        station.base.messenger.send("f6")
        visitor.wait_state(S.MENU)
        visitor.wait(3.0)
        assert not station.still_there.shown
        visitor.wait(2.0)
        assert station.still_there.shown
        visitor.wait_until(lambda: station.state is S.ATTRACT and not station.pending_work(),
                           "the end of the session")
        wipe = next(t for t in station.transitions if t.new is S.WIPE)
        assert str(wipe.context.end_reason) == "inactive"
        assert not station.still_there.shown
    finally:
        rig.close()


def test_taking_the_headset_off_pauses_and_too_long_ends_the_session():
    rig = make_station(headset_off_abandon_s=30)
    try:
        station, visitor = rig.station, rig.visitor
        station.base.messenger.send("f6")
        visitor.wait_state(S.LANGUAGE)
        rig.display.forced = DisplayState.PAUSED
        visitor.wait(1.0)
        assert station.flow.paused
        rig.display.set_head_hpr(150.0)  # the headset lies on the table, facing away
        rig.display.forced = None
        visitor.wait(1.0)
        assert not station.flow.paused and station.state is S.LANGUAGE
        assert "lang:de" in station.targets_by_id()
        panel = station.targets_by_id()["lang:de"].rect.center
        head, forward = station.rig.head_position(), station.rig.head_forward()
        towards = (panel[0] - head[0], panel[1] - head[1], 0.0)
        assert angle_between_deg((forward[0], forward[1], 0.0), towards) < 30, \
            "put back on, the headset faces the step's panels"
        rig.display.forced = DisplayState.PAUSED
        visitor.wait_until(lambda: station.state is S.ATTRACT and not station.pending_work(),
                           "the abandoned session to end")
        wipe = next(t for t in station.transitions if t.new is S.WIPE)
        assert str(wipe.context.end_reason) == "headset_off"
    finally:
        rig.display.forced = None
        rig.close()


def test_a_lost_display_wipes_the_session(rig):
    station, visitor = rig.station, rig.visitor
    station.base.messenger.send("f6")
    visitor.wait_state(S.LANGUAGE)
    rig.display.forced = DisplayState.LOST
    visitor.wait(0.5)
    rig.display.forced = None
    visitor.wait_until(lambda: station.state is S.ATTRACT, "the wipe")
    assert any(str(t.context.end_reason) == "display_lost" for t in station.transitions)


def test_a_headset_left_looking_at_start_does_not_start_a_session(rig):
    station, visitor = rig.station, rig.visitor
    visitor.wait_state(S.ATTRACT)
    visitor.wait(5.0)  # the gaze rests on the panel, but nobody moved
    assert station.state is S.ATTRACT
    visitor.look_ahead(5.0, 2.0)
    visitor.wait(0.2)
    visitor.dwell("start")
    visitor.wait_state(S.LANGUAGE)


def hand(station, stick=(0.0, 0.0), pitch_deg=-35.0):
    head = station.rig.head
    return ControllerInput("right", Pose((head.getX() + 0.2, head.getY() + 0.2, 1.1),
                                         _quat(pitch_deg)), False, stick, False)


def _quat(pitch_deg):
    from panda3d.core import Quat

    q = Quat()
    q.setHpr((0, pitch_deg, 0))
    return (q.getR(), q.getI(), q.getJ(), q.getK())


def test_snap_turn_and_teleport_only_when_the_visitor_asks(rig):
    station, visitor, display = rig.station, rig.visitor, rig.display
    station.base.messenger.send("f6")
    visitor.wait_state(S.LANGUAGE)
    visitor.click("lang:de")
    visitor.wait_state(S.QUICK_CHECK)
    station.base.messenger.send("f6")
    visitor.wait_state(S.MENU)
    visitor.click("explore")
    visitor.wait_state(S.OCCUPATION)
    visitor.choose_occupation("koch")
    visitor.wait_state(S.TOUR)
    assert isinstance(station.step, TourStep)
    render = station.base.render
    start_head = station.rig.head.getPos(render)
    start_h = station.rig.node.getH()
    visitor.wait(3.0)
    assert station.rig.head.getPos(render) == start_head, "no camera motion on its own"
    for stick in ((0.9, 0.0), (0.0, 0.0)):
        display.scripted_controllers = [hand(station, stick)]
        visitor.frame()
    assert station.rig.node.getH() == pytest.approx(start_h - 30)
    assert (station.rig.head.getPos(render) - start_head).length() < 1e-4, "turned in place"
    for stick in ((0.0, 0.9), (0.0, 0.9)):
        display.scripted_controllers = [hand(station, stick)]
        visitor.frame()
    assert not station.arc_view.root.isHidden(), "the arc shows where the jump would land"
    assert (station.rig.head.getPos(render) - start_head).length() < 1e-4, "not yet: aiming"
    display.scripted_controllers = [hand(station, (0.0, 0.0))]
    visitor.frame()
    display.scripted_controllers = []
    visitor.wait(0.6)
    moved = station.rig.head.getPos(render) - start_head
    assert math.hypot(moved.x, moved.y) > 0.5, "teleported along the arc"
    assert station.rig.head.getZ(render) == pytest.approx(start_head.z)
    assert station.arc_view.root.isHidden()


def census(station):
    """Everything a step could leave behind."""
    render = station.base.render
    nodes = Counter(n.getName() for n in render.findAllMatches("**"))
    tasks = sorted(t.name for t in station.base.taskMgr.getAllTasks())
    events = Counter(station.base.messenger.getEvents())
    return nodes, tasks, events


def visit(visitor) -> None:
    visitor.attract_and_menus()
    visitor.tour()
    visitor.interview()
    visitor.report()
    visitor.feedback()
    visitor.goodbye()


WHOLE_VISITS_TIMEOUT_S = 1200
"""Two whole visits are some 4,000 rendered frames: minutes on a loaded 2-core machine, well
past pytest's default limit; every wait inside still counts frames of the station's clock."""


@pytest.mark.slow
@pytest.mark.timeout(WHOLE_VISITS_TIMEOUT_S)
def test_a_whole_session_leaves_no_nodes_tasks_or_subscriptions_behind(rig):
    """The second visitor finds exactly what the first one found: every step removed what it
    made (the station's own parts, such as the controller beam, are made once)."""
    station, visitor = rig.station, rig.visitor
    visitor.wait_state(S.ATTRACT)
    visit(visitor)
    before = census(station)
    visit(visitor)
    after = census(station)
    assert after[0] == before[0], (after[0] - before[0]) + (before[0] - after[0])
    assert after[1] == before[1]
    assert after[2] == before[2]
