"""The chip counts per month, summed from the daily chip counts a center already has.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_KEY = ("station", "occupation", "language", "month", "kind", "chip_id")


def upgrade() -> None:
    """Create ``monthly_chips`` and fill it from ``daily_chips``.

    A month's counts are the sums of its days' counts, so one INSERT … SELECT gives exactly what
    a rebuild from the records would (seconds for two million records, where a rebuild takes
    most of an hour).
    """
    op.create_table(
        "monthly_chips",
        sa.Column("station", sa.String(64), nullable=False),
        sa.Column("occupation", sa.String(64), nullable=False),
        sa.Column("language", sa.String(3), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("chip_id", sa.String(64), nullable=False),
        sa.Column("taps", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*_KEY, name=op.f("pk_monthly_chips")),
    )
    # SQLite keeps dates as 'YYYY-MM-DD' text; both give a month's first day in the column's form.
    month = ("CAST(date_trunc('month', day) AS DATE)"
             if op.get_bind().dialect.name == "postgresql" else "date(day, 'start of month')")
    op.execute(f"INSERT INTO monthly_chips ({', '.join(_KEY)}, taps) "
               f"SELECT station, occupation, language, {month}, kind, chip_id, SUM(taps) "
               f"FROM daily_chips GROUP BY station, occupation, language, {month}, kind, chip_id")


def downgrade() -> None:
    """Drop the monthly chip counts (the daily ones still hold them)."""
    op.drop_table("monthly_chips")
