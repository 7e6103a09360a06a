"""The dashboard's figures for the staff member's filters, read from the daily figures.

Every figure but the comments comes from ``daily_figures``, ``monthly_figures`` and
``daily_chips`` (figures.py): a few thousand rows at most for any filter, whether the period is
a week or two years. The comments come
from the records, in the few days that hold the newest ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, func, select, union_all

from center.figures import grain_conditions, periods
from center.formatting import de_day
from center.tables import (
    ALL,
    FIGURE_COUNTS,
    FIGURE_SUMS,
    NO_OCCUPATION,
    daily_chips,
    daily_figures,
    monthly_figures,
    session_records,
    stations,
)

DEFAULT_DAYS = 30
MAX_DAYS = 3660
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
"""The days a session record can have (its schema allows the years 2000 to 2099)."""
TOP_OCCUPATIONS = 10
RECENT_COMMENTS = 20

_r = session_records.c
_f = daily_figures.c
_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


@dataclass(frozen=True)
class Filters:
    """The staff member's choice of days (inclusive, local time), station, occupation, language."""

    day_from: date
    day_to: date
    station: str | None = None
    occupation: str | None = None
    language: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """The filters as conditions on the session records."""
        conditions = [_r.day >= self.day_from, _r.day <= self.day_to]
        if self.station:
            conditions.append(_r.station_id == self.station)
        if self.occupation:
            conditions.append(_r.occupation_id == self.occupation)
        if self.language:
            conditions.append(_r.language == self.language)
        return conditions

    def query(self) -> dict[str, str]:
        """The filters as query parameters (for links: export, chart drill-down)."""
        values = {"from": self.day_from.isoformat(), "to": self.day_to.isoformat(),
                  "station": self.station, "occupation": self.occupation,
                  "language": self.language}
        return {k: v for k, v in values.items() if v}

    def rows(self, table: Any, by: str | None = None) -> list[ColumnElement[bool]]:
        """Conditions picking this selection's rows of a daily table, broken down ``by``."""
        return [*grain_conditions(table, self.station, self.occupation, self.language, by),
                table.c.day >= self.day_from, table.c.day <= self.day_to]


def parse_filters(params: Mapping[str, str], today: date) -> tuple[Filters, list[str]]:
    """Filters from query parameters; problems are messages for the page (German).

    Never fails: a date that cannot be read or lies outside 2000–2099 is named in a problem and
    the default period is shown instead.
    """
    problems: list[str] = []
    day_to = _date(params.get("to"), "Bis", problems) or min(max(today, FIRST_DAY), LAST_DAY)
    day_from = _date(params.get("from"), "Von", problems) \
        or max(day_to - timedelta(days=DEFAULT_DAYS - 1), FIRST_DAY)
    if day_from > day_to:
        problems.append("Das „Von“-Datum lag nach dem „Bis“-Datum. Die beiden Daten wurden "
                        "getauscht.")
        day_from, day_to = day_to, day_from
    if (day_to - day_from).days >= MAX_DAYS:
        day_from = day_to - timedelta(days=MAX_DAYS - 1)
        problems.append(f"Ein Zeitraum umfasst höchstens {MAX_DAYS} Tage (etwa zehn Jahre). "
                        f"Angezeigt wird die Zeit vom {de_day(day_from)} bis zum "
                        f"„Bis“-Datum.")
    return Filters(day_from, day_to, _choice(params.get("station")),
                   _choice(params.get("occupation")), _choice(params.get("language"))), problems


@dataclass(frozen=True)
class InterviewFigures:
    """What the stations' interview practice measured, summed over a group of interviews."""

    interviews: int
    """Interviews with figures (an interview the visitor left before the first answer has none)."""
    answers_per_interview: float | None
    """Questions answered, on average per interview."""
    words_per_minute: float | None
    """All words over all speaking time: the average pace, long answers weighing more."""
    fillers_per_minute: float | None
    """All filler words ("äh", "ähm" …) over all speaking time."""
    structured_share: float | None
    """Share (0–1) of answers that said what the visitor did and what came of it."""
    eye_contact_share: float | None
    """Share (0–1) of speaking time spent looking at the interviewer (stations with eye tracking)."""


