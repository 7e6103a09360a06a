"""A main question and its follow-ups, judged together as one thread.

A point covered anywhere in the thread is covered; an answer to "Und wie ist es ausgegangen?"
is the result and an answer to "Haben Sie ein Beispiel?" the example, whatever words they use.
A follow-up that asks what a word means ("Was verstehen Sie unter Fond?") adds words, points
and terms to its thread; it is never judged as a story of its own. A thread that shares nothing
with its question, the question's points or its phase is off the topic, and then shows no
point, example or result of it. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from catalog.norms import Cue, SpeechNorms
from catalog.questions import (
    CUE_REFERENCE,
    AnswerPoint,
    FollowUpTrigger,
    InterviewQuestion,
    InterviewScript,
    QuestionBank,
)
from interview_engine.analysis import (
    AnswerAnalysis,
    AnswerFigures,
    LengthVerdict,
    StarCues,
    answer_tokens,
    per_minute,
)
from interview_engine.dialogue import TurnKind, TurnRecord
from interview_engine.terms import (
    MIN_QUESTION_WORD,
    notable_terms,
    question_words_used,
    topical_words,
)
from speech.transcript import fold

PHASE_WORDS_ON_TOPIC = 2
"""An answer that shares no word with its question or its points still fits when it uses this
many different words of the points of other questions of its phase ("Warum Koch?" answered
with why this restaurant)."""
OFF_TOPIC_MIN_WORDS = 6
"""Only a thread of at least this many words can miss its question: "Nein, danke." to "Haben
Sie noch Fragen?" is short, not off the topic."""


@dataclass(frozen=True)
class ThreadVerdict:
    """What a main question and its follow-ups showed together."""

    main: TurnRecord
    follow_ups: tuple[TurnRecord, ...]
    answered: bool
    """Some turn of the thread has words."""
    word_count: int
    """Words of all its answers."""
    length: LengthVerdict
    covered: tuple[int, ...]
    """Indices of the question's strong-answer points made anywhere in the thread."""
    terms_used: tuple[str, ...]
    terms_missed: tuple[str, ...]
    """Job terms the missed points name that no answer of the thread used."""
    gave_example: bool
    stated_result: bool
    star: StarCues | None
    said_we: bool
    off_topic: bool
    figures: AnswerFigures | None
    """The thread's spoken figures summed (None when no answer was timed)."""
    eye_contact: float | None

    @property
    def question(self) -> InterviewQuestion:
        """The main question the thread is about."""
        return self.main.question

    @property
    def missed(self) -> tuple[int, ...]:
        """Indices of the points no answer of the thread made."""
        return tuple(i for i in range(len(self.question.strong_answer)) if i not in self.covered)


def threads(turns: Sequence[TurnRecord]) -> list[tuple[TurnRecord, tuple[TurnRecord, ...]]]:
    """Each main question with its follow-ups, in the order asked."""
    out: list[tuple[TurnRecord, list[TurnRecord]]] = []
    index: dict[int, int] = {}
    for turn in turns:
        parent = index.get(turn.parent_turn_id) if turn.parent_turn_id is not None else None
        if turn.kind == TurnKind.FOLLOW_UP and parent is not None:
            out[parent][1].append(turn)
        else:
            index[turn.turn_id] = len(out)
            out.append((turn, []))
    return [(main, tuple(follow_ups)) for main, follow_ups in out]


def judge_thread(main: TurnRecord, follow_ups: Sequence[TurnRecord], script: InterviewScript,
                 norms: SpeechNorms, *, bank: QuestionBank | None = None,
                 eye_contact: Mapping[int, float] | None = None) -> ThreadVerdict:
    """What the thread showed: points, terms, STAR parts, length, relevance and figures.

    ``bank`` (the occupation's questions) lets an answer that makes another question's points
    of the same phase count as fitting; ``eye_contact`` maps turn ids to shares (0..1).
    """
    turns = [main, *follow_ups]
    analysed = [(t, t.analysis) for t in turns if t.analysis is not None
                and t.analysis.figures.word_count > 0]
    question = main.question
    language = norms.language
    words = sum(a.figures.word_count for _, a in analysed)
    used = tuple(dict.fromkeys(term for _, a in analysed for term in a.terms_used))
    # An answer to "Und wie ist es ausgegangen?" is the result, whatever words it uses; an
    # answer to "Haben Sie ein Beispiel?" is the example.
    answered_to = {t.trigger for t, a in analysed if t.trigger is not None
                   and not a.nothing_to_tell}
    gave_example = any(a.gave_example for _, a in analysed) \
        or FollowUpTrigger.NO_EXAMPLE in answered_to
    stated_result = any(a.stated_result for _, a in analysed) \
        or FollowUpTrigger.NO_RESULT in answered_to
    implied = {Cue.EXAMPLE: gave_example, Cue.RESULT: stated_result}
    found = {i for _, a in analysed for i in a.points_covered}
    covered = tuple(sorted(found | {
        i for i, point in enumerate(question.strong_answer)
        if any(implied.get(ref, False) for ref in star_references(point, language))}))
    # A covered point that content marks as a STAR part (its cues name "@example", "@result" …)
    # shows that part, so a point and a STAR tip never disagree.
    shown = {ref for i in covered for ref in star_references(question.strong_answer[i], language)}
    gave_example = gave_example or bool(shown & {Cue.EXAMPLE, Cue.SITUATION})
    stated_result = stated_result or Cue.RESULT in shown
    stars = [a.star for _, a in analysed if a.star is not None]
    star = StarCues(
        situation=Cue.SITUATION in shown or any(s.situation for s in stars),
        task=Cue.TASK in shown or any(s.task for s in stars),
        action=Cue.ACTION in shown or any(s.action for s in stars),
        result=stated_result or any(s.result for s in stars)) if stars else None
    off_topic = bool(analysed) and words >= OFF_TOPIC_MIN_WORDS and not _on_topic(
        [t for t, _ in analysed], question, bank, norms)
    if off_topic:  # a story that misses the question shows no point, example or result of it
        covered, star, gave_example, stated_result = (), None, False, False
    # Suggest only terms that a missed point names (the answers' own candidates: the points
    # each answer missed) and that no answer of the thread used, in any inflection.
    candidates = list(dict.fromkeys(term for _, a in analysed for term in a.terms_missed))
    missed_texts = [p for i, p in enumerate(question.points(language)) if i not in covered]
    terms_missed = () if off_topic else tuple(
        t for t in notable_terms(missed_texts, candidates, language) if t not in used)
    return ThreadVerdict(
        main=main, follow_ups=tuple(follow_ups), answered=bool(analysed), word_count=words,
        length=_thread_length([a for _, a in analysed], words, question, script, norms),
        covered=covered, terms_used=used, terms_missed=terms_missed,
        gave_example=gave_example, stated_result=stated_result, star=star,
        said_we=any(a.said_we for _, a in analysed), off_topic=off_topic,
        figures=_thread_figures([a.figures for _, a in analysed]),
        eye_contact=weighted_eye_contact(turns, eye_contact or {}))


