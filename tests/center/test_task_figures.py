"""The hands-on task's figures (issue 20): stored at ingest, summed, shown, exported, migrated."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine, select

from center.database import WRITE, alembic_config, make_engine, migrate
from center.figures import rebuild
from center.staff import Role, add_user
from center.stats import Filters, TaskFigures, dashboard
from center.tables import daily_figures, session_records
from tests.center.ingest_helpers import store
from tests.center.servers import STAFF_PASSWORD, CenterProcess, login
from tests.vr_station.feedback.records import make_record
from visit_record.record import HandsOnTaskFigures

PASSWORD = STAFF_PASSWORD
MARCH = date(2025, 3, 14)


def _at(hour: int) -> datetime:
    return datetime(2025, 3, 14, hour, 0, tzinfo=UTC)


def _task(kind: str, completed: bool, hints: int, seconds: float) -> HandsOnTaskFigures:
    return HandsOnTaskFigures(kind=kind, completed=completed, hints_used=hints, duration_s=seconds)


def test_ingest_stores_the_figures_and_the_sums_equal_a_rebuild(engine: Engine):
    records = [
        make_record(started_at=_at(8), hands_on_task=_task("sort", True, 0, 100.0)),
        make_record(started_at=_at(9), hands_on_task=_task("sort", True, 2, 150.5)),
        make_record(started_at=_at(10), hands_on_task=_task("sort", False, 4, 200.0)),
        make_record(started_at=_at(11), occupation_id="pflegefachkraft", language="en",
                    station_id="biz-2", hands_on_task=_task("sequence", True, 1, 65.0)),
        make_record(started_at=_at(12)),  # a station from before the tasks
    ]
    store(engine, records[:4])
    store(engine, records[4:])
    r = session_records.c
    with engine.connect() as connection:
        stored = {row.session_id: row[1:] for row in connection.execute(
            select(r.session_id, r.task_kind, r.task_completed, r.task_hints_used,
                   r.task_duration_s))}
    assert stored[str(records[1].session_id)] == ("sort", True, 2, 150.5)
    assert stored[str(records[3].session_id)] == ("sequence", True, 1, 65.0)
    assert stored[str(records[4].session_id)] == (None, None, None, None)

    def figures(**filters: str) -> tuple[TaskFigures, dict[str | None, TaskFigures]]:
        shown = dashboard(engine, Filters(MARCH, MARCH, **filters), with_comments=False)
        return shown.all_tasks, {o.occupation_id: o.task for o in shown.tasks if o.task}

    every, per_occupation = figures()
    assert (every.tasks, every.completed) == (4, 3)
    assert every.completed_share == pytest.approx(0.75)
    assert every.hints_per_task == pytest.approx(7 / 4)
    assert every.average_duration_s == pytest.approx((100 + 150.5 + 200 + 65) / 4)
    koch = per_occupation["koch"]
    assert (koch.tasks, koch.completed, koch.hints_per_task) == (3, 2, pytest.approx(2.0))
    assert koch.average_duration_s == pytest.approx((100 + 150.5 + 200) / 3)
    assert list(per_occupation) == ["koch", "pflegefachkraft"]  # most tasks first
    # The filters pick the tasks as they pick the sessions.
    assert figures(language="en")[0] == TaskFigures(1, 1, 1.0, 65.0)
    assert figures(station="biz-1")[0].tasks == 3
    assert figures(occupation="pflegefachkraft")[0].tasks == 1
    # The old record counts as a session, not as a task.
    assert dashboard(engine, Filters(MARCH, MARCH), False).overview.sessions == 5
    before = figures()
    assert rebuild(engine) == 1  # what `vr-center db rebuild-figures` runs
    assert figures() == before


def test_an_upgrade_keeps_the_old_records_and_adds_new_figures_to_their_sums(database_url):
    """A center at 0005 has records and figures without task columns; 0006 adds them."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0005")
        connection.commit()
    old = make_record(started_at=_at(8))
    # The tables as 0005 made them: only the columns they had then.
    records = sa.table("session_records", *[sa.column(c.name) for c in session_records.columns
                                            if not c.name.startswith("task_")])
    figures = sa.table("daily_figures", *[sa.column(name) for name in (
        "station", "occupation", "language", "day", "sessions", "completed")])
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(records.insert().values(
            session_id=str(old.session_id), station_id="biz-1", schema_version=1,
            app_version="0.1.0", started_at=old.started_at.replace(tzinfo=None)
            if engine.dialect.name == "sqlite" else old.started_at,
            ended_at=old.ended_at.replace(tzinfo=None)
            if engine.dialect.name == "sqlite" else old.ended_at,
            day=MARCH, mode="tour", occupation_id="koch", language="de", outcome="completed",
            rating=5, comment=None, received_at=old.ended_at.replace(tzinfo=None)
            if engine.dialect.name == "sqlite" else old.ended_at))
        connection.execute(figures.insert().values(station="*", occupation="*", language="*",
                                                   day=MARCH, sessions=1, completed=1))
    migrate(engine)
    r, f = session_records.c, daily_figures.c
    with engine.connect() as connection:
        assert connection.execute(select(r.task_kind, r.task_completed, r.task_hints_used,
                                         r.task_duration_s)).one() == (None, None, None, None)
        assert connection.execute(select(f.tasks, f.tasks_completed, f.task_hints,
                                         f.task_duration_s)).one() == (0, 0, 0, 0.0)
    store(engine, [make_record(started_at=_at(9), hands_on_task=_task("find", True, 1, 90.0))])
    shown = dashboard(engine, Filters(MARCH, MARCH), with_comments=False)
    assert shown.overview.sessions == 2
    assert shown.all_tasks == TaskFigures(1, 1, 1.0, 90.0)
    engine.dispose()


