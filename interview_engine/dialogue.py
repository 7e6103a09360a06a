"""The interviewer's side of the conversation as an explicit, deterministic state machine.

Events go in (``handle``), actions come out; no threads, clocks or I/O inside. Time arrives
with the events (``at_s``, seconds on the session's clock), so silence and the answer cap are
judged from ``Tick`` events against deadlines the machine sets itself, and a test drives time
by hand. Given the same seed and the same events, the same actions come out.

States and transitions (an utterance is "awaited" until its ``SpeechFinished`` arrives)::

    READY      --Begin-->              ASKING      say question 1
    ASKING     --SpeechFinished-->     LISTENING   listen (silence deadline = patience)
    LISTENING  --CandidateSpeechStarted--> ANSWERING   (cap deadline = answer_cap_s)
    LISTENING  --Tick ≥ silence deadline-->
                   1st silence:        NUDGING     stop listening, say nudge ("Lassen Sie …")
                   2nd silence:        MOVING_ON   stop listening, say move_on, no answer kept
    LISTENING/ANSWERING --AnswerCompleted-->
                   nothing came:       NUDGING     say no_answer (typed answers) or
                                                   not_understood (spoken ones); either counts
                                                   as a silence
                   "repeat, please":   ASKING      say the question again
                   a question of the candidate's that content answers (any phase), or any
                   question in the questions phase:
                                       ASKING      say the reply, then "another question?" (a
                                                   follow-up turn, questions phase) or the next
                                                   question
                   a short yes in the questions phase:
                                       ASKING      say invite_question (a follow-up turn)
                   a rule fires:       ASKING      say a follow-up question (a new turn)
                   otherwise:          ASKING      say an acknowledgement that fits the answer
                                                   (none after a question) + next question
                   after the last:     CLOSING     say goodbye
    ANSWERING  --Tick ≥ cap deadline-->CAPPING     stop listening, wait for the final words
    CAPPING    --AnswerCompleted-->    MOVING_ON   say answer_cap
    NUDGING    --SpeechFinished-->     LISTENING
    MOVING_ON  --SpeechFinished-->     ASKING      say next question (or CLOSING: goodbye)
    CLOSING    --SpeechFinished-->     ENDED       end (with every turn's record)
    LISTENING  --WrapUp-->             CLOSING     stop listening, say goodbye (the unanswered
                                                   question is not recorded)
    ANSWERING  --WrapUp-->             CAPPING     stop listening; the final words are recorded,
                                                   then goodbye instead of answer_cap
    ASKING/NUDGING/MOVING_ON --WrapUp--> (same)    the utterance in flight ends, then goodbye
    any        --Cancel-->             CANCELLED   end (not completed)

``WrapUp`` is the visitor ending the interview early, or the station's time limit: the
interviewer closes kindly and the report covers what was answered.

Texts chosen from a list (follow-ups, nudges, acknowledgements) are drawn from those said least
often in this interview, never the one said last from the same list, so no phrase comes twice
in a row or twice while another is unused.

Events that do not fit the state (a stale ``AnswerCompleted`` of an earlier listen, a
``SpeechFinished`` of an older utterance) are ignored.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from catalog.norms import SpeechNorms
from catalog.personas import Persona
from catalog.questions import (
    AnswerKind,
    FollowUpTrigger,
    InterviewQuestion,
    InterviewScript,
    Phase,
)
from interview_engine.analysis import AnswerAnalysis, LengthVerdict, analyze_answer
from interview_engine.replies import AnswerReading, read_answer, topic_reply
from speech.transcript import EMPTY_RESULT, RecognitionResult

CAP_RESULT_WAIT_S = 5.0
"""After stopping an over-long answer, wait at most this long for the recognizer's words."""
MAX_REPEATS_PER_TURN = 2
MAX_QUESTION_FOLLOW_UPS = 2
"""In the questions phase, how often the interviewer asks "another question?" or invites one
after a yes; so a candidate asks up to three questions per question of that phase."""


