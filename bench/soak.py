"""Soak: the scripted demo visitor, again and again, in one station process.

A kiosk runs all day. Whatever a visit leaves behind (nodes, tasks, event hooks, glyph pages,
sounds, threads) adds up. This runs the whole demo visit N times (default 200) with real
offscreen rendering and real espeak-ng speech, and reports:
- resident memory (RSS) after each visit; growth after warm-up should stay within 5 %;
- frame time (a whole frame: station logic and rendering) per visit, median and 95th
  percentile; the late visits should not be slower than the early ones (no drift);
- scene-graph nodes, tasks and event subscriptions, which must not grow at all;
- Python objects after a full collection (``gc``), in all and per type: a type whose count
  keeps rising after the warm-up is a leak even where RSS hides it in the allocator's slack;
- the load average, since on a shared machine frame time follows the load, not the station.

The figures are written after every visit (``--json``), so a run stopped early keeps what it
measured; ``bench/soak_plot.py`` draws them.

    .venv/bin/python bench/soak.py                 # 200 visits, 640×360
    .venv/bin/python bench/soak.py --visits 20 --json out/soak.json

Exits 1 when a goal is missed (RSS growth, frame-time drift or any leak), else 0.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

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
    objects: int
    """Python objects tracked by the collector after a full collection."""
    load_1min: float
    """The machine's load average when the visit ended (2 cores shared with other work)."""
    top_types: dict[str, int]
    """Object counts of the most numerous types, to name what grows."""
    flush_max_ms: float = 0.0
    """The longest state-cache collection (``flush_state_caches``) when a workplace was torn
    down, on the render thread (it runs behind the fade of a step change)."""


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


TOP_TYPES = 40


def python_objects() -> tuple[int, dict[str, int]]:
    """Objects the collector tracks after a full collection, in all and for the top types."""
    gc.collect()
    objects = gc.get_objects()
    counts = Counter(type(o).__qualname__ for o in objects)
    del objects
    return sum(counts.values()), dict(counts.most_common(TOP_TYPES))


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
    from scenes.panda import workplace as workplace_module
    from timebase import SimulatedClock
    from vr_station.config import load_config
    from vr_station.demo import DemoVisitor, DemoVoice, demo_script
    from vr_station.display.headless import HeadlessDisplay
    from vr_station.display.settings import DisplaySettings
    from vr_station.station import Station, StationParts

    # Time the state-cache collection where the scene's destroy() calls it.
    flush_s: list[float] = []
    flush = workplace_module.flush_state_caches

    def timed_flush(max_passes: int = 8) -> None:
        started = time.perf_counter()
        flush(max_passes)
        flush_s.append(time.perf_counter() - started)

    workplace_module.flush_state_caches = timed_flush

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
          f"{'nodes':>6} {'tasks':>5} {'events':>6} {'objects':>8} {'load':>5} {'wall s':>6}")
    try:
        for number in range(1, args.visits + 1):
            frame_times.clear()
            flush_s.clear()
            started = time.monotonic()
            TimedVisitor(station, display, clock, None, language=config.default_language).run()
            render = station.base.render
            times_ms = sorted(t * 1000 for t in frame_times)
            objects, top_types = python_objects()
            visit = Visit(
                number=number, rss_mib=rss_mib(), frames=len(times_ms),
                frame_median_ms=statistics.median(times_ms),
                frame_p95_ms=times_ms[int(len(times_ms) * 0.95)],
                nodes=sum(Counter(n.getName() for n in render.findAllMatches("**")).values()),
                tasks=len(station.base.taskMgr.getAllTasks()),
                events=len(station.base.messenger.getEvents()),
                wall_s=time.monotonic() - started, objects=objects,
                load_1min=os.getloadavg()[0], top_types=top_types,
                flush_max_ms=max(flush_s, default=0.0) * 1000)
            visits.append(visit)
            if args.json is not None:
                write_json(args.json, visits, {}, args.warm_up)
            # Every visit: a run on a busy machine may be stopped before it ends.
            print(f"{visit.number:>5} {visit.rss_mib:>8.1f} {visit.frames:>6} "
                  f"{visit.frame_median_ms:>9.2f} {visit.frame_p95_ms:>7.2f} "
                  f"{visit.nodes:>6} {visit.tasks:>5} {visit.events:>6} "
                  f"{visit.objects:>8} {visit.load_1min:>5.1f} {visit.wall_s:>6.1f}",
                  flush=True)
    finally:
        station.close()
    return report(visits, args.json, args.warm_up)


