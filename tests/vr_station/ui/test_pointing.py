"""Choosing buttons by trigger, mouse and gaze dwell, with hand-written pointer samples."""

from __future__ import annotations

import pytest

from vr_station.ui.dwell import DwellTimer
from vr_station.ui.geometry import Ray, Rect3D, normalized
from vr_station.ui.pointing import GAZE, PointerInput, PointerSample, Target

EYE = (0.0, 0.0, 1.6)
YES = Target("yes", Rect3D((-0.3, 2.0, 1.6), (1, 0, 0), (0, 0, 1), 0.2, 0.1))
NO = Target("no", Rect3D((0.3, 2.0, 1.6), (1, 0, 0), (0, 0, 1), 0.2, 0.1))
AT_YES = Ray(EYE, normalized((-0.3, 2.0, 0.0)))
AT_NO = Ray(EYE, normalized((0.3, 2.0, 0.0)))
AT_NOTHING = Ray(EYE, (0.0, 0.0, 1.0))


def test_dwell_selects_once_after_the_dwell_time_and_rearms_after_leaving():
    dwell = DwellTimer(dwell_s=1.0)
    chosen = [dwell.update("yes", 0.1) for _ in range(20)]
    assert chosen.count("yes") == 1
    assert chosen.index("yes") == 9
    assert dwell.progress == 0.0
    for _ in range(5):
        dwell.update(None, 0.1)
    assert [dwell.update("yes", 0.1) for _ in range(10)].count("yes") == 1


def test_dwell_progress_survives_a_short_glance_away_but_not_another_target():
    dwell = DwellTimer(dwell_s=1.0, grace_s=0.25)
    for _ in range(5):
        dwell.update("yes", 0.1)
    dwell.update(None, 0.1)
    assert dwell.progress == pytest.approx(0.5)
    dwell.update("no", 0.1)
    assert dwell.target == "no" and dwell.progress == pytest.approx(0.1)


def test_a_trigger_press_on_a_button_chooses_it_once():
    pointer = PointerInput()
    chosen = []
    for pressed in (False, True, True, True, False):
        frame = pointer.update([PointerSample("right", AT_NO, pressed)], [YES, NO], 1 / 60)
        chosen += frame.chosen
        assert frame.hovered["right"] == "no"
    assert chosen == ["no"]


def test_a_press_beside_every_button_is_activity_but_chooses_nothing():
    pointer = PointerInput()
    pointer.update([PointerSample("mouse", AT_NOTHING, False)], [YES], 1 / 60)
    frame = pointer.update([PointerSample("mouse", AT_NOTHING, True)], [YES], 1 / 60)
    assert frame.chosen == () and frame.pressed and frame.active


def test_gaze_alone_chooses_by_dwell():
    pointer = PointerInput(dwell=DwellTimer(dwell_s=1.0))
    chosen = []
    for _ in range(70):
        frame = pointer.update([PointerSample(GAZE, AT_YES)], [YES, NO], 1 / 60)
        chosen += frame.chosen
    assert chosen == ["yes"]


def test_gaze_dwell_stands_aside_while_a_controller_points():
    pointer = PointerInput(dwell=DwellTimer(dwell_s=1.0), hand_quiet_s=2.0)
    for _ in range(120):
        frame = pointer.update([PointerSample(GAZE, AT_YES), PointerSample("right", AT_NO)],
                               [YES, NO], 1 / 60)
        assert frame.chosen == ()
        assert frame.dwell_progress == 0.0
    # The hand drops; after hand_quiet_s the gaze takes over again.
    chosen = []
    for _ in range(4 * 60):
        chosen += pointer.update([PointerSample(GAZE, AT_YES),
                                  PointerSample("right", AT_NOTHING)], [YES, NO], 1 / 60).chosen
    assert chosen == ["yes"]


def test_the_nearest_of_two_overlapping_targets_wins():
    front = Target("front", Rect3D((0.0, 1.0, 1.6), (1, 0, 0), (0, 0, 1), 0.2, 0.2))
    back = Target("back", Rect3D((0.0, 2.0, 1.6), (1, 0, 0), (0, 0, 1), 1.0, 1.0))
    frame = PointerInput().update([PointerSample("mouse", Ray(EYE, (0, 1, 0)))], [back, front], 0.0)
    assert frame.hovered["mouse"] == "front"
    assert frame.hits["mouse"].distance_m == pytest.approx(1.0)


