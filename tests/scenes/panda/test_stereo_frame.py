"""The stereo frame timing of bench/scenes.py --stereo, on a real offscreen renderer."""

from __future__ import annotations

import pytest
from panda3d.core import ConfigVariableBool

from catalog import load_catalog
from scenes.panda.measure import stereo_frame_times_ms
from scenes.panda.workplace import build_workplace
from tests.conftest import CONTENT

pytestmark = pytest.mark.slow


def test_a_stereo_frame_is_timed_with_the_gpu_waited_for_and_the_renderer_left_as_it_was(renderer):
    catalog, _ = load_catalog(CONTENT)
    scene = build_workplace(catalog.workplaces["office"], renderer.render)
    first = next(iter(scene.viewpoints.values()))
    renderer.look((first.eye.x, first.eye.y, first.eye.z), first.heading_deg)
    windows_before = renderer.engine.getNumWindows()
    frames = []
    finish_during = []
    def per_frame(dt: float) -> None:
        frames.append(dt)
        finish_during.append(ConfigVariableBool("gl-finish").getValue())

    try:
        median, p95 = stereo_frame_times_ms(renderer, per_frame, (48, 52), frames=12)
    finally:
        scene.destroy()
    assert 0 < median <= p95
    assert len(frames) == 12 + 10 and all(dt == pytest.approx(1 / 90) for dt in frames)
    assert all(finish_during), "each timed frame waits for the GPU (gl-finish)"
    assert not ConfigVariableBool("gl-finish").getValue()
    assert renderer.buffer.isActive()
    assert renderer.engine.getNumWindows() == windows_before, "the two eye buffers are released"
