"""Pre-aggregated daily and monthly figures for the dashboard, and indexes for its comment lists.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_KEY = ("station", "occupation", "language", "day")
_COUNTS = ("sessions", "interviews", "completed", "abandoned", "timed_out", "rating_1", "rating_2",
           "rating_3", "rating_4", "rating_5", "comments", "interview_reports", "questions_asked",
           "questions_answered")
_SUMS = ("speaking_s", "pace_words", "pace_minutes", "filler_words", "filler_minutes",
         "structured_answers", "structure_rated_answers", "eye_contact_s", "eye_tracked_s")


def _key_columns(period: str = "day") -> list[sa.Column]:
    return [sa.Column("station", sa.String(64), nullable=False),
            sa.Column("occupation", sa.String(64), nullable=False),
            sa.Column("language", sa.String(3), nullable=False),
            sa.Column(period, sa.Date(), nullable=False)]


def upgrade() -> None:
    """Create the figure tables (empty) and ask ``migrate`` to sum the stored records into them."""
    op.create_table(
        "daily_figures", *_key_columns(),
        *[sa.Column(name, sa.Integer(), server_default="0", nullable=False) for name in _COUNTS],
        *[sa.Column(name, sa.Float(), server_default="0", nullable=False) for name in _SUMS],
        sa.PrimaryKeyConstraint(*_KEY, name=op.f("pk_daily_figures")),
    )
    op.create_index(op.f("ix_daily_figures_occupation_language_day_station"), "daily_figures",
                    ["occupation", "language", "day", "station"])
    op.create_index(op.f("ix_daily_figures_station_language_day_occupation"), "daily_figures",
                    ["station", "language", "day", "occupation"])
    op.create_table(
        "monthly_figures", *_key_columns("month"),
        *[sa.Column(name, sa.Integer(), server_default="0", nullable=False) for name in _COUNTS],
        *[sa.Column(name, sa.Float(), server_default="0", nullable=False) for name in _SUMS],
        sa.PrimaryKeyConstraint("station", "occupation", "language", "month",
                                name=op.f("pk_monthly_figures")),
    )
    op.create_index(op.f("ix_monthly_figures_occupation_language_month_station"),
                    "monthly_figures", ["occupation", "language", "month", "station"])
    op.create_index(op.f("ix_monthly_figures_station_language_month_occupation"),
                    "monthly_figures", ["station", "language", "month", "occupation"])
    op.create_table(
        "daily_chips", *_key_columns(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("chip_id", sa.String(64), nullable=False),
        sa.Column("taps", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*_KEY, "kind", "chip_id", name=op.f("pk_daily_chips")),
    )
    for columns in (["station_id", "day"], ["occupation_id", "day"], ["language", "day"]):
        op.create_index(op.f(f"ix_session_records_{'_'.join(columns)}"), "session_records",
                        columns)
    # Summing the records needs the code of the version that runs: center.database.migrate does
    # it after the last migration (center.figures.rebuild_if_pending).
    settings = sa.table("center_settings", sa.column("key"), sa.column("value"))
    op.execute(settings.insert().from_select(
        ["key", "value"],
        sa.select(sa.literal("figures_rebuild_pending"), sa.literal("0002"))
        .where(sa.exists(sa.select(sa.literal(1)).select_from(sa.table("session_records"))))))


def downgrade() -> None:
    """Drop the figure tables and the comment indexes."""
    for columns in (["station_id", "day"], ["occupation_id", "day"], ["language", "day"]):
        op.drop_index(op.f(f"ix_session_records_{'_'.join(columns)}"), "session_records")
    op.drop_table("daily_chips")
    op.drop_table("monthly_figures")
    op.drop_table("daily_figures")
    op.execute("DELETE FROM center_settings WHERE key = 'figures_rebuild_pending'")
