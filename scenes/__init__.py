"""Workplace and interview-room scenes, composed from content.

For the app (Panda3D is imported only when a scene is built):

- ``build_workplace(workplace, parent)`` → ``WorkplaceScene`` with ``.root``, ``.viewpoints``
  (floor point, heading and eye point per tour viewpoint), ``.anchors`` (hotspot positions),
  ``.destroy()``.
- ``build_interview_room(workplace, parent, look="a", task_manager=None)`` → ``InterviewRoom``
  with the same plus ``.interviewer`` (``set_mouth_open(x)``, ``look_at(point)``,
  ``update(dt)``, ``face_position()``, ``face_direction()``) and ``.visitor_seat()``.
- ``interview_rooms(workplaces)``: the workplaces that are interview rooms.
- ``prepare_scene(workplace, look=None)``: the slow part (~0.2–0.5 s), pure numpy, safe on a
  worker thread; pass its result as ``prepared=`` and building takes about 10 ms.

Scenes never create a ShowBase or a window; the caller hands in the parent node (and,
optionally, its task manager).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scenes.layout import EYE_HEIGHT_SEATED_M, EYE_HEIGHT_STANDING_M
from scenes.prepared import PreparedScene, prepare_scene

if TYPE_CHECKING:
    from catalog.model import Workplace
    from scenes.panda.interview_room import InterviewRoom, build_interview_room
    from scenes.panda.interviewer import Interviewer
    from scenes.panda.workplace import ViewpointPlacement, WorkplaceScene, build_workplace

__all__ = [
    "EYE_HEIGHT_SEATED_M",
    "EYE_HEIGHT_STANDING_M",
    "InterviewRoom",
    "Interviewer",
    "PreparedScene",
    "ViewpointPlacement",
    "WorkplaceScene",
    "build_interview_room",
    "build_workplace",
    "interview_rooms",
    "prepare_scene",
]

_LAZY = {
    "build_workplace": "scenes.panda.workplace",
    "WorkplaceScene": "scenes.panda.workplace",
    "ViewpointPlacement": "scenes.panda.workplace",
    "build_interview_room": "scenes.panda.interview_room",
    "InterviewRoom": "scenes.panda.interview_room",
    "Interviewer": "scenes.panda.interviewer",
}


def __getattr__(name: str) -> Any:
    # Panda3D loads only when a scene is built, so content checks stay fast and headless.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scenes' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def interview_rooms(workplaces: Mapping[str, Workplace]) -> list[Workplace]:
    """The workplaces whose layout seats an interviewer, by id."""
    return [w for _, w in sorted(workplaces.items()) if w.layout.get("interviewer") is not None]
