"""How fast the dashboard answers at a region's size, and how large SQLite's log grows.

Builds a center database with ``--records`` session records (default 2 million: 50 stations
over two years, issue 17) on SQLite and on a fresh PostgreSQL cluster (fsync on), sums the daily
figures with the same ``rebuild`` that ``vr-center db rebuild-figures`` runs, starts the real
server (``vr-center serve``) on loopback, logs in as a staff member and asks for each dashboard
view over HTTP: p50 and p95 of ``--rounds`` requests after one warm-up request.

Then, on SQLite, a sustained ingest through the real ingest code (``--ingest-records`` records in
batches of 1,000 from 4 threads, with a dashboard reader running all the time, the case that let
the log grow to 5.3 GB) while the size of ``-wal`` is sampled: its largest size is printed.

    .venv/bin/python bench/center_dashboard.py [--backend sqlite|postgresql|both]
        [--records N] [--days N] [--rounds N] [--ingest-records N]

The records are written straight into the tables (the API's checks would take an hour for
2 million; ``bench/center_ingest.py`` measures that path).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import Engine, insert

# Run as a script, only bench/ is on sys.path; the repository's packages (center, tests) must be
# importable too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from center.database import WRITE, make_engine, migrate
from center.figures import rebuild
from center.ingest import store_records
from center.staff import Role, add_user
from center.stats import Filters, dashboard
from center.tables import session_chips, session_records
from tests.center.servers import CenterProcess, fresh_database
from tests.vr_station.feedback.records import random_record

BERLIN = ZoneInfo("Europe/Berlin")
PASSWORD = "Ein-sehr-langes-Passwort"
OCCUPATIONS = [f"beruf-{i:02d}" for i in range(40)]
LANGUAGES = ["de", "de", "de", "en", "tr", "ar", "uk"]
WORKED = ["realistic", "easy_to_use", "helpful", "good_speech", "fun"]
NOT_WORKED = ["not_understood", "too_long", "headset_uncomfortable", "too_loud"]
COMMENTS = [None] * 9 + ["Sehr anschaulich, danke!", "Die Brille drückt.", "Gern wieder."]


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


def fake_rows(count: int, days: int, stations: int, seed: int
              ) -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Records and their chips, in chunks, spread evenly over the ``days`` up to today."""
    rng = random.Random(seed)
    end = datetime.now(UTC).replace(microsecond=0)
    step_s = days * 86400 / count
    chunk: list[dict[str, Any]] = []
    chips: list[dict[str, Any]] = []
    for i in range(count):
        started = end - timedelta(seconds=(count - i) * step_s)
        sid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        interview = rng.random() < 0.4
        chunk.append({
            "session_id": sid, "station_id": f"biz-{rng.randrange(stations):02d}",
            "schema_version": 1, "app_version": "bench", "started_at": started,
            "ended_at": started + timedelta(seconds=rng.randint(60, 1800)),
            "day": started.astimezone(BERLIN).date(),
            "mode": "interview" if interview else "tour",
            "occupation_id": None if rng.random() < 0.15 else rng.choice(OCCUPATIONS),
            "language": rng.choice(LANGUAGES),
            "outcome": rng.choice(["completed"] * 6 + ["abandoned", "timeout"]),
            "rating": rng.choice([None, 1, 2, 3, 4, 4, 5, 5, 5]),
            "comment": rng.choice(COMMENTS),
            "interview": {"questions_asked": 8, "questions_answered": rng.randint(1, 8),
                          "speaking_time_s": rng.uniform(60, 600),
                          "words_per_minute": rng.uniform(80, 160),
                          "filler_words_per_minute": rng.uniform(0, 6), "long_pauses": 2,
                          "job_terms_used": 4, "structured_answers_share": rng.random(),
                          "eye_contact_share": rng.choice([None, rng.random()])}
            if interview else None,
            "received_at": started,
        })
        chips += [{"session_id": sid, "kind": kind, "chip_id": chip, "position": n}
                  for kind, names, most in (("worked", WORKED, 3), ("not_worked", NOT_WORKED, 2))
                  for n, chip in enumerate(rng.sample(names, rng.randint(0, most)))]
        if len(chunk) == 20_000:
            yield chunk, chips
            chunk, chips = [], []
    if chunk:
        yield chunk, chips


def load(engine: Engine, args: argparse.Namespace) -> tuple[float, float]:
    """Write the records, then sum the figures; seconds for each."""
    began = time.perf_counter()
    for records, chips in fake_rows(args.records, args.days, args.stations, seed=17):
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            connection.execute(insert(session_records), records)
            connection.execute(insert(session_chips), chips)
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    rebuild(engine)
    summed = time.perf_counter() - began
    if engine.dialect.name == "postgresql":
        # What autovacuum does some minutes after a bulk load: planner statistics for the new
        # rows, without which PostgreSQL plans the figures' reads for empty tables.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    return loaded, summed


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
        year = (date.today() - timedelta(days=364)).isoformat()
        began = time.perf_counter()
        with client.stream("GET", f"/export.csv?from={year}") as response:
            next(response.iter_bytes())
            first_byte_ms = (time.perf_counter() - began) * 1000
        results.append(("CSV export of a year: first byte", first_byte_ms, first_byte_ms))
    finally:
        client.close()
    return results


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


def bench_backend(backend: str, args: argparse.Namespace, workdir: Path) -> list[str]:
    """The table rows for one database (none when PostgreSQL is missing)."""
    with fresh_database(backend, workdir) as url:
        if url is None:
            return []
        engine = make_engine(url)
        migrate(engine)
        add_user(engine, "leitung", PASSWORD, Role.VIEWER)
        loaded_s, summed_s = load(engine, args)
        print(f"{backend}: {args.records:,} records written in {loaded_s:.0f} s, daily figures "
              f"summed (rebuild) in {summed_s:.0f} s", file=sys.stderr)
        rows = []
        server = CenterProcess(url, workdir)
        server.start()
        try:
            for name, p50, p95 in time_views(server, args.rounds):
                rows.append(f"| {backend} | {name} | {p50:.0f} | {p95:.0f} |")
        finally:
            server.stop()
        if backend == "sqlite" and args.ingest_records:
            wal = workdir / "center.sqlite3-wal"
            largest, rate, reads = sustained_ingest(engine, wal, args.ingest_records)
            print(f"sqlite: sustained ingest of {args.ingest_records:,} records (4 threads, "
                  f"batches of 1,000, {reads} dashboards read meanwhile): {rate:,.0f} records/s, "
                  f"largest -wal {largest / 2**20:.1f} MB", file=sys.stderr)
            rows.append(f"| sqlite | largest -wal during the ingest | {largest / 2**20:.1f} MB | |")
        engine.dispose()
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
