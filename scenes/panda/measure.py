"""What a scene costs: draw calls, triangles and CPU time per frame (render CLI, benchmark)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from panda3d.core import Camera, ConfigVariableBool, NodePath, SceneGraphAnalyzer

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


def stereo_frame_times_ms(
    renderer: OffscreenRenderer,
    per_frame: Callable[[float], None],
    eye_size: tuple[int, int],
    frames: int = 90,
    ipd_m: float = 0.063,
    fov_deg: float = 104.0,
) -> tuple[float, float]:
    """(median, p95) time in ms of one stereo frame at a headset's per-eye resolution.

    Two 4× multisampled buffers of ``eye_size`` see the renderer's scene from its camera, half
    an interpupillary distance left and right. ``gl-finish`` makes each frame wait until the
    GPU has drawn it, so the time is the whole frame's (CPU and GPU), not only its submission;
    no image is read back. On a machine without a GPU this measures Mesa's llvmpipe.
    """
    width, height = eye_size
    finish = ConfigVariableBool("gl-finish")
    was = finish.getValue()
    eyes = [OffscreenRenderer(width, height, multisamples=4, fov_deg=fov_deg, share_with=renderer)
            for _ in range(2)]
    try:
        for side, eye in zip((-1, 1), eyes, strict=True):
            if eye.buffer is not None:
                eye.buffer.clearRenderTextures()  # a headset composites the texture; no readback
            camera_node = eye.camera.node()
            assert isinstance(camera_node, Camera)
            camera_node.setScene(renderer.render)
            eye.camera.reparentTo(renderer.camera)
            eye.camera.setPosHpr(side * ipd_m / 2, 0, 0, 0, 0, 0)
        if renderer.buffer is not None:
            renderer.buffer.setActive(False)
        finish.setValue(True)
        samples = []
        for _ in range(frames + 10):
            started = time.perf_counter()
            per_frame(1 / 90)
            eyes[0].engine.renderFrame()
            samples.append((time.perf_counter() - started) * 1000.0)
        kept = sorted(samples[10:])
        return statistics.median(kept), kept[min(len(kept) - 1, round(0.95 * (len(kept) - 1)))]
    finally:
        finish.setValue(was)
        if renderer.buffer is not None:
            renderer.buffer.setActive(True)
        for eye in eyes:
            eye.close()
