"""Delete what the center no longer may keep: records past the retention period, expired logins.

The server runs ``purge`` every hour (``ServerSettings.purge_interval_s``) and at start;
``vr-center purge`` runs it by hand. Deleting is idempotent, so several instances may run it.
The daily figures of the days it deleted from are summed again from the records left.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select

from center.database import WRITE
from center.figures import rebuild_days
from center.policy import load_policy
from center.staff import purge_sessions
from center.tables import session_chips, session_records

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PurgeResult:
    """How many session records and expired login sessions a purge deleted."""

    records: int
    login_sessions: int


def purge(engine: Engine, now: datetime, retention_days: int | None = None) -> PurgeResult:
    """Delete records whose session started more than ``retention_days`` before ``now``.

    ``retention_days`` defaults to the center's policy.
    """
    days = load_policy(engine).retention_days if retention_days is None else retention_days
    cutoff = now - timedelta(days=days)
    r = session_records.c
    old = select(r.session_id).where(r.started_at < cutoff)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        first, last = connection.execute(select(func.min(r.day), func.max(r.day))
                                         .where(r.started_at < cutoff)).one()
        connection.execute(delete(session_chips).where(session_chips.c.session_id.in_(old)))
        records = connection.execute(delete(session_records).where(r.started_at < cutoff)).rowcount
        if records:
            # The days the deleted records counted for, summed again from what is left.
            rebuild_days(connection, first, last)
    logins = purge_sessions(engine, now)
    if records:
        log.info("retention: deleted %d record(s) of sessions before %s (%d days)", records,
                 cutoff.date().isoformat(), days)
    return PurgeResult(records, logins)
