"""STAND-IN interview driver, until the interview engine (issue 3) is merged.

A minimal but real implementation of the ``InterviewDriver`` seam so the interview room can be
built and tested now: it asks one question per phase of content/interview.yaml from the
occupation's question bank, speaks them with the station's synthesizer (off the render thread),
and produces a small report (answers, pace, job terms). It has no microphone or recogniser:
answers come from a script (the demo visitor speaks synthesized answers; their audio sets the
timing of the live captions) or, live, the visitor ends each answer with "Answer done".

Replace on merge: ``open_local_interview`` → an adapter around interview_engine's
InterviewSession (speech in/out, analysis, follow-ups, the real report).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum, auto

from interview_engine.questions import InterviewQuestion
from vr_station.interview.driver import (
    Ended,
    Failed,
    Heard,
    InterviewAction,
    InterviewRequest,
    Listen,
    Say,
    Thinking,
)
from vr_station.interview.report import InterviewReport, ReportItem, Verdict
from vr_station.jobs import SPEECH, BackgroundJobs, Ticket
from vr_station.speech.clip import SpeechClip
from vr_station.speech.synthesis import Synthesizer
from vr_station.ui.texts import Texts

log = logging.getLogger(__name__)

LIVE_ANSWER_LIMIT_S = 90.0
"""Without a recogniser the stand-in cannot hear silence; a live answer ends after this."""
THINKING_S = 0.8
WORD = re.compile(r"\w+", re.UNICODE)


class _Stage(Enum):
    START = auto()
    SPEAKING = auto()
    LISTENING = auto()
    THINKING = auto()
    CLOSING = auto()
    DONE = auto()


@dataclass
class _Answer:
    text: str
    duration_s: float


@dataclass
class LocalInterview:
    request: InterviewRequest
    synthesizer: Synthesizer
    jobs: BackgroundJobs
    clock: Callable[[], float]
    texts: Texts
    _questions: list[InterviewQuestion] = field(default_factory=list)
    _index: int = 0
    _stage: _Stage = _Stage.START
    _outbox: list[InterviewAction] = field(default_factory=list)
    _utterances: int = 0
    _waiting_for: int | None = None
    _ticket: Ticket[SpeechClip] | None = None
    _answers: list[_Answer] = field(default_factory=list)
    _answer_clip: SpeechClip | None = None
    _answer_started_s: float = 0.0
    _answer_words_shown: int = 0
    _stage_started_s: float = 0.0
    _wrap_up: bool = False
    _closed: bool = False

    def __post_init__(self) -> None:
        self._questions = choose_questions(self.request)

    # The seam ----------------------------------------------------------------------------

    def poll(self) -> Sequence[InterviewAction]:
        if not self._closed:
            self._advance(self.clock())
        actions, self._outbox = self._outbox, []
        return actions

    def said(self, utterance_id: int) -> None:
        if utterance_id != self._waiting_for:
            return
        self._waiting_for = None
        if self._stage is _Stage.CLOSING:
            self._finish()
        elif self._stage is _Stage.SPEAKING:
            self._start_listening(self.clock())

    def finish_answer(self) -> None:
        if self._stage is _Stage.LISTENING:
            self._end_answer(self.clock())

    def wrap_up(self) -> None:
        self._wrap_up = True
        if self._stage is _Stage.LISTENING:
            self._end_answer(self.clock())

    def close(self) -> None:
        self._closed = True
        if self._ticket is not None:
            self._ticket.cancel()
        self._answers.clear()
        self._outbox.clear()

    # Internals ---------------------------------------------------------------------------

    def _advance(self, now_s: float) -> None:
        if self._stage is _Stage.START:
            if not self._questions:
                self._outbox.append(Failed(self.texts("interview_no_microphone")))
                self._stage = _Stage.DONE
                return
            self._ask(now_s)
        elif self._stage is _Stage.LISTENING:
            self._listen(now_s)
        elif self._stage is _Stage.THINKING and now_s - self._stage_started_s >= THINKING_S:
            self._index += 1
            if self._wrap_up or self._index >= len(self._questions):
                self._close_interview()
            else:
                self._ask(now_s)

    def _ask(self, now_s: float) -> None:
        question = self._questions[self._index]
        language = self.request.language.code
        text = question.text.get(language) or next(iter(question.text.values()))
        self._stage = _Stage.SPEAKING
        self._stage_started_s = now_s
        self._speak(text, self._index + 1)

    def _speak(self, text: str, number: int | None) -> None:
        language = self.request.language
        rate = self.request.persona.speech_rate_wpm
        total = len(self._questions)

        def spoken(clip: SpeechClip) -> None:
            if self._closed:
                return
            self._utterances += 1
            self._waiting_for = self._utterances
            self._outbox.append(Say(self._utterances, clip, text, number,
                                    total if number is not None else None))

        def failed(error: BaseException) -> None:
            log.warning("interviewer speech failed: %s", error)
            # Captions alone carry the question: a silent clip of reading length.
            silent = SpeechClip(b"\0\0" * int(16000 * reading_time_s(text)), 16000, text)
            spoken(silent)

        self._ticket = self.jobs.submit(
            SPEECH, "interviewer", lambda: self.synthesizer.synthesize(
                text, language.tts_voices, rate), on_done=spoken, on_error=failed)

    def _start_listening(self, now_s: float) -> None:
        self._stage = _Stage.LISTENING
        self._stage_started_s = now_s
        self._answer_clip = None
        self._answer_words_shown = 0
        self._outbox.append(Listen())
        scripted = self.request.answers
        if scripted is not None and len(self._answers) < len(scripted):
            text = scripted[len(self._answers)].text
            voices = self.request.language.tts_voices

            def heard_audio(clip: SpeechClip) -> None:
                if not self._closed and self._stage is _Stage.LISTENING:
                    self._answer_clip = clip
                    self._answer_started_s = self.clock()

            self._ticket = self.jobs.submit(
                SPEECH, "demo-answer", lambda: self.synthesizer.synthesize(text, voices, 150),
                on_done=heard_audio,
                on_error=lambda e: log.warning("demo answer could not be spoken: %s", e))

    def _listen(self, now_s: float) -> None:
        clip = self._answer_clip
        if clip is None:
            if self.request.answers is None and now_s - self._stage_started_s >= LIVE_ANSWER_LIMIT_S:
                self._end_answer(now_s)
            return
        words = clip.text.split()
        elapsed = now_s - self._answer_started_s
        shown = min(len(words), int(len(words) * elapsed / max(clip.duration_s, 0.1)) + 1)
        if shown > self._answer_words_shown:
            self._answer_words_shown = shown
            self._outbox.append(Heard(" ".join(words[:shown]), final=False))
        if elapsed >= clip.duration_s:
            self._end_answer(now_s)

    def _end_answer(self, now_s: float) -> None:
        clip = self._answer_clip
        if clip is not None:
            self._answers.append(_Answer(clip.text, clip.duration_s))
            self._outbox.append(Heard(clip.text, final=True))
        else:
            self._answers.append(_Answer("", now_s - self._stage_started_s))
        self._answer_clip = None
        self._stage = _Stage.THINKING
        self._stage_started_s = now_s
        self._outbox.append(Thinking())

    def _close_interview(self) -> None:
        self._stage = _Stage.CLOSING
        phrases = self.request.script.phrases.get("goodbye", {})
        language = self.request.language.code
        self._speak(phrases.get(language) or self.texts("report_title"), None)

    def _finish(self) -> None:
        self._stage = _Stage.DONE
        self._outbox.append(Ended(standin_report(self.request, self._answers, self.texts)))


def reading_time_s(text: str) -> float:
    return max(2.0, len(text.split()) / 2.5)


def choose_questions(request: InterviewRequest) -> list[InterviewQuestion]:
    """One question per phase, in the script's order, as many as the persona asks."""
    bank = request.occupation.questions
    chosen = []
    for phase in request.script.phases:
        in_phase = bank.in_phase(phase)
        if in_phase:
            chosen.append(in_phase[0])
    limit = request.persona.question_count
    if request.max_questions is not None:
        limit = min(limit, request.max_questions)
    if len(chosen) > limit:
        # Keep the greeting and the closing; drop from the middle.
        chosen = chosen[: limit - 1] + chosen[-1:] if limit > 1 else chosen[:1]
    return chosen


