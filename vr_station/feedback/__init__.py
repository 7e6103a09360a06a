"""Visitors' feedback on the station: the outbox and its delivery to the center.

The app maps a finished visit to a ``visit_record.SessionRecord`` (``visit``), stores it in the
outbox off the render thread (``sink``), and runs one ``BackgroundSender`` (``start_delivery``)
for the station's lifetime.
"""

from vr_station.feedback.delivery import open_outbox, outbox_path, start_delivery
from vr_station.feedback.outbox import Outbox, OutboxError, OutboxStatus
from vr_station.feedback.sender import BackgroundSender, SenderState

__all__ = [
    "BackgroundSender",
    "Outbox",
    "OutboxError",
    "OutboxStatus",
    "SenderState",
    "open_outbox",
    "outbox_path",
    "start_delivery",
]
