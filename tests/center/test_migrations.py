"""Alembic migrations build exactly the tables the code uses, on SQLite and PostgreSQL."""

from datetime import UTC, date, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from center.database import WRITE, alembic_config, make_engine, migrate, schema_revision
from center.stats import Filters, dashboard
from center.tables import center_settings, metadata, session_chips, session_records
from tests.vr_station.feedback.records import make_record


def test_upgrade_matches_the_tables_and_can_run_twice(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # a second instance starting up finds nothing to do
    assert schema_revision(engine) == "0006"
    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    assert differences == []
    engine.dispose()


def test_downgrade_to_nothing_and_back(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "base")
        connection.commit()
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert {"session_records", "session_chips", "stations", "staff_users", "login_sessions",
            "center_settings", "daily_figures", "daily_chips", "login_failures", "station_health",
            "help_calls", "content_blobs", "content_versions", "content_version_files",
            "content_drafts"} <= set(
        inspect(engine).get_table_names())
    engine.dispose()


def test_an_upgrade_sums_the_records_a_center_already_has(database_url):
    """A center of the first version has records but no daily figures: the upgrade sums them."""
    engine = make_engine(database_url)
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.commit()
    record = make_record(started_at=datetime(2025, 3, 14, 9, 30, tzinfo=UTC), rating=5)
    values = {"session_id": str(record.session_id), "station_id": "biz-1", "schema_version": 1,
              "app_version": "0.1.0", "started_at": record.started_at, "ended_at": record.ended_at,
              "day": date(2025, 3, 14), "mode": "tour", "occupation_id": "koch", "language": "de",
              "outcome": "completed", "rating": 5, "comment": None, "received_at": record.ended_at}
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(session_records.insert().values(**values))
        connection.execute(session_chips.insert().values(
            session_id=values["session_id"], kind="worked", chip_id="easy_to_use", position=0))
    migrate(engine)
    figures = dashboard(engine, Filters(date(2025, 3, 1), date(2025, 3, 31)), with_comments=True)
    assert (figures.overview.sessions, figures.overview.top_rated) == (1, 1)
    assert figures.worked == [("easy_to_use", 1)]
    with engine.connect() as connection:
        assert connection.execute(select(center_settings.c.key)).all() == []
    engine.dispose()
