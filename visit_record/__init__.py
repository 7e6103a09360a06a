"""The visit record: what one visit leaves for the center, and the only thing that ever leaves.

The station writes a ``SessionRecord`` when a visit ends; the center checks every record it is
sent against the same contract (``record.check_record_json``, the JSON schema in ``schemas/``)
and redacts anything that looks personal (``privacy``). Both sides import this package and
nothing of each other.
"""

from visit_record.record import (
    HandsOnTaskFigures,
    InterviewSummary,
    RecordError,
    SessionMode,
    SessionOutcome,
    SessionRecord,
)

__all__ = ["HandsOnTaskFigures", "InterviewSummary", "RecordError", "SessionMode", "SessionOutcome",
           "SessionRecord"]