def star_references(point: AnswerPoint, language: str) -> set[Cue]:
    """The cue lists a point's cues name ("@result" → ``Cue.RESULT``)."""
    return {Cue(c[len(CUE_REFERENCE):]) for c in point.cues.get(language, ())
            if c.startswith(CUE_REFERENCE)}


def _thread_length(analyses: Sequence[AnswerAnalysis], words: int, question: InterviewQuestion,
                   script: InterviewScript, norms: SpeechNorms) -> LengthVerdict:
    """Too short only when all answers of the thread together are short; too long when one is."""
    if not analyses:
        return LengthVerdict.NONE
    if any(a.length == LengthVerdict.LONG for a in analyses):
        return LengthVerdict.LONG
    if question.phase not in script.rules.short_answer_ok and words < norms.short_answer_words:
        return LengthVerdict.SHORT
    return LengthVerdict.GOOD


def _on_topic(turns: Sequence[TurnRecord], question: InterviewQuestion,
              bank: QuestionBank | None, norms: SpeechNorms) -> bool:
    """Whether the answers share words with the question, its points, or its phase's points.

    One word of the question itself ("Team", "Hygiene") or of its points is enough; of the
    points of other questions of the same phase it takes two different words. Common words
    never count ("erzählen", "heute", "geredet": any story has them), nor do cue lists such as
    ``@result`` (any story has a result), nor job terms as such (a hygiene lecture is full of
    them, and still no answer to "Wie haben Sie auf Kritik reagiert?").
    """
    language = norms.language
    tokens = [token for turn in turns for token in answer_tokens(turn.result, norms)]
    if question_words_used(tokens, question.text.get(language, ""), norms):
        return True
    common = {fold(w) for w in norms.common_words}

    def words(points: Sequence[AnswerPoint]) -> set[str]:
        # A cue made of common words ("heute", "geredet") says nothing about the topic either.
        return {w for p in points for w in topical_words(tokens, p, language)
                if any(len(t) >= MIN_QUESTION_WORD and t not in common for t in w.split())}

    if words(question.strong_answer):
        return True
    others = [p for q in (bank.in_phase(question.phase) if bank else ()) if q.id != question.id
              for p in q.strong_answer]
    return len(words(others)) >= PHASE_WORDS_ON_TOPIC


def _thread_figures(figs: Sequence[AnswerFigures]) -> AnswerFigures | None:
    timed = [f for f in figs if f.speaking_time_s is not None]
    if not timed:
        return None
    speaking = round(sum(f.speaking_time_s or 0.0 for f in timed), 3)
    words = sum(f.word_count for f in timed)
    return AnswerFigures(
        word_count=words, filler_count=sum(f.filler_count or 0 for f in timed),
        speaking_time_s=speaking, wpm=per_minute(words, speaking) if speaking > 0 else None,
        long_pause_count=sum(f.long_pause_count or 0 for f in timed),
        longest_pause_s=max(f.longest_pause_s or 0.0 for f in timed))


def weighted_eye_contact(turns: Sequence[TurnRecord], eye_contact: Mapping[int, float]) -> float | None:
    """Eye contact over the turns that have it, weighted by answer time where known."""
    weights = {t.turn_id: (t.analysis.figures.speaking_time_s or 1.0) if t.analysis else 1.0
               for t in turns if t.turn_id in eye_contact}
    total = sum(weights.values())
    return sum(eye_contact[i] * w for i, w in weights.items()) / total if total else None
