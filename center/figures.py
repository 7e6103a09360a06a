"""Pre-aggregated daily figures: what the dashboard reads instead of the records.

A region's stations store about two million records in two years; summing them for every page
took seconds (issue 17: 10 s for a year on SQLite). So each day's figures are kept as sums in
``daily_figures`` and ``daily_chips`` (tables.py), updated in the same transaction that stores a
batch (``add_records``), and rebuilt from the records by ``rebuild`` (after a restore, after a
migration, and for the days a retention purge touched).

A session counts in eight rows of its day: each combination of its station, occupation and
language with ``ALL`` in the place of the others. Any filter of the dashboard and any of its
breakdowns (per day, per station, per occupation) is then a sum over a few hundred rows. The
same sums per month (``monthly_figures``) serve the breakdowns of long periods: a year is 12
months and the days of the months it cuts into, not 365 days times 50 stations. Every column is
a plain sum, so adding a batch is an upsert that adds, and the figures can be rebuilt from the
records exactly. One SQL definition (``_per_record``) serves both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    case,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite

from center.database import WRITE
from center.tables import (
    ALL,
    FIGURE_COUNTS,
    FIGURE_SUMS,
    NO_OCCUPATION,
    center_settings,
    daily_chips,
    daily_figures,
    monthly_figures,
    session_chips,
    session_records,
)

log = logging.getLogger(__name__)

REBUILD_PENDING = "figures_rebuild_pending"
"""Key in ``center_settings``: a migration created or changed the figures; ``migrate`` rebuilds."""

_r = session_records.c
_DIMENSIONS = ("station", "occupation", "language")


def add_records(connection: Connection, session_ids: Iterable[str]) -> None:
    """Add the records ``session_ids`` (just stored, in this transaction) to the daily figures."""
    ids = list(session_ids)
    for start in range(0, len(ids), 500):
        _fold(connection, _r.session_id.in_(ids[start:start + 500]))


def rebuild_days(connection: Connection, first: date, last: date) -> None:
    """Sum the figures of the days ``first`` to ``last`` afresh from the records."""
    for table in (daily_figures, daily_chips):
        connection.execute(delete(table).where(table.c.day.between(first, last)))
    _fold(connection, _r.day.between(first, last), months=False)
    _resum_months(connection, first, last)


def rebuild(engine: Engine, progress: Callable[[date, date], None] | None = None) -> int:
    """Rebuild every day's figures from the records, a month per transaction; returns the days.

    Safe while the server runs: ingest and rebuild of a month take turns on the write lock, and
    a page in between shows a month either before or after its rebuild, never half of it.
    """
    with engine.connect() as connection:
        first, last = connection.execute(select(func.min(_r.day), func.max(_r.day))).one()
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        # Days outside the records' range have no records: their figures go.
        for table, period in ((daily_figures, "day"), (daily_chips, "day"),
                              (monthly_figures, "month")):
            column = table.c[period]
            stale = column.is_not(None) if first is None else \
                (column < (first if period == "day" else first.replace(day=1))) | (column > last)
            connection.execute(delete(table).where(stale))
        connection.execute(delete(center_settings).where(center_settings.c.key == REBUILD_PENDING))
    if first is None:
        return 0
    start = first
    while start <= last:
        end = min(month_end(start), last)
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            rebuild_days(connection, start, end)
        if progress is not None:
            progress(start, end)
        start = end + timedelta(days=1)
    return (last - first).days + 1


def rebuild_if_pending(engine: Engine) -> None:
    """Rebuild the figures when a migration asked for it (``REBUILD_PENDING``)."""
    with engine.connect() as connection:
        pending = connection.execute(select(center_settings.c.value).where(
            center_settings.c.key == REBUILD_PENDING)).scalar_one_or_none()
    if pending is not None:
        log.info("figures: summing the stored records into daily figures (once, after an update)")
        days = rebuild(engine)
        log.info("figures: %d day(s) summed", days)


def _fold(connection: Connection, which: ColumnElement[bool], months: bool = True) -> None:
    """Add the records matching ``which`` to the figures (monthly too if ``months``)."""
    grains = _grains()
    columns = [*_DIMENSIONS, "day", *FIGURE_COUNTS, *FIGURE_SUMS]
    connection.execute(_upsert(connection, daily_figures, columns, _summed(which, grains, None),
                               (*FIGURE_COUNTS, *FIGURE_SUMS)))
    if months:
        columns[3] = "month"
        connection.execute(_upsert(connection, monthly_figures, columns,
                                   _summed(which, grains, connection.dialect.name),
                                   (*FIGURE_COUNTS, *FIGURE_SUMS)))

    c = session_chips.c
    chips = select(_r.station_id, func.coalesce(_r.occupation_id, NO_OCCUPATION).label("occupation"),
                   _r.language, _r.day, c.kind, c.chip_id
                   ).select_from(session_chips.join(session_records, _r.session_id == c.session_id)
                                 ).where(which).cte("chips").prefix_with("MATERIALIZED")
    chip_rows = select(*_dimensions(chips.c, grains.c), chips.c.day, chips.c.kind, chips.c.chip_id
                       ).select_from(chips.join(grains, true())).subquery("chip_rows")
    keys = [chip_rows.c[name] for name in (*_DIMENSIONS, "day", "kind", "chip_id")]
    taps = select(*keys, func.count()).where(true()).group_by(*keys)
    connection.execute(_upsert(connection, daily_chips,
                               [*_DIMENSIONS, "day", "kind", "chip_id", "taps"], taps, ("taps",)))


def _summed(which: ColumnElement[bool], grains: Any, monthly_on: str | None) -> Any:
    """The sums of the records matching ``which`` per grain and day (month: ``monthly_on``)."""
    per_record = _per_record(which).cte("per_record").prefix_with("MATERIALIZED")
    period = per_record.c.day if monthly_on is None else month_of(per_record.c.day, monthly_on)
    rows = select(*_dimensions(per_record.c, grains.c), period.label("period"),
                  *[per_record.c[name] for name in (*FIGURE_COUNTS, *FIGURE_SUMS)]
                  ).select_from(per_record.join(grains, true())).subquery("rows")
    keys = [rows.c[name] for name in (*_DIMENSIONS, "period")]
    return select(*keys, *[func.sum(rows.c[name]) for name in (*FIGURE_COUNTS, *FIGURE_SUMS)]
                  ).where(true()).group_by(*keys)


def month_of(day: Any, dialect: str) -> Any:
    """The first day of ``day``'s month, as a date of the database ``dialect``."""
    if dialect == "postgresql":
        return cast(func.date_trunc("month", day), Date)
    # SQLite keeps dates as 'YYYY-MM-DD' text; date(…, 'start of month') gives the same form.
    return func.date(day, "start of month")


