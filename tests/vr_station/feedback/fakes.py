"""A scripted stand-in for the center, for unit tests of the sending logic."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence

from vr_station.feedback.transport import (
    Accepted,
    DeliveryOutcome,
    FeedbackTransport,
    RefusalKind,
    Refused,
)


class FakeCenter(FeedbackTransport):
    """Stores records by session id like the real center; ``script`` may refuse a batch."""

    def __init__(self, script: Callable[[list[dict]], DeliveryOutcome | None] | None = None):
        self.script = script
        self.stored: dict[str, dict] = {}
        self.batches: list[list[str]] = []
        self.lock = threading.Lock()

    def deliver(self, records_json: Sequence[str]) -> DeliveryOutcome:
        records = [json.loads(text) for text in records_json]
        with self.lock:
            self.batches.append([r["session_id"] for r in records])
            if self.script is not None and (outcome := self.script(records)) is not None:
                return outcome
            new = [r for r in records if r["session_id"] not in self.stored]
            for record in new:
                self.stored[record["session_id"]] = record
            return Accepted(new=len(new), duplicates=len(records) - len(new))


def unreachable(records: list[dict]) -> DeliveryOutcome:
    return Refused(RefusalKind.UNREACHABLE, "cannot reach the center: connection refused")
