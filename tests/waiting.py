"""Waiting in tests for work on a real thread or process, which has no clock of the test's.

What a test means to wait for is counted in frames or on a ``SimulatedClock`` (the demo
visitor's ``wait_until``, ``visitor.wait``). What it cannot count that way is a real thread or
process finishing (speech synthesis, a recognizer, a background job, a server): that takes
many times longer on a loaded 2-core machine than on an idle one. Such a wait is bounded only
to catch a hang, generously, and its failure says what it waited for and how long.
"""

from __future__ import annotations

import time
from collections.abc import Callable

THREAD_TIMEOUT_S = 60.0
"""How long a test waits for a real thread or process before it calls it hung."""
POLL_INTERVAL_S = 0.005


class ThreadLimit:
    """The bound of one wait for a thread: ``check`` fails the test once ``timeout_s`` passed,
    naming ``what`` and how long; ``progress`` starts the bound afresh (the thread answered)."""

    def __init__(self, what: str, timeout_s: float = THREAD_TIMEOUT_S) -> None:
        self.what = what
        self.timeout_s = timeout_s
        self._started_s = time.monotonic()

    def progress(self) -> None:
        self._started_s = time.monotonic()

    def check(self, detail: Callable[[], str] | None = None) -> None:
        waited = time.monotonic() - self._started_s
        if waited > self.timeout_s:
            more = f"; {detail()}" if detail is not None else ""
            raise AssertionError(f"waited {waited:.1f} s (the limit) for {self.what}{more}")


def wait_for_thread(done: Callable[[], bool], what: str, *, step: Callable[[], object] | None = None,
                    timeout_s: float = THREAD_TIMEOUT_S, detail: Callable[[], str] | None = None) -> None:
    """Until ``done()``, calling ``step`` (e.g. ``jobs.drain``) before each look."""
    limit = ThreadLimit(what, timeout_s)
    while True:
        if step is not None:
            step()
        if done():
            return
        limit.check(detail)
        time.sleep(POLL_INTERVAL_S)