@dataclass(frozen=True)
class TaskFigures:
    """How the hands-on tasks of the tours went, summed over a group of sessions.

    Figures about the tasks (too hard, too long, unclear?), never a grade of a visitor.
    """

    tasks: int
    """Sessions in which the visitor began the occupation's hands-on task."""
    completed: int
    """Tasks finished before their time limit (the others the time or the visitor ended)."""
    hints_per_task: float | None
    """Hints the station gave, on average per task begun."""
    average_duration_s: float | None
    """Time spent on a task, on average (seconds)."""

    @property
    def completed_share(self) -> float | None:
        """Share (0–1) of the tasks begun that were finished; None when none was begun."""
        return self.completed / self.tasks if self.tasks else None


@dataclass(frozen=True)
class Sums:
    """Sums of the daily figures' columns for one group of sessions (a day, an occupation …)."""

    values: Mapping[str, float]

    def __getitem__(self, name: str) -> float:
        """The sum of column ``name``."""
        return self.values[name]

    @classmethod
    def of_row(cls, row: Any) -> Sums:
        """The sums in a result row with the columns named as in ``daily_figures``."""
        mapping = row._mapping
        return cls({name: mapping.get(name) or 0 for name in (*FIGURE_COUNTS, *FIGURE_SUMS)})

    @classmethod
    def total(cls, parts: Sequence[Sums]) -> Sums:
        """The sums of several groups together."""
        return cls({name: sum(part[name] for part in parts)
                    for name in (*FIGURE_COUNTS, *FIGURE_SUMS)})

    @property
    def sessions(self) -> int:
        """Sessions in the group."""
        return int(self["sessions"])

    @property
    def rating_counts(self) -> tuple[int, int, int, int, int]:
        """Sessions rated 1 ("gar nicht") to 5 ("sehr gut")."""
        return (int(self["rating_1"]), int(self["rating_2"]), int(self["rating_3"]),
                int(self["rating_4"]), int(self["rating_5"]))

    @property
    def rated(self) -> int:
        """Sessions with a rating."""
        return sum(self.rating_counts)

    @property
    def average_rating(self) -> float | None:
        """Average of the ratings, 1 to 5; None without ratings."""
        counts = self.rating_counts
        rated = sum(counts)
        return sum(n * (i + 1) for i, n in enumerate(counts)) / rated if rated else None

    @property
    def top_rated(self) -> int:
        """Sessions rated "gut" (4) or "sehr gut" (5)."""
        return int(self["rating_4"] + self["rating_5"])

    @property
    def top_share(self) -> float | None:
        """Share (0–1) of rated sessions rated "gut" or "sehr gut"; None when none was rated."""
        return self.top_rated / self.rated if self.rated else None

    def interview(self) -> InterviewFigures:
        """The interview figures of the group's sessions."""
        def ratio(part: str, whole: str) -> float | None:
            return self[part] / self[whole] if self[whole] > 0 else None

        reports = int(self["interview_reports"])
        return InterviewFigures(
            interviews=reports,
            answers_per_interview=ratio("questions_answered", "interview_reports"),
            words_per_minute=ratio("pace_words", "pace_minutes"),
            fillers_per_minute=ratio("filler_words", "filler_minutes"),
            structured_share=ratio("structured_answers", "structure_rated_answers"),
            eye_contact_share=ratio("eye_contact_s", "eye_tracked_s"))

    def task(self) -> TaskFigures:
        """The hands-on task figures of the group's sessions."""
        tasks = int(self["tasks"])
        return TaskFigures(
            tasks=tasks, completed=int(self["tasks_completed"]),
            hints_per_task=self["task_hints"] / tasks if tasks else None,
            average_duration_s=self["task_duration_s"] / tasks if tasks else None)


@dataclass(frozen=True)
class Overview:
    """The headline figures for the filtered sessions."""

    sessions: int
    rated: int
    average_rating: float | None
    """On the visitors' scale from 1 ("gar nicht") to 5 ("sehr gut")."""
    top_rated: int
    """Sessions rated "gut" or "sehr gut" (4 or 5)."""
    completed: int
    abandoned: int
    timed_out: int
    interviews: int
    rating_counts: tuple[int, int, int, int, int]
    """Sessions rated 1 ("gar nicht") to 5 ("sehr gut")."""
    comments: int = 0

    @property
    def top_share(self) -> float | None:
        """Share (0–1) of rated sessions rated "gut" or "sehr gut"; None when none was rated."""
        return self.top_rated / self.rated if self.rated else None

    @property
    def abandoned_share(self) -> float | None:
        """Sessions not completed: ended early by the visitor or by the idle timeout."""
        return (self.abandoned + self.timed_out) / self.sessions if self.sessions else None

    @classmethod
    def of(cls, sums: Sums) -> Overview:
        """The headline figures from the group's sums."""
        return cls(sessions=sums.sessions, rated=sums.rated, average_rating=sums.average_rating,
                   top_rated=sums.top_rated, completed=int(sums["completed"]),
                   abandoned=int(sums["abandoned"]), timed_out=int(sums["timed_out"]),
                   interviews=int(sums["interviews"]), rating_counts=sums.rating_counts,
                   comments=int(sums["comments"]))


