"""Soak: the scripted demo visitor, again and again, in one station process.

A kiosk runs all day. Whatever a visit leaves behind (nodes, tasks, event hooks, glyph pages,
sounds, threads) adds up. This runs the whole demo visit N times (default 200) with real
offscreen rendering and real espeak-ng speech, and reports:
- resident memory (RSS) after each visit; growth after warm-up should stay within 5 %;
- frame time (a whole frame: station logic and rendering) per visit, median and 95th
  percentile; the late visits should not be slower than the early ones (no drift);
- scene-graph nodes, tasks and event subscriptions, which must not grow at all.

    .venv/bin/python bench/soak.py                 # 200 visits, 640×360
    .venv/bin/python bench/soak.py --visits 20 --json out/soak.json

Exits 1 when a goal is missed (RSS growth, frame-time drift or any leak), else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WARM_UP_VISITS = 20
"""Mesa's software renderer compiles shader variants as new combinations of state first
appear; memory settles after the first visits."""
RSS_GROWTH_GOAL_PERCENT = 5.0
DRIFT_GOAL_PERCENT = 5.0


@dataclass
class Visit:
    """What one demo visit left the station with: memory, frame times, nodes, tasks, events."""

    number: int
    rss_mib: float
    frames: int
    frame_median_ms: float
    frame_p95_ms: float
    nodes: int
    tasks: int
    events: int
    wall_s: float


def rss_mib() -> float:
    """Resident set size now (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the demo visit ``--visits`` times and judge the figures (exit status as ``report``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=200)
    parser.add_argument("--size", default="640x360", help="offscreen buffer, WIDTHxHEIGHT")
    parser.add_argument("--multisamples", type=int, default=4, help="anti-aliasing samples")
    parser.add_argument("--warm-up", type=int, default=WARM_UP_VISITS, dest="warm_up",
                        help="visits before the measurement starts")
    parser.add_argument("--json", type=Path, help="write every visit's figures here")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    # The soak's station writes into its own throw-away directories.
    scratch = Path(tempfile.mkdtemp(prefix="vr-station-soak-"))
    for name in ("data", "cache", "models"):
        os.environ[f"VR_STATION_{name.upper()}_DIR"] = str(scratch / name)
    os.environ["VR_STATION_CONFIG"] = str(scratch / "station.yaml")

    from catalog import load_catalog
    from scenes.content_checks import CONTENT_CHECKS
    from timebase import SimulatedClock
    from vr_station.config import load_config
    from vr_station.demo import DemoVisitor, DemoVoice, demo_script
    from vr_station.display.headless import HeadlessDisplay
    from vr_station.display.settings import DisplaySettings
    from vr_station.station import Station, StationParts

    class TimedVisitor(DemoVisitor):
        def frame(self) -> None:
            super().frame()
            frame_times.append(self.frame_s)  # the step itself, not a held frame's rest

    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir, extra_checks=CONTENT_CHECKS)
    display = HeadlessDisplay(DisplaySettings(size_px=(width, height),
                                              multisamples=args.multisamples))
    clock = SimulatedClock()
    station = Station(display, config, catalog, clock=clock,
                      parts=StationParts(demo=demo_script(config.default_language),
                                         microphone=DemoVoice()))
    station.start()
    visits: list[Visit] = []
    frame_times: list[float] = []
    print(f"soak: {args.visits} visits, {width}×{height}, {args.multisamples}× MSAA, "
          f"warm-up {args.warm_up}")
    print(f"{'visit':>5} {'RSS MiB':>8} {'frames':>6} {'median ms':>9} {'p95 ms':>7} "
          f"{'nodes':>6} {'tasks':>5} {'events':>6} {'wall s':>6}")
    try:
        for number in range(1, args.visits + 1):
            frame_times.clear()
            started = time.monotonic()
            TimedVisitor(station, display, clock, None, language=config.default_language).run()
            render = station.base.render
            times_ms = sorted(t * 1000 for t in frame_times)
            visit = Visit(
                number=number, rss_mib=rss_mib(), frames=len(times_ms),
                frame_median_ms=statistics.median(times_ms),
                frame_p95_ms=times_ms[int(len(times_ms) * 0.95)],
                nodes=sum(Counter(n.getName() for n in render.findAllMatches("**")).values()),
                tasks=len(station.base.taskMgr.getAllTasks()),
                events=len(station.base.messenger.getEvents()),
                wall_s=time.monotonic() - started)
            visits.append(visit)
            if number <= 3 or number % 5 == 0 or number == args.visits:
                print(f"{visit.number:>5} {visit.rss_mib:>8.1f} {visit.frames:>6} "
                      f"{visit.frame_median_ms:>9.2f} {visit.frame_p95_ms:>7.2f} "
                      f"{visit.nodes:>6} {visit.tasks:>5} {visit.events:>6} "
                      f"{visit.wall_s:>6.1f}", flush=True)
    finally:
        station.close()
    return report(visits, args.json, args.warm_up)


def report(visits: list[Visit], json_path: Path | None, warm_up: int) -> int:
    """Print growth, drift and leaks after the warm-up; 1 when a goal is missed."""
    if len(visits) <= warm_up + 1:
        print("soak: too few visits for a verdict (need more than the warm-up)")
        return 0
    after = visits[warm_up:]
    base, last = after[0], after[-1]
    growth = (max(v.rss_mib for v in after[-5:]) - base.rss_mib) / base.rss_mib * 100
    window = max(3, len(after) // 5)
    early = statistics.median(v.frame_median_ms for v in after[:window])
    late = statistics.median(v.frame_median_ms for v in after[-window:])
    drift = (late - early) / early * 100
    leaks = {name: (getattr(base, name), getattr(last, name))
             for name in ("nodes", "tasks", "events")
             if getattr(last, name) != getattr(base, name)}
    ok = growth <= RSS_GROWTH_GOAL_PERCENT and drift <= DRIFT_GOAL_PERCENT and not leaks
    print(f"RSS after warm-up: {base.rss_mib:.1f} → {last.rss_mib:.1f} MiB "
          f"({growth:+.1f} %, goal ≤ {RSS_GROWTH_GOAL_PERCENT:.0f} %)")
    print(f"frame time (median of visit medians): {early:.2f} → {late:.2f} ms "
          f"({drift:+.1f} %, goal ≤ {DRIFT_GOAL_PERCENT:.0f} %)")
    print("leaks: none" if not leaks else "leaks: " + ", ".join(
        f"{name} {before} → {after_}" for name, (before, after_) in leaks.items()))
    print("soak: " + ("goals met" if ok else "GOAL MISSED"))
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps({
            "visits": [asdict(v) for v in visits], "rss_growth_percent": growth,
            "frame_drift_percent": drift, "leaks": leaks, "goals_met": ok}, indent=2) + "\n",
            encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
