"""Work the render thread must never wait for: speech synthesis, files, network.

A job runs on a worker thread; its result (or error) comes back through a queue that the
station drains once per frame (``drain``), so completion callbacks run on the render thread
between frames and may touch the scene. Jobs on one *lane* run one after another on that lane's
own thread: pyttsx3 must only ever be used from one thread, and file jobs keep their order.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

SPEECH = "speech"
FILES = "files"
SCENES = "scenes"


@dataclass
class Ticket(Generic[T]):
    """A job's handle. ``cancel`` drops its result: the callback never runs."""

    name: str
    cancelled: bool = False
    done: bool = False

    def cancel(self) -> None:
        """Ask the job not to deliver its result (its work may still finish)."""
        self.cancelled = True


@dataclass(frozen=True)
class _Result:
    ticket: Ticket[Any]
    value: Any
    error: BaseException | None
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


class BackgroundJobs:
    """Work that must not run on the render thread, on named lanes of worker threads.

    Results come back through ``drain`` on the render thread.
    """

    def __init__(self) -> None:
        self._results: queue.SimpleQueue[_Result] = queue.SimpleQueue()
        self._lanes: dict[str, queue.SimpleQueue[tuple[Ticket[Any], Callable[[], Any],
                                                       Callable[[Any], None] | None,
                                                       Callable[[BaseException], None] | None]
                                                 | None]] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()
        self._finished = threading.Condition(self._lock)
        """Notified whenever a job's work ends."""
        self._closed = False
        self._pending = 0
        self._running: dict[str, int] = {}
        """Names of the jobs submitted and not finished yet, with their counts."""

    def submit(self, lane: str, name: str, work: Callable[[], T],
               on_done: Callable[[T], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Ticket[T]:
        """Run ``work()`` on ``lane``'s thread; call ``on_done(result)`` on the render thread."""
        ticket: Ticket[T] = Ticket(name)
        with self._lock:
            if self._closed:
                raise RuntimeError("background jobs are shut down")
            if lane not in self._lanes:
                self._lanes[lane] = queue.SimpleQueue()
                thread = threading.Thread(target=self._run_lane, args=(lane,),
                                          name=f"vr-station-{lane}", daemon=True)
                self._threads[lane] = thread
                thread.start()
            self._pending += 1
            self._running[name] = self._running.get(name, 0) + 1
        self._lanes[lane].put((ticket, work, on_done, on_error))
        return ticket

    def drain(self, max_results: int = 32) -> int:
        """Deliver finished jobs' results on the calling (render) thread; returns how many."""
        delivered = 0
        while delivered < max_results:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                break
            delivered += 1
            result.ticket.done = True
            if result.ticket.cancelled:
                continue
            if result.error is not None:
                if result.on_error is not None:
                    result.on_error(result.error)
                else:
                    log.error("background job %s failed: %s: %s", result.ticket.name,
                              type(result.error).__name__, result.error)
            elif result.on_done is not None:
                result.on_done(result.value)
        return delivered

    @property
    def pending(self) -> int:
        """Jobs submitted and not finished yet.

        A finished job's result may still wait for
        ``drain``.
        """
        with self._lock:
            return self._pending

    def wait_for_any(self, timeout_s: float) -> None:
        """Block until a pending job's work ends (or none is pending), at most ``timeout_s``.

        Block until a pending job's work ends (or none is pending), at most ``timeout_s``.
        For a script that steps frames and has nothing to do meanwhile (the demo visitor);
        never on a station's render thread.
        """
        with self._finished:
            if self._pending:
                self._finished.wait(timeout_s)

    def pending_names(self) -> list[str]:
        """The names of the jobs still at work or queued (for a "waited for …" message)."""
        with self._lock:
            return sorted(self._running)

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """Stop the lanes after their queued work; results not yet drained are dropped."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            lanes = list(self._lanes.values())
            threads = list(self._threads.values())
        for lane in lanes:
            lane.put(None)
        for thread in threads:
            thread.join(timeout_s)
            if thread.is_alive():
                log.warning("background lane %s did not stop within %.0f s", thread.name,
                            timeout_s)

    def _run_lane(self, lane: str) -> None:
        jobs = self._lanes[lane]
        while True:
            item = jobs.get()
            if item is None:
                return
            ticket, work, on_done, on_error = item
            value: Any = None
            error: BaseException | None = None
            if not ticket.cancelled:
                try:
                    value = work()
                except Exception as exc:  # reported on the render thread, never lost
                    error = exc
            with self._lock:
                self._pending -= 1
                left = self._running.get(ticket.name, 0) - 1
                if left > 0:
                    self._running[ticket.name] = left
                else:
                    self._running.pop(ticket.name, None)
                self._finished.notify_all()
            self._results.put(_Result(ticket, value, error, on_done, on_error))