def _frames(pointer, samples, n=1, dt=0.1):
    frame = None
    for _ in range(n):
        frame = pointer.update(samples, [YES, NO], dt)
    return frame


def test_the_method_in_use_follows_what_the_visitor_uses():
    from vr_station.ui.pointing import InputMethod

    pointer = PointerInput()
    gaze = PointerSample(GAZE, AT_NOTHING)
    assert _frames(pointer, [gaze]).method is InputMethod.GAZE
    # Hands appear (controllers put down): preferred while nothing was used yet.
    hand_idle = PointerSample("right", AT_NOTHING, kind="hand")
    assert _frames(pointer, [gaze, hand_idle]).method is InputMethod.HAND
    # A controller in the other hand appears: preferred over the idle hand...
    controller = PointerSample("left", AT_NOTHING)
    assert _frames(pointer, [gaze, hand_idle, controller]).method is InputMethod.CONTROLLER
    # ...until the hand is used: a pinch makes it the method, and it stays while both are there.
    pinch = PointerSample("right", AT_YES, pressed=True, kind="hand")
    frame = _frames(pointer, [gaze, pinch, controller])
    assert frame.method is InputMethod.HAND and frame.chosen == ("yes",)
    assert _frames(pointer, [gaze, hand_idle, controller], n=5).method is InputMethod.HAND
    # The hand leaves the cameras' view for a moment: still the hand...
    assert _frames(pointer, [gaze, controller], n=5).method is InputMethod.HAND
    # ...but gone for longer than the grace: the controller that is there.
    assert _frames(pointer, [gaze, controller], n=20).method is InputMethod.CONTROLLER


def test_choosing_by_gaze_makes_the_gaze_the_method_and_a_new_visitor_starts_afresh():
    from vr_station.ui.pointing import InputMethod

    pointer = PointerInput(dwell=DwellTimer(dwell_s=0.5), hand_quiet_s=0.0)
    mouse = PointerSample("mouse", AT_NOTHING)
    assert _frames(pointer, [PointerSample(GAZE, AT_NOTHING), mouse]).method is InputMethod.MOUSE
    frame = _frames(pointer, [PointerSample(GAZE, AT_NO), mouse], n=6)
    assert frame.method is InputMethod.GAZE
    assert _frames(pointer, [PointerSample(GAZE, AT_NOTHING), mouse], n=30).method is InputMethod.GAZE
    pointer.forget_method()
    assert _frames(pointer, [PointerSample(GAZE, AT_NOTHING), mouse]).method is InputMethod.MOUSE


def test_a_covering_surface_stops_the_ray_but_its_own_buttons_in_front_of_it_are_hit():
    """What the eyes see first, the pointer hits first: a panel's card hides what lies behind it."""
    behind = Target("behind", Rect3D((-0.3, 3.0, 1.6), (1, 0, 0), (0, 0, 1), 0.4, 0.2))
    cover = Target("cover", Rect3D((0.0, 2.004, 1.6), (1, 0, 0), (0, 0, 1), 0.3, 0.3), blocks=True)
    at_behind = Ray(EYE, normalized((-0.1, 2.0, 0.0)))
    pointer = PointerInput()
    frame = pointer.update([PointerSample("right", at_behind, True)], [behind, cover], 1 / 60)
    assert frame.hovered["right"] is None and frame.chosen == () and "right" not in frame.hits
    frame = pointer.update([PointerSample("right", AT_YES, False)], [behind, cover, YES], 1 / 60)
    assert frame.hovered["right"] == "yes", "the panel's button is in front of its card"
    beside = Ray(EYE, normalized((-0.65, 3.0, 0.0)))
    frame = pointer.update([PointerSample("right", beside, False)], [behind, cover], 1 / 60)
    assert frame.hovered["right"] == "behind", "where the cover ends, the thing behind shows"
