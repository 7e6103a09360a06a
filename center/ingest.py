"""Store a station's batch of session records exactly once.

The whole batch is one transaction. ``INSERT … ON CONFLICT (session_id) DO NOTHING`` makes a
resent record a no-op, also when two requests carry it at the same time (PostgreSQL makes the
second wait for the first and then skips it), so no record is ever counted twice however
often a station resends. Records whose session started before the retention period are
confirmed but not stored. The new records are added to the daily figures (figures.py) in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert, update
from sqlalchemy.dialects import postgresql, sqlite

from center.database import WRITE
from center.figures import add_records
from center.tables import session_chips, session_records, stations
from visit_record.privacy import redact_personal_data
from visit_record.record import parse_utc


@dataclass(frozen=True)
class IngestResult:
    """How many records of a batch were stored, already known or too old to store."""

    new: int
    duplicates: int
    """Records the center had already (a station resending after a lost answer)."""
    expired: int
    """Records older than the retention period: confirmed to the station, not stored."""


def store_records(engine: Engine, station: str, records: Sequence[Mapping[str, Any]], now: datetime,
                  retention_days: int, timezone: ZoneInfo) -> IngestResult:
    """Store checked records (``check_record_json``) of ``station``."""
    cutoff = now - timedelta(days=retention_days)
    rows: dict[str, dict[str, Any]] = {}
    chips: dict[str, list[dict[str, Any]]] = {}
    expired = 0
    for record in records:
        started_at = parse_utc(record["started_at"])
        if started_at < cutoff:
            expired += 1
            continue
        session_id = record["session_id"]
        if session_id in rows:
            continue
        rows[session_id] = _row(record, started_at, now, timezone)
        chips[session_id] = [
            {"session_id": session_id, "kind": kind, "chip_id": chip, "position": position}
            for kind in ("worked", "not_worked") for position, chip in enumerate(record[kind])]
    new_ids: set[str] = set()
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if rows:
            statement = _insert_new(engine.dialect.name).returning(session_records.c.session_id)
            new_ids = set(connection.execute(statement, list(rows.values())).scalars())
            new_chips = [chip for sid in new_ids for chip in chips[sid]]
            if new_chips:
                connection.execute(insert(session_chips), new_chips)
            # In the same transaction: the dashboard's sums never miss or double a record.
            add_records(connection, new_ids)
        connection.execute(update(stations).where(stations.c.name == station)
                           .values(last_seen_at=now))
    return IngestResult(new=len(new_ids), duplicates=len(records) - expired - len(new_ids),
                        expired=expired)


def _insert_new(dialect: str) -> Any:
    if dialect == "postgresql":
        return postgresql.insert(session_records).on_conflict_do_nothing(index_elements=["session_id"])
    return sqlite.insert(session_records).on_conflict_do_nothing(index_elements=["session_id"])


def _row(record: Mapping[str, Any], started_at: datetime, now: datetime,
         timezone: ZoneInfo) -> dict[str, Any]:
    comment = record["comment"]
    # Optional (older stations leave it out): its columns then stay NULL.
    task = record.get("hands_on_task") or {}
    return {
        "session_id": record["session_id"],
        "station_id": record["station_id"],
        "schema_version": record["schema_version"],
        "app_version": record["app_version"],
        "started_at": started_at,
        "ended_at": parse_utc(record["ended_at"]),
        "day": started_at.astimezone(timezone).date(),
        "mode": record["mode"],
        "occupation_id": record["occupation_id"],
        "language": record["language"],
        "outcome": record["outcome"],
        "rating": None if record["rating"] is None else int(record["rating"]),
        # Again on the server: a station with old software may not have redacted it.
        "comment": None if comment is None else (redact_personal_data(comment.strip()) or None),
        "interview": record["interview"],
        "received_at": now,
        "task_kind": task.get("kind"),
        "task_completed": task.get("completed"),
        # JSON may carry a whole number as 3.0; the column is an integer.
        "task_hints_used": None if task.get("hints_used") is None else int(task["hints_used"]),
        "task_duration_s": None if task.get("duration_s") is None else float(task["duration_s"]),
    }
