"""The dashboard's figures, computed in the database for the staff member's filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, case, func, select

from center.tables import session_chips, session_records, stations

DEFAULT_DAYS = 30
MAX_DAYS = 3660
TOP_OCCUPATIONS = 10
RECENT_COMMENTS = 20

_r = session_records.c


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


def parse_filters(params: dict[str, str], today: date) -> tuple[Filters, list[str]]:
    """Filters from query parameters; problems are messages for the page (German)."""
    problems: list[str] = []
    day_to = _date(params.get("to"), "Bis", problems) or today
    day_from = _date(params.get("from"), "Von", problems) or day_to - timedelta(days=DEFAULT_DAYS - 1)
    if day_from > day_to:
        problems.append("„Von“ liegt nach „Bis“; die Daten wurden getauscht.")
        day_from, day_to = day_to, day_from
    if (day_to - day_from).days >= MAX_DAYS:
        day_from = day_to - timedelta(days=MAX_DAYS - 1)
        problems.append(f"Der Zeitraum ist auf {MAX_DAYS} Tage begrenzt.")
    return Filters(day_from, day_to, _choice(params.get("station")),
                   _choice(params.get("occupation")), _choice(params.get("language"))), problems


@dataclass(frozen=True)
class Overview:
    """The headline figures for the filtered sessions."""

    sessions: int
    rated: int
    average_rating: float | None
    top_rated: int
    """Sessions rated 4 or 5."""
    completed: int
    abandoned: int
    timed_out: int
    interviews: int
    rating_counts: tuple[int, int, int, int, int]
    """Sessions rated 1, 2, 3, 4 and 5 stars."""

    @property
    def top_share(self) -> float | None:
        """Share (0–1) of rated sessions rated 4 or 5 stars; None when none was rated."""
        return self.top_rated / self.rated if self.rated else None

    @property
    def abandoned_share(self) -> float | None:
        """Sessions not completed: ended early by the visitor or by the idle timeout."""
        return (self.abandoned + self.timed_out) / self.sessions if self.sessions else None


@dataclass(frozen=True)
class OccupationFigures:
    """Sessions and ratings for one occupation (None: none chosen)."""

    occupation_id: str | None
    sessions: int
    average_rating: float | None
    top_share: float | None


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
    worked: list[tuple[str, int]]
    not_worked: list[tuple[str, int]]
    comments: list[Comment]
    choices: Choices


def dashboard(engine: Engine, filters: Filters, with_comments: bool) -> Dashboard:
    """The dashboard's figures for ``filters``; comments only ``with_comments``."""
    where = filters.conditions()
    with engine.connect() as connection:
        overview = _overview(connection, where)
        per_day: dict[date, int] = dict(connection.execute(
            select(_r.day, func.count()).where(*where).group_by(_r.day)).all())
        per_station = connection.execute(
            select(_r.station_id, func.count().label("n")).where(*where).group_by(_r.station_id)
            .order_by(func.count().desc(), _r.station_id)).all()
        occupations = [_occupation(row) for row in connection.execute(
            select(_r.occupation_id, func.count(), func.avg(_r.rating), func.count(_r.rating),
                   func.sum(case((_r.rating >= 4, 1), else_=0)))
            .where(*where).group_by(_r.occupation_id)
            .order_by(func.count().desc(), _r.occupation_id).limit(TOP_OCCUPATIONS)).all()]
        chips = connection.execute(
            select(session_chips.c.kind, session_chips.c.chip_id, func.count())
            .join(session_records, session_records.c.session_id == session_chips.c.session_id)
            .where(*where).group_by(session_chips.c.kind, session_chips.c.chip_id)
            .order_by(func.count().desc(), session_chips.c.chip_id)).all()
        comments = [] if not with_comments else [Comment(*row) for row in connection.execute(
            select(_r.ended_at, _r.station_id, _r.occupation_id, _r.language, _r.rating, _r.comment)
            .where(*where, _r.comment.is_not(None))
            .order_by(_r.started_at.desc()).limit(RECENT_COMMENTS)).all()]
        choices = _choices(connection)
    days = [filters.day_from + timedelta(days=i)
            for i in range((filters.day_to - filters.day_from).days + 1)]
    return Dashboard(
        filters=filters, overview=overview,
        per_day=[(day, per_day.get(day, 0)) for day in days],
        per_station=[(row[0], row[1]) for row in per_station],
        occupations=occupations,
        worked=[(chip, n) for kind, chip, n in chips if kind == "worked"],
        not_worked=[(chip, n) for kind, chip, n in chips if kind == "not_worked"],
        comments=comments, choices=choices)


def _overview(connection: Any, where: list[ColumnElement[bool]]) -> Overview:
    row = connection.execute(select(
        func.count(), func.count(_r.rating), func.avg(_r.rating),
        _count(_r.rating >= 4), _count(_r.outcome == "completed"), _count(_r.outcome == "abandoned"),
        _count(_r.outcome == "timeout"), _count(_r.mode == "interview"),
        *[_count(_r.rating == stars) for stars in range(1, 6)]).where(*where)).one()
    return Overview(
        sessions=row[0], rated=row[1], average_rating=None if row[2] is None else float(row[2]),
        top_rated=int(row[3] or 0), completed=int(row[4] or 0), abandoned=int(row[5] or 0),
        timed_out=int(row[6] or 0), interviews=int(row[7] or 0),
        rating_counts=tuple(int(n or 0) for n in row[8:13]))  # type: ignore[arg-type]  # 5 columns: 1–5 stars


def _count(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def _occupation(row: Any) -> OccupationFigures:
    occupation_id, sessions, average, rated, top = row
    return OccupationFigures(occupation_id, sessions, None if average is None else float(average),
                             int(top or 0) / rated if rated else None)


def _choices(connection: Any) -> Choices:
    seen = set(connection.execute(select(_r.station_id).distinct()).scalars())
    registered = set(connection.execute(select(stations.c.name)).scalars())
    occupations = connection.execute(select(_r.occupation_id).distinct()
                                     .where(_r.occupation_id.is_not(None))).scalars()
    languages = connection.execute(select(_r.language).distinct()).scalars()
    return Choices(sorted(seen | registered), sorted(occupations), sorted(languages))


def _date(text: str | None, name: str, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"„{name}“: {text[:20]!r} ist kein gültiges Datum; es gilt der Standard.")
        return None


def _choice(text: str | None) -> str | None:
    text = (text or "").strip()
    return text[:64] or None