def _resum_months(connection: Connection, first: date, last: date) -> None:
    """Sum the monthly figures of the months from ``first``'s to ``last``'s afresh from the days."""
    start, end = first.replace(day=1), month_end(last)
    connection.execute(delete(monthly_figures).where(monthly_figures.c.month.between(start, end)))
    d = daily_figures.c
    keys = [d.station, d.occupation, d.language,
            month_of(d.day, connection.dialect.name).label("month")]
    sums = select(*keys, *[func.sum(d[name]) for name in (*FIGURE_COUNTS, *FIGURE_SUMS)]
                  ).where(d.day.between(start, end)).group_by(*keys)
    connection.execute(insert(monthly_figures).from_select(
        [*_DIMENSIONS, "month", *FIGURE_COUNTS, *FIGURE_SUMS], sums))


def _per_record(which: ColumnElement[bool]) -> Any:
    """One row per record: its dimensions, its day and what it adds to each column."""
    interview = _r.interview
    asked = interview["questions_asked"].as_integer()
    answered = interview["questions_answered"].as_integer()
    speaking = interview["speaking_time_s"].as_float()
    pace = interview["words_per_minute"].as_float()
    fillers = interview["filler_words_per_minute"].as_float()
    structured = interview["structured_answers_share"].as_float()
    eye = interview["eye_contact_share"].as_float()
    minutes = func.coalesce(speaking, 0.0) / 60.0

    def count(condition: ColumnElement[bool]) -> Any:
        return case((condition, 1), else_=0)

    def given(value: Any, amount: Any) -> Any:
        """``amount`` where the record has ``value``, else 0 (sums of weights for averages)."""
        return case((value.is_not(None), amount), else_=0.0)

    counts: dict[str, Any] = {
        "sessions": literal_column("1", Integer),
        "interviews": count(_r.mode == "interview"),
        "completed": count(_r.outcome == "completed"),
        "abandoned": count(_r.outcome == "abandoned"),
        "timed_out": count(_r.outcome == "timeout"),
        **{f"rating_{n}": count(_r.rating == n) for n in range(1, 6)},
        "comments": count(_r.comment.is_not(None)),
        "interview_reports": count(asked.is_not(None)),
        "questions_asked": func.coalesce(asked, 0),
        "questions_answered": func.coalesce(answered, 0),
        "tasks": count(_r.task_kind.is_not(None)),
        "tasks_completed": count(_r.task_completed.is_(True)),
        "task_hints": func.coalesce(_r.task_hints_used, 0),
    }
    sums: dict[str, Any] = {
        "speaking_s": func.coalesce(speaking, 0.0),
        "pace_words": given(pace, pace * minutes),
        "pace_minutes": given(pace, minutes),
        "filler_words": given(fillers, fillers * minutes),
        "filler_minutes": given(fillers, minutes),
        "structured_answers": given(structured, structured * func.coalesce(answered, 0)),
        "structure_rated_answers": given(structured, func.coalesce(answered, 0)),
        "eye_contact_s": given(eye, eye * func.coalesce(speaking, 0.0)),
        "eye_tracked_s": given(eye, func.coalesce(speaking, 0.0)),
        "task_duration_s": func.coalesce(_r.task_duration_s, 0.0),
    }
    assert tuple(counts) == FIGURE_COUNTS and tuple(sums) == FIGURE_SUMS
    return select(
        _r.station_id, func.coalesce(_r.occupation_id, NO_OCCUPATION).label("occupation"),
        _r.language, _r.day,
        *[value.label(name) for name, value in counts.items()],
        *[cast(value, Float).label(name) for name, value in sums.items()],
    ).where(which)


