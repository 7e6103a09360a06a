"""The {placeholders} each feedback text of content/interview.yaml may use.

The report fills them in (``interview_engine.feedback``); the content check refuses any other
name, so a typo in a translation is found before a visitor meets it.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "tips.too_short": frozenset({"words"}),
    "tips.too_long": frozenset({"seconds"}),
    "tips.pace_fast": frozenset({"wpm", "min", "max"}),
    "tips.pace_slow": frozenset({"wpm", "min", "max"}),
    "tips.fillers": frozenset({"fillers", "per_min"}),
    "tips.long_pauses": frozenset({"pauses"}),
    "tips.job_terms": frozenset({"terms"}),
    "tips.missed_point": frozenset({"point"}),
    "tips.off_topic": frozenset({"point"}),
    "tips.eye_contact_low": frozenset({"percent"}),
    "summary_tips.eye_contact_low": frozenset({"percent"}),
    "summary_tips.long_pauses": frozenset({"pauses"}),
    "summary_tips.job_terms": frozenset({"terms"}),
    "summary_tips.missed_point": frozenset({"question", "point"}),
    "praise.pace_good": frozenset({"wpm"}),
    "praise.terms_used": frozenset({"terms"}),
    "praise.eye_contact_good": frozenset({"percent"}),
    "notices.recognizer_typed": frozenset({"language"}),
}
"""The placeholders each text may use (``section.key``); the content check enforces them."""

REPLY_FACTS: frozenset[str] = frozenset({
    "occupation", "training_kind", "duration", "training_note", "certificate", "certificate_note",
    "training_pay", "training_pay_year", "training_pay_source", "pay", "pay_year", "pay_source",
    "tasks", "tools", "work_settings"})
"""The occupation's facts an answer to a candidate's question may use
(``candidate_questions.topics[].answer``); ``interview_engine.replies`` fills them in."""

WORDING_PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    "duration_years": frozenset({"years"}),
    "duration_months": frozenset({"months"}),
    "pay_range": frozenset({"min", "max"}),
    "pay_up_to": frozenset({"max"}),
}
"""The placeholders of ``candidate_questions.wording`` texts; the others take none."""


def placeholders(text: str) -> set[str]:
    """The {names} a text uses; raises ValueError for unbalanced braces."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
