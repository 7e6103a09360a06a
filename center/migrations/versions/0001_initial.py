"""Session records, stations, staff and their logins.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported from center.tables: a migration describes the schema as it
# was at this revision, whatever the tables look like later.
_UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables: settings, session records and their chips, stations, staff, logins."""
    op.create_table(
        "center_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_center_settings")),
    )
    op.create_table(
        "session_records",
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(64), nullable=False),
        sa.Column("schema_version", sa.SmallInteger(), nullable=False),
        sa.Column("app_version", sa.String(40), nullable=False),
        sa.Column("started_at", _UTC_TIME, nullable=False),
        sa.Column("ended_at", _UTC_TIME, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("occupation_id", sa.String(64), nullable=True),
        sa.Column("language", sa.String(3), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("interview", sa.JSON(), nullable=True),
        sa.Column("received_at", _UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_session_records")),
    )
    op.create_index(op.f("ix_session_records_day_station_id"), "session_records",
                    ["day", "station_id"])
    op.create_index(op.f("ix_session_records_started_at"), "session_records", ["started_at"])
    op.create_table(
        "session_chips",
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("chip_id", sa.String(64), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["session_records.session_id"],
                                name=op.f("fk_session_chips_session_id_session_records"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", "kind", "chip_id", name=op.f("pk_session_chips")),
    )
    op.create_index(op.f("ix_session_chips_kind_chip_id"), "session_chips", ["kind", "chip_id"])
    op.create_table(
        "stations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("revoked_at", _UTC_TIME, nullable=True),
        sa.Column("last_seen_at", _UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
        sa.UniqueConstraint("name", name=op.f("uq_stations_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_stations_token_hash")),
    )
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("disabled_at", _UTC_TIME, nullable=True),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", _UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_users_username")),
    )
    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("last_seen_at", _UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["staff_users.id"],
                                name=op.f("fk_login_sessions_user_id_staff_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_sessions")),
    )
    op.create_index(op.f("ix_login_sessions_user_id"), "login_sessions", ["user_id"])


def downgrade() -> None:
    """Drop every table of the center, the ones that others refer to last."""
    op.drop_table("login_sessions")
    op.drop_table("staff_users")
    op.drop_table("stations")
    op.drop_table("session_chips")
    op.drop_table("session_records")
    op.drop_table("center_settings")
