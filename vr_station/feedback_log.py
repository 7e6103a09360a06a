"""Where a visitor's feedback goes: the seam to the center (issue 7) and a local stand-in.

``FeedbackSink.submit`` must return at once; delivery happens off the render thread.

STAND-IN: ``JsonLinesFeedbackLog`` appends one JSON line per session to
``data_dir/feedback.jsonl`` on the file lane. On merge the lead replaces it with an adapter
that turns a ``SessionFeedback`` into the center's ``SessionRecord`` and calls
``Outbox.submit`` (which keeps records safe while the network is down).
"""

from __future__ import annotations

import json
import logging
import os
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from pathlib import Path

from vr_station.jobs import FILES, BackgroundJobs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionFeedback:
    """What the center learns about one session. Nothing that identifies the visitor."""

    station_id: str
    finished_at: str
    """Local date and hour only (YYYY-MM-DDTHH), enough for statistics, too coarse to trace."""
    language: str
    intent: str | None
    occupation_id: str | None
    end_reason: str
    rating: int | None
    """1 … 5, None when the visitor gave none."""
    worked: tuple[str, ...]
    not_worked: tuple[str, ...]
    comment: str
    """Typed by the visitor as feedback (they are asked not to put names in it)."""
    seconds_by_step: dict[str, float]
    tour_stops_seen: int
    kept_report: bool


class FeedbackSink(ABC):
    @abstractmethod
    def submit(self, feedback: SessionFeedback) -> None:
        """Take the record and return at once; never lose it."""


class JsonLinesFeedbackLog(FeedbackSink):
    def __init__(self, path: Path, jobs: BackgroundJobs) -> None:
        self.path = path
        self._jobs = jobs

    def submit(self, feedback: SessionFeedback) -> None:
        line = json.dumps(asdict(feedback), ensure_ascii=False, sort_keys=True)
        self._jobs.submit(FILES, "feedback", lambda: self._append(line),
                          on_error=lambda e: log.error("feedback not saved to %s: %s",
                                                       self.path, e))

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