@dataclass(frozen=True)
class OccupationFigures:
    """Sessions, ratings and interview figures for one occupation (None: none chosen)."""

    occupation_id: str | None
    sessions: int
    average_rating: float | None
    top_share: float | None
    interview: InterviewFigures | None = None
    task: TaskFigures | None = None


@dataclass(frozen=True)
class Comment:
    """A visitor's comment with the session it came from."""

    ended_at: datetime
    station_id: str
    occupation_id: str | None
    language: str
    rating: int | None
    text: str


@dataclass(frozen=True)
class Choices:
    """The stations, occupations and languages the filters can offer."""

    stations: list[str]
    occupations: list[str]
    languages: list[str]


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page shows for one set of filters."""

    filters: Filters
    overview: Overview
    per_day: list[tuple[date, int]]
    per_station: list[tuple[str, int]]
    occupations: list[OccupationFigures]
    """The most chosen occupations, at most TOP_OCCUPATIONS, most sessions first."""
    without_occupation: OccupationFigures | None
    """Sessions in which the visitor chose no occupation (not a place in the ranking)."""
    interviews: list[OccupationFigures]
    """Occupations with interview figures, most interviews first."""
    all_interviews: InterviewFigures
    """The interview figures of every filtered session together."""
    tasks: list[OccupationFigures]
    """Occupations in whose sessions a hands-on task was begun, most tasks first."""
    all_tasks: TaskFigures
    """The hands-on task figures of every filtered session together."""
    worked: list[tuple[str, int]]
    not_worked: list[tuple[str, int]]
    comments: list[Comment]
    choices: Choices


def dashboard(engine: Engine, filters: Filters, with_comments: bool) -> Dashboard:
    """The dashboard's figures for ``filters``; comments only ``with_comments``."""
    with engine.connect() as connection:
        # One row a day: every filter picks exactly one grain row of each day.
        days = {row.day: (row.sessions, row.comments) for row in connection.execute(
            select(_f.day, _f.sessions, _f.comments).where(*filters.rows(daily_figures)))}
        totals = _broken_down(connection, filters, None, (*FIGURE_COUNTS, *FIGURE_SUMS))
        per_station = [(row.key, Sums.of_row(row).sessions)
                       for row in _broken_down(connection, filters, "station", ("sessions",))]
        occupations = [(row.key, Sums.of_row(row)) for row in _broken_down(
            connection, filters, "occupation", (*FIGURE_COUNTS, *FIGURE_SUMS))]
        k = daily_chips.c
        chips = connection.execute(
            select(k.kind, k.chip_id, func.sum(k.taps)).where(*filters.rows(daily_chips))
            .group_by(k.kind, k.chip_id).order_by(func.sum(k.taps).desc(), k.chip_id)).all()
        comments = _comments(connection, filters, days) if with_comments else []
        choices = _choices(connection)
    total = Sums.of_row(totals[0]) if totals else Sums.total([])
    span = range((filters.day_to - filters.day_from).days + 1)
    ranked = sorted((_occupation(occupation, sums) for occupation, sums in occupations),
                    key=lambda o: (-o.sessions, o.occupation_id or ""))
    chosen = [o for o in ranked if o.occupation_id is not None]
    return Dashboard(
        filters=filters, overview=Overview.of(total),
        per_day=[(day, days[day][0] if day in days else 0)
                 for day in (filters.day_from + timedelta(days=i) for i in span)],
        per_station=sorted(per_station, key=lambda pair: (-pair[1], pair[0])),
        occupations=chosen[:TOP_OCCUPATIONS],
        without_occupation=next((o for o in ranked if o.occupation_id is None), None),
        interviews=sorted((o for o in chosen if o.interview is not None),
                          key=lambda o: (-(o.interview.interviews if o.interview else 0),
                                         o.occupation_id or "")),
        all_interviews=total.interview(),
        tasks=sorted((o for o in chosen if o.task is not None),
                     key=lambda o: (-(o.task.tasks if o.task else 0), o.occupation_id or "")),
        all_tasks=total.task(),
        worked=[(chip, int(n)) for kind, chip, n in chips if kind == "worked"],
        not_worked=[(chip, int(n)) for kind, chip, n in chips if kind == "not_worked"],
        comments=comments, choices=choices)


