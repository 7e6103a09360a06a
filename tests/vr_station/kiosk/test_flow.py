"""The kiosk state machine: every path a visitor, staff or a timer can take."""

from __future__ import annotations

import pytest

from vr_station.kiosk import (
    Back,
    ChooseIntent,
    ChooseLanguage,
    ChooseOccupation,
    DisplayLost,
    EndReason,
    Finish,
    Intent,
    KioskFlow,
    KioskState,
    KioskTimings,
    PauseReason,
    StaffLanguage,
    StaffReset,
    StaffSkip,
    Start,
    StepLimits,
)

S = KioskState


def make_flow(**timings: StepLimits) -> KioskFlow:
    steps = dict(KioskTimings().steps)
    steps.update(timings)
    return KioskFlow(languages=["de", "en"], default_language="de",
                     occupations=["koch", "pflege"], timings=KioskTimings(steps=steps))


def test_a_visitor_walks_the_whole_tour_path_and_the_flow_returns_to_attract():
    flow = make_flow()
    states = [flow.state]
    for event in (Start(), ChooseLanguage("en"), Finish(), ChooseIntent(Intent.EXPLORE),
                  ChooseOccupation("koch"), Finish(), Finish(), Finish(), Finish()):
        transition = flow.handle(event, 1.0)
        assert transition is not None, f"{event} was ignored in {flow.state}"
        states.append(transition.new)
    assert states == [S.ATTRACT, S.LANGUAGE, S.QUICK_CHECK, S.MENU, S.OCCUPATION, S.TOUR,
                      S.FEEDBACK, S.THANKS, S.WIPE, S.ATTRACT]


def test_the_interview_path_shows_the_report_before_feedback():
    flow = make_flow()
    for event in (Start(), ChooseLanguage("de"), Finish(), ChooseIntent(Intent.INTERVIEW)):
        flow.handle(event, 0.0)
    assert flow.handle(ChooseOccupation("pflege"), 0.0).new is S.INTERVIEW
    assert flow.context.occupation_id == "pflege"
    assert flow.handle(Finish(), 0.0).new is S.REPORT
    assert flow.handle(Finish(), 0.0).new is S.FEEDBACK


def test_a_tour_can_lead_straight_into_an_interview_for_the_same_occupation():
    flow = make_flow()
    for event in (Start(), ChooseLanguage("de"), Finish(), ChooseIntent(Intent.EXPLORE),
                  ChooseOccupation("koch")):
        flow.handle(event, 0.0)
    transition = flow.handle(ChooseIntent(Intent.INTERVIEW), 0.0)
    assert transition.new is S.INTERVIEW
    assert transition.context.occupation_id == "koch"


def test_back_goes_one_menu_step_back_and_is_ignored_elsewhere():
    flow = make_flow()
    for event in (Start(), ChooseLanguage("de"), Finish(), ChooseIntent(Intent.EXPLORE)):
        flow.handle(event, 0.0)
    assert flow.handle(Back(), 0.0).new is S.MENU
    assert flow.handle(Back(), 0.0).new is S.LANGUAGE
    assert flow.handle(Back(), 0.0) is None
    assert flow.state is S.LANGUAGE
    assert flow.handle(ChooseLanguage("en"), 0.0).new is S.MENU, "the check is done already"


def test_events_that_make_no_sense_in_a_state_change_nothing():
    flow = make_flow()
    assert flow.handle(ChooseOccupation("koch"), 0.0) is None
    assert flow.handle(Finish(), 0.0) is None
    flow.handle(Start(), 0.0)
    assert flow.handle(ChooseLanguage("xx"), 0.0) is None, "undeclared language"
    flow.handle(ChooseLanguage("de"), 0.0)
    flow.handle(Finish(), 0.0)
    flow.handle(ChooseIntent(Intent.EXPLORE), 0.0)
    assert flow.handle(ChooseOccupation("astronaut"), 0.0) is None
    assert flow.state is S.OCCUPATION


def test_each_session_gets_a_new_number_and_forgets_the_previous_choices():
    flow = make_flow()
    for event in (Start(), ChooseLanguage("en"), Finish(), ChooseIntent(Intent.INTERVIEW)):
        flow.handle(event, 0.0)
    first = flow.context
    flow.handle(StaffReset(), 0.0)
    flow.handle(Finish(), 0.0)  # the wipe completed
    assert flow.state is S.ATTRACT
    assert flow.context.language == "de" and flow.context.intent is None
    flow.handle(Start(), 0.0)
    assert flow.context.session_number == first.session_number + 1