class DialogueState(StrEnum):
    """Where the interviewer is in the conversation; the module docstring draws the transitions."""

    READY = "ready"
    ASKING = "asking"
    LISTENING = "listening"
    ANSWERING = "answering"
    CAPPING = "capping"
    NUDGING = "nudging"
    MOVING_ON = "moving_on"
    CLOSING = "closing"
    ENDED = "ended"
    CANCELLED = "cancelled"


# --- events -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Begin:
    """Start the interview: the interviewer asks the first question."""

    at_s: float


@dataclass(frozen=True)
class SpeechFinished:
    """The interviewer's utterance has been played to its end (or shown, without audio)."""

    at_s: float
    utterance_id: int


@dataclass(frozen=True)
class CandidateSpeechStarted:
    """The recognizer heard the candidate begin to answer during the listen ``listen_id``."""

    at_s: float
    listen_id: int


@dataclass(frozen=True)
class PartialTranscript:
    """Words recognized so far in the listen ``listen_id``, shown as a live caption."""

    at_s: float
    listen_id: int
    text: str


@dataclass(frozen=True)
class AnswerCompleted:
    """The recognizer's final words for one listen (end of answer detected, or listening stopped)."""

    at_s: float
    listen_id: int
    result: RecognitionResult


@dataclass(frozen=True)
class Tick:
    """Time passes (``at_s`` on the session's clock); silence and answer-cap deadlines are judged here."""

    at_s: float


@dataclass(frozen=True)
class WrapUp:
    """Close the interview after what is being said or answered now (visitor or time limit)."""

    at_s: float


@dataclass(frozen=True)
class Cancel:
    """Stop the interview at once (the visitor left or the kiosk reset); nothing more is said."""

    at_s: float


@dataclass(frozen=True)
class TypingInstead:
    """The visitor types the spoken answer (``active``: the microphone went away) or speaks again.

    While they type, the interviewer neither nudges nor moves on: a typed answer takes as long
    as it takes, as in a typed interview. Back to speaking, the waiting starts anew.
    """

    at_s: float
    active: bool


DialogueEvent = Begin | SpeechFinished | CandidateSpeechStarted | PartialTranscript | \
    AnswerCompleted | Tick | WrapUp | Cancel | TypingInstead


# --- actions ------------------------------------------------------------------------------

class UtteranceKind(StrEnum):
    """What an utterance of the interviewer is for."""

    QUESTION = "question"
    FOLLOW_UP = "follow_up"
    REPEAT = "repeat"
    NUDGE = "nudge"
    NOT_UNDERSTOOD = "not_understood"
    NO_ANSWER = "no_answer"
    MOVE_ON = "move_on"
    ANSWER_CAP = "answer_cap"
    ACKNOWLEDGEMENT = "acknowledgement"
    REPLY = "reply"
    GOODBYE = "goodbye"


class Speaker(StrEnum):
    """Who a caption quotes."""

    INTERVIEWER = "interviewer"
    CANDIDATE = "candidate"


@dataclass(frozen=True)
class Say:
    """Say ``text`` at ``rate_wpm`` (the persona's words per minute), as part of turn ``turn_id``."""

    utterance_id: int
    text: str
    kind: UtteranceKind
    turn_id: int | None
    rate_wpm: float


@dataclass(frozen=True)
class Listen:
    """Start (active) or stop listening to the candidate; the mic is open only in between."""

    active: bool
    listen_id: int
    turn_id: int


@dataclass(frozen=True)
class ShowCaption:
    """Show what a speaker says as a caption; ``final`` is False for the recognizer's partial words."""

    speaker: Speaker
    text: str
    final: bool


