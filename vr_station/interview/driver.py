"""The seam between the interview room and the interview engine.

The interview step asks an ``InterviewFactory`` for an ``InterviewDriver`` and then only polls
it once per frame; the driver never blocks the render thread. ``engine.EngineInterview``
implements it around ``interview_engine``'s ``InterviewSession``. What the room gets:
- ``Say``: the interviewer speaks this clip (PCM, 60 Hz envelope) with this caption; the room
  plays it at the interviewer's mouth and reports back with ``said`` when it has finished;
- ``Listen``: the visitor's turn: the microphone is open (the room shows "I'm listening"), or,
  when answers are typed, the keyboard is shown;
- ``Heard``: what the recogniser understood so far (live captions of the visitor's words);
- ``Thinking``: the visitor's turn is over; the engine works on the answer;
- ``Notice``: something the visitor should know (no microphone: answers are typed …);
- ``Ended``: the interview is over, with the engine's report;
- ``Failed``: it cannot go on, with a message for the visitor (None: a general one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from catalog.model import Language, Occupation
from catalog.personas import Persona
from catalog.questions import InterviewScript
from interview_engine.report import InterviewReport
from speech.clip import SpeechClip


@dataclass(frozen=True)
class Say:
    utterance_id: int
    clip: SpeechClip
    caption: str
    question_number: int | None = None
    """1-based number of the main question this utterance asks (None: not a main question)."""
    question_total: int | None = None


@dataclass(frozen=True)
class Listen:
    turn_id: int
    """The question being answered; eye contact is reported per turn."""
    typed: bool = False
    """Answers are typed (no recogniser for the language, or no microphone)."""


@dataclass(frozen=True)
class Heard:
    text: str
    final: bool
    """False while the visitor is still speaking (a partial result)."""


@dataclass(frozen=True)
class Thinking:
    turn_id: int
    """The turn that just ended."""


@dataclass(frozen=True)
class Notice:
    text: str


@dataclass(frozen=True)
class Ended:
    report: InterviewReport


@dataclass(frozen=True)
class Failed:
    message: str | None


InterviewAction = Say | Listen | Heard | Thinking | Notice | Ended | Failed


class InterviewDriver(Protocol):
    def poll(self) -> Sequence[InterviewAction]:
        """What happened since the last call. Never blocks."""

    def said(self, utterance_id: int) -> None:
        """The app finished playing that ``Say``."""

    def finish_answer(self) -> None:
        """The visitor chose "Answer done" (spoken answers)."""

    def submit_text(self, text: str) -> None:
        """The visitor's typed answer to the current question."""

    def report_eye_contact(self, turn_id: int, share: float) -> None:
        """Share (0 … 1) of that turn's answer time the visitor looked at the interviewer."""

    def wrap_up(self) -> None:
        """Time is up or the visitor ended the interview: close kindly and report."""

    def close(self) -> None:
        """Stop everything (microphone, threads) and forget the visitor's words. Idempotent;
        returns at once."""


@dataclass(frozen=True)
class InterviewRequest:
    occupation: Occupation
    language: Language
    persona: Persona
    script: InterviewScript
    scratch_dir: Path
    """The only place the interview may write to; wiped when the session ends."""
    max_questions: int | None = None
    """Fewer main questions than the persona asks (the demo keeps it short)."""
    seed: int | None = None
    """Questions and follow-ups reproducibly (the demo); None: different every time."""


class InterviewFactory(Protocol):
    def __call__(self, request: InterviewRequest) -> InterviewDriver:
        """Start an interview and return at once; problems come as ``Failed`` or ``Notice``."""
