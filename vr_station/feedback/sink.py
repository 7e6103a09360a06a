"""Where the station hands a finished visit's record: the outbox, and from there the center.

``submit`` returns at once. Opening the outbox, storing a record (one synced SQLite commit)
and starting the background sender all happen on the file lane, never on the render thread;
a record is stored before anything else touches the lane, so a crash right after the visitor
pressed "Senden" loses nothing that reached the outbox.

A visit under way is noted in the outbox (``note_visit``) as the abandoned record it would
leave; opening the outbox at the next start turns a note a crash left into that record. A
station without a center deletes records older than ``outbox.retention_days``.

A record the disk refuses (full, or gone) stays in memory and is stored, in order, before the
next one: a full disk costs the visits nothing as long as the station runs (found by the
night-of-faults test, tests/faults/; before, such a record was logged as lost).
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod

from visit_record.record import SessionRecord
from vr_station.config import StationConfig
from vr_station.feedback.backoff import Backoff
from vr_station.feedback.delivery import open_outbox, start_delivery
from vr_station.feedback.outbox import Outbox, OutboxError
from vr_station.feedback.sender import DEFAULT_BACKOFF, BackgroundSender
from vr_station.jobs import FILES, BackgroundJobs

log = logging.getLogger(__name__)


class FeedbackSink(ABC):
    """Where finished visits' records go; the station hands each one over and moves on."""

    @abstractmethod
    def submit(self, record: SessionRecord) -> None:
        """Take the record and return at once; never lose it."""

    def note_visit(self, record: SessionRecord) -> None:  # noqa: B027 - optional hook: a sink that keeps no notes need not override it
        """A visit is under way; ``record`` is what it leaves if the station dies now. Returns at once."""

    def end_visit(self, session_id: str) -> None:  # noqa: B027 - optional hook, as note_visit
        """The visit ended the ordinary way (after its record, if any, was submitted)."""

    def close(self) -> None:  # noqa: B027 - optional hook: a sink that holds nothing need not override it
        """Release what the sink holds; after the job lanes have finished their work."""


class OutboxFeedback(FeedbackSink):
    """The station's outbox, with delivery to the center when one is configured."""

    def __init__(self, config: StationConfig, jobs: BackgroundJobs,
                 backoff: Backoff = DEFAULT_BACKOFF) -> None:
        self._config = config
        self._jobs = jobs
        self._backoff = backoff
        self._outbox: Outbox | None = None
        self._sender: BackgroundSender | None = None
        self._unstored: list[SessionRecord] = []
        """Records the disk refused, oldest first; touched on the file lane only. A record is
        about a kilobyte, so even a day of visitors on a full disk is little memory."""
        jobs.submit(FILES, "outbox-open", self._open,
                    on_error=lambda e: log.error("feedback: %s", e))

    @property
    def outbox(self) -> Outbox | None:
        """The open outbox; None until the file lane has opened it (or while the disk refuses)."""
        return self._outbox

    def submit(self, record: SessionRecord) -> None:
        """Store ``record`` in the outbox on the file lane; the result is logged."""
        self._jobs.submit(FILES, "feedback", lambda: self._store(record),
                          on_done=lambda stored: log.info(
                              "feedback of session %s %s", record.session_id,
                              "stored in the outbox" if stored else "was already in the outbox"),
                          on_error=lambda e: log.error(
                              "feedback of session %s not stored yet (%d waiting in memory for "
                              "the disk): %s", record.session_id, len(self._unstored), e))

    def note_visit(self, record: SessionRecord) -> None:
        """Note the visit under way in the outbox, on the file lane."""
        self._jobs.submit(FILES, "visit-note", lambda: self._require().note_open_visit(record),
                          on_error=lambda e: log.error("visit %s not noted: %s",
                                                       record.session_id, e))

    def end_visit(self, session_id: str) -> None:
        """Drop the note of a visit that ended, on the file lane (after its record's submit)."""
        self._jobs.submit(FILES, "visit-end", lambda: self._require().close_open_visit(session_id),
                          on_error=lambda e: log.error("visit %s note not dropped: %s",
                                                       session_id, e))

    @property
    def unstored(self) -> int:
        """Records waiting in memory because the disk refused them."""
        return len(self._unstored)

    def close(self) -> None:
        """Stop the sender (unconfirmed records stay in the outbox) and close the outbox."""
        if self._unstored:
            try:  # the disk may have room again: a last try before the memory is gone
                self._store_waiting()
            except OutboxError as exc:
                log.error("feedback: %d records lost at exit, the disk refused them: %s",
                          len(self._unstored), exc)
        if self._sender is not None:
            self._sender.stop()
            self._sender = None
        if self._outbox is not None:
            self._outbox.close()
            self._outbox = None

    def _open(self) -> None:
        outbox = open_outbox(self._config)
        try:
            # Before the sender starts, so that an interrupted visit goes out with the others.
            outbox.recover_open_visits()
        except OutboxError:
            outbox.close()
            raise
        self._outbox = outbox
        self._sender = start_delivery(self._config, outbox, self._backoff)
        self._expire()

    def _require(self) -> Outbox:
        if self._outbox is None:
            # Try again: the disk may have come back (a full disk cleared, a share remounted).
            self._open()
        assert self._outbox is not None
        return self._outbox

    def _store(self, record: SessionRecord) -> bool:
        self._unstored.append(record)
        stored = self._store_waiting()
        self._expire()
        return stored

    def _store_waiting(self) -> bool:
        """Store the waiting records oldest first; OutboxError leaves the rest waiting."""
        outbox = self._require()
        stored = False
        while self._unstored:
            stored = outbox.submit(self._unstored[0])
            del self._unstored[0]
        return stored

    def _expire(self) -> None:
        """Without a center nobody collects the records: keep each one only the configured time."""
        if self._sender is None and self._outbox is not None:
            try:
                self._outbox.expire(self._config.outbox.retention_s)
            except OutboxError as exc:  # the record itself is stored; try again next time
                log.error("feedback: %s", exc)
