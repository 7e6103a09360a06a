"""How fast the dashboard answers at a region's size, and how large SQLite's log grows.

Builds a center database with ``--records`` session records (default 2 million: 50 stations
over two years, issue 17) on SQLite and on a PostgreSQL cluster of its own (fsync on), with
their daily and monthly figures written in the same pass (bench/center_bulk.py; one day and
month are checked against the center's own ``rebuild_days``). The built databases are kept in
``--cache`` and reused by the next run of the same day and size (``--fresh`` builds anew).
Then it starts the real server (``vr-center serve``) on loopback, logs in as a staff member and
asks for each dashboard view over HTTP: p50 and p95 of ``--rounds`` requests after one warm-up
request; reads the CSV export of ``--export-days`` to its end (first byte, server memory).

Then, on SQLite, a sustained ingest through the real ingest code (``--ingest-records`` records in
batches of 1,000 from 4 threads, with a dashboard reader running all the time, the case that let
the log grow to 5.3 GB), into a copy of the database, while the size of ``-wal`` is sampled.

    .venv/bin/python bench/center_dashboard.py [--backend sqlite|postgresql|both]
        [--records N] [--days N] [--rounds N] [--ingest-records N] [--export-days N]
        [--cache DIR] [--fresh]

The records are written straight into the tables (the API's checks would take an hour for
2 million; ``bench/center_ingest.py`` measures that path).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select

# Run as a script, only bench/ is on sys.path; the repository's packages (center, tests) must be
# importable too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.center_bulk import BERLIN, batches, check_against_center, write
from center.database import make_engine, migrate
from center.figures import rebuild
from center.ingest import store_records
from center.policy import load_policy, save_policy
from center.staff import Role, add_user
from center.stats import Filters, dashboard
from center.tables import ALL, daily_figures, session_records
from tests.center.servers import CenterProcess, PostgresCluster, postgres_bindir
from tests.vr_station.feedback.records import random_record

CENTER = Path(__file__).resolve().parent.parent / "center"
PASSWORD = "Ein-sehr-langes-Passwort"


def views(today: date) -> dict[str, str]:
    """The dashboard's views as a staff member opens them (query strings of ``GET /``)."""
    year = (today - timedelta(days=364)).isoformat()
    two = (today - timedelta(days=729)).isoformat()
    return {
        "default (30 days)": "/",
        "one year": f"/?from={year}",
        "two years": f"/?from={two}",
        "one occupation, one year": f"/?from={year}&occupation=beruf-03",
        "station + language, one year": f"/?from={year}&station=biz-07&language=en",
        "station + occupation + language, two years":
            f"/?from={two}&station=biz-11&occupation=beruf-05&language=de",
        "one language, 30 days": "/?language=tr",
        "out-of-range date": "/?to=0001-01-01",
    }


def check_written(engine: Engine, args: argparse.Namespace) -> None:
    """Check that the bulk-written records read back as the center's own and all count.

    Else a wrong storage format (a time, a day, the JSON) would go unnoticed.
    """
    d = daily_figures.c
    with engine.connect() as connection:
        row = connection.execute(select(session_records).where(
            session_records.c.interview.is_not(None)).limit(1)).one()
        summed = connection.execute(select(func.sum(d.sessions)).where(
            d.station == ALL, d.occupation == ALL, d.language == ALL)).scalar_one()
    assert row.started_at.tzinfo is not None and isinstance(row.interview, dict), row
    assert row.day == row.started_at.astimezone(BERLIN).date(), row
    assert summed == args.records, f"the daily figures count {summed} of {args.records} records"


def middle_day(engine: Engine) -> date:
    """The day halfway between the first and the last record's."""
    with engine.connect() as connection:
        first, last = connection.execute(select(func.min(session_records.c.day),
                                                func.max(session_records.c.day))).one()
    return first + (last - first) / 2


