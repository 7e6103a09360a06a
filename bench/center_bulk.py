"""A region's two years of session records, and their figures, written in bulk for the benchmark.

Summing two million records with the center's own SQL (``figures.rebuild``) takes most of an hour
on a busy 2-core machine (SQLite: 148 s for 100,000 records), so the generator adds each record
to the daily and monthly figures as it makes it, and writes them beside the records in one pass
(executemany in one transaction on SQLite, COPY on PostgreSQL). ``FigureSums`` follows
``figures._per_record`` column by column; ``check_against_center`` compares one day and one
month with what the center's own code sums from the same records, so the two cannot drift apart
unnoticed.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, select

from center.figures import month_end, rebuild_days
from center.tables import (
    ALL,
    FIGURE_COUNTS,
    FIGURE_SUMS,
    NO_OCCUPATION,
    daily_chips,
    daily_figures,
    monthly_figures,
    session_records,
)

BERLIN = ZoneInfo("Europe/Berlin")
OCCUPATIONS = [f"beruf-{i:02d}" for i in range(40)]
LANGUAGES = ["de", "de", "de", "en", "tr", "ar", "uk"]
WORKED = ["realistic", "easy_to_use", "helpful", "good_speech", "fun"]
NOT_WORKED = ["not_understood", "too_long", "headset_uncomfortable", "too_loud"]
COMMENTS = [None] * 9 + ["Sehr anschaulich, danke!", "Die Brille drückt.", "Gern wieder."]

RECORD_COLUMNS = [column.name for column in session_records.columns]
CHIP_COLUMNS = ["session_id", "kind", "chip_id", "position"]
FIGURE_COLUMNS = [*FIGURE_COUNTS, *FIGURE_SUMS]
_GRAINS = list(product((False, True), repeat=3))


class FigureSums:
    """The daily and monthly figures of the records added so far, handed out per finished day."""

    def __init__(self) -> None:
        self.day: date | None = None
        self.month: date | None = None
        self._figures: dict[tuple[str, str, str], list[float]] = {}
        self._chips: dict[tuple[str, str, str, str, str], int] = defaultdict(int)
        self._monthly: dict[tuple[str, str, str], list[float]] = {}

    def add(self, record: tuple[Any, ...], interview: dict[str, Any] | None,
            chips: list[tuple[str, str, str, int]]) -> None:
        """Add one record (in ``RECORD_COLUMNS`` order) with its interview and chips."""
        values = _contributions(record, interview)
        station, occupation, language = record[1], record[8] or NO_OCCUPATION, record[9]
        for by_station, by_occupation, by_language in _GRAINS:
            key = (station if by_station else ALL, occupation if by_occupation else ALL,
                   language if by_language else ALL)
            sums = self._figures.get(key)
            if sums is None:
                self._figures[key] = list(values)
            else:
                for i, value in enumerate(values):
                    sums[i] += value
            for _sid, kind, chip, _position in chips:
                self._chips[(*key, kind, chip)] += 1

    def finish_day(self, next_day: date | None
                   ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """Rows of the day now finished (and of its month, when that is finished too).

        Returns rows of ``daily_figures``, ``daily_chips`` and ``monthly_figures``;
        ``next_day`` None: the records have ended.
        """
        day, days, chips, months = self.day, [], [], []
        if day is not None:
            days = [(*key, day, *sums) for key, sums in self._figures.items()]
            chips = [(*key[:3], day, key[3], key[4], taps) for key, taps in self._chips.items()]
            for key, sums in self._figures.items():
                total = self._monthly.get(key)
                if total is None:
                    self._monthly[key] = list(sums)
                else:
                    for i, value in enumerate(sums):
                        total[i] += value
            if next_day is None or next_day.replace(day=1) != day.replace(day=1):
                months = [(*key, day.replace(day=1), *sums) for key, sums in self._monthly.items()]
                self._monthly = {}
        self._figures, self._chips = {}, defaultdict(int)
        self.day = next_day
        return days, chips, months


def _contributions(record: tuple[Any, ...], interview: dict[str, Any] | None) -> list[float]:
    """What one record adds to each figure column: ``figures._per_record`` in Python."""
    mode, outcome, rating, comment = record[7], record[10], record[11], record[12]
    report = interview or {}
    asked = report.get("questions_asked")
    answered = report.get("questions_answered") or 0
    speaking = report.get("speaking_time_s") or 0.0
    pace, fillers = report.get("words_per_minute"), report.get("filler_words_per_minute")
    structured, eye = report.get("structured_answers_share"), report.get("eye_contact_share")
    minutes = speaking / 60.0
    counts = [1, int(mode == "interview"), int(outcome == "completed"),
              int(outcome == "abandoned"), int(outcome == "timeout"),
              *[int(rating == n) for n in range(1, 6)], int(comment is not None),
              int(asked is not None), asked or 0, answered]
    sums = [speaking,
            0.0 if pace is None else pace * minutes, 0.0 if pace is None else minutes,
            0.0 if fillers is None else fillers * minutes, 0.0 if fillers is None else minutes,
            0.0 if structured is None else structured * answered,
            0.0 if structured is None else float(answered),
            0.0 if eye is None else eye * speaking, 0.0 if eye is None else speaking]
    # The hands-on task columns (tasks, tasks_completed, task_hints; task_duration_s): the
    # bench's records have no task figures.
    return [*counts, 0, 0, 0, *sums, 0.0]


Batch = dict[str, list[tuple[Any, ...]]]
"""Table name → rows, in the tables' column order (``columns``)."""