def _broken_down(connection: Connection, filters: Filters, by: str | None,
                 columns: Sequence[str]) -> list[Any]:
    """The sums of ``columns`` per value of ``by`` (station or occupation), in ``key``.

    Without ``by``: one row of totals (none when nothing was counted). Whole months are read
    from the monthly figures, the days around them from the daily ones.
    """
    parts = []
    for table, period, first, last in periods(filters.day_from, filters.day_to):
        t = table.c
        key = t[by] if by else t.day if period == "day" else t.month
        parts.append(select(key.label("key"), *[t[name] for name in columns]).where(
            *grain_conditions(table, filters.station, filters.occupation, filters.language, by),
            t[period] >= first, t[period] <= last))
    rows = union_all(*parts).subquery("rows")
    sums = [func.sum(rows.c[name]).label(name) for name in columns]
    if by is None:
        return [row for row in connection.execute(select(*sums)) if row.sessions is not None]
    return list(connection.execute(select(rows.c.key, *sums).group_by(rows.c.key)))


def _occupation(occupation: str, sums: Sums) -> OccupationFigures:
    interview = sums.interview()
    task = sums.task()
    return OccupationFigures(
        occupation_id=None if occupation == NO_OCCUPATION else occupation,
        sessions=sums.sessions, average_rating=sums.average_rating, top_share=sums.top_share,
        interview=interview if interview.interviews else None, task=task if task.tasks else None)


def _comments(connection: Connection, filters: Filters, days: Mapping[date, tuple[int, int]]
              ) -> list[Comment]:
    """The newest comments, read from the records of only the days that hold them.

    ``days`` holds each day's sessions and comments, so the newest RECENT_COMMENTS lie between
    the day found here and the end of the period, however rare they are for the filters.
    """
    found = 0
    first = None
    for day in sorted(days, reverse=True):
        if days[day][1]:
            found += days[day][1]
            first = day
            if found >= RECENT_COMMENTS:
                break
    if first is None:
        return []
    window = Filters(first, filters.day_to, filters.station, filters.occupation, filters.language)
    rows = connection.execute(
        select(_r.ended_at, _r.station_id, _r.occupation_id, _r.language, _r.rating, _r.comment)
        .where(*window.conditions(), _r.comment.is_not(None))
        .order_by(_r.started_at.desc()).limit(RECENT_COMMENTS)).all()
    return [Comment(*row) for row in rows]


def _choices(connection: Connection) -> Choices:
    # From the months (a record's day lies in its month): 24 rows a station, not 730.
    m = monthly_figures.c
    seen = connection.execute(select(m.station).distinct().where(
        m.occupation == ALL, m.language == ALL, m.station != ALL)).scalars()
    registered = connection.execute(select(stations.c.name)).scalars()
    occupations = connection.execute(select(m.occupation).distinct().where(
        m.station == ALL, m.language == ALL, m.occupation.not_in([ALL, NO_OCCUPATION]))
    ).scalars()
    languages = connection.execute(select(m.language).distinct().where(
        m.station == ALL, m.occupation == ALL, m.language != ALL)).scalars()
    return Choices(sorted(set(seen) | set(registered)), sorted(occupations), sorted(languages))


def _date(text: str | None, name: str, problems: list[str]) -> date | None:
    """A date typed as 2025-03-14 (what the date field sends) or 14.03.2025; None with a problem."""
    if not text:
        return None
    instead = ("Angezeigt wird der Zeitraum bis heute." if name == "Bis" else
               f"Angezeigt werden die {DEFAULT_DAYS} Tage bis zum „Bis“-Datum.")
    text = text.strip()
    german = _GERMAN_DATE.match(text)
    try:
        day = date(int(german[3]), int(german[2]), int(german[1])) if german \
            else date.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 20 else text[:19] + "…"
        problems.append(f"Das „{name}“-Datum „{shown}“ ist kein gültiges Datum. Bitte wählen Sie "
                        f"ein Datum im Kalender oder geben Sie es als TT.MM.JJJJ ein. {instead}")
        return None
    if not FIRST_DAY <= day <= LAST_DAY:
        problems.append(f"Das „{name}“-Datum {day.day:02d}.{day.month:02d}.{day.year:04d} liegt "
                        f"außerhalb der Jahre {FIRST_DAY.year} bis {LAST_DAY.year}, aus denen "
                        f"Sitzungen stammen können. {instead}")
        return None
    return day


def _choice(text: str | None) -> str | None:
    text = (text or "").strip()
    return text[:64] or None