class TurnKind(StrEnum):
    """A main question from the plan, or a follow-up to the answer before it."""

    MAIN = "main"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class TurnRecord:
    """One question asked and what came back."""

    turn_id: int
    question: InterviewQuestion
    asked_text: str
    """The text as spoken (a follow-up's text, with its term filled in)."""
    kind: TurnKind
    trigger: FollowUpTrigger | None
    """What made the interviewer follow up (follow-ups only)."""
    parent_turn_id: int | None
    result: RecognitionResult
    analysis: AnswerAnalysis | None
    """None when there was no answer."""
    nudges: int
    """How often the interviewer nudged after silence or did not understand."""
    capped: bool
    """The interviewer stopped the answer at the cap."""
    answer_kind: AnswerKind | None = None
    """What kind of answer it was (a question, a no, a short yes …); None without an answer."""
    reply: str | None = None
    """The interviewer's answer to the candidate's question, as spoken; None when the
    candidate asked nothing (or nothing the interviewer answered)."""


@dataclass(frozen=True)
class End:
    """The interview is over: every turn's record, and whether it ran to its goodbye."""

    turns: tuple[TurnRecord, ...]
    completed: bool
    """False when the interview was cancelled."""


DialogueAction = Say | Listen | ShowCaption | End


# --- the machine --------------------------------------------------------------------------

@dataclass(frozen=True)
class DialogueSetup:
    """What one interview asks and how: language, planned questions, phrases, norms, job terms, persona."""

    language: str
    questions: tuple[InterviewQuestion, ...]
    """The planned main questions, in order (``planning.plan_questions``)."""
    script: InterviewScript
    norms: SpeechNorms
    terms: tuple[str, ...]
    persona: Persona
    nudge_on_silence: bool = True
    """False for typed answers: nobody nudges a visitor who is typing."""
    typed: bool = False
    """Answers are typed: an empty one is no answer, not something misheard."""
    facts: Mapping[str, str] = field(default_factory=dict)
    """The occupation's facts that answers to the candidate's questions are filled in with
    (``replies.occupation_facts``); a topic whose facts are missing is not answered."""


@dataclass
class _Turn:
    turn_id: int
    question: InterviewQuestion
    text: str
    kind: TurnKind
    trigger: FollowUpTrigger | None = None
    parent: _Turn | None = None
    silences: int = 0
    repeats: int = 0
    follow_ups_asked: int = 0
    capped: bool = False


@dataclass
class _Awaiting:
    utterance_id: int
    then: str
    """"listen", "next" or "end"."""


