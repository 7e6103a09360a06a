"""The app's scenes: workplaces and the interview room from ``scenes`` (issue 5).

Implements ``SceneBuilder``. Preparing a scene (layout → meshes, the interviewer's figure) is
pure numpy and takes up to a second for a rich workplace; it runs on the scenes lane when the
station starts, so when a visitor walks in, building the nodes takes a few milliseconds behind
the fade. A scene asked for before its preparation finished is prepared on the spot (logged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from panda3d.core import NodePath

import scenes
from catalog.model import Workplace
from scenes.prepared import PreparedScene, prepare_scene
from vr_station.jobs import SCENES, BackgroundJobs
from vr_station.ui.geometry import Vec3

log = logging.getLogger(__name__)

_Key = tuple[str, str | None]


class KitWorkplace:
    """A workplace built by ``scenes``, as the app's ``WorkplaceScene``."""

    def __init__(self, built: scenes.WorkplaceScene) -> None:
        self._built = built

    @property
    def root(self) -> NodePath:
        """The node the workplace is built under."""
        return self._built.root

    def destroy(self) -> None:
        """Remove every node, task and sound the workplace made."""
        self._built.destroy()


class KitInterviewer:
    """The ``scenes`` interviewer figure, as the app's ``Interviewer``."""

    def __init__(self, figure: scenes.Interviewer) -> None:
        self._figure = figure

    def set_mouth_open(self, amount: float) -> None:
        """Open the mouth by ``amount``, clamped to 0 (closed) … 1 (wide open)."""
        self._figure.set_mouth_open(max(0.0, min(1.0, amount)))

    def look_at(self, point: Vec3) -> None:
        """Turn the head and eyes towards the world point ``point`` (the visitor's head)."""
        self._figure.look_at(point)

    def update(self, dt_s: float) -> None:
        """Advance blinking and breathing by ``dt_s`` seconds."""
        self._figure.update(dt_s)

    def face_position(self) -> Vec3:
        """World position between the eyes, in metres."""
        p = self._figure.face_position()
        return (p[0], p[1], p[2])

    def mouth_node(self) -> NodePath:
        """The face node, where the interviewer's voice comes from (3-D audio)."""
        # The face point sits between the eyes, a few centimetres above the mouth: close
        # enough for where a voice seems to come from.
        return self._figure.face_node


class KitInterviewRoom:
    """The interview room built by ``scenes``, as the app's ``InterviewRoom``."""

    def __init__(self, built: scenes.InterviewRoom) -> None:
        self._built = built
        self._interviewer = KitInterviewer(built.interviewer)
        seat = built.visitor_seat()
        self._seat = (float(seat.floor[0]), float(seat.floor[1]), float(seat.heading_deg))

    @property
    def root(self) -> NodePath:
        """The node the room is built under."""
        return self._built.root

    @property
    def interviewer(self) -> KitInterviewer:
        """The interviewer sitting across the desk."""
        return self._interviewer

    @property
    def visitor_seat(self) -> tuple[float, float, float]:
        """Floor x, y (metres) of the visitor's chair and the heading (content convention) it faces."""
        return self._seat

    def destroy(self) -> None:
        """Remove every node, task and sound the room made."""
        self._built.destroy()


class KitScenes:
    """Scenes built from the content's layouts with the prop kit."""

    def __init__(self, workplaces: Mapping[str, Workplace], looks: set[str],
                 jobs: BackgroundJobs | None = None) -> None:
        rooms = scenes.interview_rooms(workplaces)
        if not rooms:
            raise ValueError("no interview room in the content: a workplace with an "
                             "'interviewer' seat (content/workplaces/interview-office.yaml)")
        self._room = rooms[0]
        self._prepared: dict[_Key, PreparedScene] = {}
        if jobs is not None:
            wanted: list[tuple[Workplace, str | None]] = [
                (w, None) for w in workplaces.values() if w.layout.get("interviewer") is None]
            wanted += [(self._room, look) for look in sorted(looks)]
            for workplace, look in wanted:
                jobs.submit(SCENES, f"prepare-{workplace.id}", _preparer(workplace, look),
                            on_done=self._keep, on_error=_failed(workplace.id))

    def build_workplace(self, workplace: Workplace, parent: NodePath) -> KitWorkplace:
        """Build ``workplace`` under ``parent``, from its prepared meshes (prepared now if need be)."""
        prepared = self._take(workplace, None)
        return KitWorkplace(scenes.build_workplace(workplace, parent, prepared=prepared))

    def build_interview_room(self, parent: NodePath, look: str) -> KitInterviewRoom:
        """Build the interview room with the persona's ``look`` under ``parent``, from its prepared meshes."""
        prepared = self._take(self._room, look)
        # No task manager: the interview step calls update() every frame, in its order.
        return KitInterviewRoom(scenes.build_interview_room(
            self._room, parent, look=look, prepared=prepared))

    def _keep(self, prepared: PreparedScene) -> None:
        self._prepared[(prepared.workplace_id, prepared.look)] = prepared

    def _take(self, workplace: Workplace, look: str | None) -> PreparedScene:
        prepared = self._prepared.get((workplace.id, look))
        if prepared is None:
            log.info("scene %s was not prepared yet: preparing it now", workplace.id)
            prepared = prepare_scene(workplace, look)
            self._keep(prepared)
        return prepared


def _failed(workplace_id: str) -> Callable[[BaseException], None]:
    # Not fatal: the scene is prepared again when a visitor asks for it, and that error is
    # the one that counts.
    return lambda error: log.error("scene %s could not be prepared: %s", workplace_id, error)


def _preparer(workplace: Workplace, look: str | None) -> Callable[[], PreparedScene]:
    return lambda: prepare_scene(workplace, look)