def analyze(engine: Engine) -> None:
    """On PostgreSQL, planner statistics for the bulk-written rows.

    Autovacuum makes them some minutes after a bulk load; without them PostgreSQL plans for
    empty tables. SQLite is left as the center runs it, without ANALYZE.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")


def load(engine: Engine, args: argparse.Namespace) -> float:
    """Write the records and their figures (bench/center_bulk.py); the seconds it took."""
    began = time.perf_counter()
    end = datetime.now(UTC).replace(microsecond=0)
    write(engine, batches(args.records, args.days, args.stations, seed=17, end=end))
    written = time.perf_counter() - began
    analyze(engine)
    check_written(engine, args)
    # A day and month in the middle, summed again by the center's own code.
    check_against_center(engine, (end - timedelta(days=args.days // 2)).astimezone(BERLIN).date())
    return written


def login(server: CenterProcess) -> httpx.Client:
    """A client logged in as a viewer."""
    client = httpx.Client(base_url=server.base_url, timeout=120)
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None, "no CSRF token on the login page"
    response = client.post("/login", data={"csrf_token": token[1], "username": "leitung",
                                           "password": PASSWORD, "next": "/"},
                           headers={"Origin": server.base_url})
    assert response.status_code == 303, f"login failed: {response.status_code}"
    return client


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (0–100), nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def time_views(server: CenterProcess, rounds: int) -> list[tuple[str, float, float]]:
    """Each view: one warm-up request, then ``rounds`` timed ones; (name, p50 ms, p95 ms)."""
    results = []
    client = login(server)
    try:
        for name, path in views(date.today()).items():
            client.get(path)
            timings = []
            for _ in range(rounds):
                began = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, f"{path}: {response.status_code}"
            results.append((name, statistics.median(timings), percentile(timings, 95)))
    finally:
        client.close()
    return results


def _rss_bytes(pid: int) -> int:
    """The resident memory of process ``pid`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def export_rows(backend: str, server: CenterProcess, days: int) -> list[str]:
    """Read the CSV export of the last ``days`` (German Excel, the button's default) to its end.

    Measures the first byte's delay and the server's memory before and at most meanwhile
    (sampled every 50 ms), which stays flat when the export streams.
    """
    assert server.process is not None
    pid = server.process.pid
    first = (date.today() - timedelta(days=days - 1)).isoformat()
    client = login(server)
    done = threading.Event()
    peak = before = _rss_bytes(pid)

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _rss_bytes(pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    size = 0
    try:
        began = time.perf_counter()
        with client.stream("GET", f"/export.csv?from={first}") as response:
            assert response.status_code == 200, f"export: {response.status_code}"
            pieces = response.iter_bytes()
            size = len(next(pieces))
            first_byte_ms = (time.perf_counter() - began) * 1000
            for piece in pieces:
                size += len(piece)
        total_s = time.perf_counter() - began
    finally:
        done.set()
        sampler.join()
        client.close()
    print(f"{backend}: CSV export of {days} days: {size / 2**20:.0f} MB in {total_s:.0f} s, "
          f"first byte after {first_byte_ms:.0f} ms, server memory {before / 2**20:.0f} MB "
          f"before, at most {peak / 2**20:.0f} MB meanwhile", file=sys.stderr)
    return [f"| {backend} | CSV export of {days} days: first byte | {first_byte_ms:.0f} | |",
            f"| {backend} | CSV export of {days} days: server memory before → at most (MB) | "
            f"{before / 2**20:.0f} | {peak / 2**20:.0f} |"]


def sustained_ingest(engine: Engine, wal: Path, records: int) -> tuple[int, float, float]:
    """4 threads post ``records`` in batches of 1,000 while a reader keeps reading the dashboard.

    Returns the largest ``-wal`` size seen (bytes), records/s and the reader's dashboards read.
    """
    largest = 0
    done = threading.Event()
    reads = 0

    def reader() -> None:
        nonlocal reads
        selection = Filters(date.today() - timedelta(days=29), date.today())
        while not done.is_set():
            dashboard(engine, selection, with_comments=True)
            reads += 1

    def writer(index: int) -> None:
        nonlocal largest
        rng = random.Random(100 + index)
        station = f"biz-{index:02d}"
        for _ in range(records // 4 // 1000):
            batch = [random_record(rng, station).to_json() for _ in range(1000)]
            store_records(engine, station, batch, datetime.now(UTC), 3650, BERLIN)
            largest = max(largest, wal.stat().st_size if wal.exists() else 0)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    done.set()
    watcher.join()
    return largest, records / seconds, reads


@contextmanager
def built_database(backend: str, args: argparse.Namespace) -> Iterator[Engine | None]:
    """The benchmark's database of ``backend`` (None where PostgreSQL is missing).

    Built once per day and size and kept in ``args.cache``. Reusing it is safe because the views
    only read: it is migrated to the newest schema, and when figures.py or tables.py changed
    since, a day and a month of its figures are checked against the center's own sums (and all
    are summed again if they differ). The sustained ingest writes into a copy.
    """
    key = f"{backend}-{args.records}r-{args.days}d-{args.stations}s-{date.today().isoformat()}"
    directory = args.cache / key
    marker = directory / "built"
    code = hashlib.sha256(b"".join((CENTER / name).read_bytes()
                                   for name in ("figures.py", "tables.py"))).hexdigest()
    if args.fresh or not marker.exists():
        shutil.rmtree(directory, ignore_errors=True)
    for old in args.cache.glob(f"{backend}-*"):
        if old != directory:  # yesterday's or another size's: gigabytes each
            shutil.rmtree(old, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    cluster = None
    if backend == "sqlite":
        url = f"sqlite:///{directory / 'center.sqlite3'}"
    else:
        bindir = postgres_bindir()
        if bindir is None:
            print("postgresql: skipped, PostgreSQL is not installed", file=sys.stderr)
            yield None
            return
        cluster = PostgresCluster(bindir, durable=True, root=directory / "cluster")
        cluster.start()
        url = cluster.create_database("center")
    engine = make_engine(url)
    try:
        migrate(engine)
        # The records span two years: with the default retention (365 days) the server's purge
        # at start would delete half of them (and did, before this line).
        save_policy(engine, replace(load_policy(engine), retention_days=args.days + 365))
        if not marker.exists():
            add_user(engine, "leitung", PASSWORD, Role.VIEWER)
            written_s = load(engine, args)
            print(f"{backend}: {args.records:,} records and their figures written in "
                  f"{written_s:.0f} s (checked against the center's own sums)", file=sys.stderr)
        elif marker.read_text() != code:
            began = time.perf_counter()
            check_written(engine, args)
            try:
                # The migrations brought the figures up to date (0007: the monthly chips from
                # the daily ones): the day and month in the middle must match the center's own
                # sums. Only if they do not, all are summed again (most of an hour at 2 million).
                check_against_center(engine, middle_day(engine))
                how = "figures checked against the center's own sums of a day and a month"
            except AssertionError as error:
                print(f"{backend}: {error}; summing the figures again", file=sys.stderr)
                rebuild(engine)
                check_written(engine, args)
                how = "figures summed again"
            print(f"{backend}: reused {directory}; figures.py or tables.py changed, {how} in "
                  f"{time.perf_counter() - began:.0f} s", file=sys.stderr)
        else:
            print(f"{backend}: reused {directory}", file=sys.stderr)
        marker.write_text(code)
        yield engine
    finally:
        engine.dispose()
        if cluster is not None:
            cluster.stop()


def bench_backend(backend: str, args: argparse.Namespace, workdir: Path) -> list[str]:
    """The table rows for one database (none when PostgreSQL is missing)."""
    with built_database(backend, args) as engine:
        if engine is None:
            return []
        url = engine.url.render_as_string(hide_password=False)
        rows = []
        server = CenterProcess(url, workdir)
        server.start()
        try:
            for name, p50, p95 in time_views(server, args.rounds):
                rows.append(f"| {backend} | {name} | {p50:.0f} | {p95:.0f} |")
            rows += export_rows(backend, server, args.export_days)
        finally:
            server.stop()
        if backend == "sqlite" and args.ingest_records:
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            copy = workdir / "ingest.sqlite3"
            shutil.copyfile(str(engine.url.database), copy)
            ingest_engine = make_engine(f"sqlite:///{copy}")
            try:
                largest, rate, reads = sustained_ingest(ingest_engine, copy.with_name(
                    copy.name + "-wal"), args.ingest_records)
            finally:
                ingest_engine.dispose()
            print(f"sqlite: sustained ingest of {args.ingest_records:,} records (4 threads, "
                  f"batches of 1,000, {reads} dashboards read meanwhile): {rate:,.0f} records/s, "
                  f"largest -wal {largest / 2**20:.1f} MB", file=sys.stderr)
            rows.append(f"| sqlite | largest -wal during the ingest | {largest / 2**20:.1f} MB | |")
        return rows


def main() -> None:
    """Build the data on the chosen databases and print p50/p95 per view."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--records", type=int, default=2_000_000)
    parser.add_argument("--days", type=int, default=730, help="the records' span, up to today")
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20, help="timed requests per view")
    parser.add_argument("--ingest-records", type=int, default=200_000,
                        help="records of the sustained ingest on SQLite (0: none)")
    parser.add_argument("--export-days", type=int, default=365,
                        help="the span of the CSV export read to its end")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "vr-center-dashboard-bench",
                        help="where the built databases are kept for the next run (same day)")
    parser.add_argument("--fresh", action="store_true", help="build the databases anew")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="vr-center-dash-") as directory:
        for backend in backends:
            rows += bench_backend(backend, args, Path(directory))
    print(f"\ncenter dashboard, {args.records:,} records over {args.days} days, "
          f"{args.stations} stations, {args.rounds} requests per view after a warm-up\n")
    print("| database | view | p50 ms | p95 ms |")
    print("|---|---|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
