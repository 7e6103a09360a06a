"""``vr-station render``: render workplaces and the interview room headless, to PNG.

One image per tour viewpoint, seen from the visitor's eye (1.57 m standing, 1.2 m seated),
and what each scene costs: draw calls, triangles, load time and CPU time per frame. The
README's gallery and the scenes benchmark (bench/scenes.py) are made with this command.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from catalog.loading import load_catalog
from catalog.model import Workplace
from scenes.content_checks import CONTENT_CHECKS
from vr_station.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station render`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "render",
        help="render scenes headless to PNG and report their cost",
        description="Render workplaces (and the interview room) offscreen from each tour viewpoint.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--scene", metavar="ID", action="append", help="a workplace id (repeatable)")
    which.add_argument("--all", action="store_true", help="every workplace")
    parser.add_argument("--out", type=Path, default=Path("out/render"), help="folder for the PNGs")
    parser.add_argument("--json", action="store_true", help="print one JSON object per scene")
    parser.add_argument("--size", default="640x360", help="image size WIDTHxHEIGHT (default 640x360)")
    parser.add_argument(
        "--views",
        choices=("all", "first"),
        default="all",
        help="every viewpoint, or only the first of each scene (gallery)",
    )
    parser.add_argument("--look", default="a", help="interviewer look in interview rooms (default a)")
    parser.add_argument("--fov", type=float, default=80.0, help="horizontal field of view in degrees")
    parser.add_argument("--multisamples", type=int, default=4, help="antialiasing samples (0 = off)")
    parser.add_argument("--content-dir", type=Path, help="content directory (default: the station's)")
    parser.set_defaults(handler=_render)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"vr-station render: --size {text!r}: write WIDTHxHEIGHT, e.g. 640x360") from None
    if not (16 <= width <= 4096 and 16 <= height <= 4096):
        raise SystemExit(f"vr-station render: --size {text!r}: each side must be 16..4096 pixels")
    return width, height


def _render(args: argparse.Namespace) -> int:
    width, height = _size(args.size)
    content_dir = args.content_dir or load_config().paths.content_dir
    catalog, problems = load_catalog(content_dir, extra_checks=CONTENT_CHECKS)
    for problem in problems:
        print(f"skipped: {problem}", file=sys.stderr)
    wanted = sorted(catalog.workplaces) if args.all else args.scene
    unknown = [w for w in wanted if w not in catalog.workplaces]
    if unknown:
        print(
            f"vr-station render: no workplace {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(sorted(catalog.workplaces))})",
            file=sys.stderr,
        )
        return 2
    # Panda3D is imported here so that the other commands start fast.
    from scenes.panda.offscreen import OffscreenError, OffscreenRenderer

    try:
        renderer = OffscreenRenderer(width, height, multisamples=args.multisamples)
    except OffscreenError as exc:
        print(f"vr-station render: {exc}", file=sys.stderr)
        return 1
    results = []
    try:
        renderer.set_fov(args.fov)
        for scene_id in wanted:
            result = render_scene(renderer, catalog.workplaces[scene_id], args.out, args.views, args.look)
            results.append(result)
            if not args.json:
                print(
                    f"{result['id']:<24} {result['draw_calls']:>4} draw calls  {result['triangles']:>7} "
                    f"triangles  load {result['load_s']:.2f} s  frame {result['cpu_frame_ms']:.1f} ms  "
                    f"{len(result['images'])} image(s) in {args.out}"
                )
    finally:
        renderer.close()
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def render_scene(renderer: Any, workplace: Workplace, out: Path, views: str, look: str) -> dict[str, Any]:
    """Build one scene under the renderer, measure it, save its images, remove it again."""
    from scenes.panda.interview_room import build_interview_room
    from scenes.panda.measure import measure
    from scenes.panda.workplace import build_workplace

    started = time.perf_counter()
    interview = workplace.layout.get("interviewer") is not None
    room = build_interview_room(workplace, renderer.render, look=look) if interview else None
    scene = room.scene if room is not None else build_workplace(workplace, renderer.render)
    viewpoints = list(scene.viewpoints.values())
    first = viewpoints[0]
    renderer.look((first.eye.x, first.eye.y, first.eye.z), first.heading_deg)
    renderer.render_frame()  # uploads geometry and textures, compiles the shader
    load_s = time.perf_counter() - started

    def per_frame(dt: float) -> None:
        if room is not None:
            room.update(dt)

    images = []
    try:
        for view in viewpoints if views == "all" else viewpoints[:1]:
            eye = (view.eye.x, view.eye.y, view.eye.z)
            if room is not None:
                room.interviewer.look_at(eye, renderer.render)
                for _ in range(45):  # let gaze and head settle as they would in half a second
                    room.update(1 / 90)
            renderer.look(eye, view.heading_deg, pitch_deg=-4.0 if view.posture == "seated" else -8.0)
            path = out / f"{scene.id}-{view.id}.png"
            renderer.save(path)
            images.append(str(path))
        renderer.look((first.eye.x, first.eye.y, first.eye.z), first.heading_deg)
        cost = measure(renderer, scene.root, per_frame)
    finally:
        if room is not None:
            room.destroy()
        else:
            scene.destroy()
    return {
        "id": scene.id,
        "draw_calls": cost.draw_calls,
        "triangles": cost.triangles,
        "load_s": round(load_s, 3),
        "cpu_frame_ms": round(cost.cpu_frame_ms, 2),
        "images": images,
    }
