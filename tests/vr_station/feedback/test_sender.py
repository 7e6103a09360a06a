"""Sending the outbox: batches, refusals, isolation of invalid records, the background thread."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest

from tests.vr_station.feedback.fakes import FakeCenter, unreachable
from tests.vr_station.feedback.records import make_record
from tests.waiting import wait_for_thread
from vr_station.feedback.backoff import Backoff
from vr_station.feedback.outbox import Outbox
from vr_station.feedback.sender import BackgroundSender, Courier, SenderState
from vr_station.feedback.transport import RefusalKind, Refused


@pytest.fixture
def outbox(tmp_path: Path):
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        yield box


def fill(outbox: Outbox, count: int) -> list[str]:
    records = [make_record() for _ in range(count)]
    for record in records:
        outbox.submit(record)
    return [str(r.session_id) for r in records]


def test_flush_sends_everything_in_batches_and_empties_the_outbox(outbox: Outbox):
    ids = fill(outbox, 25)
    center = FakeCenter()
    result = Courier(outbox, center, batch_size=10).flush(timeout_s=10)
    assert (result.delivered, result.pending, result.refused) == (25, 0, None)
    assert [len(b) for b in center.batches] == [10, 10, 5]
    assert sorted(center.stored) == sorted(ids)
    assert outbox.status().delivered_total == 25


def test_unreachable_center_keeps_every_record_and_says_why(outbox: Outbox):
    fill(outbox, 3)
    result = Courier(outbox, FakeCenter(unreachable)).flush(timeout_s=10)
    assert result.delivered == 0 and result.pending == 3
    assert result.refused is not None and result.refused.kind is RefusalKind.UNREACHABLE
    status = outbox.status()
    assert status.pending == 3 and "connection refused" in (status.last_error or "")


def test_a_resend_after_a_lost_answer_is_counted_as_duplicate(outbox: Outbox):
    ids = fill(outbox, 4)
    center = FakeCenter()
    center.deliver([e.body for e in outbox.pending(10)])  # stored, but the station never heard
    result = Courier(outbox, center).flush(timeout_s=10)
    assert (result.delivered, result.duplicates) == (4, 4)
    assert len(center.stored) == 4 and sorted(center.stored) == sorted(ids)


def test_an_invalid_record_is_set_aside_and_the_rest_delivered(outbox: Outbox):
    ids = fill(outbox, 6)
    poison = ids[3]

    def refuse_poison(records):
        if any(r["session_id"] == poison for r in records):
            return Refused(RefusalKind.INVALID, "HTTP 422: rating: must be at most 5")
        return None

    center = FakeCenter(refuse_poison)
    result = Courier(outbox, center, batch_size=10).flush(timeout_s=10)
    assert (result.delivered, result.rejected, result.pending) == (5, 1, 0)
    assert poison not in center.stored and len(center.stored) == 5
    assert outbox.rejected() == [(poison, "HTTP 422: rating: must be at most 5")]
    # After a center update, staff can send it again.
    center.script = None
    again = Courier(outbox, center).flush(timeout_s=10, include_rejected=True)
    assert again.delivered == 1 and outbox.status().rejected == 0


def failing_on(poison: str):
    def fail(records):
        if any(r["session_id"] == poison for r in records):
            return Refused(RefusalKind.FAILED, "the center answered HTTP 500: Internal Server Error")
        return None
    return fail


def test_a_record_the_center_fails_on_is_set_aside_after_three_flushes(outbox: Outbox):
    ids = fill(outbox, 200)
    poison = ids[0]  # the oldest: it heads every batch until it is set aside
    center = FakeCenter(failing_on(poison))
    courier = Courier(outbox, center)
    first = courier.flush(timeout_s=60)
    # Everything else arrives in the first flush, in a few requests.
    assert (first.delivered, first.rejected, first.pending) == (199, 0, 1)
    assert first.refused is not None and first.refused.kind is RefusalKind.FAILED
    assert len(center.batches) <= 2 * 8 + 2
    assert sorted(center.stored) == sorted(ids[1:])
    # Alone in the outbox it blocks nobody, and nothing shows that the center works: it waits.
    alone = courier.flush(timeout_s=60)
    assert (alone.delivered, alone.rejected, alone.pending) == (0, 0, 1)
    # With later records beside it, the center shows that it works: the second and third rounds.
    later = fill(outbox, 5)
    second = courier.flush(timeout_s=60)
    assert (second.delivered, second.rejected, second.pending) == (5, 0, 1)
    later += fill(outbox, 1)
    third = courier.flush(timeout_s=60)
    assert (third.delivered, third.rejected, third.pending, third.refused) == (1, 1, 0, None)
    assert sorted(center.stored) == sorted(ids[1:] + later)
    [(set_aside, reason)] = outbox.rejected()
    assert set_aside == poison
    assert "HTTP 500" in reason and "failed alone 3 times" in reason


def test_batches_of_one_do_not_block_on_a_record_the_center_fails_on(outbox: Outbox):
    ids = fill(outbox, 6)
    center = FakeCenter(failing_on(ids[0]))
    courier = Courier(outbox, center, batch_size=1)
    results = [courier.flush(timeout_s=60) for _ in range(4)]
    assert [r.rejected for r in results] == [0, 0, 1, 0]
    assert sorted(center.stored) == sorted(ids[1:])
    assert [e for e, _ in outbox.rejected()] == [ids[0]]


def test_a_center_failing_everything_sets_nothing_aside(outbox: Outbox):
    fill(outbox, 200)
    center = FakeCenter(lambda records: Refused(RefusalKind.FAILED, "the center answered HTTP 500"))
    courier = Courier(outbox, center)
    for _ in range(5):
        result = courier.flush(timeout_s=60)
        assert result.refused is not None and (result.delivered, result.rejected) == (0, 0)
    assert outbox.status().pending == 200 and outbox.rejected() == []
    assert len(center.batches) <= 5 * (1 + 8 + 1)  # per flush: the batch, 8 halvings, a probe


def test_an_unreachable_center_gets_the_whole_batch_again_unsplit(outbox: Outbox):
    fill(outbox, 50)
    center = FakeCenter(unreachable)
    courier = Courier(outbox, center)
    for _ in range(3):
        assert courier.flush(timeout_s=60).pending == 50
    assert [len(b) for b in center.batches] == [50, 50, 50]
    assert outbox.rejected() == []


def test_batches_shrink_until_the_center_takes_them(outbox: Outbox):
    fill(outbox, 40)

    def at_most_8(records):
        if len(records) > 8:
            return Refused(RefusalKind.TOO_LARGE, "batch too large for the center (HTTP 413)")
        return None

    center = FakeCenter(at_most_8)
    courier = Courier(outbox, center, batch_size=40)
    result = courier.flush(timeout_s=10)
    assert result.delivered == 40 and result.pending == 0
    assert courier.batch_size <= 8
    assert max(len(b) for b in center.batches[-4:]) <= 8


def test_background_sender_delivers_promptly_backs_off_and_recovers(outbox: Outbox):
    failures_left = [2]
    lock = threading.Lock()

    def fail_twice(records):
        with lock:
            if failures_left[0]:
                failures_left[0] -= 1
                return unreachable(records)
        return None

    center = FakeCenter(fail_twice)
    states: list[SenderState] = []
    sender = BackgroundSender(Courier(outbox, center, batch_size=5),
                              Backoff(first_delay_s=0.05, max_delay_s=0.2), poll_interval_s=30,
                              rng=random.Random(3), on_state=states.append)
    sender.start()
    try:
        ids = fill(outbox, 12)
        wait_for_thread(lambda: len(center.stored) == 12, "12 records at the center")
        wait_for_thread(lambda: sender.state is SenderState.IDLE, "the sender to go idle")
        # Idle, with a 30 s poll interval: a new record must still go out at once (well
        # before the next poll, even on a loaded machine).
        later = fill(outbox, 1)
        wait_for_thread(lambda: later[0] in center.stored, "the new record, sent without polling",
                        timeout_s=10)
    finally:
        sender.stop()
    assert sorted(center.stored) == sorted(ids + later)
    assert SenderState.BACKING_OFF in states and states[-1] is SenderState.STOPPED
    assert sender.failures == 0 and outbox.status().pending == 0


def test_an_unexpected_error_does_not_end_the_sender(outbox: Outbox):
    calls = [0]

    def explode_once(records):
        calls[0] += 1
        if calls[0] == 1:
            raise RuntimeError("bug in a transport")
        return None

    center = FakeCenter(explode_once)
    sender = BackgroundSender(Courier(outbox, center), Backoff(first_delay_s=0.02, max_delay_s=0.05))
    fill(outbox, 2)
    sender.start()
    try:
        wait_for_thread(lambda: len(center.stored) == 2, "2 records at the center after the error")
    finally:
        sender.stop()


def test_stop_returns_while_backing_off(outbox: Outbox):
    fill(outbox, 1)
    sender = BackgroundSender(Courier(outbox, FakeCenter(unreachable)),
                              Backoff(first_delay_s=60, max_delay_s=60))
    sender.start()
    wait_for_thread(lambda: sender.state is SenderState.BACKING_OFF, "the sender to back off")
    started = time.monotonic()
    sender.stop()
    assert time.monotonic() - started < 10, "stop does not wait out the 60 s backoff"
    assert outbox.status().pending == 1