def standin_report(request: InterviewRequest, answers: Sequence[_Answer],
                   texts: Texts) -> InterviewReport:
    language = request.language.code
    spoken = [a for a in answers if a.text]
    items = [ReportItem("answers", texts("report_answers_title"), Verdict.INFO,
                        texts("report_answers", count=len(spoken), total=len(answers)))]
    words = sum(len(WORD.findall(a.text)) for a in spoken)
    minutes = sum(a.duration_s for a in spoken) / 60.0
    if words and minutes > 0:
        wpm = words / minutes
        norms = request.language.norms
        key, verdict = ("report_pace_good", Verdict.GOOD)
        if wpm > norms.wpm_max:
            key, verdict = ("report_pace_fast", Verdict.WORK_ON)
        elif wpm < norms.wpm_min:
            key, verdict = ("report_pace_slow", Verdict.OK)
        items.append(ReportItem("pace", texts("report_pace_title"), verdict,
                                texts(key, wpm=texts.number(round(wpm)))))
    terms = request.occupation.terms.get(language, ())
    said = " ".join(a.text for a in spoken).lower()
    used = [t for t in terms if t.lower() in said]
    if used:
        items.append(ReportItem("terms", texts("report_terms_title"), Verdict.GOOD,
                                texts("report_terms_used", terms=", ".join(used[:5]))))
    else:
        items.append(ReportItem("terms", texts("report_terms_title"), Verdict.OK,
                                texts("report_terms_none", terms=", ".join(terms[:3]))))
    return InterviewReport(language, request.occupation.id, tuple(items), len(spoken))
