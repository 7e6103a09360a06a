"""Visitors' feedback: the session record, the station's outbox and its delivery to the center.

The app makes a ``SessionRecord`` when a session ends, calls ``Outbox.submit`` from a worker
thread, and runs one ``BackgroundSender`` (``start_delivery``) for the station's lifetime.
"""

from vr_station.feedback.delivery import open_outbox, outbox_path, start_delivery
from vr_station.feedback.outbox import Outbox, OutboxError, OutboxStatus
from vr_station.feedback.record import (
    InterviewSummary,
    RecordError,
    SessionMode,
    SessionOutcome,
    SessionRecord,
)
from vr_station.feedback.sender import BackgroundSender, SenderState

__all__ = [
    "BackgroundSender",
    "InterviewSummary",
    "Outbox",
    "OutboxError",
    "OutboxStatus",
    "RecordError",
    "SenderState",
    "SessionMode",
    "SessionOutcome",
    "SessionRecord",
    "open_outbox",
    "outbox_path",
    "start_delivery",
]
