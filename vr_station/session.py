"""One visitor's session: what they chose and produced, all of it wiped when they leave."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from calibration.body import Posture
from hands_on import TaskOutcome

if TYPE_CHECKING:
    from interview_engine.report import InterviewReport
    from interview_engine.session import InterviewSession
    from vr_station.interview.eye_contact import EyeContactFigures


PICKUP_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
"""No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read out at the reception desk."""


def pickup_code(length: int = 5) -> str:
    """A fresh pickup code for a kept report: ``length`` letters and digits that are hard to confuse."""
    return "".join(secrets.choice(PICKUP_ALPHABET) for _ in range(length))


@dataclass
class VisitorFeedback:
    """The visitor's own view of the station, given at the end of the session."""

    rating: int | None = None
    """1 (not at all) … 5 (very good)."""
    worked: set[str] = field(default_factory=set)
    """Chip ids from content/feedback.yaml."""
    not_worked: set[str] = field(default_factory=set)
    comment: str = ""

    @property
    def given(self) -> bool:
        """Whether the visitor gave any feedback: a rating, a chip or a comment."""
        return self.rating is not None or bool(self.worked or self.not_worked or self.comment)


@dataclass
class VisitorSession:
    """One visitor's session, from the first touch to the wipe: choices, interview, report, feedback."""

    number: int
    started_s: float
    scratch_dir: Path
    """Everything of this visitor that touches the disk lives here until the wipe."""
    session_id: UUID = field(default_factory=uuid4)
    """Random; the center counts each id once (it says nothing about the visitor)."""
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    posture: Posture = Posture.STANDING
    interview: InterviewSession | None = None
    report: InterviewReport | None = None
    eye_contact: EyeContactFigures | None = None
    keep_report: bool = False
    pickup_code: str | None = None
    """Set when the visitor chose to keep their report."""
    feedback: VisitorFeedback = field(default_factory=VisitorFeedback)
    feedback_sent: bool = False
    seconds_by_step: dict[str, float] = field(default_factory=dict)
    tour_stops_seen: int = 0
    hotspots_opened: set[str] = field(default_factory=set)
    hands_on: TaskOutcome | None = None
    """The visitor's go at the occupation's hands-on task, as figures (the last one, if several)."""

    def forget(self) -> None:
        """Drop every reference to what the visitor said or produced (memory, not disk)."""
        if self.interview is not None:
            self.interview.close(timeout_s=0.0)  # on the render thread: its threads end alone
        self.interview = None
        self.report = None
        self.eye_contact = None
        self.feedback = VisitorFeedback()
        self.hotspots_opened.clear()