# The page: a real server on loopback with a seeded set.

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[CenterProcess, Engine]]:
    directory = tmp_path_factory.mktemp("tasks")
    url = f"sqlite:///{directory / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "leitung", PASSWORD, Role.VIEWER)
    now = datetime.now(UTC)
    store(engine, [
        make_record(station_id="biz-nord", started_at=now - timedelta(hours=h),
                    hands_on_task=_task("sort", done, hints, seconds))
        for h, done, hints, seconds in ((1, True, 0, 100.0), (2, True, 2, 150.0),
                                        (3, False, 4, 200.0))])
    store(engine, [make_record(station_id="biz-sued", started_at=now - timedelta(hours=4),
                               occupation_id="pflegefachkraft", language="en",
                               hands_on_task=_task("sequence", True, 1, 65.0)),
                   make_record(station_id="biz-sued", started_at=now - timedelta(hours=5))])
    server = CenterProcess(url, directory).start()
    yield server, engine
    server.stop()
    engine.dispose()


@pytest.fixture(scope="module")
def client(site) -> Iterator[httpx.Client]:
    server, _engine = site
    client, response = login(server, "leitung")
    assert response.status_code == 303, response.text
    yield client
    client.close()


def _task_rows(page: str) -> list[list[str]]:
    """The cells of the rows of the "Ausprobieren (Aufgaben)" table, as text."""
    section = re.search(r'<section class="card" id="tasks">(.*?)</section>', page, re.S)
    assert section is not None, "the dashboard has no section id=tasks"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section[1], re.S)
    return [[re.sub(r"<[^>]+>", "", cell).strip().replace("\u00a0", " ")
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


def test_the_dashboard_shows_the_task_figures_per_occupation(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Ausprobieren (Aufgaben)" in page.text
    assert "keine Note für Besucherinnen und Besucher" in page.text
    assert _task_rows(page.text) == [
        ["Beruf", "Aufgaben begonnen", "davon abgeschlossen", "Ø Hinweise", "Ø Dauer (min:s)"],
        ["Koch/Köchin", "3", "2 (67 %)", "2,0", "2:30"],
        ["Pflegefachfrau/Pflegefachmann", "1", "1 (100 %)", "1,0", "1:05"],
        # (0 + 2 + 4 + 1) / 4 hints; (100 + 150 + 200 + 65) / 4 = 128.75 s
        ["Alle Berufe", "4", "3 (75 %)", "1,8", "2:09"],
    ]


def test_the_filters_apply_to_the_task_figures(client):
    rows = _task_rows(client.get("/", params={"language": "en"}).text)
    assert rows[1:] == [["Pflegefachfrau/Pflegefachmann", "1", "1 (100 %)", "1,0", "1:05"]]
    rows = _task_rows(client.get("/", params={"station": "biz-nord"}).text)
    assert rows[1:] == [["Koch/Köchin", "3", "2 (67 %)", "2,0", "2:30"]]
    # The old record (no task) alone: sessions, but no task figures.
    page = client.get("/", params={"station": "biz-sued", "language": "de"})
    assert 'id="no-tasks"' in page.text and 'id="kpi-sessions"' in page.text


def test_the_excel_export_has_the_task_columns(client):
    response = client.get("/export.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    by_duration = {row["Aufgabe: Dauer (Sekunden)"]: row for row in rows}
    assert set(by_duration) == {"100,0", "150,0", "200,0", "65,0", ""}
    assert (by_duration["200,0"]["Aufgabe (Art)"], by_duration["200,0"]["Aufgabe abgeschlossen"],
            by_duration["200,0"]["Aufgabe: genutzte Hinweise"]) == ("Zuordnen", "nein", "4")
    assert by_duration["65,0"]["Aufgabe (Art)"] == "Reihenfolge"
    assert by_duration[""]["Aufgabe (Art)"] == by_duration[""]["Aufgabe abgeschlossen"] == ""
    raw = list(csv.DictReader(io.StringIO(client.get("/export.csv", params={"format": "raw"})
                                          .text.lstrip("\ufeff")), delimiter=";"))
    assert {(row["task_kind"], row["task_completed"]) for row in raw} == {
        ("sort", "true"), ("sort", "false"), ("sequence", "true"), ("", "")}
