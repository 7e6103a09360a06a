"""Benchmark: every scene against its VR budget (stereo at 90 Hz on a mid-range VR PC).

    .venv/bin/python bench/scenes.py [--content-dir DIR] [--size 640x360] [--json]
    .venv/bin/python bench/scenes.py --stereo 2064x2208   # also a whole stereo frame per scene

Per scene: props placed, draw calls per eye (an upper bound: every Geom, as if all were in
view), triangles, load time (content → first frame, median of three builds) and frame time
(median, 64 × 36 buffer, so pixel work hardly counts). Then one check the budgets do not say by themselves:
static geometry must not cost more draw calls or per-frame work as a room fills up.

Budgets: ≤ 150 draw calls per eye, ≤ 300k triangles, load ≤ 1.5 s. Frame times here come from
Mesa's llvmpipe (the CPU does the GPU's vertex work), so they are reported, not judged; on a
headset PC the GPU takes that part. Exit status 1 when a budget is broken.

``--stereo WxH`` adds the time of a whole stereo frame at that per-eye resolution (two 4×
multisampled buffers, the GPU waited for): on a machine with a GPU, the figure to hold
against 11.1 ms (90 Hz); on llvmpipe, only a reading.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script, bench/ is first on sys.path and this file would hide the top-level scenes
# package; the repository comes first instead.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog.build import workplace as workplace_from
from catalog.files import default_content_dir
from catalog.loading import load_catalog
from catalog.yaml_loader import parse_yaml_text
from scenes.content_checks import CONTENT_CHECKS
from scenes.layout import parse_layout
from scenes.panda.interview_room import build_interview_room
from scenes.panda.measure import frame_time_ms, geometry, stereo_frame_times_ms
from scenes.panda.offscreen import OffscreenRenderer
from scenes.panda.workplace import build_workplace
from vr_station.cli.render import render_scene

MAX_DRAW_CALLS = 150
MAX_TRIANGLES = 300_000
MAX_LOAD_S = 1.5


def bench_scene(renderer: OffscreenRenderer, workplace: Any, out: Path) -> dict[str, Any]:
    """Build and render ``workplace`` three times; its figures and whether they keep the budgets."""
    loads = []
    result: dict[str, Any] = {}
    for _ in range(3):
        result = render_scene(renderer, workplace, out, "first", "a")
        loads.append(result["load_s"])
    result["props"] = len(parse_layout(workplace.layout).props)
    result["load_s"] = round(statistics.median(loads), 3)
    result["load_s_first"] = loads[0]
    result["within_budget"] = (
        result["draw_calls"] <= MAX_DRAW_CALLS
        and result["triangles"] <= MAX_TRIANGLES
        and result["load_s"] <= MAX_LOAD_S
    )
    return result


def stereo_scene(renderer: OffscreenRenderer, workplace: Any, eye_size: tuple[int, int]) -> dict[str, float]:
    """Median and p95 ms of a stereo frame of ``workplace`` from its first viewpoint."""
    interview = workplace.layout.get("interviewer") is not None
    room = build_interview_room(workplace, renderer.render, look="a") if interview else None
    scene = room.scene if room is not None else build_workplace(workplace, renderer.render)
    first = next(iter(scene.viewpoints.values()))
    renderer.look((first.eye.x, first.eye.y, first.eye.z), first.heading_deg)

    def per_frame(dt: float) -> None:
        if room is not None:
            room.update(dt)

    try:
        median, p95 = stereo_frame_times_ms(renderer, per_frame, eye_size)
    finally:
        if room is not None:
            room.destroy()
        else:
            scene.destroy()
    return {"stereo_frame_ms": round(median, 2), "stereo_frame_p95_ms": round(p95, 2)}


def scaling(renderer: OffscreenRenderer, count: int) -> dict[str, Any]:
    """A room with ``count`` chairs: draw calls and frame time as props are added."""
    text = f"""