def test_staff_reset_wipes_from_every_state_in_a_session():
    for target in (S.LANGUAGE, S.QUICK_CHECK, S.MENU, S.OCCUPATION, S.TOUR, S.FEEDBACK, S.THANKS):
        flow = make_flow()
        while flow.state is not target:
            assert flow.handle(StaffSkip(), 0.0) is not None
        transition = flow.handle(StaffReset(), 0.0)
        assert transition.new is S.WIPE
        assert transition.context.end_reason is EndReason.STAFF_RESET
    assert make_flow().handle(StaffReset(), 0.0) is None, "nothing to reset in the attract loop"


def test_staff_skip_walks_every_step_and_never_skips_the_wipe():
    flow = make_flow()
    seen = [flow.state]
    while flow.state is not S.WIPE:
        seen.append(flow.handle(StaffSkip(), 0.0).new)
    assert seen == [S.ATTRACT, S.LANGUAGE, S.QUICK_CHECK, S.MENU, S.OCCUPATION, S.TOUR,
                    S.FEEDBACK, S.THANKS, S.WIPE]
    assert flow.handle(StaffSkip(), 0.0) is None
    assert flow.state is S.WIPE


def test_staff_language_starts_a_session_in_that_language_or_switches_it():
    flow = make_flow()
    transition = flow.handle(StaffLanguage("en"), 0.0)
    assert transition.new is S.QUICK_CHECK and transition.context.language == "en"
    assert transition.context.session_number == 1
    flow.handle(Finish(), 0.0)
    flow.handle(ChooseIntent(Intent.EXPLORE), 0.0)
    assert flow.handle(StaffLanguage("de"), 0.0) is None, "language changes, step stays"
    assert flow.state is S.OCCUPATION and flow.context.language == "de"


def test_inactivity_abandons_the_session_after_the_step_limit_with_a_warning_first():
    flow = make_flow(menu=StepLimits(inactivity_s=90))
    flow.handle(Start(), 0.0)
    flow.handle(ChooseLanguage("de"), 0.0)
    flow.handle(Finish(), 0.0)
    assert flow.tick(60.0) is None
    assert flow.inactivity_warning_s() is None
    assert flow.tick(75.0) is None
    assert flow.inactivity_warning_s() == pytest.approx(15.0)
    transition = flow.tick(90.0)
    assert transition.new is S.WIPE
    assert transition.context.end_reason is EndReason.INACTIVE


def test_any_visitor_activity_restarts_the_inactivity_timer():
    flow = make_flow(menu=StepLimits(inactivity_s=90))
    flow.handle(Start(), 0.0)
    flow.handle(ChooseLanguage("de"), 0.0)
    flow.handle(Finish(), 0.0)
    flow.touch(80.0)
    assert flow.tick(160.0) is None
    assert flow.tick(170.0).new is S.WIPE


def test_a_time_limit_asks_for_a_wrap_up_and_moves_on_after_the_grace_period():
    flow = make_flow(tour=StepLimits(time_limit_s=600, wrap_up_grace_s=30))
    for event in (Start(), ChooseLanguage("de"), Finish(), ChooseIntent(Intent.EXPLORE),
                  ChooseOccupation("koch")):
        flow.handle(event, 0.0)
    for t in range(10, 601, 10):
        flow.touch(float(t))
        assert flow.tick(float(t)) is None
    assert flow.wrap_up_requested
    flow.touch(620.0)
    assert flow.tick(620.0) is None
    transition = flow.tick(630.0)
    assert transition.new is S.FEEDBACK
    assert not flow.wrap_up_requested


def test_the_thank_you_screen_leads_to_the_wipe_by_itself():
    flow = make_flow(thanks=StepLimits(time_limit_s=12))
    while flow.state is not S.THANKS:
        flow.handle(StaffSkip(), 0.0)
    assert flow.tick(11.0) is None
    transition = flow.tick(12.0)
    assert transition.new is S.WIPE
    assert transition.context.end_reason is EndReason.COMPLETED


def test_the_attract_loop_and_the_wipe_never_time_out():
    flow = make_flow()
    assert flow.tick(0.0) is None
    assert flow.tick(1e6) is None
    flow.handle(StaffSkip(), 1e6)
    flow.handle(StaffReset(), 1e6)
    assert flow.state is S.WIPE
    assert flow.tick(2e6) is None
    assert flow.state is S.WIPE


