"""Long periods read whole months from the monthly figures and chips: the same as the records.

A period that cuts into months at both ends, one of whole months, one within two months and
one single month, each without and with filters, on SQLite and PostgreSQL: every figure the
dashboard shows from the pre-aggregated tables equals what counting the records gives.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import Engine, func, select

from center.database import alembic_config, migrate
from center.stats import Filters, dashboard
from center.tables import monthly_chips, session_chips, session_records
from tests.center.ingest_helpers import store
from tests.vr_station.feedback.records import random_record

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
_r = session_records.c

PERIODS = [
    (date(2024, 5, 17), date(2025, 6, 13)),  # cuts into a month at both ends
    (date(2024, 6, 1), date(2025, 5, 31)),  # whole months only
    (date(2025, 2, 10), date(2025, 3, 25)),  # two months cut, none whole
    (date(2025, 3, 1), date(2025, 3, 31)),  # one whole month
]
FILTERS = [
    {},
    {"occupation": "koch"},
    {"station": "biz-2", "language": "en"},
    {"station": "biz-3", "occupation": "pflegefachmann", "language": "de"},
]


def store_fourteen_months(engine: Engine) -> None:
    """750 records of three stations over the 14 months before NOW."""
    rng = random.Random(29)
    for station in ("biz-1", "biz-2", "biz-3"):
        store(engine, [random_record(rng, station, now=NOW - timedelta(days=rng.randint(0, 430)))
                       for _ in range(250)], now=NOW)


def counted(engine: Engine, selection: Filters) -> dict[str, Counter]:
    """The dashboard's figures counted from the records themselves."""
    with engine.connect() as connection:
        rows = connection.execute(select(_r.session_id, _r.station_id, _r.occupation_id,
                                         _r.rating).where(*selection.conditions())).all()
        chips = connection.execute(
            select(session_chips.c.kind, session_chips.c.chip_id, func.count())
            .join(session_records, _r.session_id == session_chips.c.session_id)
            .where(*selection.conditions())
            .group_by(session_chips.c.kind, session_chips.c.chip_id)).all()
    return {"stations": Counter(row.station_id for row in rows),
            "occupations": Counter(row.occupation_id for row in rows),
            "ratings": Counter(row.rating for row in rows if row.rating is not None),
            "worked": Counter({chip: n for kind, chip, n in chips if kind == "worked"}),
            "not_worked": Counter({chip: n for kind, chip, n in chips if kind == "not_worked"})}


def shown(engine: Engine, selection: Filters) -> dict[str, Counter]:
    """The same figures as the dashboard shows them."""
    figures = dashboard(engine, selection, with_comments=False)
    occupations = Counter({o.occupation_id: o.sessions for o in figures.occupations})
    if figures.without_occupation is not None:
        occupations[None] = figures.without_occupation.sessions
    assert figures.overview.sessions == sum(n for _, n in figures.per_day)
    assert figures.overview.sessions == sum(occupations.values())
    return {"stations": Counter(dict(figures.per_station)),
            "occupations": occupations,
            "ratings": Counter({n + 1: count for n, count in
                                enumerate(figures.overview.rating_counts) if count}),
            "worked": Counter(dict(figures.worked)),
            "not_worked": Counter(dict(figures.not_worked))}


@pytest.mark.parametrize("first,last", PERIODS)
def test_long_periods_show_what_the_records_count(engine, first, last):
    store_fourteen_months(engine)
    for wanted in FILTERS:
        selection = Filters(first, last, **wanted)
        expected = counted(engine, selection)
        assert sum(expected["stations"].values()) > 0, f"no records for {selection}"
        assert shown(engine, selection) == expected, selection


def test_the_migration_sums_the_monthly_chips_from_the_daily_ones(engine):
    """A center updated to 0007 gets its monthly chip counts from the daily ones it has."""
    store_fourteen_months(engine)
    with engine.connect() as connection:
        kept = sorted(connection.execute(select(monthly_chips)).all())
    assert kept
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "0006")
        connection.commit()
    migrate(engine)
    with engine.connect() as connection:
        assert sorted(connection.execute(select(monthly_chips)).all()) == kept
    selection = Filters(*PERIODS[0])
    assert shown(engine, selection) == counted(engine, selection)