@dataclass
class InterviewDialogue:
    """Decides what the interviewer says and when to listen. Not thread-safe: one owner."""

    setup: DialogueSetup
    rng: random.Random
    state: DialogueState = DialogueState.READY
    turns: list[TurnRecord] = field(default_factory=list)
    _next_main: int = 0
    _turn: _Turn | None = None
    _turn_ids: int = 0
    _utterance_ids: int = 0
    _listen_id: int = 0
    _awaiting: _Awaiting | None = None
    _deadline_s: float | None = None
    _nudged_once: bool = False
    _asked_terms: set[str] = field(default_factory=set)
    _wrapping_up: bool = False
    _said: Counter[str] = field(default_factory=Counter)
    """How often each text chosen from a list was said (job-term follow-ups by their template)."""
    _last_from: dict[tuple[str, ...], str] = field(default_factory=dict)
    """The text said last from each list."""

    def handle(self, event: DialogueEvent) -> list[DialogueAction]:
        """Take one event; the actions to carry out, in order (none for an event that does not fit)."""
        if self.state in (DialogueState.ENDED, DialogueState.CANCELLED):
            return []
        if isinstance(event, Cancel):
            self.state = DialogueState.CANCELLED
            return [End(tuple(self.turns), completed=False)]
        if isinstance(event, Begin):
            return self._begin() if self.state == DialogueState.READY else []
        if isinstance(event, SpeechFinished):
            return self._speech_finished(event)
        if isinstance(event, CandidateSpeechStarted):
            if self.state == DialogueState.LISTENING and event.listen_id == self._listen_id:
                self.state = DialogueState.ANSWERING
                self._deadline_s = event.at_s + self.setup.script.rules.answer_cap_s
            return []
        if isinstance(event, TypingInstead):
            return self._typing_instead(event)
        if isinstance(event, PartialTranscript):
            if self._listening(event.listen_id) and event.text:
                return [ShowCaption(Speaker.CANDIDATE, event.text, final=False)]
            return []
        if isinstance(event, AnswerCompleted):
            return self._answer_completed(event)
        if isinstance(event, WrapUp):
            return self._wrap_up(event)
        return self._tick(event)

    # -- transitions -----------------------------------------------------------------------

    def _begin(self) -> list[DialogueAction]:
        return self._ask_next_main(acknowledge=None)

    def _speech_finished(self, event: SpeechFinished) -> list[DialogueAction]:
        awaiting = self._awaiting
        if awaiting is None or event.utterance_id != awaiting.utterance_id:
            return []
        self._awaiting = None
        if awaiting.then == "end":
            self.state = DialogueState.ENDED
            return [End(tuple(self.turns), completed=True)]
        if awaiting.then == "next" or self._wrapping_up:
            return self._ask_next_main(acknowledge=None)
        return self._listen(event.at_s)

    def _listen(self, at_s: float) -> list[DialogueAction]:
        assert self._turn is not None
        self._listen_id += 1
        self.state = DialogueState.LISTENING
        self._deadline_s = at_s + self.setup.persona.patience_s if self.setup.nudge_on_silence else None
        return [Listen(True, self._listen_id, self._turn.turn_id)]

    def _typing_instead(self, event: TypingInstead) -> list[DialogueAction]:
        if self.state == DialogueState.LISTENING:
            self._deadline_s = None if event.active or not self.setup.nudge_on_silence \
                else event.at_s + self.setup.persona.patience_s
        elif self.state == DialogueState.ANSWERING:
            self._deadline_s = None if event.active \
                else event.at_s + self.setup.script.rules.answer_cap_s
        return []

    def _tick(self, event: Tick) -> list[DialogueAction]:
        if self._deadline_s is None or event.at_s < self._deadline_s:
            return []
        if self.state == DialogueState.LISTENING:
            return self._silence()
        if self.state == DialogueState.ANSWERING:
            assert self._turn is not None
            self._turn.capped = True
            self.state = DialogueState.CAPPING
            self._deadline_s = event.at_s + CAP_RESULT_WAIT_S
            return [Listen(False, self._listen_id, self._turn.turn_id)]
        if self.state == DialogueState.CAPPING:  # the recognizer never delivered: move on
            return self._capped_answer(EMPTY_RESULT)
        return []

    def _wrap_up(self, event: WrapUp) -> list[DialogueAction]:
        if self._wrapping_up or self.state in (DialogueState.READY, DialogueState.CLOSING):
            return []
        self._wrapping_up = True
        turn = self._turn
        if self.state == DialogueState.LISTENING and turn is not None:
            self._deadline_s = None
            stop = Listen(False, self._listen_id, turn.turn_id)
            return [stop, *self._ask_next_main(acknowledge=None)]
        if self.state == DialogueState.ANSWERING and turn is not None:
            self.state = DialogueState.CAPPING
            self._deadline_s = event.at_s + CAP_RESULT_WAIT_S
            return [Listen(False, self._listen_id, turn.turn_id)]
        return []  # speaking: the goodbye follows the utterance in flight

    def _silence(self) -> list[DialogueAction]:
        turn = self._turn
        assert turn is not None
        stop = Listen(False, self._listen_id, turn.turn_id)
        self._deadline_s = None
        turn.silences += 1
        if turn.silences == 1:
            text = self._pick(self._follow_up_texts(turn.question, FollowUpTrigger.SILENCE))
            if not self._nudged_once and "repeat_hint" in self.setup.script.phrases:
                text = f"{text} {self._phrase('repeat_hint')}"
            self._nudged_once = True
            return [stop, self._say(text, UtteranceKind.NUDGE, "listen", DialogueState.NUDGING)]
        self._record(turn, EMPTY_RESULT)
        return [stop, self._say(self._phrase("move_on"), UtteranceKind.MOVE_ON, "next",
                                DialogueState.MOVING_ON)]

    def _answer_completed(self, event: AnswerCompleted) -> list[DialogueAction]:
        if event.listen_id != self._listen_id or self._turn is None:
            return []
        if self.state == DialogueState.CAPPING:
            return self._capped_answer(event.result)
        if self.state not in (DialogueState.LISTENING, DialogueState.ANSWERING):
            return []
        turn = self._turn
        self._deadline_s = None
        actions: list[DialogueAction] = [Listen(False, self._listen_id, turn.turn_id)]
        if event.result.empty:
            turn.silences += 1
            if turn.silences == 1:
                # An empty typed answer is no answer, not an acoustic problem. A spoken one may
                # be: the recognizer made no words of the sound, or it failed (staff see why).
                name, kind = (("no_answer", UtteranceKind.NO_ANSWER) if self.setup.typed
                              else ("not_understood", UtteranceKind.NOT_UNDERSTOOD))
                actions.append(self._say(self._phrase(name), kind, "listen", DialogueState.NUDGING))
            else:
                self._record(turn, EMPTY_RESULT)
                actions.append(self._say(self._phrase("move_on"), UtteranceKind.MOVE_ON, "next",
                                         DialogueState.MOVING_ON))
            return actions
        actions.append(ShowCaption(Speaker.CANDIDATE, event.result.text, final=True))
        analysis = self._analyze(turn, event.result)
        if analysis.repeat_request and turn.repeats < MAX_REPEATS_PER_TURN:
            turn.repeats += 1
            actions.append(self._say(turn.text, UtteranceKind.REPEAT, "listen", DialogueState.ASKING))
            return actions
        return actions + self._respond(turn, event.result, analysis)

    def _respond(self, turn: _Turn, result: RecognitionResult,
                 analysis: AnswerAnalysis) -> list[DialogueAction]:
        """Record an answer, then reply, invite a question, follow up or ask the next one.

        The next question comes after an acknowledgement that fits the answer.
        """
        reading = self._read(result, analysis)
        reply = self._reply(turn, reading)
        self._record(turn, result, analysis, reading.kind, reply)
        in_questions_phase = turn.question.phase == Phase.CANDIDATE_QUESTIONS
        if reply is not None:
            said = self._say(reply, UtteranceKind.REPLY, None, DialogueState.ASKING)
            if in_questions_phase and self._question_follow_up_left(turn):
                return [said, self._question_follow_up(turn, "another_question")]
            return [said, *self._ask_next_main(acknowledge=None)]
        if in_questions_phase and reading.kind == AnswerKind.SHORT_YES \
                and self._question_follow_up_left(turn):
            return [self._question_follow_up(turn, "invite_question")]
        follow_up = self._follow_up(turn, analysis)
        if follow_up is not None:
            return [follow_up]
        return self._ask_next_main(acknowledge=reading.kind)

    def _capped_answer(self, result: RecognitionResult) -> list[DialogueAction]:
        turn = self._turn
        assert turn is not None
        self._deadline_s = None
        actions: list[DialogueAction] = []
        if not result.empty:
            actions.append(ShowCaption(Speaker.CANDIDATE, result.text, final=True))
        analysis = self._analyze(turn, result) if not result.empty else None
        kind = self._read(result, analysis).kind if analysis is not None else None
        self._record(turn, result, analysis, kind)
        if self._wrapping_up:
            return actions + self._ask_next_main(acknowledge=None)
        actions.append(self._say(self._phrase("answer_cap"), UtteranceKind.ANSWER_CAP, "next",
                                 DialogueState.MOVING_ON))
        return actions

    def _ask_next_main(self, acknowledge: AnswerKind | None) -> list[DialogueAction]:
        """The next main question, or the goodbye after the last.

        Before it, an acknowledgement that fits an answer of kind ``acknowledge`` (None: none).
        """
        actions: list[DialogueAction] = []
        if self._wrapping_up or self._next_main >= len(self.setup.questions):
            self._turn = None
            actions.append(self._say(self._phrase("goodbye"), UtteranceKind.GOODBYE, "end",
                                     DialogueState.CLOSING))
            return actions
        question = self.setup.questions[self._next_main]
        self._next_main += 1
        acknowledgements = self._acknowledgements(acknowledge)
        if acknowledgements:
            actions.append(self._say(self._pick(acknowledgements), UtteranceKind.ACKNOWLEDGEMENT,
                                     None, DialogueState.ASKING))
        text = _text(question.text, self.setup.language)
        self._turn = self._new_turn(question, text, TurnKind.MAIN)
        actions.append(self._say(text, UtteranceKind.QUESTION, "listen", DialogueState.ASKING))
        return actions

    def _follow_up(self, turn: _Turn, analysis: AnswerAnalysis) -> Say | None:
        main = turn.parent or turn
        rules = self.setup.script.rules
        if main.follow_ups_asked >= rules.follow_ups_per_question:
            return None
        triggers = follow_up_triggers(analysis, turn.question.phase, self.setup.script,
                                      exclude_terms=self._asked_terms)
        # One draw whenever a rule fires, so the same answers give the same interview.
        if not triggers or self.rng.random() >= self.setup.persona.follow_up_intensity:
            return None
        trigger = triggers[0]
        text = self._pick(self._follow_up_texts(turn.question, trigger))
        if trigger == FollowUpTrigger.JOB_TERM:
            term = next(t for t in analysis.terms_used if t not in self._asked_terms)
            self._asked_terms.add(term)
            text = text.replace("{term}", term)
        main.follow_ups_asked += 1
        self._turn = self._new_turn(turn.question, text, TurnKind.FOLLOW_UP, trigger, main)
        return self._say(text, UtteranceKind.FOLLOW_UP, "listen", DialogueState.ASKING)

    def _reply(self, turn: _Turn, reading: AnswerReading) -> str | None:
        """The interviewer's answer to a question of the candidate's, or None.

        Any phase: a question on a topic that content answers. The questions phase also
        answers an elliptic question ("Die Arbeitszeiten?" as spoken, without a question word)
        and, for a question no topic covers, says honestly that the company answers it.
        """
        in_questions_phase = turn.question.phase == Phase.CANDIDATE_QUESTIONS
        asked = reading.kind == AnswerKind.QUESTION or (
            in_questions_phase and reading.kind in (AnswerKind.STATEMENT, AnswerKind.SHORT_YES))
        if not asked:
            return None
        reply = topic_reply(reading.topics, self.setup.facts, self.setup.language)
        if reply is None and in_questions_phase and reading.kind == AnswerKind.QUESTION:
            reply = self._phrase("candidate_question_reply")
        return reply

    def _question_follow_up_left(self, turn: _Turn) -> bool:
        return (turn.parent or turn).follow_ups_asked < MAX_QUESTION_FOLLOW_UPS

    def _question_follow_up(self, turn: _Turn, phrase: str) -> Say:
        """Ask for (another) question of the candidate's: a follow-up turn without a rule."""
        main = turn.parent or turn
        main.follow_ups_asked += 1
        text = self._phrase(phrase)
        self._turn = self._new_turn(turn.question, text, TurnKind.FOLLOW_UP, None, main)
        return self._say(text, UtteranceKind.FOLLOW_UP, "listen", DialogueState.ASKING)

    # -- helpers ---------------------------------------------------------------------------

    def _read(self, result: RecognitionResult, analysis: AnswerAnalysis) -> AnswerReading:
        setup = self.setup
        return read_answer(result.text, setup.language, setup.script.answer_cues,
                           setup.script.candidate_questions.topics, setup.norms.fillers,
                           word_count=analysis.figures.word_count,
                           gave_example=analysis.gave_example,
                           story_min_words=setup.norms.short_answer_words)

    def _acknowledgements(self, kind: AnswerKind | None) -> Sequence[str]:
        if kind is None:
            return ()
        texts = self.setup.script.acknowledgements.get(kind, {})
        return texts.get(self.setup.language) or ()

    def _new_turn(self, question: InterviewQuestion, text: str, kind: TurnKind,
                  trigger: FollowUpTrigger | None = None, parent: _Turn | None = None) -> _Turn:
        self._turn_ids += 1
        return _Turn(self._turn_ids, question, text, kind, trigger, parent)

    def _say(self, text: str, kind: UtteranceKind, then: str | None,
             state: DialogueState) -> Say:
        self._utterance_ids += 1
        if then is not None:
            self._awaiting = _Awaiting(self._utterance_ids, then)
        self.state = state
        turn_id = self._turn.turn_id if self._turn is not None else None
        return Say(self._utterance_ids, text, kind, turn_id, self.setup.persona.speech_rate_wpm)

    def _analyze(self, turn: _Turn, result: RecognitionResult) -> AnswerAnalysis:
        return analyze_answer(result, turn.question, self.setup.norms, self.setup.terms,
                              self.setup.script.rules)

    def _record(self, turn: _Turn, result: RecognitionResult,
                analysis: AnswerAnalysis | None = None, answer_kind: AnswerKind | None = None,
                reply: str | None = None) -> None:
        self.turns.append(TurnRecord(
            turn_id=turn.turn_id, question=turn.question, asked_text=turn.text, kind=turn.kind,
            trigger=turn.trigger, parent_turn_id=turn.parent.turn_id if turn.parent else None,
            result=result, analysis=analysis, nudges=turn.silences, capped=turn.capped,
            answer_kind=answer_kind, reply=reply))

    def _listening(self, listen_id: int) -> bool:
        return listen_id == self._listen_id and self.state in (
            DialogueState.LISTENING, DialogueState.ANSWERING)

    def _phrase(self, name: str) -> str:
        return _text(self.setup.script.phrases[name], self.setup.language)

    def _follow_up_texts(self, question: InterviewQuestion, trigger: FollowUpTrigger) -> Sequence[str]:
        own = question.follow_ups.get(trigger)
        if own:
            return (_text(own, self.setup.language),)
        texts = self.setup.script.follow_ups.get(trigger, {})
        return texts.get(self.setup.language) or next(iter(texts.values()), ())

    def _pick(self, texts: Sequence[str]) -> str:
        """One of ``texts``: said least often so far, and not the one said last from this list."""
        options = tuple(texts)
        fewest = min(self._said[t] for t in options)
        pool = [t for t in options if self._said[t] == fewest]
        if len(pool) > 1:
            pool = [t for t in pool if t != self._last_from.get(options)]
        text = pool[0] if len(pool) == 1 else self.rng.choice(pool)
        self._said[text] += 1
        self._last_from[options] = text
        return text


