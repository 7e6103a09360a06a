"""The seam between the interview room and the interview engine (issue 3).

The app asks for an ``InterviewDriver`` through an ``InterviewFactory`` and then only polls it
once per frame; the driver never blocks the render thread. What the app needs from it:
- ``Say``: the interviewer speaks this clip (PCM, 60 Hz envelope) with this caption; the app
  plays it at the interviewer's mouth and reports back with ``said`` when it has finished;
- ``Listen``: the microphone is open (the app shows "I'm listening");
- ``Heard``: what the recogniser understood so far (live captions of the visitor's words);
- ``Thinking``: the engine is working on the answer;
- ``Ended``: the interview is over, with the report;
- ``Failed``: it cannot go on (no microphone…), with a message for the visitor.

STAND-IN: ``vr_station.interview.standin.LocalInterview`` implements this for now. On merge the
lead replaces it with an adapter around ``interview_engine``'s InterviewSession.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from interview_engine.personas import Persona
from interview_engine.questions import InterviewScript
from vr_station.content.model import Language, Occupation
from vr_station.interview.report import InterviewReport
from vr_station.speech.clip import SpeechClip


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
    pass


@dataclass(frozen=True)
class Heard:
    text: str
    final: bool
    """False while the visitor is still speaking (a partial result)."""


@dataclass(frozen=True)
class Thinking:
    pass


@dataclass(frozen=True)
class Ended:
    report: InterviewReport


@dataclass(frozen=True)
class Failed:
    message: str


InterviewAction = Say | Listen | Heard | Thinking | Ended | Failed


class InterviewDriver(Protocol):
    def poll(self) -> Sequence[InterviewAction]:
        """What happened since the last call. Never blocks."""

    def said(self, utterance_id: int) -> None:
        """The app finished playing that ``Say``."""

    def finish_answer(self) -> None:
        """The visitor chose "Answer done"."""

    def wrap_up(self) -> None:
        """Time is up or the visitor ended the interview: close kindly and report."""

    def close(self) -> None:
        """Stop everything (microphone, threads) and forget the visitor's words. Idempotent."""


@dataclass(frozen=True)
class SpokenAnswer:
    """An answer the scripted demo visitor gives instead of a microphone."""

    text: str


@dataclass(frozen=True)
class InterviewRequest:
    occupation: Occupation
    language: Language
    persona: Persona
    script: InterviewScript
    scratch_dir: Path
    """The only place the engine may write to; wiped when the session ends."""
    max_questions: int | None = None
    """Fewer main questions than the persona asks (the demo keeps it short)."""
    answers: Sequence[SpokenAnswer] | None = None
    """Scripted answers (demo, tests) instead of the microphone."""


class InterviewFactory(Protocol):
    def __call__(self, request: InterviewRequest) -> InterviewDriver:
        """Start an interview; raise an exception with a clear message if it cannot start."""
