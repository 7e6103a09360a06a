"""Fixtures for the center: SQLite and a real PostgreSQL, migrated engines, the real server."""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from center.database import make_engine, migrate
from tests.center.servers import CenterProcess, PostgresCluster, postgres_bindir

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql; "
                    "scripts/debian/test.txt lists it, so 'make test' installs it)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root, and there is no 'postgres' user to run PostgreSQL as")
    cluster = PostgresCluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


def new_database(backend: str, request: pytest.FixtureRequest, directory: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{directory / 'center.sqlite3'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.create_database()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_database(request.param, request, tmp_path)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def center_server(database_url: str, tmp_path: Path) -> Iterator[CenterProcess]:
    server = CenterProcess(database_url, tmp_path).start()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def shared_center(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[tuple[CenterProcess, Engine]]:
    """One server per backend for a whole test module (tests use their own stations)."""
    directory = tmp_path_factory.mktemp("center")
    url = new_database(request.param, request, directory)
    engine = make_engine(url)
    migrate(engine)
    server = CenterProcess(url, directory, env={"VR_CENTER_MAX_REQUEST_BYTES": str(256 * 1024)})
    server.start()
    yield server, engine
    server.stop()
    engine.dispose()
