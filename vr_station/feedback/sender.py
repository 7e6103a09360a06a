"""Deliver the outbox to the center, batch by batch, while the station runs.

``Courier`` sends batches; ``BackgroundSender`` keeps it going on its own thread.

A batch is deleted from the outbox only after the center confirmed it. If the station dies
between the center's commit and that delete, the batch is sent again and the center counts it
as duplicates: a record can be sent twice but is never counted twice, and never lost.

The background sender's states::

    IDLE ──record submitted / poll interval──▶ SENDING
    SENDING ──batch confirmed, more waiting──▶ SENDING
    SENDING ──outbox empty──▶ IDLE
    SENDING ──refused (network, token, server)──▶ BACKING_OFF
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
from vr_station.feedback.outbox import Outbox, OutboxEntry, OutboxError
from vr_station.feedback.transport import Accepted, FeedbackTransport, RefusalKind, Refused

log = logging.getLogger(__name__)

DEFAULT_BACKOFF = Backoff()
DEFAULT_BATCH_SIZE = 200
"""Records per request: about 100 KiB, well under the center's request limit."""


@dataclass(frozen=True)
class BatchResult:
    """What one batch came to: records confirmed or rejected, or why the center refused it."""

    delivered: int
    """Records the center confirmed (new, duplicates and expired alike)."""
    duplicates: int
    rejected: int
    """Records the center refused as invalid; kept in the outbox, no longer sent."""
    refused: Refused | None
    """Why the batch could not be delivered; None on success."""
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

        A batch the center finds too large is halved for the next try; one it finds invalid is sent
        record by record, to reject only the invalid ones. ``include_rejected`` sends rejected records
        again too.
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
        if outcome.kind in (RefusalKind.INVALID, RefusalKind.TOO_LARGE):
            if len(entries) == 1:
                self.outbox.reject(entries[0].session_id, outcome.message)
                return BatchResult(0, 0, 1, None, more_waiting=True)
            return self._one_by_one(entries)
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

    def _one_by_one(self, entries: list[OutboxEntry]) -> BatchResult:
        """The center refused the batch as invalid: find the records it refuses, send the rest."""
        delivered = duplicates = rejected = 0
        for entry in entries:
            outcome = self.transport.deliver([entry.body])
            if isinstance(outcome, Accepted):
                self.outbox.acknowledge([entry.session_id], outcome.duplicates)
                delivered += 1
                duplicates += outcome.duplicates
            elif outcome.kind in (RefusalKind.INVALID, RefusalKind.TOO_LARGE):
                self.outbox.reject(entry.session_id, outcome.message)
                rejected += 1
            else:
                self.outbox.note_attempt_failed([entry.session_id], outcome.message)
                return BatchResult(delivered, duplicates, rejected, outcome, more_waiting=True)
        return BatchResult(delivered, duplicates, rejected, None, more_waiting=True)


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
