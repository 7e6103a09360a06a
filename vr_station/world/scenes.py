"""The seam between the app and the scenes (issue 5): what the app needs from a 3-D scene.

``SceneBuilder`` builds a workplace for a tour and the interview room with its interviewer.
The app owns what it gets and calls ``destroy`` when the step ends.

``vr_station.world.kit_scenes.KitScenes`` implements it with the ``scenes`` package; tests may
hand in their own builder through ``StationParts``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from catalog.model import Workplace
from vr_station.ui.geometry import Vec3

if TYPE_CHECKING:
    from panda3d.core import NodePath


class WorkplaceScene(Protocol):
    """A workplace built for a tour: its nodes under ``root`` until ``destroy``."""

    @property
    def root(self) -> NodePath:
        """The node the workplace is built under."""

    def destroy(self) -> None:
        """Remove every node, task and sound the scene made."""


class Interviewer(Protocol):
    """The interviewer's figure: lips, gaze and idle life, and where the face and voice are."""

    def set_mouth_open(self, amount: float) -> None:
        """0 (closed) … 1 (wide open), from the speech envelope, every frame."""

    def look_at(self, point: Vec3) -> None:
        """Turn the head (and eyes) towards a world point: the visitor's head."""

    def update(self, dt_s: float) -> None:
        """Idle life: blinking, breathing."""

    def face_position(self) -> Vec3:
        """World position between the eyes: where eye contact is measured towards."""

    def mouth_node(self) -> NodePath:
        """Where the interviewer's voice comes from (3-D audio)."""


class InterviewRoom(Protocol):
    """The interview room with its interviewer and the visitor's chair."""

    @property
    def root(self) -> NodePath:
        """The node the room is built under."""

    @property
    def interviewer(self) -> Interviewer:
        """The interviewer sitting across the desk."""

    @property
    def visitor_seat(self) -> tuple[float, float, float]:
        """Floor x, y of the visitor's chair and the heading (content convention) it faces."""

    def destroy(self) -> None:
        """Remove every node, task and sound the room made."""


class SceneBuilder(Protocol):
    """Builds the 3-D scenes the steps show (see the module)."""

    def build_workplace(self, workplace: Workplace, parent: NodePath) -> WorkplaceScene:
        """The workplace of a tour, built under ``parent``."""

    def build_interview_room(self, parent: NodePath, look: str) -> InterviewRoom:
        """``look``: the persona's avatar (content/personas.yaml ``look``)."""
