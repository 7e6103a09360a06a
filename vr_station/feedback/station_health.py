"""The station's heartbeat and help calls: what they say, when they go, and what comes back.

The render thread only decides *when* (``tick``, on the station's clock: at start, then every
``HEARTBEAT_INTERVAL_S``, every ``WAITING_INTERVAL_S`` while a help call waits) and reads what
it alone may read (the display's state). Everything else runs on the ``NETWORK`` job lane:
storing a help call (``help_queue.py``, synced to disk, so a call made while the center is
away is delivered when it is back), posting the calls and the heartbeat, counting the outbox,
looking for a microphone. A heartbeat that cannot be sent is not kept: only the latest
matters, and the next one goes a minute later.

The center's answer to the heartbeat names the help calls staff have acknowledged; the
visitor's call then goes from ``CALLED`` to ``ON_THE_WAY`` ("Hilfe ist unterwegs")::

    IDLE ──button or staff key──▶ CALLED ──the center: acknowledged──▶ ON_THE_WAY
    any ──the visit ends (back to the attract loop)──▶ IDLE
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from visit_record.privacy import redact_personal_data
from vr_station import __version__
from vr_station.feedback.health_messages import HeartbeatReport, HelpCall
from vr_station.feedback.health_transport import HEARTBEAT_PATH, HELP_CALLS_PATH, HealthTransport
from vr_station.feedback.help_queue import HelpQueue
from vr_station.feedback.transport import RefusalKind, Refused
from vr_station.jobs import BackgroundJobs

log = logging.getLogger(__name__)

T = TypeVar("T")

NETWORK = "network"
"""The job lane for the center's heartbeat and help calls (not the feedback sender's thread:
a slow record batch must not hold up a call for help)."""
HEARTBEAT_INTERVAL_S = 60.0
WAITING_INTERVAL_S = 10.0
"""While a help call waits for delivery or acknowledgement: the visitor learns within seconds
that help is on the way."""
_MAX_ERROR_CHARS = 300


class HelpState(StrEnum):
    """Where the current visit's call for help stands (module docstring)."""

    IDLE = "idle"
    CALLED = "called"
    ON_THE_WAY = "on_the_way"


@dataclass(frozen=True)
class DisplaySnapshot:
    """What only the render thread may read, taken when a heartbeat is due."""

    runtime_mode: str
    """xr, desktop or headless."""
    headset_state: str


@dataclass(frozen=True)
class RoundResult:
    """What one round on the network lane came to."""

    acknowledged: tuple[str, ...]
    waiting: bool
    """Help calls still undelivered or unacknowledged: the next round comes sooner."""
    problem: str | None


class LastError(logging.Handler):
    """Remembers the station's last ERROR log line for the heartbeat (personal data redacted)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.message: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the line (the logger's name and its message, shortened)."""
        try:
            text = f"{record.name}: {record.getMessage()}"
        except Exception:  # a broken log call must not break logging
            return
        self.message = redact_personal_data(text)[:_MAX_ERROR_CHARS]


