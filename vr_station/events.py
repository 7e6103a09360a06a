"""Machine-readable events of a running station, and scripted commands for it.

``vr-station run --events FILE|-`` writes one JSON object per line, each with ``event`` and
``t_s`` (monotonic seconds, the kernel's clock, comparable across processes):

==============  =================================================================================
event           fields
==============  =================================================================================
opened          mode, info (the XR runtime, graphics binding, play space, eye size …)
phase           phase: the OpenXR session phase (``vr_station.xr.lifecycle``), on every change
state           state: the DisplayState (running, paused, lost, closed), on every change
kiosk           old, new, cause, end_reason, session: every kiosk transition
pause           reasons: the kiosk's pause reasons (staff, headset_off), on every change
targets         state, targets: buttons of the step just entered, id and centre (rig coords)
input           hand, source, select, menu, thumbstick, aim_position_m, aim_forward: a controller
                or tracked hand (source 'hand': aim is its ray, select its pinch) changed
input_method    method: how the visitor chooses now (controller, hand, mouse, gaze), on change
choice          target: the visitor chose a button (controller, gaze or mouse)
rig             position_m, heading_deg: the rig moved (snap turn, teleport, a new scene)
head            frame, position_m, heading_deg (rig coords), eyes: every N frames (``head-every``)
stats           frames waited, rendered, submitted, reconnects (``stats`` and in ``summary``)
capture         index, files: an eye capture was written (``vr_station.xr.captures``)
mirror          file: a screenshot of the staff mirror was written
summary         phases, final_state, lost_reason, stats, transitions: at the end
==============  =================================================================================

With ``--commands`` the station reads commands from stdin, one per line: ``capture``,
``mirror``, ``exit`` (end the session the OpenXR way), ``key NAME`` (a staff key, e.g. ``key f6``),
``head-every N``, ``stats``, ``targets``. Commands are read on their own thread and applied
by a per-frame task, so the frame loop never waits for input.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from direct.task.Task import Task
from panda3d.core import Quat

from vr_station.xr.captures import CaptureWriter, eye_record, scene_snapshot
from vr_station.xr.diagnostics import EyeCapture
from vr_station.xr.phases import FramePhase

if TYPE_CHECKING:
    from vr_station.station import Station

log = logging.getLogger(__name__)

TASK_NAME = "station-events"
STAFF_KEYS = frozenset({"f1", "f5", "f6", "f7", "f8"})


class EventWriter:
    """JSON lines to a text stream, from any thread."""

    def __init__(self, stream: IO[str], clock: Callable[[], float] = time.monotonic,
                 owns_stream: bool = False) -> None:
        self._stream = stream
        self._clock = clock
        self._owns_stream = owns_stream
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the stream if this writer owns it (a file ``--events`` named)."""
        if self._owns_stream:
            with self._lock:
                self._stream.close()

    def emit(self, event: str, **fields: Any) -> None:
        """Write one event line with ``t_s`` (monotonic seconds) and ``fields``, flushed at once.

        A reader that went away costs a debug log line, never the station.
        """
        line = json.dumps({"event": event, "t_s": round(self._clock(), 3), **fields}, default=str)
        with self._lock:
            try:
                self._stream.write(line + "\n")
                self._stream.flush()
            except (OSError, ValueError) as exc:  # a reader that went away must not stop the station
                log.debug("event line not written: %s", exc)


