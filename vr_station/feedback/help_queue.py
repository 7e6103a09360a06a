"""Help calls waiting for the center, on disk, so a call made while the center is away is not lost.

Like the outbox (``outbox.py``): SQLite in the station's data directory, private to the
station's user, every write synced before it returns. A call is kept until the center has
confirmed it and staff acknowledged it, or until it is ``MAX_AGE`` old: a call for help
matters today, and the center still learns of it (with its time) when the station was
offline for an afternoon, but a call from last week only clutters the dashboard.
Only the station's network lane uses it (one thread).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from visit_record.private_files import create_private_file
from vr_station.feedback.health_messages import HelpCall

HELP_QUEUE_FILE = "help_calls.sqlite3"
MAX_AGE = timedelta(hours=24)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS help_calls (
    call_id TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    step TEXT NOT NULL,
    called_at TEXT NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0
);
"""


class HelpQueue:
    """The station's help calls not yet delivered or not yet acknowledged."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private_file(path)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def add(self, call: HelpCall) -> None:
        """Keep ``call`` until the center has it (synced before this returns)."""
        self._db.execute("INSERT OR IGNORE INTO help_calls (call_id, station_id, step, called_at) "
                         "VALUES (?, ?, ?, ?)",
                         (call.call_id, call.station_id, call.step, call.called_at.isoformat()))

    def undelivered(self, now: datetime) -> list[HelpCall]:
        """Calls the center has not confirmed, oldest first; calls past ``MAX_AGE`` are dropped."""
        self._db.execute("DELETE FROM help_calls WHERE called_at < ?",
                         ((now - MAX_AGE).astimezone(UTC).isoformat(),))
        rows = self._db.execute("SELECT call_id, station_id, step, called_at FROM help_calls "
                                "WHERE delivered = 0 ORDER BY called_at").fetchall()
        return [HelpCall(r[0], r[1], r[2], datetime.fromisoformat(r[3])) for r in rows]

    def delivered(self, call_id: str) -> None:
        """The center confirmed the call."""
        self._db.execute("UPDATE help_calls SET delivered = 1 WHERE call_id = ?", (call_id,))

    def awaiting(self) -> list[str]:
        """Delivered calls staff have not acknowledged yet (the heartbeat asks about them)."""
        return [r[0] for r in self._db.execute(
            "SELECT call_id FROM help_calls WHERE delivered = 1 "
            "ORDER BY called_at DESC LIMIT 20")]

    def acknowledged(self, call_ids: list[str]) -> None:
        """Staff acknowledged these calls: nothing more to ask about them; forget them."""
        self._db.executemany("DELETE FROM help_calls WHERE call_id = ?", [(i,) for i in call_ids])
