"""The interview room: an office layout and the interviewer sitting in it.

The layout is a workplace file with an ``interviewer`` seat.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from direct.task.Task import Task, TaskManager
from panda3d.core import NodePath, Point3

from catalog.model import Workplace
from scenes.panda.interviewer import Interviewer
from scenes.panda.workplace import ViewpointPlacement, WorkplaceScene, attach_static
from scenes.prepared import PreparedScene, prepare_scene

UPDATE_TASK_SORT = 30
"""Runs after the app's input and XR pose tasks (lower sorts) and before rendering."""


class InterviewRoom:
    """A built interview room. The owner calls ``destroy()``: it removes nodes and its task."""

    def __init__(self, scene: WorkplaceScene, interviewer: Interviewer, task_manager: TaskManager | None):
        self.scene = scene
        self.interviewer = interviewer
        self._tasks = task_manager
        self._task_name = f"interviewer-update-{id(self)}"
        self._last_task_time: float | None = None
        if task_manager is not None:
            task_manager.add(self._update_task, self._task_name, sort=UPDATE_TASK_SORT)

    @property
    def root(self) -> NodePath:
        """The room's top node."""
        return self.scene.root

    @property
    def load_s(self) -> float:
        """Seconds it took to build the room."""
        return self.scene.load_s

    @property
    def viewpoints(self) -> Mapping[str, ViewpointPlacement]:
        """Where the visitor may stand or sit, in the coordinates of the room's parent."""
        return self.scene.viewpoints

    @property
    def anchors(self) -> Mapping[str, Point3]:
        """The room's hotspot anchors, in the coordinates of its parent."""
        return self.scene.anchors

    def viewpoint(self, viewpoint_id: str) -> ViewpointPlacement:
        """One viewpoint of the room, in the coordinates of its parent."""
        return self.scene.viewpoint(viewpoint_id)

    def visitor_seat(self) -> ViewpointPlacement:
        """The viewpoint where the visitor sits facing the interviewer (the first seated one)."""
        seated = [v for v in self.scene.layout.viewpoints.values() if v.posture == "seated"]
        first = seated[0] if seated else next(iter(self.scene.layout.viewpoints.values()))
        return self.scene.viewpoint(first.id)

    def update(self, dt: float) -> None:
        """Advance the interviewer; only needed when no task manager was handed in."""
        self.interviewer.update(dt)

    def set_framebuffer_srgb(self, hardware_encodes: bool) -> None:
        """Tell the shader whether the target encodes sRGB itself (``SceneShading``)."""
        self.scene.set_framebuffer_srgb(hardware_encodes)

    def destroy(self) -> None:
        """Stop the interviewer's task and remove the interviewer and the room."""
        if self._tasks is not None:
            self._tasks.remove(self._task_name)
            self._tasks = None
        self.interviewer.destroy()
        self.scene.destroy()

    def _update_task(self, task: Task) -> int:
        # The task's own clock, not the global one: dt is the time since this task last ran.
        now = float(task.time)
        dt = 0.0 if self._last_task_time is None else now - self._last_task_time
        self._last_task_time = now
        self.interviewer.update(dt)
        return Task.cont


def build_interview_room(
    workplace: Workplace,
    parent: NodePath,
    look: str = "a",
    task_manager: TaskManager | None = None,
    seed: int = 0,
    prepared: PreparedScene | None = None,
) -> InterviewRoom:
    """Build an interview room (a workplace whose layout has ``interviewer``) under ``parent``.

    With a ``task_manager`` the room animates the interviewer itself (and stops on destroy);
    without one the app calls ``room.update(dt)`` each frame. ``look`` is a persona's look id.
    ``prepared`` (``scenes.prepare_scene(workplace, look)`` on a worker thread) keeps the frame
    this runs in short.
    """
    started = time.perf_counter()
    if prepared is None or prepared.workplace_id != workplace.id:
        prepared = prepare_scene(workplace, look)
    layout = prepared.layout
    seat = layout.interviewer
    if seat is None:
        raise ValueError(
            f"workplace '{workplace.id}' has no interviewer seat; interview rooms "
            "declare one (interviewer: {position: [x, y], heading_deg: ...})"
        )
    root = parent.attachNewNode(f"interview-room:{layout.id}")
    shading = attach_static(root, prepared.static)
    anchor = root.attachNewNode("interviewer-seat")
    anchor.setPos(seat.position_m[0], seat.position_m[1], 0.0)
    anchor.setH(-seat.heading_deg)
    figure = prepared.figure if prepared.look == look else None
    interviewer = Interviewer(anchor, look, seed, figure)
    scene = WorkplaceScene(layout, prepared.static, root, shading, time.perf_counter() - started)
    return InterviewRoom(scene, interviewer, task_manager)
