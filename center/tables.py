"""The center's database tables (SQLAlchemy Core).

Migrations in ``migrations/`` create them; ``test_migrations`` checks that the two agree on
SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every database (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store ``value`` as UTC; a naive datetime is refused (ValueError)."""
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: the center stores aware UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """The stored time as an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


session_records = Table(
    "session_records", metadata,
    Column("session_id", String(36), primary_key=True),
    Column("station_id", String(64), nullable=False),
    Column("schema_version", SmallInteger, nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime, nullable=False),
    # The day the session started in the center's time zone: what the dashboard counts by.
    Column("day", Date, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("occupation_id", String(64)),
    Column("language", String(3), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("rating", SmallInteger),
    Column("comment", Text),
    Column("interview", JSON),
    Column("received_at", UtcDateTime, nullable=False),
    # The hands-on task's figures (issue 20), never what the visitor picked; NULL in the records
    # of stations from before the tasks, and in sessions without a task.
    Column("task_kind", String(16)),  # find, sort, sequence or choose
    Column("task_completed", Boolean),
    Column("task_hints_used", SmallInteger),
    Column("task_duration_s", Float),
    Index(None, "day", "station_id"),
    Index(None, "started_at"),
    # For the newest comments of one station, occupation or language (``stats._comments``).
    Index(None, "station_id", "day"),
    Index(None, "occupation_id", "day"),
    Index(None, "language", "day"),
)

session_chips = Table(
    "session_chips", metadata,
    Column("session_id", String(36), ForeignKey("session_records.session_id", ondelete="CASCADE"),
           primary_key=True),
    Column("kind", String(16), primary_key=True),  # worked or not_worked
    Column("chip_id", String(64), primary_key=True),
    # Where the chip stood in the record's list, so an export gives back the same list.
    Column("position", SmallInteger, nullable=False),
    Index(None, "kind", "chip_id"),
)

stations = Table(
    "stations", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),  # the station_id of its records
    # SHA-256 (hex) of the station's token; the token is shown once and never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    Column("last_seen_at", UtcDateTime),  # the station's last delivery
)

# Content staff edit on the dashboard (content_store.py). A published version is the whole
# content tree; its files' bodies are kept once per SHA-256 (most files stay the same from one
# version to the next). Drafts lie over the newest version until they are published.
content_blobs = Table(
    "content_blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("body", LargeBinary, nullable=False),
)

content_versions = Table(
    "content_versions", metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("published_at", UtcDateTime, nullable=False),
    Column("published_by", String(64), nullable=False),
    Column("comment", String(500), nullable=False),
    # SHA-256 of the version's manifest (every path with its file's SHA-256): the ETag stations see.
    Column("manifest_sha256", String(64), nullable=False),
    Column("restored_from", Integer),  # a rollback: the version published again
)

content_version_files = Table(
    "content_version_files", metadata,
    Column("number", Integer, ForeignKey("content_versions.number", ondelete="CASCADE"),
           primary_key=True),
    Column("path", String(200), primary_key=True),
    Column("sha256", String(64), ForeignKey("content_blobs.sha256"), nullable=False),
)

content_drafts = Table(
    "content_drafts", metadata,
    Column("path", String(200), primary_key=True),
    Column("sha256", String(64), ForeignKey("content_blobs.sha256"), nullable=False),
    Column("saved_by", String(64), nullable=False),
    Column("saved_at", UtcDateTime, nullable=False),
)

ALL = "*"
"""In ``daily_figures`` and ``daily_chips``: this column is summed over all its values."""
NO_OCCUPATION = ""
"""In ``daily_figures`` and ``daily_chips``: sessions in which no occupation was chosen."""

FIGURE_COUNTS = ("sessions", "interviews", "completed", "abandoned", "timed_out", "rating_1",
                 "rating_2", "rating_3", "rating_4", "rating_5", "comments", "interview_reports",
                 "questions_asked", "questions_answered", "tasks", "tasks_completed", "task_hints")
"""Whole-number columns of ``daily_figures``: sums of sessions (or of their figures)."""
FIGURE_SUMS = ("speaking_s", "pace_words", "pace_minutes", "filler_words", "filler_minutes",
               "structured_answers", "structure_rated_answers", "eye_contact_s", "eye_tracked_s",
               "task_duration_s")
"""Decimal columns of ``daily_figures``: sums from which averages are taken (see figures.py)."""

# Pre-aggregated daily figures (figures.py keeps them current at ingest). A session counts in
# eight rows of a day: every combination of its station, occupation and language with ALL in
# their place, so any filter and breakdown of the dashboard reads a few hundred rows, not the
# records. The primary key and the two indexes put a filter's columns before ``day`` and the
# broken-down column after it.
daily_figures = Table(
    "daily_figures", metadata,
    Column("station", String(64), primary_key=True),
    Column("occupation", String(64), primary_key=True),
    Column("language", String(3), primary_key=True),
    Column("day", Date, primary_key=True),
    *[Column(name, Integer, nullable=False, server_default="0") for name in FIGURE_COUNTS],
    *[Column(name, Float, nullable=False, server_default="0") for name in FIGURE_SUMS],
    Index(None, "occupation", "language", "day", "station"),
    Index(None, "station", "language", "day", "occupation"),
)

# The same sums per calendar month (``month`` is its first day): a period of two years reads 24
# months and the days of the two months it cuts into, not 730 days (issue 17: the breakdowns by
# station and occupation over 730 days read 30,000 rows and took 150 ms and more).
monthly_figures = Table(
    "monthly_figures", metadata,
    Column("station", String(64), primary_key=True),
    Column("occupation", String(64), primary_key=True),
    Column("language", String(3), primary_key=True),
    Column("month", Date, primary_key=True),
    *[Column(name, Integer, nullable=False, server_default="0") for name in FIGURE_COUNTS],
    *[Column(name, Float, nullable=False, server_default="0") for name in FIGURE_SUMS],
    Index(None, "occupation", "language", "month", "station"),
    Index(None, "station", "language", "month", "occupation"),
)

daily_chips = Table(
    "daily_chips", metadata,
    Column("station", String(64), primary_key=True),
    Column("occupation", String(64), primary_key=True),
    Column("language", String(3), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("chip_id", String(64), primary_key=True),
    Column("taps", Integer, nullable=False),
)

staff_users = Table(
    "staff_users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(32), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("disabled_at", UtcDateTime),
)

# Failed logins by the user name typed, whether or not such an account exists: the lockout then
# looks the same for every name and tells nobody which accounts exist.
login_failures = Table(
    "login_failures", metadata,
    Column("username", String(64), primary_key=True),
    # Logins tried since the last success or the end of the last lock, counted before the
    # password is checked, so parallel attempts cannot slip past the limit.
    Column("failures", Integer, nullable=False),
    Column("locked_until", UtcDateTime),
    Column("last_attempt_at", UtcDateTime, nullable=False),
    Index(None, "last_attempt_at"),
)

login_sessions = Table(
    "login_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Index(None, "user_id"),
)

center_settings = Table(
    "center_settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

# The newest heartbeat of each station (only the latest matters: a station sends one a minute).
# No personal data: versions, modes, counts and the station's last error message.
station_health = Table(
    "station_health", metadata,
    Column("station", String(64), primary_key=True),
    Column("received_at", UtcDateTime, nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("content_version", String(80), nullable=False),
    Column("runtime_mode", String(16), nullable=False),  # xr, desktop or headless
    Column("headset_state", String(32), nullable=False),
    Column("microphone_present", Boolean, nullable=False),
    Column("outbox_pending", Integer, nullable=False),
    Column("last_error", String(300)),
)

# A visitor's call for help (the "Hilfe holen" button, or staff's key on the station): which
# station and which step, never who. The station names the call (``call_id``) so that a call it
# resends after a lost answer is stored once.
help_calls = Table(
    "help_calls", metadata,
    Column("call_id", String(36), primary_key=True),
    Column("station", String(64), nullable=False),
    Column("step", String(32), nullable=False),
    Column("called_at", UtcDateTime, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("acknowledged_at", UtcDateTime),
    Column("acknowledged_by", String(64)),
    Index(None, "acknowledged_at", "called_at"),
    Index(None, "station", "called_at"),
)
