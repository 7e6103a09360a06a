"""How fast the center takes in session records: records/s and request latency (p50, p99).

Starts the real server (``vr-center serve``) on loopback against a fresh SQLite file and a fresh
PostgreSQL cluster (fsync on, as in production), registers one station per client, and has
the clients post pre-built records concurrently, as stations do:

- backlog: batches of 200 (the station's default), as after days without WLAN;
- live: one record per request, as right after a session ends.

    .venv/bin/python bench/center_ingest.py [--backend sqlite|postgresql|both] [--records N]
                                           [--clients N] [--workers N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

# Run as a script, only bench/ is on sys.path; the repository's packages (center, tests) must be
# importable too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from center.database import make_engine, migrate
from center.stations import add_station
from tests.center.servers import CenterProcess, fresh_database
from tests.vr_station.feedback.records import random_record


@dataclass(frozen=True)
class Result:
    """One scenario's run against one database: how many records, how fast, at what latency."""

    backend: str
    scenario: str
    records: int
    batch: int
    clients: int
    seconds: float
    latencies_ms: list[float]

    @property
    def records_per_s(self) -> float:
        """Records stored per second over the whole run."""
        return self.records / self.seconds

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile (0–100) of the request latencies, in milliseconds."""
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_scenario(server: CenterProcess, tokens: list[tuple[str, str]], scenario: str,
                 records_per_client: int, batch: int, seed: int, backend: str) -> Result:
    """All clients post their pre-built records at once, ``batch`` per request; the timings."""
    rng = random.Random(seed)
    bodies = []
    for station, _token in tokens:
        texts = [random_record(rng, station).to_json_text() for _ in range(records_per_client)]
        bodies.append([("[" + ",".join(texts[i:i + batch]) + "]").encode()
                       for i in range(0, len(texts), batch)])
    latencies: list[list[float]] = [[] for _ in tokens]
    failures: list[str] = []
    start_line = threading.Barrier(len(tokens) + 1)

    def client(index: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[index][1]}",
                   "Content-Type": "application/json"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as http:
            start_line.wait()
            for body in bodies[index]:
                began = time.perf_counter()
                response = http.post("/api/v1/sessions", content=body)
                latencies[index].append((time.perf_counter() - began) * 1000)
                if response.status_code != 200 or response.json()["duplicates"]:
                    failures.append(f"{response.status_code} {response.text[:200]}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        raise SystemExit(f"{len(failures)} request(s) failed, e.g. {failures[0]}")
    return Result(backend, scenario, records_per_client * len(tokens), batch, len(tokens), seconds,
                  [x for per_client in latencies for x in per_client])


def bench_backend(backend: str, args: argparse.Namespace, workdir: Path) -> list[Result]:
    """Both scenarios against a fresh database of ``backend``; none when PostgreSQL is missing."""
    with fresh_database(backend, workdir) as url:
        if url is None:
            return []
        engine = make_engine(url)
        migrate(engine)
        tokens = [(f"biz-{i}", add_station(engine, f"biz-{i}")) for i in range(args.clients)]
        engine.dispose()
        server = CenterProcess(url, workdir)
        server.extra_args = ["--workers", str(args.workers)]
        server.start()
        try:
            per_client = args.records // args.clients
            live = max(args.live_records // args.clients, 1)
            return [run_scenario(server, tokens, "backlog", per_client, 200, 1, backend),
                    run_scenario(server, tokens, "live", live, 1, 2, backend)]
        finally:
            server.stop()

def main() -> None:
    """Run the scenarios on the chosen databases and print records/s and latencies."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--records", type=int, default=40_000, help="backlog records in all")
    parser.add_argument("--live-records", type=int, default=2_000, help="single-record requests")
    parser.add_argument("--clients", type=int, default=4, help="stations posting at once")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="vr-center-bench-") as directory:
        for backend in backends:
            results += bench_backend(backend, args, Path(directory))
    print(f"center ingestion, {args.clients} stations posting at once, {args.workers} server "
          "worker(s)\n")
    print("| database | scenario | records | per request | records/s | p50 ms | p99 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r.backend} | {r.scenario} | {r.records} | {r.batch} | {r.records_per_s:,.0f} | "
              f"{statistics.median(r.latencies_ms):.1f} | {r.percentile(99):.1f} |")


if __name__ == "__main__":
    main()
