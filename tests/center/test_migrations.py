"""Alembic migrations build exactly the tables the code uses, on SQLite and PostgreSQL."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from center.database import alembic_config, make_engine, migrate, schema_revision
from center.tables import metadata


def test_upgrade_matches_the_tables_and_can_run_twice(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # a second instance starting up finds nothing to do
    assert schema_revision(engine) == "0001"
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
            "center_settings"} <= set(inspect(engine).get_table_names())
    engine.dispose()