schema_version: 1
id: scaling
titles: {{de: Skalierung}}
room: {{width_m: 30, depth_m: 30, height_m: 3}}
viewpoints: [{{id: v, position: [0, -14], heading_deg: 0}}]
anchors: []
props:
  - {{type: chair, position: [-13, -12], repeat: {{count: {count}, step_m: [0.0, 0.0]}}}}
"""
    place = workplace_from(parse_yaml_text(Path("scaling.yaml"), text))
    started = time.perf_counter()
    scene = build_workplace(place, renderer.render)
    built = time.perf_counter() - started
    renderer.look((0, -14, 1.65), 0)
    calls, triangles = geometry(scene.root)
    frame = frame_time_ms(renderer, lambda dt: None)
    scene.destroy()
    return {
        "props": count,
        "draw_calls": calls,
        "triangles": triangles,
        "build_s": round(built, 3),
        "cpu_frame_ms": round(frame, 2),
    }


def main() -> int:
    """Bench every valid scene and the scaling check; 1 when a budget is broken."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content-dir", type=Path, default=default_content_dir())
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stereo", metavar="WxH", help="also time a stereo frame at this per-eye size")
    args = parser.parse_args()
    stereo = tuple(int(v) for v in args.stereo.split("x")) if args.stereo else None
    width, height = (int(v) for v in args.size.split("x"))
    catalog, problems = load_catalog(args.content_dir, extra_checks=CONTENT_CHECKS)
    for problem in problems:
        print(f"skipped: {problem}", file=sys.stderr)
    renderer = OffscreenRenderer(width, height, multisamples=4)
    renderer.set_fov(80)
    with tempfile.TemporaryDirectory() as tmp:
        places = [place for _, place in sorted(catalog.workplaces.items())]
        results = [bench_scene(renderer, place, Path(tmp)) for place in places]
        if stereo is not None:
            for result, place in zip(results, places, strict=True):
                result.update(stereo_scene(renderer, place, (stereo[0], stereo[1])))
        growth = [scaling(renderer, n) for n in (10, 100, 400)]
    renderer.close()
    flat = growth[0]["draw_calls"] == growth[-1]["draw_calls"]
    if args.json:
        report = {"scenes": results, "scaling": growth, "draw_calls_flat": flat, "stereo_eye": args.stereo}
        print(json.dumps(report, indent=2))
    else:
        header = ("scene", "props", "draw calls", "triangles", "load s", "(first)", "frame ms")
        print(f"{header[0]:<24}" + "".join(f"{h:>11}" for h in header[1:]) + "  budget")
        for r in results:
            verdict = "ok" if r["within_budget"] else "OVER"
            print(
                f"{r['id']:<24}{r['props']:>11}{r['draw_calls']:>11}{r['triangles']:>11}{r['load_s']:>11.2f}"
                f"{r['load_s_first']:>11.2f}{r['cpu_frame_ms']:>11.1f}  {verdict}"
                + (f"  stereo {args.stereo}: {r['stereo_frame_ms']:.2f} ms "
                   f"(p95 {r['stereo_frame_p95_ms']:.2f})" if stereo is not None else "")
            )
        limits = f"≤ {MAX_DRAW_CALLS} draw calls per eye, ≤ {MAX_TRIANGLES:,} triangles, "
        limits += f"load ≤ {MAX_LOAD_S} s"
        print(f"limits: {limits}")
        print("\nprops in one room → draw calls, triangles, build s, frame ms:")
        for g in growth:
            print(
                f"  {g['props']:>4} → {g['draw_calls']:>3}, {g['triangles']:>7}, {g['build_s']:.2f}, "
                f"{g['cpu_frame_ms']:.1f}"
            )
        print("draw calls stay flat as props are added" if flat else "DRAW CALLS GROW WITH PROPS")
    return 0 if all(r["within_budget"] for r in results) and flat else 1


if __name__ == "__main__":
    sys.exit(main())