def batches(count: int, days: int, stations: int, seed: int, end: datetime) -> Iterator[Batch]:
    """The records, their chips and their figures, in batches of whole days.

    Records are spread evenly over the ``days`` up to ``end``; aware UTC times, ``day`` in
    Berlin, the interview as JSON text.
    """
    rng = random.Random(seed)
    step_s = days * 86400 / count
    sums = FigureSums()
    batch: Batch = defaultdict(list)
    # Berlin's date of a UTC time, cached per UTC hour (the offset changes on the hour).
    days_by_hour: dict[datetime, date] = {}
    for i in range(count):
        started = end - timedelta(seconds=(count - i) * step_s)
        hour = started.replace(minute=0, second=0, microsecond=0)
        day = days_by_hour.get(hour)
        if day is None:
            day = days_by_hour[hour] = started.astimezone(BERLIN).date()
        if day != sums.day:
            _take_day(sums, day, batch)
            if len(batch["session_records"]) >= 50_000:
                yield batch
                batch = defaultdict(list)
        sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        interview = {
            "questions_asked": 8, "questions_answered": rng.randint(1, 8),
            "speaking_time_s": rng.uniform(60, 600), "words_per_minute": rng.uniform(80, 160),
            "filler_words_per_minute": rng.uniform(0, 6), "long_pauses": 2, "job_terms_used": 4,
            "structured_answers_share": rng.random(),
            "eye_contact_share": rng.choice([None, rng.random()])} if rng.random() < 0.4 else None
        record = (
            sid, f"biz-{rng.randrange(stations):02d}", 1, "bench", started,
            started + timedelta(seconds=rng.randint(60, 1800)), day,
            "tour" if interview is None else "interview",
            None if rng.random() < 0.15 else rng.choice(OCCUPATIONS), rng.choice(LANGUAGES),
            rng.choice(["completed"] * 6 + ["abandoned", "timeout"]),
            rng.choice([None, 1, 2, 3, 4, 4, 5, 5, 5]), rng.choice(COMMENTS),
            None if interview is None else json.dumps(interview), started,
            None, None, None, None)  # no hands-on task figures (columns after received_at)
        chips = [(sid, kind, chip, n)
                 for kind, names, most in (("worked", WORKED, 3), ("not_worked", NOT_WORKED, 2))
                 for n, chip in enumerate(rng.sample(names, rng.randint(0, most)))]
        sums.add(record, interview, chips)
        batch["session_records"].append(record)
        batch["session_chips"] += chips
    _take_day(sums, None, batch)
    yield batch


