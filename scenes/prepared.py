"""The slow, pure part of building a scene, which may run on a worker thread.

Composing a furnished room (building every prop, merging, baking occlusion, making textures)
takes a few hundred milliseconds: far too long for one frame in a headset. ``prepare_scene``
does all of it with numpy only, so the app can run it on a worker thread (or before the
visitor chooses) and then hand the result to ``build_workplace`` / ``build_interview_room``,
which only create nodes (about 10 ms).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from catalog.model import Workplace
from scenes.avatar.figure import FigureParts, build_figure
from scenes.avatar.looks import LOOKS
from scenes.compose import StaticScene, compose
from scenes.layout import SceneLayout, parse_layout


@dataclass(frozen=True)
class PreparedScene:
    """A composed scene ready to become nodes, and how long preparing it took."""

    workplace_id: str
    layout: SceneLayout
    static: StaticScene
    figure: FigureParts | None
    """The interviewer's figure, when prepared for an interview room with a look."""
    look: str | None
    prepare_s: float


def prepare_scene(workplace: Workplace, look: str | None = None) -> PreparedScene:
    """Everything of a scene that needs no Panda3D; thread-safe (no shared state)."""
    started = time.perf_counter()
    layout = parse_layout(workplace.layout)
    static = compose(layout)
    figure = build_figure(LOOKS[look]) if look is not None and layout.interviewer is not None else None
    return PreparedScene(workplace.id, layout, static, figure, look, time.perf_counter() - started)
