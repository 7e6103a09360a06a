"""A small driver on top of ``XrDisplayMode``: shows a workplace greybox in the headset, turns
the visitor with the thumbstick, and reports what happened as JSON lines.

    python -m vr_station.xr.selftest --out DIR [--seconds 20] [--capture-after 10] ...

The XR integration tests run it against Monado; staff can run it to check a headset. Every
line on stdout is one JSON object with an ``event`` key; the last one is the ``summary``.
Exit status: 0 when the script ran as asked, 1 when it did not (e.g. the session never got
FOCUSED in time), 2 when no OpenXR runtime or headset is available.
"""

from __future__ import annotations

import argparse
import json
import logging
import queue
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from vr_station.content.catalog import load_catalog
from vr_station.content.files import default_content_dir
from vr_station.display.base import ControllerInput, DisplayState
from vr_station.xr.diagnostics import EyeCapture

SNAP_TURN_DEG = 30.0
SNAP_PRESS = 0.7
"""Stick deflection that turns once; it must fall below SNAP_RELEASE before the next turn."""
SNAP_RELEASE = 0.3


@dataclass
class SnapTurn:
    """Thumbstick left/right → one turn step per push (comfort: no smooth rotation)."""

    armed: bool = True

    def step(self, stick_x: float) -> float:
        """Degrees to add to the rig's heading for this frame's stick position."""
        if self.armed and abs(stick_x) >= SNAP_PRESS:
            self.armed = False
            return -SNAP_TURN_DEG if stick_x > 0 else SNAP_TURN_DEG
        if abs(stick_x) <= SNAP_RELEASE:
            self.armed = True
        return 0.0


_emit_lock = threading.Lock()