def _take_day(sums: FigureSums, next_day: date | None, batch: Batch) -> None:
    days, chips, months = sums.finish_day(next_day)
    batch["daily_figures"] += days
    batch["daily_chips"] += chips
    batch["monthly_figures"] += months


def columns(table: str) -> list[str]:
    """The columns of ``table`` in the order ``batches`` gives its rows."""
    return {"session_records": RECORD_COLUMNS, "session_chips": CHIP_COLUMNS,
            "daily_figures": ["station", "occupation", "language", "day", *FIGURE_COLUMNS],
            "daily_chips": ["station", "occupation", "language", "day", "kind", "chip_id",
                            "taps"],
            "monthly_figures": ["station", "occupation", "language", "month",
                                *FIGURE_COLUMNS]}[table]


def write(engine: Engine, rows: Iterator[Batch]) -> None:
    """Write the batches through the driver: executemany on SQLite, COPY on PostgreSQL.

    SQLAlchemy's per-row processing would take most of an hour for 2 million records.
    """
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if engine.dialect.name == "sqlite":
            # A page cache of 1 GB for this connection, and no fsync per commit: it is a
            # benchmark's database, rebuilt from nothing if the machine stops.
            cursor.execute("PRAGMA cache_size = -1000000")
            cursor.execute("PRAGMA synchronous = OFF")
        for batch in rows:
            if engine.dialect.name == "sqlite":
                # make_engine turns the driver's own transactions off (its "begin" event opens
                # them): without BEGIN every row would be a transaction of its own.
                cursor.execute("BEGIN")
            for table, values in batch.items():
                names = columns(table)
                if engine.dialect.name == "sqlite":
                    marks = ", ".join("?" * len(names))
                    cursor.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
                                       [_for_sqlite(table, row) for row in values])
                else:
                    with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                        for row in values:
                            copy.write_row(row)
            # A commit per batch of whole days: one transaction of two million records made
            # SQLite's log as large as the database and every page read look through it
            # (40 µs a row instead of 4–13).
            connection.commit()
    finally:
        connection.close()


def _for_sqlite(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """``row`` as SQLAlchemy keeps it in SQLite: UTC times naive with microseconds, dates as text."""
    if table == "session_records":
        return (*row[:4], _sqlite_time(row[4]), _sqlite_time(row[5]), row[6].isoformat(),
                *row[7:14], _sqlite_time(row[14]), *row[15:])
    if table in ("daily_figures", "daily_chips", "monthly_figures"):
        return (*row[:3], row[3].isoformat(), *row[4:])
    return row


def _sqlite_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def check_against_center(engine: Engine, day: date) -> None:
    """Check the figures written for ``day`` and its month against the center's own sums.

    ``rebuild_days`` sums them from the same records, in a transaction that is rolled back.
    """
    first, last = day.replace(day=1), month_end(day)
    with engine.connect() as connection:
        written = _figure_rows(connection, day, first)
        try:
            rebuild_days(connection, first, last)
            summed = _figure_rows(connection, day, first)
        finally:
            connection.rollback()
    for name, ours in written.items():
        theirs = summed[name]
        assert ours.keys() == theirs.keys(), f"{name}: other rows than the center's on {day}"
        for key, values in ours.items():
            assert all(abs(a - b) <= 1e-6 * max(1.0, abs(b))
                       for a, b in zip(values, theirs[key], strict=True)), \
                f"{name} {key}: {values} here, {theirs[key]} summed by the center"


def _figure_rows(connection: Any, day: date, month: date) -> dict[str, dict[tuple[Any, ...],
                                                                            list[float]]]:
    d, c, m = daily_figures.c, daily_chips.c, monthly_figures.c
    found: dict[str, dict[tuple[Any, ...], list[float]]] = {}
    for name, query, width in (
            ("daily_figures", select(daily_figures).where(d.day == day), 4),
            ("daily_chips", select(daily_chips).where(c.day == day), 6),
            ("monthly_figures", select(monthly_figures).where(and_(m.month == month)), 4)):
        found[name] = {tuple(row[:width]): [float(v) for v in row[width:]]
                       for row in connection.execute(query)}
    return found
