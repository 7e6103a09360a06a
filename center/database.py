"""Connect to the center's database and bring its schema up to date (Alembic).

SQLite (the default: one file, nothing to set up) runs in WAL mode with ``synchronous=FULL``:
the server answers a station only after the records are on disk, because the station deletes
them on that answer. Writers take the lock up front (``BEGIN IMMEDIATE``) so concurrent
requests queue on ``busy_timeout`` instead of failing. The write-ahead log is kept small: under
a steady ingest some reader always holds a snapshot, SQLite's own (passive) checkpoints never
get to the log's end, and the log grew to 5.3 GB beside a 305 MB database (issue 17). So a
writer that leaves the log over ``WAL_CHECKPOINT_BYTES`` runs a TRUNCATE checkpoint, with this
process's writers held back, which waits the few milliseconds until the readers move on.
PostgreSQL needs nothing special; any number of stateless server instances can share it.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from center.settings import SettingsError

log = logging.getLogger(__name__)

WRITE = {"center_write": True}
"""Execution options for a connection that will write (``engine.connect().execution_options(**WRITE)``)."""

_SQLITE_BUSY_TIMEOUT_MS = 30_000
WAL_CHECKPOINT_BYTES = 32 * 1024 * 1024
"""A write that leaves the SQLite log larger than this checkpoints it back to zero bytes."""
_CHECKPOINT_BUSY_TIMEOUT_MS = 5_000
"""How long a checkpoint waits for readers of an older snapshot; if in vain, the next write tries."""
_MIGRATION_LOCK_ID = 0x76726374  # "vrct": one migrating instance at a time on PostgreSQL


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite or PostgreSQL), set up as the module docstring says.

    Raises SettingsError, naming ``--db``, for a URL the center cannot use.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(f"--db: „{url}“ ist keine Datenbank-URL (sqlite:///PFAD oder "
                            "postgresql+psycopg://BENUTZER:PASSWORT@HOST/DATENBANK)") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    raise SettingsError(f"--db: {parsed.get_backend_name()} wird nicht unterstützt; bitte SQLite "
                        "oder PostgreSQL verwenden.")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if not database or database == ":memory:":
        raise SettingsError("--db: SQLite braucht eine Datei (sqlite:///PFAD); eine Datenbank im "
                            "Arbeitsspeicher verlöre bei jedem Neustart alle Datensätze.")
    path = Path(database).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    wal = path.with_name(path.name + "-wal")
    engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling off: SQLAlchemy's "begin" event below decides.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    # Writers of this process queue on a lock before they ask SQLite for its write lock.
    # SQLite's busy handler polls with growing sleeps, so under load one writer can wait
    # seconds while others get through (measured p99 2.5 s for batches of 200, 4 stations).
    writer = threading.Lock()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        if connection.get_execution_options().get("center_write", False):
            writer.acquire()
            connection.info["center_writer"] = True
            connection.info["center_wrote"] = True
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException:
                _release(connection)
                raise
        else:
            connection.exec_driver_sql("BEGIN")

    def _release(connection: Connection) -> None:
        if connection.info.pop("center_writer", False):
            writer.release()

    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)

    @event.listens_for(engine, "checkin")
    def _bound_the_log(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is None or not record.info.pop("center_wrote", False):
            return
        try:
            size = os.stat(wal).st_size
        except OSError:
            return
        if size > WAL_CHECKPOINT_BYTES:
            with writer:
                checkpoint(dbapi_connection, _CHECKPOINT_BUSY_TIMEOUT_MS)

    return engine


def checkpoint(dbapi_connection: Any, busy_timeout_ms: int) -> bool:
    """Copy the SQLite log into the database and truncate it; False when readers kept it busy.

    Outside a transaction, on a raw connection of ``make_engine``'s (``isolation_level=None``).
    """
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        busy, frames, copied = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()
    if busy:
        log.warning("database: the write-ahead log could not be checkpointed (%d of %d pages "
                    "copied; readers busy); the next write tries again", copied, frames)
    return not busy


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration for the center's migrations, run on ``connection``."""
    config = Config()
    config.set_main_option("script_location", "center:migrations")
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration; safe to run from several instances at once."""
    with engine.connect().execution_options(**WRITE) as connection:
        if engine.dialect.name == "postgresql":
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
        try:
            command.upgrade(alembic_config(connection), "head")
            if connection.in_transaction():
                connection.commit()
            # Still under the migration lock: another instance starting now waits for the sums.
            from center.figures import rebuild_if_pending

            rebuild_if_pending(engine)
        finally:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _MIGRATION_LOCK_ID})
                connection.commit()


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at; None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
