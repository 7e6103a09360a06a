"""Session records for tests: valid by default, any field overridable."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from visit_record.record import (
    InterviewSummary,
    SessionMode,
    SessionOutcome,
    SessionRecord,
)

WORKED = ("easy_to_use", "realistic", "learned_about_job", "interview_practice", "helpful_tips",
          "clear_speech")
NOT_WORKED = ("headset_uncomfortable", "felt_dizzy", "hard_to_read", "not_understood", "too_long",
              "confusing_controls", "too_little_info")


def make_record(**overrides: Any) -> SessionRecord:
    started_at = overrides.pop("started_at", datetime.now(UTC) - timedelta(minutes=10))
    values: dict[str, Any] = {
        "session_id": uuid.uuid4(), "station_id": "biz-1", "app_version": "0.1.0",
        "started_at": started_at, "ended_at": started_at + timedelta(minutes=8),
        "mode": SessionMode.TOUR, "occupation_id": "koch", "language": "de",
        "outcome": SessionOutcome.COMPLETED, "rating": 5, "worked": ("easy_to_use",),
        "not_worked": (), "comment": None, "interview": None,
    }
    values.update(overrides)
    return SessionRecord(**values)


def interview_summary(**overrides: Any) -> InterviewSummary:
    values: dict[str, Any] = {
        "questions_asked": 8, "questions_answered": 7, "speaking_time_s": 312.5,
        "words_per_minute": 118.0, "filler_words_per_minute": 2.4, "long_pauses": 3,
        "job_terms_used": 5, "structured_answers_share": 0.6, "eye_contact_share": None}
    values.update(overrides)
    return InterviewSummary(**values)


def random_record(rng: random.Random, station_id: str = "biz-1",
                  now: datetime | None = None) -> SessionRecord:
    """A plausible session from the last four weeks."""
    now = now or datetime.now(UTC)
    started_at = now - timedelta(minutes=rng.randint(10, 28 * 24 * 60))
    mode = rng.choice([SessionMode.TOUR, SessionMode.INTERVIEW])
    return make_record(
        session_id=uuid.UUID(int=rng.getrandbits(128), version=4), station_id=station_id,
        started_at=started_at, ended_at=started_at + timedelta(seconds=rng.randint(60, 1800)),
        mode=mode, occupation_id=rng.choice(["koch", "koch", "pflegefachmann", None]),
        language=rng.choice(["de", "de", "en"]),
        outcome=rng.choice([SessionOutcome.COMPLETED] * 6 + [SessionOutcome.ABANDONED,
                                                             SessionOutcome.TIMEOUT]),
        rating=rng.choice([None, 1, 2, 3, 4, 4, 5, 5, 5]),
        worked=tuple(rng.sample(WORKED, rng.randint(0, 3))),
        not_worked=tuple(rng.sample(NOT_WORKED, rng.randint(0, 2))),
        comment=rng.choice([None, None, None, "Sehr anschaulich, danke!", "Die Brille drückt."]),
        interview=interview_summary() if mode is SessionMode.INTERVIEW else None)