def emit(event: str, **fields: Any) -> None:
    line = json.dumps({"event": event, "t_s": round(time.monotonic(), 3), **fields})
    with _emit_lock:
        print(line, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    from vr_station.xr.display import XrDisplayMode
    from vr_station.xr.errors import XrUnavailable
    from vr_station.xr.settings import XrSettings

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    catalog, _ = load_catalog(Path(args.content) if args.content else default_content_dir())
    workplace = catalog.workplaces[args.workplace]
    viewpoint = workplace.viewpoints[args.viewpoint]
    mode = XrDisplayMode(XrSettings(mirror=args.mirror, resolution_scale=args.resolution_scale,
                                    play_space=args.play_space, fallback_eye_height_m=args.eye_height))
    try:
        base = mode.open()
    except XrUnavailable as exc:
        emit("unavailable", reason=str(exc))
        return 2
    from vr_station.xr.check_room import build_check_room

    build_check_room(workplace, base.render)
    rig = base.render.attachNewNode("rig")
    rig.setPos(viewpoint.position[0], viewpoint.position[1], 0)
    rig.setH(viewpoint.heading_deg)
    head = mode.bind(rig)
    emit("opened", info=asdict(mode.info) if mode.info else None)

    run = _Run(args, mode, base, rig, head, out)
    ok = run.loop()
    if args.mirror_screenshot and mode.state() is not DisplayState.LOST:
        base.graphicsEngine.renderFrame()
        base.win.saveScreenshot(str(out / "mirror.png"))
    mode.close()
    run.writer.shutdown(wait=True)
    emit("summary", ok=ok, reason=run.reason, phases=[p.name for p in mode.phase_history],
         final_state=mode.state().value, lost_reason=mode.lost_reason, stats=asdict(mode.stats),
         focused_frames=run.focused_frames, snap_turns=run.snap_turns, captures=run.captures_saved)
    return 0 if ok else 1


class _Run:
    def __init__(self, args: argparse.Namespace, mode: Any, base: Any, rig: Any, head: Any,
                 out: Path) -> None:
        self.args, self.mode, self.base, self.rig, self.head, self.out = args, mode, base, rig, head, out
        self.focused_frames = 0
        self.snap_turns = 0
        self.captures_saved = 0
        self._captures_requested = 0
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capture-writer")
        self.reason = ""
        self._snap = {"left": SnapTurn(), "right": SnapTurn()}
        self._last_inputs: dict[str, tuple[Any, ...]] = {}
        self._phase = None
        self._state = None
        self._capture_pending = False
        self._commands: queue.Queue[str] = queue.Queue()
        if args.commands:
            # stdin is read on its own thread: the frame loop never waits for it.
            threading.Thread(target=self._read_commands, daemon=True).start()

    def _read_commands(self) -> None:
        for line in sys.stdin:
            self._commands.put(line.strip())

    def _run_commands(self) -> bool:
        """Returns False when asked to exit."""
        while not self._commands.empty():
            command = self._commands.get_nowait()
            if command == "capture" and not self._capture_pending:
                self._capture_pending = True
                self.mode.request_capture(self._save_capture)
            elif command == "exit":
                self.reason = "exit command"
                return False
            elif command:
                emit("unknown_command", command=command)
        return True

    def loop(self) -> bool:
        args = self.args
        start = time.monotonic()
        while True:
            self.base.taskMgr.step()
            self._report_changes()
            if not self._run_commands():
                return True
            elapsed = time.monotonic() - start
            if self.mode.phase.name == "FOCUSED":
                self.focused_frames += 1
                self._handle_input(self.mode.controllers())
                if self.focused_frames % args.head_every == 0:
                    self._report_head()
                if self.focused_frames in args.capture_after and not self._capture_pending:
                    self._capture_pending = True
                    self.mode.request_capture(self._save_capture)
                if args.exit_after and self.focused_frames >= args.exit_after:
                    self.reason = f"exit requested after {self.focused_frames} focused frames"
                    return True
            state = self.mode.state()
            if state is DisplayState.LOST:
                self.reason = f"display lost: {self.mode.lost_reason}"
                return bool(args.until_lost)
            if self.focused_frames == 0 and elapsed > args.focus_timeout:
                self.reason = f"not FOCUSED within {args.focus_timeout} s"
                return False
            if elapsed > args.seconds:
                self.reason = f"ran {args.seconds} s"
                return not args.until_lost and not args.exit_after and self._captures_done()

    def _captures_done(self) -> bool:
        return self._captures_requested >= len(self.args.capture_after)

    def _report_changes(self) -> None:
        phase, state = self.mode.phase, self.mode.state()
        if phase is not self._phase:
            self._phase = phase
            emit("phase", phase=phase.name)
        if state is not self._state:
            self._state = state
            emit("state", state=state.value)

    def _report_head(self) -> None:
        pos = self.head.getPos(self.rig)
        emit("head", frame=self.focused_frames, position_m=[round(v, 4) for v in pos],
             heading_deg=round(self.head.getH(self.rig), 2),
             world_heading_deg=round(self.head.getH(self.base.render), 2),
             eyes=[{"position_m": [round(v, 4) for v in view.pose.position]} for view in self.mode.eye_views])

    def _handle_input(self, controllers: Sequence[ControllerInput]) -> None:
        for hand in controllers:
            key = (hand.select, hand.menu, round(hand.thumbstick[0], 2), round(hand.thumbstick[1], 2),
                   hand.aim is not None)
            if self._last_inputs.get(hand.hand) != key:
                self._last_inputs[hand.hand] = key
                emit("input", hand=hand.hand, select=hand.select, menu=hand.menu,
                     thumbstick=[round(v, 3) for v in hand.thumbstick],
                     aim_position_m=[round(v, 3) for v in hand.aim.position] if hand.aim else None)
            turn = self._snap[hand.hand].step(hand.thumbstick[0])
            if turn:
                self.rig.setH(self.rig.getH() + turn)
                self.snap_turns += 1
                emit("snap_turn", hand=hand.hand, turn_deg=turn, rig_heading_deg=round(self.rig.getH(), 2))

    def _save_capture(self, captures: Sequence[EyeCapture]) -> None:
        """Runs at the end of the frame: note where each eye was, hand the files to the writer
        thread (the frame loop does no file work)."""
        from panda3d.core import NodePath, Quat

        index = self._captures_requested
        self._captures_requested += 1
        self._capture_pending = False
        eyes = []
        for capture in captures:
            probe = NodePath("eye-probe")
            probe.reparentTo(self.rig)
            probe.setPos(*capture.view.pose.position)
            probe.setQuat(Quat(*capture.view.pose.quat))
            world_pos, world_quat = probe.getPos(self.base.render), probe.getQuat(self.base.render)
            probe.removeNode()
            eyes.append({
                "eye": capture.eye, "file": f"capture{index}-eye{capture.eye}.npy",
                "width": capture.width, "height": capture.height,
                "swapchain_format": capture.swapchain_format,
                "world_position_m": list(world_pos), "world_quat_wxyz": list(world_quat),
                "fov_rad": asdict(capture.view.fov)})
        record = {"workplace": self.args.workplace, "frame": self.focused_frames, "eyes": eyes,
                  "rig_heading_deg": self.rig.getH()}
        heading = round(self.head.getH(self.base.render), 2)
        self.writer.submit(self._write_capture, index, list(captures), record, heading)

    def _write_capture(self, index: int, captures: list[EyeCapture], record: dict[str, Any],
                       heading_deg: float) -> None:
        import numpy as np

        for capture, eye in zip(captures, record["eyes"], strict=True):
            pixels = np.frombuffer(capture.rgba, dtype=np.uint8).reshape(capture.height, capture.width, 4)
            np.save(self.out / eye["file"], pixels)
            _write_png(pixels, self.out / eye["file"].replace(".npy", ".png"))
        (self.out / f"capture{index}.json").write_text(json.dumps(record, indent=1))
        self.captures_saved += 1
        emit("capture", index=index, files=[e["file"] for e in record["eyes"]], heading_deg=heading_deg)


def _write_png(pixels: Any, path: Path) -> None:
    from panda3d.core import PNMImage, Texture

    height, width = pixels.shape[:2]
    texture = Texture("capture")
    texture.setup2dTexture(width, height, Texture.T_unsigned_byte, Texture.F_rgba8)
    texture.setRamImageAs(pixels[::-1].tobytes(), "RGBA")  # Panda stores the bottom row first
    image = PNMImage()
    texture.store(image)
    image.write(str(path))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m vr_station.xr.selftest", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="folder for captures and the mirror screenshot")
    p.add_argument("--seconds", type=float, default=20.0, help="stop after this long")
    p.add_argument("--focus-timeout", type=float, default=20.0, help="fail if not FOCUSED by then")
    p.add_argument("--capture-after", type=int, nargs="*", default=[],
                   help="read both eyes' swapchain images back after these focused frames")
    p.add_argument("--exit-after", type=int, default=0, help="close the mode after N focused frames")
    p.add_argument("--until-lost", action="store_true", help="run until the runtime goes away")
    p.add_argument("--head-every", type=int, default=10, help="report the head pose every N frames")
    p.add_argument("--workplace", default="restaurant-kitchen")
    p.add_argument("--viewpoint", default="entrance")
    p.add_argument("--content", help="content folder (default: the station's)")
    p.add_argument("--mirror", default="auto", choices=("auto", "window", "offscreen"))
    p.add_argument("--mirror-screenshot", action="store_true", help="save the staff mirror as mirror.png")
    p.add_argument("--resolution-scale", type=float, default=1.0)
    p.add_argument("--play-space", default="stage", choices=("stage", "local"))
    p.add_argument("--eye-height", type=float, default=1.6, help="metres, for --play-space local")
    p.add_argument("--commands", action="store_true",
                   help="read commands from stdin, one per line: capture, exit")
    return p


if __name__ == "__main__":
    sys.exit(main())
