"""The dashboard's figures, computed by each database for known records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from center.stats import FIRST_DAY, LAST_DAY, Filters, dashboard, parse_filters
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
    # A session without an occupation is not a place in the ranking: it has its own line.
    assert [o.occupation_id for o in figures.occupations] == ["koch"]
    assert figures.without_occupation is not None and figures.without_occupation.sessions == 1
    assert koch.interview is None  # the only interview had no occupation
    assert figures.all_interviews.interviews == 1
    assert figures.all_interviews.answers_per_interview == 7
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
    assert problems == ["Das „Von“-Datum lag nach dem „Bis“-Datum. Die beiden Daten wurden "
                        "getauscht."]
    filters, problems = parse_filters({"from": "gestern"}, today)
    assert problems == ["Das „Von“-Datum „gestern“ ist kein gültiges Datum. Bitte wählen Sie ein "
                        "Datum im Kalender oder geben Sie es als TT.MM.JJJJ ein. Angezeigt werden "
                        "die 30 Tage bis zum „Bis“-Datum."]
    assert filters.day_to == today
    assert filters.query() == {"from": "2025-03-02", "to": "2025-03-31"}
    filters, problems = parse_filters({"from": "1.3.2025", "to": "14.03.2025"}, today)
    assert (filters.day_from, filters.day_to, problems) == (date(2025, 3, 1), date(2025, 3, 14), [])


@pytest.mark.parametrize("params", [{"to": "0001-01-01"}, {"from": "0001-01-01"},
                                    {"to": "9999-12-31"}, {"from": "1999-12-31", "to": "0002-02-02"},
                                    {"to": "2000-01-01"}, {"from": "99999-01-01"}])
def test_dates_out_of_range_are_named_never_fatal(params):
    filters, problems = parse_filters(params, date(2025, 3, 31))
    assert FIRST_DAY <= filters.day_from <= filters.day_to <= LAST_DAY
    for name, text in params.items():
        if not FIRST_DAY.isoformat() <= text <= LAST_DAY.isoformat():
            label = "Von" if name == "from" else "Bis"
            assert any(p.startswith(f"Das „{label}“-Datum") for p in problems), problems


def test_interview_figures_are_weighted_sums_per_occupation(engine):
    store(engine, [
        make_record(mode=SessionMode.INTERVIEW, started_at=at(DAY, 9), occupation_id="koch",
                    interview=interview_summary(questions_answered=6, speaking_time_s=300,
                                                words_per_minute=100, filler_words_per_minute=2,
                                                structured_answers_share=0.5,
                                                eye_contact_share=None)),
        make_record(mode=SessionMode.INTERVIEW, started_at=at(DAY, 10), occupation_id="koch",
                    interview=interview_summary(questions_answered=2, speaking_time_s=100,
                                                words_per_minute=140, filler_words_per_minute=6,
                                                structured_answers_share=1.0,
                                                eye_contact_share=0.8)),
        make_record(started_at=at(DAY, 11), occupation_id="koch"),
    ])
    figures = dashboard(engine, Filters(DAY, DAY), with_comments=False)
    koch = figures.interviews[0].interview
    assert koch is not None and koch.interviews == 2
    assert koch.answers_per_interview == 4
    # Weighted by speaking time: (100·5 + 140·5/3) / (5 + 5/3) words per minute.
    assert koch.words_per_minute == pytest.approx(110)
    assert koch.fillers_per_minute == pytest.approx(3)
    assert koch.structured_share == pytest.approx((3 + 2) / 8)  # by answers
    assert koch.eye_contact_share == pytest.approx(0.8)  # only the tracked interview
    assert figures.occupations[0].sessions == 3
