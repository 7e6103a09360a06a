"""The dashboard's figures, computed by each database for known records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from center.stats import Filters, dashboard, parse_filters
from tests.center.ingest_helpers import store
from tests.vr_station.feedback.records import interview_summary, make_record
from visit_record.record import SessionMode, SessionOutcome

DAY = date(2025, 3, 10)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def seed(engine) -> None:
    store(engine, [
        make_record(station_id="biz-1", started_at=at(DAY, 9), rating=5,
                    worked=("easy_to_use", "realistic"), comment="Toll!"),
        make_record(station_id="biz-1", started_at=at(DAY, 10), rating=4, worked=("easy_to_use",),
                    not_worked=("felt_dizzy",)),
        make_record(station_id="biz-1", started_at=at(DAY, 11), rating=2, worked=(),
                    not_worked=("felt_dizzy",),
                    outcome=SessionOutcome.ABANDONED, comment="Mir wurde schwindelig."),
        make_record(station_id="biz-2", started_at=at(DAY + timedelta(days=1), 9), rating=None,
                    worked=(),
                    mode=SessionMode.INTERVIEW, interview=interview_summary(), language="en",
                    outcome=SessionOutcome.TIMEOUT, occupation_id=None),
        # 23:30 UTC on the 11th is already the 12th in Berlin.
        make_record(station_id="biz-2", started_at=at(DAY + timedelta(days=1), 23).replace(minute=30),
                    rating=5, worked=()),
    ])


def test_overview_figures(engine):
    seed(engine)
    figures = dashboard(engine, Filters(DAY, DAY + timedelta(days=2)), with_comments=True)
    o = figures.overview
    assert (o.sessions, o.rated, o.top_rated, o.abandoned, o.timed_out, o.interviews) == (
        5, 4, 3, 1, 1, 1)
    assert o.average_rating == 4.0
    assert o.top_share == 0.75 and o.abandoned_share == 0.4
    assert o.rating_counts == (0, 1, 0, 1, 2)
    assert figures.per_day == [(DAY, 3), (DAY + timedelta(days=1), 1), (DAY + timedelta(days=2), 1)]
    assert figures.per_station == [("biz-1", 3), ("biz-2", 2)]
    assert figures.worked == [("easy_to_use", 2), ("realistic", 1)]
    assert figures.not_worked == [("felt_dizzy", 2)]
    assert [c.text for c in figures.comments] == ["Mir wurde schwindelig.", "Toll!"]
    koch = figures.occupations[0]
    assert (koch.occupation_id, koch.sessions, koch.average_rating, koch.top_share) == (
        "koch", 4, 4.0, 0.75)
    assert figures.occupations[1].occupation_id is None
    assert figures.choices.stations == ["biz-1", "biz-2"] and figures.choices.languages == ["de", "en"]


def test_filters_narrow_every_figure(engine):
    seed(engine)
    by_station = dashboard(engine, Filters(DAY, DAY + timedelta(days=2), station="biz-2"), False)
    assert by_station.overview.sessions == 2 and by_station.comments == []
    by_language = dashboard(engine, Filters(DAY, DAY + timedelta(days=2), language="en"), True)
    assert by_language.overview.sessions == 1 and by_language.overview.interviews == 1
    by_occupation = dashboard(engine, Filters(DAY, DAY, occupation="koch"), True)
    assert by_occupation.overview.sessions == 3 and by_occupation.worked[0] == ("easy_to_use", 2)
    empty = dashboard(engine, Filters(DAY - timedelta(days=30), DAY - timedelta(days=1)), True)
    assert empty.overview.sessions == 0 and empty.overview.top_share is None
    assert empty.overview.average_rating is None and len(empty.per_day) == 30


def test_filter_parameters_are_read_forgivingly():
    today = date(2025, 3, 31)
    filters, problems = parse_filters({}, today)
    assert (filters.day_from, filters.day_to, problems) == (date(2025, 3, 2), today, [])
    filters, problems = parse_filters({"from": "2025-03-20", "to": "2025-03-01",
                                       "station": " biz-1 ", "language": ""}, today)
    assert (filters.day_from, filters.day_to, filters.station, filters.language) == (
        date(2025, 3, 1), date(2025, 3, 20), "biz-1", None)
    assert problems == ["„Von“ liegt nach „Bis“; die Daten wurden getauscht."]
    filters, problems = parse_filters({"from": "gestern"}, today)
    assert "ist kein gültiges Datum" in problems[0] and filters.day_to == today
    assert filters.query() == {"from": "2025-03-02", "to": "2025-03-31"}
