"""Background jobs: work runs off the calling thread; results arrive only when drained."""

from __future__ import annotations

import threading
import time

from vr_station.jobs import BackgroundJobs


def wait_for(jobs: BackgroundJobs, done: list, timeout_s: float = 5.0) -> None:
    end = time.monotonic() + timeout_s
    while not done and time.monotonic() < end:
        jobs.drain()
        time.sleep(0.005)


def test_work_runs_on_a_worker_and_the_callback_on_the_draining_thread():
    jobs = BackgroundJobs()
    seen: list[tuple[str, int]] = []
    render_thread = threading.get_ident()
    jobs.submit("files", "who", threading.get_ident,
                on_done=lambda worker: seen.append(("done", worker)))
    time.sleep(0.05)
    assert seen == [], "nothing is delivered before drain()"
    wait_for(jobs, seen)
    assert seen and seen[0][1] != render_thread
    jobs.shutdown()


def test_jobs_on_one_lane_keep_their_order():
    jobs = BackgroundJobs()
    order: list[int] = []
    for i in range(20):
        jobs.submit("files", f"job{i}", lambda i=i: i, on_done=order.append)
    end = time.monotonic() + 5
    while len(order) < 20 and time.monotonic() < end:
        jobs.drain()
    assert order == list(range(20))
    assert jobs.pending == 0
    jobs.shutdown()


def test_errors_reach_the_error_callback_and_cancelled_results_are_dropped():
    jobs = BackgroundJobs()
    errors: list[BaseException] = []
    results: list[int] = []

    def broken() -> int:
        raise OSError("disk gone")

    jobs.submit("files", "broken", broken, on_error=errors.append)
    ticket = jobs.submit("files", "slow", lambda: 7, on_done=results.append)
    ticket.cancel()
    jobs.submit("files", "marker", lambda: 1, on_done=results.append)
    end = time.monotonic() + 5
    while not results and time.monotonic() < end:
        jobs.drain()
    assert [str(e) for e in errors] == ["disk gone"]
    assert results == [1]
    jobs.shutdown()
