"""Background jobs: work runs off the calling thread; results arrive only when drained."""

from __future__ import annotations

import threading

from tests.waiting import THREAD_TIMEOUT_S, wait_for_thread
from vr_station.jobs import BackgroundJobs


def wait_for(jobs: BackgroundJobs, done: list, what: str = "a job's result") -> None:
    wait_for_thread(lambda: bool(done), what, step=jobs.drain)


def test_work_runs_on_a_worker_and_the_callback_on_the_draining_thread():
    jobs = BackgroundJobs()
    seen: list[tuple[str, int]] = []
    render_thread = threading.get_ident()
    jobs.submit("files", "who", threading.get_ident,
                on_done=lambda worker: seen.append(("done", worker)))
    wait_for_thread(lambda: jobs.pending == 0, "the job's work")
    assert seen == [], "nothing is delivered before drain()"
    wait_for(jobs, seen)
    assert seen and seen[0][1] != render_thread
    jobs.shutdown()


def test_jobs_on_one_lane_keep_their_order():
    jobs = BackgroundJobs()
    order: list[int] = []
    for i in range(20):
        jobs.submit("files", f"job{i}", lambda i=i: i, on_done=order.append)
    wait_for_thread(lambda: len(order) == 20, "20 jobs' results", step=jobs.drain)
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
    wait_for(jobs, results, "the marker job's result")
    assert [str(e) for e in errors] == ["disk gone"]
    assert results == [1]
    jobs.shutdown()


def test_pending_jobs_are_named_until_their_work_is_done():
    """A wait for the station's workers can say which ones it waits for."""
    jobs = BackgroundJobs()
    release = threading.Event()
    try:
        jobs.submit("speech", "narration", release.wait)
        jobs.submit("files", "wipe", release.wait)
        jobs.submit("files", "wipe", lambda: None)
        assert jobs.pending == 3 and jobs.pending_names() == ["narration", "wipe"]
        jobs.wait_for_any(0.01)  # nothing ends: returns after its time
        assert jobs.pending == 3
    finally:
        release.set()
    wait_for_thread(lambda: jobs.pending == 0, "three jobs' work",
                    step=lambda: jobs.wait_for_any(THREAD_TIMEOUT_S))  # wakes as each one ends
    assert jobs.pending_names() == []
    jobs.shutdown()
