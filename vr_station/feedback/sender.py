"""Deliver the outbox to the center, batch by batch, while the station runs.

``Courier`` sends batches; ``BackgroundSender`` keeps it going on its own thread.

A batch is deleted from the outbox only after the center confirmed it. If the station dies
between the center's commit and that delete, the batch is sent again and the center counts it
as duplicates: a record can be sent twice but is never counted twice, and never lost.

A batch the center fails on (HTTP 500, an unexpected 4xx) or refuses as invalid is halved until
the records at fault stand alone (``isolation.py``); the others are delivered in the same round.
One the center refuses as invalid is set aside at once; one it fails on alone, while others get
through, is set aside after ``LONE_FAILURES_TO_SET_ASIDE`` such rounds. A center that is
unreachable or overloaded gets the whole batch again after the back-off, unsplit.

The background sender's states::

    IDLE ──record submitted / poll interval──▶ SENDING
    SENDING ──batch confirmed, more waiting──▶ SENDING
    SENDING ──outbox empty──▶ IDLE
    SENDING ──refused (network, token, server), or a record failed alone──▶ BACKING_OFF
    BACKING_OFF ──delay over──▶ SENDING
    any ──stop()──▶ STOPPED
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from vr_station.feedback.backoff import Backoff
from vr_station.feedback.isolation import Answer, isolate
from vr_station.feedback.outbox import Outbox, OutboxEntry, OutboxError
from vr_station.feedback.transport import Accepted, FeedbackTransport, RefusalKind, Refused

log = logging.getLogger(__name__)

DEFAULT_BACKOFF = Backoff()
DEFAULT_BATCH_SIZE = 200
"""Records per request: about 100 KiB, well under the center's request limit."""
LONE_FAILURES_TO_SET_ASIDE = 3
"""Rounds in which the center must fail on a record sent alone, while other records of the same
round get through, before the station sets it aside. One such round can be bad luck (a deadlock
or a database failover hitting just that request); three, each after a back-off, make a
coincidence unlikely. A higher number would gain little: the other records are delivered in the
first round anyway, and a set-aside record is kept and can be resent ('--include-rejected')."""


@dataclass(frozen=True)
class BatchResult:
    """What one batch came to: records confirmed or rejected, or why the center refused it."""

    delivered: int
    """Records the center confirmed (new, duplicates and expired alike)."""
    duplicates: int
    rejected: int
    """Records set aside (refused as invalid, or failed alone too often); kept in the outbox, no
    longer sent."""
    refused: Refused | None
    """Why records could not be delivered (the sender backs off); None on success."""
    more_waiting: bool


@dataclass(frozen=True)
class FlushResult:
    """What ``vr-station outbox flush`` came to, summed over its batches."""

    delivered: int
    duplicates: int
    rejected: int
    refused: Refused | None
    pending: int
    """Records still waiting after the flush."""