def follow_up_triggers(analysis: AnswerAnalysis, phase: Phase, script: InterviewScript,
                       exclude_terms: set[str] | frozenset[str] = frozenset()) -> list[FollowUpTrigger]:
    """The follow-up rules an answer fires, most useful first."""
    rules = script.rules
    if phase in rules.short_answer_ok:
        return []
    fired = []
    if analysis.length == LengthVerdict.SHORT:
        fired.append(FollowUpTrigger.TOO_SHORT)
    if phase in rules.example_expected and not analysis.gave_example:
        fired.append(FollowUpTrigger.NO_EXAMPLE)
    if phase in rules.result_expected and not analysis.stated_result:
        fired.append(FollowUpTrigger.NO_RESULT)
    if phase in rules.job_term_follow_up and any(t not in exclude_terms for t in analysis.terms_used):
        fired.append(FollowUpTrigger.JOB_TERM)
    return [t for t in fired if script.follow_ups.get(t)]


def new_dialogue(setup: DialogueSetup, seed: int) -> InterviewDialogue:
    """A dialogue whose random choices (acknowledgements, follow-ups) follow ``seed``."""
    return InterviewDialogue(setup, random.Random(f"dialogue:{seed}"))


def _text(texts: Mapping[str, str], language: str) -> str:
    if language in texts:
        return texts[language]
    return texts.get("de") or next(iter(texts.values()))
