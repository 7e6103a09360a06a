"""What the caller of an ``InterviewSession`` receives from ``poll()``.

This is the one vocabulary between the engine and whoever runs it (the VR interview room, the
terminal practice).

Each action says everything the caller needs to show or play it; nothing is to be derived
again on the caller's side (the main question's number, whether answers are typed, whether the
session failed).
"""

from __future__ import annotations

from dataclasses import dataclass

from interview_engine.dialogue import Speaker, UtteranceKind
from interview_engine.report import InterviewReport
from speech.synthesis import SpeechAudio


@dataclass(frozen=True)
class SayAction:
    """The interviewer speaks.

    Play ``audio`` (None if synthesis failed: show the text for a reading time) and call
    ``playback_finished(utterance_id)`` when done.
    """

    utterance_id: int
    turn_id: int | None
    kind: UtteranceKind
    text: str
    """The caption."""
    audio: SpeechAudio | None
    """16-bit mono PCM, its sample rate and its 60 Hz loudness envelope (the lips)."""
    question_number: int | None = None
    """1-based number of the main question this utterance asks or repeats (None: not a main
    question: a follow-up, a nudge, goodbye …)."""
    question_total: int | None = None
    """How many main questions the interview plans (with ``question_number``)."""


@dataclass(frozen=True)
class ListenAction:
    """The visitor's turn begins (``active``) or is over.

    Active: show the listening indicator, or the keyboard when answers are typed. Not active:
    the engine works on the answer; the caller shows that it is thinking. Eye contact is
    measured per ``turn_id``.
    """

    active: bool
    turn_id: int
    typed: bool
    """Answers are typed (``submit_text``): no recognizer for the language, or no microphone."""
    answer_silence_s: float | None = None
    """The silence after speech that ends a spoken answer (calibrated, plus the persona's and
    the visitor's extra time); None for typed answers. ``InterviewSession.listening`` says how
    much of it has passed."""


@dataclass(frozen=True)
class ListeningProgress:
    """How the current spoken answer stands, for the listening indicator.

    Read every frame from ``InterviewSession.listening``; it changes with each chunk of audio
    the listener has judged (about 20 times a second).
    """

    speech_started: bool
    """The visitor has begun to answer (before that, silence only brings a kind nudge)."""
    silence_s: float
    """Silence since the visitor last spoke (0 while speaking and before the first word)."""
    answer_silence_s: float
    """The silence that ends the answer (as in ``ListenAction``)."""

    @property
    def fraction(self) -> float:
        """How much of the allowed silence has passed, 0 … 1."""
        if self.answer_silence_s <= 0.0:
            return 0.0
        return min(1.0, max(0.0, self.silence_s / self.answer_silence_s))


@dataclass(frozen=True)
class CaptionAction:
    """Show what the interviewer or the visitor says as a caption."""

    speaker: Speaker
    text: str
    final: bool
    """False for live partial words that may still change."""


@dataclass(frozen=True)
class NoticeAction:
    """Show this to the visitor (e.g. answers must be typed: no speech model installed)."""

    text: str
    problem: bool = False
    """A problem for staff, not for the visitor (the recognizer failed; the interviewer asks
    again): a terminal prints it, the station only logs it."""


@dataclass(frozen=True)
class EndAction:
    """The interview is over; show the report, if there is one, or say why not."""

    report: InterviewReport | None
    """None when the session was cancelled or failed."""
    completed: bool
    failed: bool = False
    """The session broke down (logged): tell the visitor that the interview cannot go on."""


SessionAction = SayAction | ListenAction | CaptionAction | NoticeAction | EndAction
