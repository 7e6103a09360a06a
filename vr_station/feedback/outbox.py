"""The station's log of session records not yet confirmed by the center (SQLite).

A record is committed the moment the visitor submits it; ``submit`` returns only after SQLite
has synced the write-ahead log (``journal_mode=WAL``, ``synchronous=FULL``), so a power cut or
``kill -9`` right after it cannot lose the record. The sender deletes records once the center
has confirmed them: the station keeps nothing it no longer needs. ``secure_delete`` zeroes the
freed pages, and a checkpoint (``wal_checkpoint(TRUNCATE)``) after every delete empties the
write-ahead log, which would otherwise hold the record's old pages until SQLite's next automatic
checkpoint (measured: a delivered comment stayed readable in ``outbox.sqlite3-wal``). The files
are private to the station's user (0600; a user-only ACL on Windows).

A station without a center keeps records only ``retention_days`` (``expire``). A visit under way
is noted in ``open_visits`` as the record it would leave if it were abandoned now; a crash leaves
that note behind, and the next start turns it into an abandoned visit (``recover_open_visits``).

Several processes may open the same file (the station and ``vr-station outbox flush``): SQLite
serialises their writes, and the center's de-duplication by session id makes a record sent by
both count once.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from visit_record.private_files import create_private_file, restrict
from visit_record.record import SessionRecord

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite3"
_SCHEMA_VERSION = 2
_BUSY_TIMEOUT_MS = 10_000
_MAX_ERROR_CHARS = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    submitted_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    rejected_reason TEXT,
    lone_failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS records_by_state ON records (state, seq);
CREATE TABLE IF NOT EXISTS delivery (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    delivered_total INTEGER NOT NULL DEFAULT 0,
    duplicates_total INTEGER NOT NULL DEFAULT 0,
    last_attempt_at REAL,
    last_success_at REAL,
    last_error TEXT
);
INSERT OR IGNORE INTO delivery (id) VALUES (1);
CREATE TABLE IF NOT EXISTS open_visits (
    session_id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    noted_at REAL NOT NULL
);
"""


class OutboxError(RuntimeError):
    """The outbox database cannot be used; the message names the file and what to do."""


@dataclass(frozen=True)
class OutboxEntry:
    """One record waiting in the outbox."""

    session_id: str
    body: str
    """The record's JSON text, exactly as submitted."""
    attempts: int
    """Deliveries tried so far."""


@dataclass(frozen=True)
class OutboxStatus:
    """What ``vr-station outbox status`` shows: records waiting or refused, and how delivery went."""

    database: Path
    pending: int
    """Records waiting for the center."""
    rejected: int
    """Records set aside: the center refused them as invalid, or failed on each of them alone
    while other records got through; kept, retried only on request."""
    oldest_pending_at: datetime | None
    delivered_total: int
    """Records the center confirmed since this database was created."""
    duplicates_total: int
    """Of those, records the center already had (a resend after a lost answer)."""
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    """Why the last delivery failed; None after a success."""


