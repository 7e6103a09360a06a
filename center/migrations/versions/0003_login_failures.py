"""Failed logins by the name typed (any name), instead of counters on the accounts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create login_failures; the accounts' own counters go (a lock in progress ends)."""
    op.create_table(
        "login_failures",
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", _UTC_TIME, nullable=True),
        sa.Column("last_attempt_at", _UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_login_failures")),
    )
    op.create_index(op.f("ix_login_failures_last_attempt_at"), "login_failures",
                    ["last_attempt_at"])
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("failed_logins")
        batch.drop_column("locked_until")


def downgrade() -> None:
    """Put the accounts' counters back (unlocked) and drop login_failures."""
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0",
                                   nullable=False))
        batch.add_column(sa.Column("locked_until", _UTC_TIME, nullable=True))
    op.drop_index(op.f("ix_login_failures_last_attempt_at"), "login_failures")
    op.drop_table("login_failures")
