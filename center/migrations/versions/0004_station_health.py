"""Stations' heartbeats and visitors' help calls (issue 16).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create station_health (one row per station) and help_calls."""
    op.create_table(
        "station_health",
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("received_at", _UTC_TIME, nullable=False),
        sa.Column("app_version", sa.String(40), nullable=False),
        sa.Column("content_version", sa.String(80), nullable=False),
        sa.Column("runtime_mode", sa.String(16), nullable=False),
        sa.Column("headset_state", sa.String(32), nullable=False),
        sa.Column("microphone_present", sa.Boolean(), nullable=False),
        sa.Column("outbox_pending", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("station", name=op.f("pk_station_health")),
    )
    op.create_table(
        "help_calls",
        sa.Column("call_id", sa.String(36), nullable=False),
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("called_at", _UTC_TIME, nullable=False),
        sa.Column("received_at", _UTC_TIME, nullable=False),
        sa.Column("acknowledged_at", _UTC_TIME, nullable=True),
        sa.Column("acknowledged_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("call_id", name=op.f("pk_help_calls")),
    )
    op.create_index(op.f("ix_help_calls_acknowledged_at_called_at"), "help_calls",
                    ["acknowledged_at", "called_at"])
    op.create_index(op.f("ix_help_calls_station_called_at"), "help_calls",
                    ["station", "called_at"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index(op.f("ix_help_calls_station_called_at"), "help_calls")
    op.drop_index(op.f("ix_help_calls_acknowledged_at_called_at"), "help_calls")
    op.drop_table("help_calls")
    op.drop_table("station_health")
