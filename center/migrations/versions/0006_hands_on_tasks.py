"""The hands-on task's figures in the session records and in the daily and monthly figures.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_RECORD_COLUMNS = (("task_kind", sa.String(16)), ("task_completed", sa.Boolean()),
                   ("task_hints_used", sa.SmallInteger()), ("task_duration_s", sa.Float()))
_COUNTS = ("tasks", "tasks_completed", "task_hints")
_SUMS = ("task_duration_s",)


def upgrade() -> None:
    """Add the columns; the records stored so far get NULL and their figures 0.

    No rebuild of the figures: no record stored before this version has task figures (the
    center did not keep them), so 0 is already their sum.
    """
    for name, type_ in _RECORD_COLUMNS:
        op.add_column("session_records", sa.Column(name, type_, nullable=True))
    for table in ("daily_figures", "monthly_figures"):
        for name in _COUNTS:
            op.add_column(table, sa.Column(name, sa.Integer(), server_default="0",
                                           nullable=False))
        for name in _SUMS:
            op.add_column(table, sa.Column(name, sa.Float(), server_default="0", nullable=False))


def downgrade() -> None:
    """Drop the columns (the task figures of the records are lost)."""
    for table in ("daily_figures", "monthly_figures"):
        for name in (*_COUNTS, *_SUMS):
            op.drop_column(table, name)
    for name, _type in _RECORD_COLUMNS:
        op.drop_column("session_records", name)
