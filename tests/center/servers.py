"""Real servers for the center's tests: a PostgreSQL cluster in a temp directory and the center
(``vr-center serve``) in a subprocess on loopback."""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bindir() -> Path | None:
    """Debian's PostgreSQL binaries (newest version), or any initdb on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresCluster:
    """``initdb`` into a temp directory and ``pg_ctl start`` on a free loopback port.

    PostgreSQL refuses to run as root; as root the cluster runs as the ``postgres`` user that
    Debian's package creates."""

    def __init__(self, bindir: Path, durable: bool = False, root: Path | None = None):
        self.bindir = bindir
        self.durable = durable
        """fsync on (as in production; for benchmarks); off makes tests faster."""
        self.port = free_port()
        self.kept = root is not None
        """A cluster in ``root`` outlives ``stop`` (a benchmark reuses its data); else a temp dir."""
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)
        self.root = root if root is not None else Path(tempfile.mkdtemp(prefix="vr-center-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def start(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--no-sync", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")

    def stop(self) -> None:
        try:
            # A kept cluster stops cleanly, so that its next start needs no recovery.
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast" if self.kept else "immediate",
                      "-w", "stop")
        finally:
            if not self.kept:
                shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str | None = None) -> str:
        """A fresh, empty database (``name``: created unless it exists); its SQLAlchemy URL."""
        import psycopg

        name = name or f"center_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone() is None:
                connection.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run([*self._as_user, str(self.bindir / tool), *args],
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed ({result.returncode}): {result.stderr}\n{log}")


class CenterProcess:
    """``vr-center serve`` in a subprocess; ``kill9`` and ``start`` again on the same port."""

    def __init__(self, database_url: str, workdir: Path, env: dict[str, str] | None = None):
        self.database_url = database_url
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.workdir = workdir
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.extra_args: list[str] = []

    def start(self, timeout_s: float = 60.0) -> CenterProcess:
        self.starts += 1
        log = self.workdir / f"center-{self.port}-{self.starts}.log"
        env = {**os.environ, "VR_CENTER_DB": self.database_url, **self.env}
        with open(log, "wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "center", "serve", "--host", "127.0.0.1",
                 "--port", str(self.port), *self.extra_args],
                cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        scheme_url = self.base_url.replace("http://", "https://") \
            if "--ssl-certfile" in self.extra_args else self.base_url
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the center exited with {self.process.returncode}:\n"
                                   f"{log.read_text()}")
            try:
                if httpx.get(f"{scheme_url}/api/v1/health", timeout=2, verify=False
                             ).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.kill9()
        raise RuntimeError(f"the center did not answer within {timeout_s} s:\n{log.read_text()}")

    def kill9(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()


@contextmanager
def fresh_database(backend: str, workdir: Path) -> Iterator[str | None]:
    """The URL of an empty center database of ``backend`` (``sqlite``: a file in ``workdir``;
    ``postgresql``: a durable cluster of its own, stopped afterwards), or None where PostgreSQL
    is not installed (said on stderr). For the benchmarks."""
    if backend == "sqlite":
        yield f"sqlite:///{workdir / 'center.sqlite3'}"
        return
    bindir = postgres_bindir()
    if bindir is None:
        print("postgresql: skipped, PostgreSQL is not installed", file=sys.stderr)
        yield None
        return
    cluster = PostgresCluster(bindir, durable=True)
    cluster.start()
    try:
        yield cluster.create_database()
    finally:
        cluster.stop()


STAFF_PASSWORD = "Ein-sehr-langes-Passwort"
"""The password the page tests give the accounts they create (long enough for the policy)."""


def login(server: CenterProcess, username: str, password: str = STAFF_PASSWORD,
          origin: str | None = None) -> tuple[httpx.Client, httpx.Response]:
    """Log in through the login form (CSRF token and Origin as a browser sends them).

    Returns the client (with its session cookie when the login worked) and the answer.
    """
    client = httpx.Client(base_url=server.base_url, timeout=30)
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None, "the login form has no CSRF token"
    response = client.post("/login", data={"csrf_token": token[1], "username": username,
                                           "password": password, "next": "/"},
                           headers={"Origin": origin or server.base_url})
    return client, response
