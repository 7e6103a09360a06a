"""A hand-driven session for the interviewer's state machine: events in, actions recorded."""

from __future__ import annotations

from interview_engine.dialogue import (
    AnswerCompleted,
    CandidateSpeechStarted,
    InterviewDialogue,
    Listen,
    Say,
    SpeechFinished,
    Tick,
)
from speech.transcript import from_text


class Driver:
    """Plays the session's part: finishes every utterance, tracks the current listen."""

    def __init__(self, dialogue: InterviewDialogue):
        self.dialogue = dialogue
        self.now = 0.0
        self.listen_id = 0
        self.said: list[Say] = []

    def send(self, event) -> list:
        actions = self.dialogue.handle(event)
        for action in actions:
            if isinstance(action, Say):
                self.said.append(action)
            if isinstance(action, Listen) and action.active:
                self.listen_id = action.listen_id
        return actions

    def finish_speaking(self) -> list:
        """The interviewer's last utterance played to its end."""
        self.now += 3.0
        return self.send(SpeechFinished(self.now, self.said[-1].utterance_id))

    def answer(self, text: str) -> list:
        self.now += 1.0
        self.send(CandidateSpeechStarted(self.now, self.listen_id))
        self.now += 5.0
        return self.send(AnswerCompleted(self.now, self.listen_id, from_text(text)))

    def wait(self, seconds: float) -> list:
        actions = []
        for _ in range(int(seconds * 10)):
            self.now += 0.1
            actions += self.send(Tick(self.now))
        return actions
