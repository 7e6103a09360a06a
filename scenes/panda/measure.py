"""What a scene costs: draw calls, triangles and CPU time per frame (render CLI, benchmark)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from panda3d.core import Camera, NodePath, SceneGraphAnalyzer

from scenes.panda.offscreen import OffscreenRenderer


@dataclass(frozen=True)
class SceneCost:
    """What a built scene costs per frame: draw calls, triangles and CPU time."""

    draw_calls: int
    """Geoms in the scene: the draw calls per eye when all of it is in view (an upper bound)."""
    triangles: int
    cpu_frame_ms: float
    """Median wall time of one frame (per-frame tasks, cull, draw) into a tiny buffer, so
    that pixel work (here done by the CPU, on a headset PC by the GPU) hardly counts."""


def geometry(root: NodePath) -> tuple[int, int]:
    """(draw calls, triangles) of everything under ``root``."""
    analyzer = SceneGraphAnalyzer()
    analyzer.addNode(root.node())
    return analyzer.getNumGeoms(), analyzer.getNumTris()


def frame_time_ms(renderer: OffscreenRenderer, per_frame: Callable[[float], None], frames: int = 30) -> float:
    """Median time (ms) of ``per_frame(dt)`` plus one rendered frame.

    Seen from the renderer's camera through a 64 × 36 buffer.
    """
    probe = OffscreenRenderer(64, 36, share_with=renderer)
    try:
        camera_node = probe.camera.node()
        assert isinstance(camera_node, Camera)
        camera_node.setScene(renderer.render)
        probe.camera.reparentTo(renderer.camera)
        probe.camera.setPosHpr(0, 0, 0, 0, 0, 0)
        if renderer.buffer is not None:
            renderer.buffer.setActive(False)
        samples = []
        for _ in range(frames + 3):
            started = time.perf_counter()
            per_frame(1 / 90)
            probe.engine.renderFrame()
            samples.append((time.perf_counter() - started) * 1000.0)
        return statistics.median(samples[3:])
    finally:
        if renderer.buffer is not None:
            renderer.buffer.setActive(True)
        probe.close()


def measure(renderer: OffscreenRenderer, root: NodePath, per_frame: Callable[[float], None]) -> SceneCost:
    """The cost of the scene under ``root``; ``per_frame`` runs its per-frame work."""
    calls, triangles = geometry(root)
    return SceneCost(calls, triangles, frame_time_ms(renderer, per_frame))