class Outbox:
    """Thread-safe: the app submits from a worker thread while the sender reads and deletes."""

    def __init__(self, path: Path, wall_clock: Callable[[], float] = time.time):
        """Open (or create) the outbox at ``path``.

        ``wall_clock`` is the station's calendar time in seconds since the epoch; records are
        stamped with it and ``expire`` measures their age with it.
        """
        self.path = path
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        self._connection = _open(path)

    def __enter__(self) -> Outbox:
        """The outbox; leaving the ``with`` block closes it."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the outbox, whether or not the block raised."""
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._connection.close()

    def submit(self, record: SessionRecord) -> bool:
        """Store ``record`` durably; False when a record with its session id is already here.

        Blocks for one synced commit (about a millisecond on an SSD): call it off the render
        thread. Raises OutboxError when the disk refuses the write.
        """
        body = record.to_json_text()
        with self._write() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO records (session_id, body, submitted_at) VALUES (?, ?, ?)",
                (str(record.session_id), body, self._wall_clock()))
            stored = cursor.rowcount == 1
        for listener in list(self._listeners):
            listener()
        return stored

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` (on the submitting thread) after each submit in this process.

        Returns the function that unsubscribes it. The sender uses it to deliver at once.
        """
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def pending(self, limit: int, include_rejected: bool = False) -> list[OutboxEntry]:
        """The oldest ``limit`` records waiting for delivery."""
        states = ("pending", "rejected") if include_rejected else ("pending", "pending")
        with self._read() as db:
            rows = db.execute(
                "SELECT session_id, body, attempts FROM records WHERE state IN (?, ?) "
                "ORDER BY seq LIMIT ?", (*states, limit)).fetchall()
        return [OutboxEntry(*row) for row in rows]

    def acknowledge(self, session_ids: Sequence[str], duplicates: int) -> int:
        """The center holds these records now: delete them (no copy stays in the WAL).

        Returns how many were deleted.
        """
        now = self._wall_clock()
        with self._write() as db:
            deleted = 0
            for chunk in _chunks(session_ids, 500):
                marks = ",".join("?" * len(chunk))
                deleted += db.execute(f"DELETE FROM records WHERE session_id IN ({marks})",
                                      chunk).rowcount
            db.execute(
                "UPDATE delivery SET delivered_total = delivered_total + ?, "
                "duplicates_total = duplicates_total + ?, last_attempt_at = ?, "
                "last_success_at = ?, last_error = NULL WHERE id = 1",
                (deleted, min(duplicates, deleted), now, now))
        self._checkpoint()
        return deleted

    def expire(self, max_age_s: float) -> int:
        """Delete the records submitted more than ``max_age_s`` ago; returns how many.

        For a station without a center: nobody will ever fetch them, and a visitor's comment
        must not stay forever. Logged, with the count, when anything was deleted.
        """
        cutoff = self._wall_clock() - max_age_s
        with self._write() as db:
            deleted = db.execute("DELETE FROM records WHERE submitted_at < ?", (cutoff,)).rowcount
        if deleted:
            self._checkpoint()
            log.warning("feedback: deleted %d record(s) older than %.0f day(s) that no center "
                        "collected (%s)", deleted, max_age_s / 86400, self.path)
        return deleted

    def note_open_visit(self, record: SessionRecord) -> None:
        """A visit is under way: ``record`` is what it leaves if the station dies before it ends.

        Called again as the visit goes on (the later note replaces the earlier one).
        """
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO open_visits (session_id, body, noted_at) "
                       "VALUES (?, ?, ?)",
                       (str(record.session_id), record.to_json_text(), self._wall_clock()))

    def close_open_visit(self, session_id: str) -> None:
        """The visit ended the ordinary way (its own record, if any, is submitted): drop the note."""
        with self._write() as db:
            closed = db.execute("DELETE FROM open_visits WHERE session_id = ?",
                                (session_id,)).rowcount
        if closed:
            self._checkpoint()

    def recover_open_visits(self) -> list[str]:
        """Turn the notes of visits a crash interrupted into records; returns their session ids.

        A note whose visit also has a record already (it ended, then the station died before the
        note was dropped) only goes away. Call it once at start-up, before any visit begins.
        """
        with self._write() as db:
            rows = db.execute("SELECT session_id, body, noted_at FROM open_visits").fetchall()
            recovered = []
            for session_id, body, noted_at in rows:
                if db.execute("INSERT OR IGNORE INTO records (session_id, body, submitted_at) "
                              "VALUES (?, ?, ?)", (session_id, body, noted_at)).rowcount:
                    recovered.append(session_id)
            db.execute("DELETE FROM open_visits")
        if rows:
            self._checkpoint()
        for session_id in recovered:
            log.warning("feedback: visit %s was interrupted (the station stopped during it); "
                        "recorded as abandoned", session_id)
        return recovered

    def note_attempt_failed(self, session_ids: Sequence[str], message: str) -> None:
        """A delivery of these records failed (``message`` says why): count the attempt, keep them."""
        with self._write() as db:
            for chunk in _chunks(session_ids, 500):
                marks = ",".join("?" * len(chunk))
                db.execute(f"UPDATE records SET attempts = attempts + 1 "
                           f"WHERE session_id IN ({marks})", chunk)
            db.execute("UPDATE delivery SET last_attempt_at = ?, last_error = ? WHERE id = 1",
                       (self._wall_clock(), message[:_MAX_ERROR_CHARS]))

    def note_lone_failure(self, session_id: str, message: str) -> int:
        """Count a failure of this record sent alone while others got through; returns the count.

        ``message`` (why it failed) becomes the outbox's last error.
        """
        with self._write() as db:
            db.execute("UPDATE records SET attempts = attempts + 1, "
                       "lone_failures = lone_failures + 1 WHERE session_id = ?", (session_id,))
            row = db.execute("SELECT lone_failures FROM records WHERE session_id = ?",
                             (session_id,)).fetchone()
            db.execute("UPDATE delivery SET last_attempt_at = ?, last_error = ? WHERE id = 1",
                       (self._wall_clock(), message[:_MAX_ERROR_CHARS]))
        return int(row[0]) if row else 0

    def reject(self, session_id: str, reason: str) -> None:
        """Set this record aside: keep it, but stop sending it.

        For a record the center refused as invalid, or kept failing on alone.
        """
        with self._write() as db:
            db.execute("UPDATE records SET state = 'rejected', rejected_reason = ?, "
                       "attempts = attempts + 1 WHERE session_id = ?",
                       (reason[:_MAX_ERROR_CHARS], session_id))
        log.error("feedback: the center refused record %s: %s (kept in %s; see "
                  "'vr-station outbox status')", session_id, reason, self.path)

    def rejected(self) -> list[tuple[str, str]]:
        """(session id, the center's reason) of every rejected record."""
        with self._read() as db:
            rows = db.execute("SELECT session_id, COALESCE(rejected_reason, '') FROM records "
                              "WHERE state = 'rejected' ORDER BY seq").fetchall()
        return [(row[0], row[1]) for row in rows]

    def status(self) -> OutboxStatus:
        """Counts and delivery times for staff (``vr-station outbox status``)."""
        with self._read() as db:
            counts = dict(db.execute("SELECT state, COUNT(*) FROM records GROUP BY state").fetchall())
            oldest = db.execute("SELECT MIN(submitted_at) FROM records WHERE state = 'pending'"
                                ).fetchone()[0]
            row = db.execute("SELECT delivered_total, duplicates_total, last_attempt_at, "
                             "last_success_at, last_error FROM delivery WHERE id = 1").fetchone()
        return OutboxStatus(
            database=self.path, pending=counts.get("pending", 0),
            rejected=counts.get("rejected", 0), oldest_pending_at=_time(oldest),
            delivered_total=row[0], duplicates_total=row[1], last_attempt_at=_time(row[2]),
            last_success_at=_time(row[3]), last_error=row[4])

    def _checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it, so deleted rows leave no copy there.

        Another process reading at this moment keeps the WAL busy; the next delete (or SQLite's
        own checkpoint) then empties it.
        """
        with self._lock:
            try:
                busy = self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.Error as exc:
                log.warning("feedback: %s: checkpoint failed: %s", self.path, exc)
                return
        if busy:
            log.info("feedback: %s: the WAL is in use by another reader; it is emptied at the "
                     "next checkpoint", self.path)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # BEGIN IMMEDIATE takes the write lock up front, so a second process waits for it
        # (busy_timeout) instead of failing halfway through the transaction.
        with self._lock:
            db = self._connection
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise OutboxError(f"{self.path}: cannot write the feedback outbox: {exc}") from exc

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._connection
            except sqlite3.Error as exc:
                raise OutboxError(f"{self.path}: cannot read the feedback outbox: {exc}") from exc


def _open(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _make_private(path)
    except OSError as exc:
        raise OutboxError(f"{path.parent}: cannot create the data directory for the feedback "
                          f"outbox: {exc.strerror or exc}") from exc
    try:
        return _connect(path)
    except sqlite3.DatabaseError as exc:
        if not _is_corrupt(exc):
            raise OutboxError(f"{path}: cannot open the feedback outbox: {exc}") from exc
    # A damaged file is kept for recovery, never deleted; the station carries on with a new one.
    aside = path.with_name(f"{path.name}.damaged-{datetime.now(UTC):%Y%m%dT%H%M%SZ}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(aside.with_name(aside.name + suffix))
    log.error("feedback: %s was damaged; moved it to %s and started a new outbox", path, aside)
    try:
        _make_private(path)
        return _connect(path)
    except (sqlite3.Error, OSError) as exc:
        raise OutboxError(f"{path}: cannot create the feedback outbox: {exc}") from exc


def _make_private(path: Path) -> None:
    """Create the database file private before SQLite opens it.

    SQLite gives the ``-wal`` and ``-shm`` files the database file's mode (``robust_open`` in
    os_unix.c), so a private database gets a private WAL whatever the umask. Files an older
    version left readable are made private too. On Windows the folder's user-only ACL is what
    new ``-wal``/``-shm`` files inherit.
    """
    if sys.platform == "win32":
        restrict(path.parent, directory=True)
    create_private_file(path)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            restrict(companion)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                         timeout=_BUSY_TIMEOUT_MS / 1000)
    try:
        db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise sqlite3.DatabaseError(f"the file system does not support WAL (journal_mode={mode})")
        # FULL: every commit syncs the WAL, so a committed record survives a power cut.
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA secure_delete = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            raise OutboxError(f"{path}: written by a newer station version (outbox schema "
                              f"{version}); update the station software")
        if version == 1:
            _add_lone_failures(db)
        db.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}\nPRAGMA user_version = {_SCHEMA_VERSION};\n"
                         "COMMIT;")
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
    except BaseException:
        db.close()
        raise
    return db


def _add_lone_failures(db: sqlite3.Connection) -> None:
    """Upgrade a version 1 outbox (CREATE TABLE IF NOT EXISTS leaves its table as it was).

    Another process opening the same file may have added the column a moment ago.
    """
    try:
        db.executescript("BEGIN IMMEDIATE;\nALTER TABLE records ADD COLUMN lone_failures INTEGER "
                         "NOT NULL DEFAULT 0;\nPRAGMA user_version = 2;\nCOMMIT;")
    except sqlite3.OperationalError as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        if "duplicate column" not in str(exc):
            raise


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _time(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])
