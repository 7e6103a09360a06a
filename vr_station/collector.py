"""Python's cycle collector runs on the render thread only, while the station runs.

CPython collects reference cycles on whichever thread happens to allocate past a threshold;
in the Arabic demo (issue 15) collections ran on the speech worker and on the file lane. A
cycle that holds a Panda3D object (a panel's node in a step's closure, a text node) then
destroys scene-graph nodes, text and glyph references on a worker thread while the render
thread draws with them, and Panda3D's text machinery is not written for that (its glyph cache
keeps plain pointers into the glyph pages). The station therefore switches automatic
collection off and runs CPython's own schedule (its thresholds and generation counts) once a
frame, where freeing Panda3D objects is safe. Worker threads allocate as before; their garbage
waits at most until the next frame.
"""

from __future__ import annotations

import gc


def generation_due(counts: tuple[int, int, int], thresholds: tuple[int, ...]) -> int | None:
    """The oldest generation CPython would collect now, or None (also when it is switched off).

    As CPython decides: a generation is due when its count exceeds its threshold, the oldest
    first; a threshold of 0 for the youngest generation switches collection off.
    """
    if not thresholds or thresholds[0] == 0:
        return None
    for generation in (2, 1, 0):
        if generation < len(thresholds) and counts[generation] > thresholds[generation]:
            return generation
    return None


class RenderThreadCollector:
    """Automatic collection off between ``start`` and ``stop``; ``frame`` collects what is due."""

    def __init__(self) -> None:
        self._was_enabled: bool | None = None
        self.collections = 0
        """Collections run by ``frame`` so far (tests and benchmarks read it)."""

    def start(self) -> None:
        """Take collection over from the interpreter (from the render thread)."""
        if self._was_enabled is None:
            self._was_enabled = gc.isenabled()
            gc.disable()

    def frame(self) -> int | None:
        """Collect the generation that is due, if any; the generation collected."""
        if self._was_enabled is None:
            return None
        generation = generation_due(gc.get_count(), gc.get_threshold())
        if generation is not None:
            gc.collect(generation)
            self.collections += 1
        return generation

    def stop(self) -> None:
        """Give collection back as it was before ``start``."""
        if self._was_enabled is not None:
            if self._was_enabled:
                gc.enable()
            self._was_enabled = None