def content_digest(content_dir: Path) -> str:
    """A stable digest of the content the station runs: every file's path and bytes, sorted.

    The same content gives the same digest on every station and after every restart.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(content_dir).as_posix()
        if relative.startswith(".") or "/." in relative or "__pycache__" in relative:
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return "sha256:" + digest.hexdigest()[:16]


class HealthReporter:
    """Sends the heartbeat and help calls; ``tick`` once a frame, ``close`` after the job lanes."""

    def __init__(self, station_id: str, jobs: BackgroundJobs, *,
                 transport: Callable[[], HealthTransport | None], queue_path: Path,
                 content_dir: Path, display: Callable[[], DisplaySnapshot],
                 microphone_present: Callable[[], bool], outbox_pending: Callable[[], int],
                 wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 on_change: Callable[[HelpState], None] | None = None,
                 interval_s: float = HEARTBEAT_INTERVAL_S,
                 waiting_interval_s: float = WAITING_INTERVAL_S,
                 content_version: Callable[[], str] | None = None) -> None:
        """Report for ``station_id`` on ``jobs``' network lane.

        ``transport`` and the three probes run on the network lane; ``display`` on the render
        thread. ``on_change`` hears (on the render thread) when the help state changes.
        ``content_version`` (network lane, asked every round: it changes when the station
        installs a version) is the content sync's label, the one the center shows for its
        published versions; without it the heartbeat names a digest of ``content_dir``.
        """
        self.station_id = station_id
        self._jobs = jobs
        self._make_transport = transport
        self._queue_path = queue_path
        self._content_dir = content_dir
        self._display = display
        self._microphone_present = microphone_present
        self._outbox_pending = outbox_pending
        self._wall_clock = wall_clock
        self._on_change = on_change
        self.interval_s = interval_s
        self.waiting_interval_s = waiting_interval_s
        self._state = HelpState.IDLE
        self._call_id: str | None = None
        self._due_s: float | None = None
        self._in_flight = False
        self._waiting = False
        self._queue: HelpQueue | None = None
        self._transport: HealthTransport | None = None
        self._transport_made = False
        self._version_label = content_version
        self._content_digest: str | None = None
        self.last_error = LastError()
        logging.getLogger("vr_station").addHandler(self.last_error)
        self.rounds = 0
        """Rounds finished (tests wait on it)."""
        self.last_problem: str | None = None

    @property
    def help_state(self) -> HelpState:
        """The current visit's call for help."""
        return self._state

    def tick(self, now_s: float) -> None:
        """Send a round when one is due (the first at once). Render thread; never waits."""
        if self._due_s is None or (now_s >= self._due_s and not self._in_flight):
            self._send(now_s, None)

    def call_help(self, step: str, now_s: float) -> None:
        """The visitor (or staff) asked for help in ``step``: store the call and send it now."""
        if self._state is not HelpState.IDLE:
            return  # one call per visit is enough; the button shows it is on its way
        call = HelpCall(str(uuid.uuid4()), self.station_id, step, self._wall_clock())
        self._call_id = call.call_id
        self._set_state(HelpState.CALLED)
        log.info("help called at step %s (call %s)", step, call.call_id)
        self._send(now_s, call)

    def forget_visit(self) -> None:
        """The visit ended: the next visitor starts without a call (the center keeps it)."""
        self._call_id = None
        self._set_state(HelpState.IDLE)

    def close(self) -> None:
        """Stop listening to the log and close the queue and the connection (after the lanes)."""
        logging.getLogger("vr_station").removeHandler(self.last_error)
        if self._transport is not None:
            self._transport.close()
        if self._queue is not None:
            self._queue.close()

    # Render thread -------------------------------------------------------------------------

    def _send(self, now_s: float, call: HelpCall | None) -> None:
        display = self._display()
        self._due_s = now_s + self.interval_s
        self._in_flight = True
        self._jobs.submit(NETWORK, "heartbeat" if call is None else "help-call",
                          lambda: self._round(display, call),
                          on_done=lambda result: self._finished(result, now_s),
                          on_error=lambda exc: self._failed(exc, now_s))

    def _finished(self, result: RoundResult, sent_s: float) -> None:
        self._in_flight = False
        self.rounds += 1
        self.last_problem = result.problem
        self._waiting = result.waiting
        if self._waiting:
            self._due_s = sent_s + self.waiting_interval_s
        if self._call_id is not None and self._call_id in result.acknowledged:
            self._set_state(HelpState.ON_THE_WAY)

    def _failed(self, exc: BaseException, sent_s: float) -> None:
        self._finished(RoundResult((), self._waiting, repr(exc)), sent_s)
        log.warning("station health: %r", exc)

    def _set_state(self, state: HelpState) -> None:
        if state is not self._state:
            self._state = state
            if self._on_change is not None:
                self._on_change(state)

    # Network lane --------------------------------------------------------------------------

    def _round(self, display: DisplaySnapshot, call: HelpCall | None) -> RoundResult:
        queue = self._open_queue()
        if call is not None:
            queue.add(call)
        transport = self._open_transport()
        if transport is None:
            return RoundResult((), False, "no center configured")
        problem = None
        for waiting in queue.undelivered(self._wall_clock()):
            answer = transport.post(HELP_CALLS_PATH, waiting.to_json())
            if isinstance(answer, Refused):
                if answer.kind is RefusalKind.INVALID:  # resending would not help
                    log.error("help call %s refused by the center: %s", waiting.call_id,
                              answer.message)
                    queue.acknowledged([waiting.call_id])
                    continue
                problem = answer.message
                break
            queue.delivered(waiting.call_id)
        report = HeartbeatReport(
            self.station_id, __version__, self._content(), display.runtime_mode,
            display.headset_state, self._probe(self._microphone_present, False),
            self._probe(self._outbox_pending, 0), self.last_error.message,
            tuple(queue.awaiting()))
        answer = transport.post(HEARTBEAT_PATH, report.to_json())
        acknowledged: tuple[str, ...] = ()
        if isinstance(answer, Refused):
            problem = problem or answer.message
        else:
            acknowledged = tuple(str(i) for i in answer.get("acknowledged_help", []))
            queue.acknowledged(list(acknowledged))
        waiting_now = bool(queue.undelivered(self._wall_clock()) or queue.awaiting())
        if problem is not None:
            log.info("station health: %s", problem)
        return RoundResult(acknowledged, waiting_now, problem)

    def _open_queue(self) -> HelpQueue:
        if self._queue is None:
            self._queue = HelpQueue(self._queue_path)
        return self._queue

    def _open_transport(self) -> HealthTransport | None:
        if not self._transport_made:
            self._transport_made = True
            self._transport = self._make_transport()
        return self._transport

    def _content(self) -> str:
        if self._version_label is not None:
            try:
                return self._version_label()
            except Exception as exc:  # the digest still tells the center something
                log.warning("station health: content version: %r", exc)
        if self._content_digest is None:
            try:
                self._content_digest = content_digest(self._content_dir)
            except OSError as exc:
                return f"unreadable: {exc.strerror}"[:80]
        return self._content_digest

    @staticmethod
    def _probe(probe: Callable[[], T], fallback: T) -> T:
        try:
            return probe()
        except Exception as exc:  # a probe that fails must not cost the heartbeat
            log.warning("station health: %r", exc)
            return fallback
