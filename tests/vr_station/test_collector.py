"""Python's cycle collector runs on the render thread only while the station runs (issue 15's
Arabic abort: collections ran on worker threads and freed Panda3D objects there)."""

from __future__ import annotations

import gc
import threading
import weakref

from tests.vr_station.station_fixtures import make_station
from vr_station.collector import RenderThreadCollector, generation_due


def test_the_generation_due_is_the_oldest_past_its_threshold() -> None:
    thresholds = (700, 10, 10)
    assert generation_due((12, 3, 1), thresholds) is None
    assert generation_due((701, 3, 1), thresholds) == 0
    assert generation_due((701, 11, 1), thresholds) == 1
    assert generation_due((701, 11, 11), thresholds) == 2
    assert generation_due((5000, 50, 50), (0, 10, 10)) is None  # switched off


class _Cycle:
    """Garbage that only the cycle collector frees; its finalizer notes the freeing thread."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        weakref.finalize(self, lambda: freed_on.append(threading.current_thread().name))


def _allocate_on_a_worker() -> list[list[int]]:
    """A worker that allocates far past the youngest generation's threshold and hands the
    result over (as the speech worker does with a recognised answer)."""
    result: list[list[int]] = []

    def work() -> None:
        result.extend([index] for index in range(50_000))

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    return result


def test_without_it_a_worker_thread_frees_the_render_threads_garbage() -> None:
    # The premise: CPython collects on whichever thread allocates.
    assert gc.isenabled()
    gc.collect()
    freed_on: list[str] = []
    _Cycle(freed_on)
    _allocate_on_a_worker()
    assert freed_on == ["worker"]


def test_with_it_only_the_render_thread_frees_garbage() -> None:
    collector = RenderThreadCollector()
    gc.collect()
    collector.start()
    try:
        freed_on: list[str] = []
        _Cycle(freed_on)
        handed_over = _allocate_on_a_worker()
        assert len(handed_over) == 50_000
        assert freed_on == [], "a collection ran on the worker thread"
        frames = 0
        while not freed_on and frames < 100:  # one generation due per frame: 3 at most
            collector.frame()
            frames += 1
        assert freed_on == [threading.current_thread().name], \
            f"the garbage was not freed by the render thread in {frames} frames"
    finally:
        collector.stop()
    assert gc.isenabled()


def test_a_running_station_collects_in_its_frames_and_gives_collection_back() -> None:
    rig = make_station()
    try:
        assert not gc.isenabled()
        before = rig.station.collector.collections
        rig.visitor.wait(5.0)  # station time: frames that build and free panels and text
        assert rig.station.collector.collections > before
    finally:
        rig.close()
    assert gc.isenabled()
