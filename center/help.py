"""Visitors' calls for help: stored as stations send them, listed until staff acknowledge them.

A call names its station and the kiosk step the visitor was in, never who called. The station
chooses the call's id, so a call it sends again (its answer got lost) is stored once. The
station learns of the acknowledgement in the answer to its next heartbeat
(``acknowledged_among``), and the visitor sees that help is on the way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite

from center.database import WRITE
from center.staff import Role
from center.tables import help_calls

OPEN_CALLS_SHOWN = 50
RECENTLY_ANSWERED = timedelta(hours=1)
"""Acknowledged calls stay on the *Stationen* page this long, so the team sees who went."""
STEP_WORDS = {"attract": "Begrüßung", "language": "Sprachwahl", "quick_check": "Einrichtung",
              "menu": "Auswahl", "occupation": "Berufswahl", "tour": "Rundgang",
              "interview": "Vorstellungsgespräch", "report": "Auswertung",
              "feedback": "Rückmeldung", "thanks": "Abschluss", "wipe": "Abschluss"}
"""The kiosk steps in a team leader's words."""


@dataclass(frozen=True)
class HelpCall:
    """One call for help: where and when, and whether (and by whom) it was acknowledged."""

    call_id: str
    station: str
    step: str
    called_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None

    @property
    def step_words(self) -> str:
        """The step in German ("Rundgang"), or its name if the station is newer than the center."""
        return STEP_WORDS.get(self.step, self.step)


def may_acknowledge(role: Role) -> bool:
    """Whether the role may acknowledge a call: every role but the read-only viewing one.

    Issue 16, item 6: a viewer can't change anything.
    """
    return role is not Role.VIEWER


def store_help_call(engine: Engine, station: str, call: HelpCall, now: datetime) -> bool:
    """Store a call of ``station``; False when the center already had it (a resend)."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(help_calls).values(
        call_id=call.call_id, station=station, step=call.step[:32], called_at=call.called_at,
        received_at=now).on_conflict_do_nothing(index_elements=["call_id"]) \
        .returning(help_calls.c.call_id)
    # RETURNING, not rowcount: what psycopg reports as rowcount for a skipped row is not 0.
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        return connection.execute(statement).scalar_one_or_none() is not None


def open_help_calls(engine: Engine) -> list[HelpCall]:
    """Calls nobody acknowledged yet, oldest first (who waits longest comes first)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(help_calls.c.call_id, help_calls.c.station, help_calls.c.step,
                   help_calls.c.called_at)
            .where(help_calls.c.acknowledged_at.is_(None))
            .order_by(help_calls.c.called_at).limit(OPEN_CALLS_SHOWN)).all()
    return [HelpCall(*row) for row in rows]


def recently_acknowledged(engine: Engine, now: datetime) -> list[HelpCall]:
    """Calls acknowledged within ``RECENTLY_ANSWERED``, newest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(help_calls.c.call_id, help_calls.c.station, help_calls.c.step,
                   help_calls.c.called_at, help_calls.c.acknowledged_at,
                   help_calls.c.acknowledged_by)
            .where(help_calls.c.acknowledged_at >= now - RECENTLY_ANSWERED)
            .order_by(help_calls.c.acknowledged_at.desc()).limit(OPEN_CALLS_SHOWN)).all()
    return [HelpCall(*row) for row in rows]


def acknowledge(engine: Engine, call_id: str, username: str, now: datetime) -> bool:
    """Mark the call as acknowledged by ``username``; False if it was already (or never was)."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        return bool(connection.execute(
            update(help_calls).where(help_calls.c.call_id == call_id,
                                     help_calls.c.acknowledged_at.is_(None))
            .values(acknowledged_at=now, acknowledged_by=username[:64])).rowcount)


def acknowledged_among(engine: Engine, station: str, call_ids: Sequence[str]) -> list[str]:
    """Which of ``station``'s calls ``call_ids`` staff have acknowledged."""
    if not call_ids:
        return []
    with engine.connect() as connection:
        return list(connection.execute(
            select(help_calls.c.call_id).where(help_calls.c.station == station,
                                               help_calls.c.call_id.in_(list(call_ids)),
                                               help_calls.c.acknowledged_at.is_not(None))
        ).scalars())
