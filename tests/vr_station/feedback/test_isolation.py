"""Halving a failed batch until the records at fault stand alone (pure logic, a scripted send)."""

from __future__ import annotations

import math

from vr_station.feedback.isolation import Answer, isolate


def center(bad: set[int], broken: bool = False, refused: frozenset[int] = frozenset(),
           stop_after: int | None = None):
    """A send that fails any chunk with a bad record, refuses chunks with a refused one."""
    sent: list[list[int]] = []

    def send(chunk: list[int]) -> Answer:
        sent.append(chunk)
        if stop_after is not None and len(sent) > stop_after:
            return Answer.STOP
        if broken or bad & set(chunk):
            return Answer.FAILED
        if refused & frozenset(chunk):
            return Answer.REFUSED_RECORD
        return Answer.ACCEPTED

    return send


def test_one_bad_record_among_200_is_found_in_logarithmic_requests():
    for poison in (0, 1, 57, 100, 198, 199):
        send = center({poison})
        found = isolate(list(range(200)), send)
        assert found.failed_alone == [poison]
        assert sorted(found.accepted) == [r for r in range(200) if r != poison]
        assert found.center_works and not found.stopped and not found.untried
        assert found.requests <= 2 * math.ceil(math.log2(200)) + 1, (poison, found.requests)


def test_a_run_of_bad_records_at_the_head_does_not_look_like_a_broken_center():
    send = center(set(range(10)))
    found = isolate(list(range(200)), send)
    assert sorted(found.failed_alone) == list(range(10))
    assert sorted(found.accepted) == list(range(10, 200))


def test_a_center_failing_everything_stops_the_round_after_a_probe():
    send = center(set(), broken=True)
    found = isolate(list(range(200)), send)
    assert found.stopped and not found.center_works
    # down to the oldest record (8 halvings), then the newest alone as the probe
    assert found.failed_alone == [0, 199]
    assert found.requests <= math.ceil(math.log2(200)) + 2
    assert sorted(found.untried + found.failed_alone) == list(range(200))


def test_invalid_records_are_refused_alone_and_the_rest_accepted():
    send = center(set(), refused=frozenset({3, 150}))
    found = isolate(list(range(200)), send)
    assert sorted(found.refused) == [3, 150] and not found.failed_alone
    assert len(found.accepted) == 198


def test_a_center_going_away_mid_search_leaves_the_rest_untried():
    send = center({150}, stop_after=2)
    found = isolate(list(range(200)), send)
    assert found.stopped and found.requests == 3
    assert sorted(found.accepted + found.untried) == list(range(200))


def test_every_record_bad_costs_at_most_two_requests_per_record():
    send = center(set(range(16)) - {15})
    found = isolate(list(range(16)), send)
    assert found.accepted == [15] and sorted(found.failed_alone) == list(range(15))
    assert found.requests <= 2 * 16
