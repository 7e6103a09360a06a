"""The daily figures: kept current at ingest, and the same when rebuilt from the records."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from center.database import WRITE
from center.figures import rebuild, rebuild_days
from center.retention import purge
from center.stats import Filters, dashboard
from center.tables import (
    daily_chips,
    daily_figures,
    monthly_chips,
    monthly_figures,
    session_records,
)
from tests.center.ingest_helpers import store
from tests.vr_station.feedback.records import random_record

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)


def snapshot(engine) -> tuple[dict, ...]:
    """The four figure tables as {key: values}, decimals rounded (sums in another order differ in the
    last bits)."""
    tables = []
    for table, key in ((daily_figures, 4), (daily_chips, 6), (monthly_figures, 4),
                       (monthly_chips, 6)):
        with engine.connect() as connection:
            rows = connection.execute(select(table)).all()
        tables.append({tuple(row[:key]): tuple(round(v, 6) if isinstance(v, float) else v
                                               for v in row[key:]) for row in rows})
    return tuple(tables)


def test_figures_kept_at_ingest_equal_a_rebuild_from_the_records(engine):
    rng = random.Random(17)
    records = [random_record(rng, f"biz-{i % 3}", now=NOW) for i in range(400)]
    # Batches that overlap: resent records must not count twice.
    for start in range(0, 400, 90):
        store(engine, records[start:start + 120], now=NOW)
    kept = snapshot(engine)
    assert all(kept)
    assert rebuild(engine) > 0
    assert snapshot(engine) == kept
    # The eight rows of a day agree: summed by station, they give the day's total.
    figures = dashboard(engine, Filters(date(2025, 5, 1), date(2025, 6, 30)), with_comments=True)
    assert figures.overview.sessions == 400
    assert sum(n for _, n in figures.per_station) == 400
    # A period that cuts into months: its whole months from the monthly figures, the rest from
    # the days, the same as counting the records.
    cut = Filters(date(2025, 6, 3), date(2025, 6, 30), language="de")
    figures = dashboard(engine, cut, with_comments=False)
    with engine.connect() as connection:
        counted = dict(connection.execute(
            select(session_records.c.station_id, func.count()).where(*cut.conditions())
            .group_by(session_records.c.station_id)).all())
    assert dict(figures.per_station) == counted
    assert figures.overview.sessions == sum(counted.values()) == sum(n for _, n in figures.per_day)
    figures = dashboard(engine, Filters(date(2025, 5, 1), date(2025, 6, 30)), with_comments=True)
    assert sum(o.sessions for o in figures.occupations) + (
        figures.without_occupation.sessions if figures.without_occupation else 0) == 400
    # The newest comments, found through the days that hold them, are the newest of all.
    for language in (None, "en"):
        selection = Filters(date(2025, 5, 1), date(2025, 6, 30), language=language)
        shown = dashboard(engine, selection, with_comments=True).comments
        with engine.connect() as connection:
            newest = connection.execute(
                select(session_records.c.session_id).where(
                    *selection.conditions(), session_records.c.comment.is_not(None))
                .order_by(session_records.c.started_at.desc()).limit(20)).scalars().all()
            ended = dict(connection.execute(select(session_records.c.session_id,
                                                   session_records.c.ended_at)).all())
        assert len(shown) == len(newest) > 0
        assert [c.ended_at for c in shown] == [ended[sid] for sid in newest]


def test_rebuilding_days_that_lost_their_records_removes_their_figures(engine):
    store(engine, [random_record(random.Random(1), now=NOW)], now=NOW)
    day = next(iter(snapshot(engine)[0]))[3]
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.exec_driver_sql("DELETE FROM session_chips")
        connection.exec_driver_sql("DELETE FROM session_records")
        rebuild_days(connection, day, day)
    assert snapshot(engine) == ({}, {}, {}, {})


@pytest.mark.parametrize("retention_days", [20, 400])
def test_a_purge_takes_the_deleted_records_out_of_the_figures(engine, retention_days):
    rng = random.Random(3)
    store(engine, [random_record(rng, now=NOW) for _ in range(200)], now=NOW)
    purge(engine, NOW, retention_days=retention_days)
    kept = snapshot(engine)
    rebuild(engine)
    assert snapshot(engine) == kept
    figures = dashboard(engine, Filters(date(2025, 1, 1), date(2025, 6, 30)), with_comments=False)
    with engine.connect() as connection:
        left = connection.exec_driver_sql("SELECT COUNT(*) FROM session_records").scalar_one()
    assert figures.overview.sessions == left
    assert (left < 200) == (retention_days == 20)
    assert min(d for d, n in figures.per_day if n) >= (NOW - timedelta(days=retention_days + 1)
                                                      ).date()