def test_paused_time_does_not_count_towards_any_limit():
    flow = make_flow(menu=StepLimits(inactivity_s=90))
    flow.handle(Start(), 0.0)
    flow.handle(ChooseLanguage("de"), 0.0)
    flow.handle(Finish(), 0.0)
    flow.pause(PauseReason.STAFF, 50.0)
    assert flow.tick(10_000.0) is None
    assert flow.inactivity_warning_s() is None
    flow.resume(PauseReason.STAFF, 10_000.0)
    assert flow.seconds_in_state() == pytest.approx(50.0)
    assert flow.tick(10_080.0) is None
    assert flow.tick(10_090.0).new is S.WIPE


def test_a_headset_left_off_too_long_ends_the_session_even_while_paused():
    flow = make_flow()
    flow.handle(Start(), 0.0)
    flow.pause(PauseReason.HEADSET_OFF, 10.0)
    assert flow.tick(100.0) is None
    transition = flow.tick(130.0)
    assert transition.new is S.WIPE
    assert transition.context.end_reason is EndReason.HEADSET_OFF
    assert not flow.paused


def test_putting_the_headset_back_on_in_time_keeps_the_session():
    flow = make_flow()
    flow.handle(Start(), 0.0)
    flow.pause(PauseReason.HEADSET_OFF, 10.0)
    flow.resume(PauseReason.HEADSET_OFF, 200.0)
    assert flow.tick(250.0) is None
    assert flow.state is S.LANGUAGE


def test_a_lost_display_wipes_the_session():
    flow = make_flow()
    flow.handle(Start(), 0.0)
    transition = flow.handle(DisplayLost(), 1.0)
    assert transition.new is S.WIPE
    assert transition.context.end_reason is EndReason.DISPLAY_LOST


def test_the_default_language_must_be_offered():
    with pytest.raises(ValueError, match="default language"):
        KioskFlow(languages=["en"], default_language="de", occupations=[])


def test_the_quick_check_comes_once_after_the_language_and_back_returns_to_the_language():
    flow = make_flow()
    flow.handle(Start(), 0.0)
    transition = flow.handle(ChooseLanguage("de"), 0.0)
    assert transition.new is S.QUICK_CHECK and not transition.context.checked
    assert flow.handle(ChooseIntent(Intent.EXPLORE), 0.0) is None, "no menu choices yet"
    assert flow.handle(Back(), 0.0).new is S.LANGUAGE
    assert flow.handle(ChooseLanguage("en"), 0.0).new is S.QUICK_CHECK, "not done yet: again"
    transition = flow.handle(Finish(), 0.0)
    assert transition.new is S.MENU and transition.context.checked
    assert flow.handle(Back(), 0.0).new is S.LANGUAGE
    assert flow.handle(ChooseLanguage("de"), 0.0).new is S.MENU
    assert flow.handle(StaffSkip(), 0.0).new is S.OCCUPATION


def test_the_next_session_gets_its_own_quick_check():
    flow = make_flow()
    for event in (Start(), ChooseLanguage("de"), Finish(), StaffReset(), Finish()):
        flow.handle(event, 0.0)
    assert flow.state is S.ATTRACT and not flow.context.checked
    flow.handle(Start(), 0.0)
    assert flow.handle(StaffLanguage("en"), 0.0) is not None
    assert flow.state is S.QUICK_CHECK


def test_a_quick_check_that_takes_too_long_goes_on_to_the_menu_and_counts_as_done():
    flow = make_flow(quick_check=StepLimits(time_limit_s=180, wrap_up_grace_s=2, inactivity_s=60))
    flow.handle(Start(), 0.0)
    flow.handle(ChooseLanguage("de"), 0.0)
    for t in range(10, 181, 10):
        flow.touch(float(t))
        assert flow.tick(float(t)) is None
    assert flow.wrap_up_requested
    transition = flow.tick(182.0)
    assert transition.new is S.MENU and transition.context.checked


def test_nobody_at_the_quick_check_ends_the_session():
    flow = make_flow()
    flow.handle(Start(), 0.0)
    flow.handle(ChooseLanguage("de"), 0.0)
    assert flow.limits.inactivity_s == 60
    assert flow.tick(59.0) is None
    transition = flow.tick(60.0)
    assert transition.new is S.WIPE and transition.context.end_reason is EndReason.INACTIVE