class Courier:
    """Sends the outbox's oldest records in batches; shrinks batches the center finds too large."""

    def __init__(self, outbox: Outbox, transport: FeedbackTransport,
                 batch_size: int = DEFAULT_BATCH_SIZE):
        self.outbox = outbox
        self.transport = transport
        self.batch_size = batch_size

    def send_next(self, include_rejected: bool = False) -> BatchResult:
        """Send the oldest waiting records as one batch and handle the center's answer.

        A batch the center finds too large is halved for the next try; one it refuses as invalid
        or fails on is split to find the records at fault (module docstring).
        ``include_rejected`` sends set-aside records again too.
        """
        entries = self.outbox.pending(self.batch_size, include_rejected)
        if not entries:
            return BatchResult(0, 0, 0, None, more_waiting=False)
        outcome = self.transport.deliver([e.body for e in entries])
        if isinstance(outcome, Accepted):
            self.outbox.acknowledge([e.session_id for e in entries], outcome.duplicates)
            return BatchResult(len(entries), outcome.duplicates, 0, None,
                               more_waiting=len(entries) == self.batch_size)
        if outcome.kind is RefusalKind.TOO_LARGE and len(entries) > 1:
            self.batch_size = max(1, len(entries) // 2)
            log.info("feedback: %s; sending %d records per request now", outcome.message,
                     self.batch_size)
            return BatchResult(0, 0, 0, None, more_waiting=True)
        if outcome.kind in (RefusalKind.INVALID, RefusalKind.TOO_LARGE) and len(entries) == 1:
            self.outbox.reject(entries[0].session_id, outcome.message)
            return BatchResult(0, 0, 1, None, more_waiting=True)
        if _answer(outcome, 2) is not Answer.STOP and len(entries) > 1:
            return self._split(entries, outcome)
        if outcome.kind is RefusalKind.FAILED:
            # Batches of one (after the center found larger ones too large): the next record
            # alone shows whether the center fails on this one or on everything.
            pair = self.outbox.pending(2, include_rejected)
            if len(pair) == 2:
                return self._split(pair, outcome)
        # Unreachable, overloaded, unauthorized, or a lone record that failed with nothing else
        # to compare it with: the whole batch waits for the back-off.
        self.outbox.note_attempt_failed([e.session_id for e in entries], outcome.message)
        return BatchResult(0, 0, 0, outcome, more_waiting=True)

    def flush(self, timeout_s: float, include_rejected: bool = False) -> FlushResult:
        """Send until the outbox is empty, the center refuses, or ``timeout_s`` passes."""
        deadline = time.monotonic() + timeout_s
        delivered = duplicates = rejected = 0
        refused: Refused | None = None
        retry_rejected = include_rejected
        while time.monotonic() < deadline:
            result = self.send_next(include_rejected=retry_rejected)
            delivered += result.delivered
            duplicates += result.duplicates
            rejected += result.rejected
            refused = result.refused
            if refused is not None or not result.more_waiting:
                break
        status = self.outbox.status()
        return FlushResult(delivered, duplicates, rejected, refused, status.pending)

    def _split(self, entries: list[OutboxEntry], first: Refused) -> BatchResult:
        """Halve a batch the center refused or failed on until the records at fault stand alone.

        The others are delivered; what is surely bad is set aside.
        """
        delivered = duplicates = 0
        last: dict[str, Refused] = {}  # the center's word on each record it refused alone
        stop: list[Refused] = []

        def send(chunk: list[OutboxEntry]) -> Answer:
            nonlocal delivered, duplicates
            outcome = self.transport.deliver([e.body for e in chunk])
            if isinstance(outcome, Accepted):
                self.outbox.acknowledge([e.session_id for e in chunk], outcome.duplicates)
                delivered += len(chunk)
                duplicates += outcome.duplicates
                return Answer.ACCEPTED
            answer = _answer(outcome, len(chunk))
            if answer is Answer.STOP:
                stop.append(outcome)
            elif len(chunk) == 1:
                last[chunk[0].session_id] = outcome
            return answer

        found = isolate(entries, send)
        log.info("feedback: %s; split the batch of %d in %d request(s): %d delivered, %d refused, "
                 "%d failed alone", first.message, len(entries), found.requests,
                 len(found.accepted), len(found.refused), len(found.failed_alone))
        for entry in found.refused:
            self.outbox.reject(entry.session_id, last[entry.session_id].message)
        rejected = len(found.refused)
        waiting: list[str] = [e.session_id for e in found.untried]
        suspect: Refused | None = None
        for entry in found.failed_alone:
            outcome = last[entry.session_id]
            if not found.center_works:
                waiting.append(entry.session_id)
                suspect = outcome
                continue
            failures = self.outbox.note_lone_failure(entry.session_id, outcome.message)
            if failures >= LONE_FAILURES_TO_SET_ASIDE:
                self.outbox.reject(entry.session_id, f"{outcome.message} (failed alone "
                                   f"{failures} times while other records got through)")
                rejected += 1
            else:
                log.warning("feedback: record %s failed alone (%d of %d times before it is set "
                            "aside): %s", entry.session_id, failures,
                            LONE_FAILURES_TO_SET_ASIDE, outcome.message)
                suspect = outcome
        refused = stop[0] if stop else suspect
        if waiting:
            self.outbox.note_attempt_failed(waiting, (refused or first).message)
        return BatchResult(delivered, duplicates, rejected, refused, more_waiting=True)


def _answer(outcome: Refused, records: int) -> Answer:
    """What a refusal of a chunk of ``records`` records says about the records in it."""
    if outcome.kind is RefusalKind.INVALID:
        return Answer.REFUSED_RECORD
    if outcome.kind is RefusalKind.TOO_LARGE:
        # Halving helps a batch; a single record the center finds too large never fits.
        return Answer.REFUSED_RECORD if records == 1 else Answer.FAILED
    if outcome.kind is RefusalKind.FAILED:
        return Answer.FAILED
    return Answer.STOP


class SenderState(StrEnum):
    """What the background sender is doing; the module docstring draws the transitions."""

    IDLE = "idle"
    SENDING = "sending"
    BACKING_OFF = "backing_off"
    STOPPED = "stopped"


class BackgroundSender:
    """Owns a thread that delivers the outbox; start() once, stop() when the station exits."""

    def __init__(self, courier: Courier, backoff: Backoff = DEFAULT_BACKOFF,
                 poll_interval_s: float = 60.0, rng: random.Random | None = None,
                 on_state: Callable[[SenderState], None] | None = None):
        self.courier = courier
        self.backoff = backoff
        self.poll_interval_s = poll_interval_s
        """How often to look for records another process submitted."""
        self._rng = rng or random.Random()
        self._on_state = on_state
        self._state = SenderState.IDLE
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.failures = 0
        """Failed attempts in a row."""

    @property
    def state(self) -> SenderState:
        """What the sender is doing now."""
        return self._state

    def start(self) -> None:
        """Start the sender's thread; a submit wakes it at once. RuntimeError on a second start."""
        if self._thread is not None:
            raise RuntimeError("the feedback sender was already started")
        self._unsubscribe = self.courier.outbox.subscribe(self._wake.set)
        self._thread = threading.Thread(target=self._run, name="feedback-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop after the request in flight (if any) and close the transport.

        Records not yet confirmed stay in the outbox.
        """
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
        self.courier.transport.close()
        self._enter(SenderState.STOPPED)

    def _run(self) -> None:
        while not self._stop.is_set():
            # Cleared before looking at the outbox: a record submitted from now on wakes the
            # idle wait below at once.
            self._wake.clear()
            self._enter(SenderState.SENDING)
            try:
                result = self.courier.send_next()
            except OutboxError as exc:
                result = BatchResult(0, 0, 0, Refused(RefusalKind.UNREACHABLE, str(exc)), True)
            except Exception as exc:  # the station must keep running whatever happens here
                log.exception("feedback: unexpected error while sending")
                result = BatchResult(0, 0, 0, Refused(RefusalKind.UNREACHABLE, repr(exc)), True)
            if result.refused is not None:
                self.failures += 1
                delay = self.backoff.delay_s(self.failures, self._rng, result.refused.retry_after_s)
                log.warning("feedback: delivery failed (%s); next try in %.0f s",
                            result.refused.message, delay)
                self._enter(SenderState.BACKING_OFF)
                self._stop.wait(delay)
                continue
            if self.failures:
                log.info("feedback: the center is reachable again")
            self.failures = 0
            if result.more_waiting:
                continue
            self._enter(SenderState.IDLE)
            self._wake.wait(self.poll_interval_s)

    def _enter(self, state: SenderState) -> None:
        if state is not self._state:
            self._state = state
            if self._on_state is not None:
                self._on_state(state)
