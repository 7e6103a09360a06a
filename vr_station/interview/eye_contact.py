"""Eye contact during the interview, measured from the head's pose towards the interviewer's face.

Headsets at job centres have no eye tracking, so the head's forward direction stands in for
the gaze. People look at someone within roughly ±15° of head direction by moving only their
eyes, so a head pointing within ``cone_deg`` of the face counts as eye contact. The figures are
kept apart for the time the visitor listens and the time they answer: looking away while
thinking is normal, and the report says so kindly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from vr_station.ui.geometry import Vec3, angle_between_deg, sub


class Talk(StrEnum):
    """Who is talking: eye contact is counted apart for listening and for answering."""

    LISTENING = "listening"
    """The interviewer speaks."""
    ANSWERING = "answering"
    """The visitor speaks (or is expected to)."""


@dataclass(frozen=True)
class EyeContactFigures:
    """Seconds of listening and answering, and of eye contact in each, for the whole interview."""

    listening_s: float
    listening_contact_s: float
    answering_s: float
    answering_contact_s: float
    cone_deg: float

    @property
    def listening_share(self) -> float | None:
        """0 … 1, None when there was no time to measure."""
        return self.listening_contact_s / self.listening_s if self.listening_s > 0 else None

    @property
    def answering_share(self) -> float | None:
        """Share of answering time with eye contact, 0 … 1; None when there was no time to measure."""
        return self.answering_contact_s / self.answering_s if self.answering_s > 0 else None

    @property
    def overall_share(self) -> float | None:
        """Share of all measured time with eye contact, 0 … 1; None when there was none."""
        total = self.listening_s + self.answering_s
        return (self.listening_contact_s + self.answering_contact_s) / total if total > 0 else None


@dataclass
class EyeContactMeter:
    """Counts eye contact over the whole interview: the head within ``cone_deg`` of the face."""

    cone_deg: float = 15.0
    _seconds: dict[Talk, float] = field(default_factory=lambda: dict.fromkeys(Talk, 0.0))
    _contact: dict[Talk, float] = field(default_factory=lambda: dict.fromkeys(Talk, 0.0))

    def looking_at(self, head_position: Vec3, head_forward: Vec3, face_position: Vec3) -> bool:
        """Whether the head points within ``cone_deg`` of the interviewer's face (world coordinates)."""
        to_face = sub(face_position, head_position)
        return angle_between_deg(head_forward, to_face) <= self.cone_deg

    def update(self, talk: Talk, head_position: Vec3, head_forward: Vec3, face_position: Vec3,
               dt_s: float) -> bool:
        """Count ``dt_s`` of this talk phase; returns whether the visitor looked at the face."""
        contact = self.looking_at(head_position, head_forward, face_position)
        self._seconds[talk] += dt_s
        if contact:
            self._contact[talk] += dt_s
        return contact

    def figures(self) -> EyeContactFigures:
        """The seconds counted so far."""
        return EyeContactFigures(
            listening_s=self._seconds[Talk.LISTENING],
            listening_contact_s=self._contact[Talk.LISTENING],
            answering_s=self._seconds[Talk.ANSWERING],
            answering_contact_s=self._contact[Talk.ANSWERING],
            cone_deg=self.cone_deg)


@dataclass
class TurnEyeContact:
    """Eye contact during one answer at a time, for the engine's per-answer figures."""

    turn_id: int | None = None
    _seconds: float = 0.0
    _contact_s: float = 0.0

    def start(self, turn_id: int) -> None:
        """Start measuring the answer of turn ``turn_id`` (from zero)."""
        self.turn_id, self._seconds, self._contact_s = turn_id, 0.0, 0.0

    def add(self, dt_s: float, contact: bool) -> None:
        """Count ``dt_s`` seconds of the current answer, with or without eye contact."""
        if self.turn_id is not None:
            self._seconds += dt_s
            self._contact_s += dt_s if contact else 0.0

    def finish(self) -> tuple[int, float] | None:
        """(turn, share 0 … 1) of the answer that just ended; None without measured time."""
        turn_id, self.turn_id = self.turn_id, None
        if turn_id is None or self._seconds <= 0:
            return None
        return turn_id, self._contact_s / self._seconds