class CommandReader:
    """Lines from ``stream`` (stdin) on a daemon thread; ``take`` never blocks."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), name="station-commands", daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            if line.strip():
                self._queue.put(line.strip())

    def take(self) -> list[str]:
        """The commands read since the last call, oldest first; never blocks."""
        lines = []
        while True:
            try:
                lines.append(self._queue.get_nowait())
            except queue.Empty:
                return lines


class StationEvents:
    """Watches a started station once per frame and reports what changed; applies commands.

    It runs after the frame went to the runtime. Owns its task; ``stop`` removes it.
    """

    def __init__(self, station: Station, writer: EventWriter, commands: CommandReader | None,
                 capture_dir: Path) -> None:
        self.station = station
        self.writer = writer
        self._commands = commands
        self._captures = CaptureWriter(capture_dir, self._capture_written)
        self._capture_pending = False
        self._mirrors = 0
        self._head_every = 0
        self._frames = 0
        self._seen: dict[str, Any] = {}
        self._transitions = 0
        self._choices = 0
        self._step: object | None = None

    @property
    def _xr(self) -> Any:
        """The XR display mode, or None in another mode (its events are then left out)."""
        display = self.station.display
        return display if hasattr(display, "phase_history") else None

    def start(self) -> None:
        """Report ``opened`` and watch from the next frame on (task sort ``FramePhase.REPORT``)."""
        xr = self._xr
        info = asdict(xr.info) if xr is not None and xr.info is not None else None
        self.writer.emit("opened", mode=self.station.display.name, info=info)
        self.station.base.taskMgr.add(self._task, TASK_NAME, sort=int(FramePhase.REPORT))

    def stop(self) -> None:
        """Before the station closes: no more frames to watch; captures finish writing."""
        self.station.base.taskMgr.remove(TASK_NAME)
        self._captures.close()

    def summary(self) -> None:
        """After the station closed (the session has ended): the last line; closes the writer."""
        self._summary()
        self.writer.close()

    def _summary(self) -> None:
        xr = self._xr
        self.writer.emit(
            "summary", mode=self.station.display.name, final_state=self.station.display.state().value,
            phases=[p.name for p in xr.phase_history] if xr is not None else [],
            lost_reason=xr.lost_reason if xr is not None else None,
            stats=asdict(xr.stats) if xr is not None else None,
            transitions=[[str(t.old), str(t.new), t.cause] for t in self.station.transitions],
            captures=self._captures.count)

    # -- per frame -------------------------------------------------------------------------------

    def _task(self, task: Task) -> int:
        self._frames += 1
        if self._commands is not None:
            for command in self._commands.take():
                self._run(command)
        self._report_changes()
        if self._head_every and self._frames % self._head_every == 0:
            self._report_head()
        return Task.cont

    def _changed(self, key: str, value: Any) -> bool:
        if self._seen.get(key, object()) == value:
            return False
        self._seen[key] = value
        return True

    def _report_changes(self) -> None:
        station, xr = self.station, self._xr
        if xr is not None and self._changed("phase", xr.phase.name):
            self.writer.emit("phase", phase=xr.phase.name)
        state = station.display.state().value
        if self._changed("state", state):
            self.writer.emit("state", state=state)
        for transition in station.transitions.since(self._transitions):
            self.writer.emit("kiosk", old=str(transition.old), new=str(transition.new),
                             cause=transition.cause, session=transition.context.session_number,
                             end_reason=str(transition.context.end_reason)
                             if transition.context.end_reason else None)
        self._transitions = station.transitions.total
        pauses = sorted(str(p) for p in station.flow.pauses)
        if self._changed("pauses", pauses):
            self.writer.emit("pause", reasons=pauses)
        if station.step is not self._step and not station.pending_work():
            self._step = station.step
            self._report_targets()
        for target in station.recent_choices(self._choices):
            self.writer.emit("choice", target=target)
        self._choices = station.choices_made
        for hand in station.display.controllers():
            key = (hand.source, hand.select, hand.menu, round(hand.thumbstick[0], 2),
                   round(hand.thumbstick[1], 2), hand.aim is not None)
            if self._changed(f"input-{hand.hand}", key):
                self.writer.emit("input", hand=hand.hand, source=hand.source, select=hand.select,
                                 menu=hand.menu,
                                 thumbstick=[round(v, 3) for v in hand.thumbstick],
                                 aim_position_m=_rounded(hand.aim.position) if hand.aim else None,
                                 aim_forward=_rounded(Quat(*hand.aim.quat).getForward(), 3)
                                 if hand.aim else None)
        method = station.input_hint.announced
        if method is not None and self._changed("input_method", str(method)):
            self.writer.emit("input_method", method=str(method))
        rig = station.rig.node
        placement = (*_rounded(rig.getPos(), 3), round(rig.getH(), 2))
        if self._changed("rig", placement):
            self.writer.emit("rig", position_m=list(placement[:3]), heading_deg=placement[3])

    def _report_head(self) -> None:
        station, xr = self.station, self._xr
        head = station.rig.head
        rig = station.rig.node
        eyes = [{"position_m": _rounded(v.pose.position)} for v in xr.eye_views] if xr is not None else []
        self.writer.emit("head", frame=self._frames, position_m=_rounded(head.getPos(rig)),
                         heading_deg=round(head.getH(rig), 2),
                         world_heading_deg=round(head.getH(station.base.render), 2), eyes=eyes)

    def _report_targets(self) -> None:
        station = self.station
        rig, render = station.rig.node, station.base.render
        targets = []
        for target in (station.step.targets() if station.step is not None else []):
            centre = rig.getRelativePoint(render, target.rect.center)
            targets.append({"id": target.id, "centre_m": _rounded(centre)})
        self.writer.emit("targets", state=str(station.state), targets=targets)

    # -- commands --------------------------------------------------------------------------------

    def _run(self, command: str) -> None:
        name, _, argument = command.partition(" ")
        station, xr = self.station, self._xr
        if name == "capture" and xr is not None:
            if not self._capture_pending:
                self._capture_pending = True
                xr.request_capture(self._captured)
        elif name == "mirror":
            shot = station.base.win.getScreenshot()
            if shot is not None:
                self._mirrors += 1
                self._captures.save_mirror(shot, f"mirror{self._mirrors - 1}",
                                           lambda path: self.writer.emit("mirror", file=path.name))
        elif name == "exit":
            station.display.request_exit()
        elif name == "key" and argument in STAFF_KEYS:
            station.base.messenger.send(argument)
        elif name == "head-every" and argument.isdigit():
            self._head_every = int(argument)
        elif name == "stats" and xr is not None:
            self.writer.emit("stats", **asdict(xr.stats))
        elif name == "targets":
            self._report_targets()
        else:
            self.writer.emit("unknown_command", command=command)

    def _captured(self, captures: Sequence[EyeCapture]) -> None:
        """At the end of the frame whose eye images reached the runtime: the scene as drawn."""
        self._capture_pending = False
        station = self.station
        render = station.base.render
        index = self._captures.count
        record = {"frame": self._frames, "kiosk_state": str(station.state),
                  "clear_color": list(station.base.win.getClearColor()),
                  "eyes": [eye_record(c, station.rig.node, render, f"capture{index}-eye{c.eye}.npy")
                           for c in captures]}
        self._captures.save(captures, scene_snapshot(render), record)

    def _capture_written(self, index: int, record: dict[str, Any]) -> None:
        self.writer.emit("capture", index=index, files=[e["file"] for e in record["eyes"]],
                         scene=record["scene"], kiosk_state=record["kiosk_state"])


def _rounded(values: Any, digits: int = 4) -> list[float]:
    return [round(float(v), digits) for v in values]
