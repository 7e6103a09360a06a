"""A finished visit as the center's session record (pure; no I/O).

The one place that maps what the kiosk knows about a session to the record's fixed fields. The
wipe step, and the station when it shuts down mid-visit, submit what ``session_record``
returns.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from uuid import UUID

from hands_on import TaskOutcome
from interview_engine.analysis import StarCues
from interview_engine.report import InterviewReport
from visit_record.record import (
    HandsOnTaskFigures,
    InterviewSummary,
    RecordError,
    SessionMode,
    SessionOutcome,
    SessionRecord,
)
from vr_station import __version__
from vr_station.kiosk.flow import EndReason, FlowContext, Intent
from vr_station.session import VisitorFeedback, VisitorSession

log = logging.getLogger(__name__)

_OUTCOMES = {
    EndReason.COMPLETED: SessionOutcome.COMPLETED,
    EndReason.INACTIVE: SessionOutcome.TIMEOUT,
    # Staff ended it, the headset stayed off, or the headset's session was lost: the visit
    # did not run to its end, and nobody can tell whether the visitor wanted to go on.
    EndReason.STAFF_RESET: SessionOutcome.ABANDONED,
    EndReason.HEADSET_OFF: SessionOutcome.ABANDONED,
    EndReason.DISPLAY_LOST: SessionOutcome.ABANDONED,
}

_MODES = {Intent.EXPLORE: SessionMode.TOUR, Intent.INTERVIEW: SessionMode.INTERVIEW}


def session_outcome(reason: EndReason) -> SessionOutcome:
    """How the record counts a visit that ended for ``reason``: completed, timed out or abandoned."""
    return _OUTCOMES[reason]


def interview_summary(report: InterviewReport) -> InterviewSummary:
    """The report's figures without a word of what the visitor said."""
    overall = report.overall
    answered = [answer for answer in report.answers if answer.answered]
    cues = [answer.star for answer in answered if answer.star is not None]
    share = sum(1 for star in cues if _is_structured(star)) / len(cues) if cues else None
    return InterviewSummary(
        questions_asked=overall.questions,
        questions_answered=overall.answered,
        speaking_time_s=round(overall.speaking_time_s or 0.0, 1),
        words_per_minute=_rounded(overall.wpm),
        filler_words_per_minute=_rounded(overall.fillers_per_min),
        long_pauses=overall.long_pause_count,
        job_terms_used=len(set(overall.terms_used)),
        structured_answers_share=_rounded(share, 2),
        eye_contact_share=_rounded(overall.eye_contact, 2))


def visit_record(*, session_id: UUID, station_id: str, started_at: datetime, duration_s: float,
                 intent: Intent | None, occupation_id: str | None, language: str,
                 end_reason: EndReason, feedback: VisitorFeedback,
                 interview: InterviewSummary | None,
                 hands_on: TaskOutcome | None = None) -> SessionRecord | None:
    """The record of one visit; None when the visitor left before choosing what to do.

    A trigger pulled in passing is not a session the center should count. ``ended_at`` is derived
    from the monotonic ``duration_s`` so a clock step during the visit cannot put the end before
    the start.
    """
    if intent is None:
        return None
    return SessionRecord(
        session_id=session_id, station_id=station_id, app_version=__version__,
        started_at=started_at, ended_at=started_at + timedelta(seconds=max(0.0, duration_s)),
        mode=_MODES[intent], occupation_id=occupation_id, language=language,
        outcome=session_outcome(end_reason), rating=feedback.rating,
        worked=tuple(sorted(feedback.worked)), not_worked=tuple(sorted(feedback.not_worked)),
        comment=feedback.comment or None,
        interview=interview if intent is Intent.INTERVIEW else None,
        hands_on_task=None if hands_on is None else HandsOnTaskFigures(
            kind=str(hands_on.kind), completed=hands_on.completed, hints_used=hands_on.hints_used,
            duration_s=round(hands_on.duration_s, 1)))


def session_record(session: VisitorSession, flow: FlowContext, station_id: str,
                   now_s: float) -> SessionRecord | None:
    """The anonymous record of the visit that ends now (``now_s`` on the station's clock).

    None when there is nothing to count or the record cannot be made (logged: the visit must
    still end and be wiped).
    """
    try:
        return visit_record(
            session_id=session.session_id, station_id=station_id, started_at=session.started_at,
            duration_s=now_s - session.started_s, intent=flow.intent,
            occupation_id=flow.occupation_id, language=flow.language,
            end_reason=flow.end_reason or EndReason.COMPLETED, feedback=session.feedback,
            interview=interview_summary(session.report) if session.report else None,
            hands_on=session.hands_on)
    except RecordError as exc:
        log.error("feedback of session %s dropped, the record is invalid: %s",
                  session.session_id, exc)
        return None


def _is_structured(star: StarCues) -> bool:
    """An answer is structured when it tells what the visitor did and what came of it."""
    return star.action and star.result


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)