def _grains() -> Any:
    """The eight combinations of (by station, by occupation, by language) as a small table."""
    rows = [select(*[literal_column(str(int(flag)), Integer).label(f"by_{name}")
                     for flag, name in zip(flags, _DIMENSIONS, strict=True)])
            for flags in ((s, o, lang) for s in (0, 1) for o in (0, 1) for lang in (0, 1))]
    return union_all(*rows).subquery("grains")


def _dimensions(source: Any, grains: Any) -> list[Any]:
    """A record's station, occupation and language, each replaced by ALL where its grain sums."""
    everything: Any = literal_column(f"'{ALL}'")
    return [case((grains.by_station == 1, source.station_id), else_=everything).label("station"),
            case((grains.by_occupation == 1, source.occupation), else_=everything
                 ).label("occupation"),
            case((grains.by_language == 1, source.language), else_=everything).label("language")]


def _upsert(connection: Connection, table: Any, columns: list[str], source: Any,
            added: Iterable[str]) -> Any:
    """INSERT … SELECT that adds ``added`` to the row where one with the same key exists."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).from_select(columns, source)
    keys = [column.name for column in table.primary_key.columns]
    return statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: table.c[name] + statement.excluded[name] for name in added})


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def grain_conditions(table: Any, station: str | None, occupation: str | None,
                     language: str | None, by: str | None = None) -> list[ColumnElement[bool]]:
    """Conditions that pick the rows of ``table`` for these filters, broken down ``by`` a column.

    A filtered column must equal its value; the ``by`` column (station or occupation) must hold
    real values; every other column must be ALL.
    """
    wanted = {"station": station, "occupation": occupation, "language": language}
    conditions: list[ColumnElement[bool]] = []
    for name, value in wanted.items():
        column = table.c[name]
        if value is not None:
            conditions.append(column == value)
        elif name == by:
            conditions.append(column != ALL)
        else:
            conditions.append(column == ALL)
    return conditions


def periods(first: date, last: date) -> list[tuple[Any, str, date, date]]:
    """The days ``first`` to ``last`` as (table, its period column, from, to) pieces.

    Whole months come from ``monthly_figures`` (from and to are then months' first days), the
    days before and after them from ``daily_figures``.
    """
    months_from = first if first.day == 1 else month_end(first) + timedelta(days=1)
    months_to = last if last == month_end(last) else last.replace(day=1) - timedelta(days=1)
    if months_from > months_to:
        return [(daily_figures, "day", first, last)]
    pieces = [(monthly_figures, "month", months_from, months_to.replace(day=1))]
    if first < months_from:
        pieces.append((daily_figures, "day", first, months_from - timedelta(days=1)))
    if last > months_to:
        pieces.append((daily_figures, "day", months_to + timedelta(days=1), last))
    return pieces
