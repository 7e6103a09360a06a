"""The kiosk's transition log stays bounded and still hands each reader every new transition."""

from vr_station.kiosk.flow import FlowContext, KioskState, Transition
from vr_station.kiosk.transition_log import TransitionLog


def transition(number: int) -> Transition:
    return Transition(KioskState.ATTRACT, KioskState.LANGUAGE,
                      FlowContext(session_number=number, language="de"), f"visit {number}")


def test_a_month_of_visits_keeps_only_the_newest() -> None:
    log = TransitionLog(keep=50)
    for number in range(10_000):
        log.append(transition(number))
    assert len(log) == 50
    assert log.total == 10_000
    assert [t.context.session_number for t in log] == list(range(9_950, 10_000))


def test_a_reader_gets_exactly_what_came_after_its_mark() -> None:
    log = TransitionLog(keep=50)
    seen: list[int] = []
    mark = 0
    for number in range(300):
        log.append(transition(number))
        if number % 7 == 0:  # the reader looks now and then
            seen += [t.context.session_number for t in log.since(mark)]
            mark = log.total
    seen += [t.context.session_number for t in log.since(mark)]
    assert seen == list(range(300))
    assert log.since(log.total) == []


def test_a_reader_far_behind_gets_what_is_still_kept() -> None:
    log = TransitionLog(keep=5)
    for number in range(12):
        log.append(transition(number))
    assert [t.context.session_number for t in log.since(0)] == [7, 8, 9, 10, 11]