OBJECT_GROWTH_GOAL_PERCENT = 1.0
"""Python objects may wobble (caches filled on first use, a worker's last message), but a
type that grows with every visit grows by far more than this over a run."""


def report(visits: list[Visit], json_path: Path | None, warm_up: int) -> int:
    """Print growth, drift and leaks after the warm-up; 1 when a goal is missed."""
    if len(visits) <= warm_up + 1:
        print("soak: too few visits for a verdict (need more than the warm-up)")
        return 0
    verdict = judge(visits, warm_up)
    base, last = visits[warm_up], visits[-1]
    print(f"RSS after warm-up: {base.rss_mib:.1f} → {last.rss_mib:.1f} MiB "
          f"({verdict['rss_growth_percent']:+.1f} %, goal ≤ {RSS_GROWTH_GOAL_PERCENT:.0f} %)")
    print(f"frame time (median of visit medians): {verdict['frame_early_ms']:.2f} → "
          f"{verdict['frame_late_ms']:.2f} ms ({verdict['frame_drift_percent']:+.1f} %, "
          f"goal ≤ {DRIFT_GOAL_PERCENT:.0f} %)")
    print(f"Python objects after warm-up: {base.objects} → {last.objects} "
          f"({verdict['object_growth_percent']:+.2f} %)")
    leaks = verdict["leaks"]
    print("leaks: none" if not leaks else "leaks: " + ", ".join(
        f"{name} {before} → {after_}" for name, (before, after_) in leaks.items()))
    print("soak: " + ("goals met" if verdict["goals_met"] else "GOAL MISSED"))
    if json_path is not None:
        write_json(json_path, visits, verdict, warm_up)
    return 0 if verdict["goals_met"] else 1


def judge(visits: list[Visit], warm_up: int) -> dict[str, Any]:
    """RSS growth, frame-time drift and leaks of the visits after the warm-up."""
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
    object_growth = (last.objects - base.objects) / base.objects * 100
    # A type is leaking when it grew at every step of the run's last window: a cache filled
    # once or a count that wobbles does not.
    tail = after[-window:]
    for name in sorted(set(last.top_types) & set(base.top_types)):
        counts = [v.top_types.get(name, 0) for v in tail]
        if last.top_types[name] > base.top_types[name] and all(
                b > a for a, b in itertools.pairwise(counts)):
            leaks[f"objects of type {name}"] = (base.top_types[name], last.top_types[name])
    ok = (growth <= RSS_GROWTH_GOAL_PERCENT and drift <= DRIFT_GOAL_PERCENT
          and object_growth <= OBJECT_GROWTH_GOAL_PERCENT and not leaks)
    return {"rss_growth_percent": growth, "frame_early_ms": early, "frame_late_ms": late,
            "frame_drift_percent": drift, "object_growth_percent": object_growth,
            "leaks": leaks, "goals_met": ok}


def write_json(path: Path, visits: list[Visit], verdict: dict[str, Any], warm_up: int) -> None:
    """Every visit's figures, the verdict (empty while the run goes on) and the warm-up.

    The warm-up (``warm_up`` visits, left out of the verdict) is written so that the plot shades
    the visits this run left out.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({"warm_up": warm_up, "visits": [asdict(v) for v in visits],
                                   **verdict}, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)


if __name__ == "__main__":
    sys.exit(main())
