"""How one answer went: figures from the recognizer's words, job terms, STAR cues, length.

The figures mean exactly this (issue 3, item 6), computed from a ``RecognitionResult``:

- ``word_count``: tokens (recognizer words) that are not fillers;
- ``filler_count``: tokens in the language's filler list (content/languages.yaml);
- ``speaking_time_s``: end of the last token − start of the first token;
- ``wpm``: word_count / speaking_time_s × 60, rounded half up to one decimal (decimal arithmetic);
- ``long_pause_count``: gaps of 2.0 s or more between consecutive tokens
  (next start − previous end);
- ``longest_pause_s``: the largest such gap (0 with fewer than two tokens).

Times are rounded to the millisecond before they are compared or reported, so float noise
(2.3 − 0.3 = 1.9999999999999998) never turns a 2.0 s gap into a short one. Typed answers have
no timings: their time figures are None. Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from catalog.norms import STAR_CUES, Cue, SpeechNorms
from catalog.questions import DialogueRules, InterviewQuestion, Phase
from interview_engine.terms import cue_present, notable_terms, point_covered, terms_used
from speech.transcript import RecognitionResult, fold, folded_tokens

LONG_PAUSE_S = 2.0
"""A gap between words of at least this long counts as a long pause."""
_DEFAULT_RULES = DialogueRules()


@dataclass(frozen=True)
class AnswerFigures:
    """The six figures of one answer, as the module docstring defines them."""

    word_count: int
    """Tokens that are not fillers."""
    filler_count: int | None
    """Tokens in the language's filler list; None where nobody spoke (typed answers)."""
    speaking_time_s: float | None
    """Last token end − first token start; None for typed answers."""
    wpm: float | None
    """word_count / speaking_time_s × 60, one decimal; None without speaking time."""
    long_pause_count: int | None
    """Gaps ≥ 2.0 s between consecutive tokens; None for typed answers."""
    longest_pause_s: float | None
    """The largest gap between consecutive tokens; None for typed answers."""

    @property
    def fillers_per_min(self) -> float | None:
        """Fillers per minute of speaking time, one decimal; None for typed answers."""
        if not self.speaking_time_s or self.filler_count is None:
            return None
        return per_minute(self.filler_count, self.speaking_time_s)


class LengthVerdict(StrEnum):
    """Whether an answer's length suits its question: nothing, too short, fitting or too long."""

    NONE = "none"
    """Nothing was said."""
    SHORT = "short"
    GOOD = "good"
    LONG = "long"


@dataclass(frozen=True)
class StarCues:
    """Which parts of the STAR structure (situation, task, action, result) the answer shows."""

    situation: bool
    task: bool
    action: bool
    result: bool


@dataclass(frozen=True)
class AnswerAnalysis:
    """Everything the feedback and the report say about one answer."""

    figures: AnswerFigures
    fillers: tuple[str, ...]
    """The filler tokens as recognized, in order."""
    terms_used: tuple[str, ...]
    """Job terms (as written in content) the answer used."""
    terms_missed: tuple[str, ...]
    """Job terms named by the strong-answer points this answer missed, which it did not use."""
    points_covered: tuple[int, ...]
    """Indices of the question's strong-answer points this answer made (one of its cues occurs)."""
    gave_example: bool
    stated_result: bool
    star: StarCues | None
    """For phases where a result is expected (behavioural questions), else None."""
    length: LengthVerdict
    repeat_request: bool
    """The candidate only asked to hear the question again."""
    said_we: bool = False
    """The answer speaks of "we" ("wir", "uns"): what the group did rather than "I"."""
    nothing_to_tell: bool = False
    """The answer says there is nothing to tell ("Da fällt mir leider nichts ein")."""


def figures(result: RecognitionResult, fillers: frozenset[str]) -> AnswerFigures:
    """The six figures of an answer, exactly as defined in the module docstring."""
    words = result.words
    filler_count = sum(1 for w in words if w.word.lower() in fillers)
    word_count = len(words) - filler_count
    if not result.timed:
        return AnswerFigures(word_count, filler_count, None, None, None, None)
    starts = [_ms(w.start_s) for w in words]
    ends = [_ms(w.end_s) for w in words]
    speaking_time_s = _ms(ends[-1] - starts[0])
    gaps = [_ms(starts[i + 1] - ends[i]) for i in range(len(words) - 1)]
    wpm = per_minute(word_count, speaking_time_s) if speaking_time_s > 0 else None
    return AnswerFigures(
        word_count=word_count,
        filler_count=filler_count,
        speaking_time_s=speaking_time_s,
        wpm=wpm,
        long_pause_count=sum(1 for g in gaps if g >= LONG_PAUSE_S),
        longest_pause_s=max([0.0, *gaps]),
    )


def analyze_answer(result: RecognitionResult, question: InterviewQuestion | None,
                   norms: SpeechNorms, terms: Sequence[str],
                   rules: DialogueRules = _DEFAULT_RULES) -> AnswerAnalysis:
    """Figures, job terms, cues and length verdict of one answer to ``question``.

    ``question`` None analyses a free answer (``vr-station analyze`` without a question):
    every term counts as used or not, none as notably missed, and no STAR cues are judged.
    """
    language = norms.language
    figs = figures(result, norms.fillers)
    content_tokens = answer_tokens(result, norms)
    used = terms_used(content_tokens, terms, language)
    covered: tuple[int, ...] = ()
    missed: tuple[str, ...] = ()
    phase = question.phase if question else None
    if question is not None:
        covered = covered_points(content_tokens, question, norms)
        missed = missed_terms(question, covered, used, terms, language)

    def has(cue: Cue) -> bool:
        return cue_present(content_tokens, norms.cues.get(cue, ()), language)

    star = None
    if phase is not None and phase in rules.result_expected:
        star = StarCues(*(has(c) for c in STAR_CUES))
    return AnswerAnalysis(
        figures=figs,
        fillers=tuple(w.word for w in result.words if w.word.lower() in norms.fillers),
        terms_used=used,
        terms_missed=missed,
        points_covered=covered,
        gave_example=has(Cue.EXAMPLE) or has(Cue.SITUATION),
        stated_result=has(Cue.RESULT),
        star=star,
        length=length_verdict(figs, phase, norms, rules),
        repeat_request=_is_repeat_request(content_tokens, norms),
        said_we=has(Cue.WE),
        nothing_to_tell=has(Cue.NOTHING),
    )


def answer_tokens(result: RecognitionResult, norms: SpeechNorms) -> list[str]:
    """The folded tokens of an answer without its fillers: what the cues are matched against."""
    folded_fillers = {fold(f) for f in norms.fillers}
    return [t for t in folded_tokens(result.words) if t not in folded_fillers]


def covered_points(tokens: Sequence[str], question: InterviewQuestion,
                   norms: SpeechNorms) -> tuple[int, ...]:
    """Indices of ``question``'s strong-answer points whose cues occur in the folded tokens."""
    return tuple(i for i, point in enumerate(question.strong_answer)
                 if point_covered(tokens, point, norms.language, norms.cues))


def missed_terms(question: InterviewQuestion, covered: Collection[int], used: Collection[str],
                 terms: Sequence[str], language: str) -> tuple[str, ...]:
    """Job terms worth suggesting: named by a point not ``covered`` and not among ``used``.

    A term counts as used in any inflection (``terms_used`` matched it that way), so the report
    never suggests a word the candidate said.
    """
    missed_points = [p for i, p in enumerate(question.points(language)) if i not in covered]
    return tuple(t for t in notable_terms(missed_points, terms, language) if t not in used)


def length_verdict(figs: AnswerFigures, phase: Phase | None, norms: SpeechNorms,
                   rules: DialogueRules) -> LengthVerdict:
    """The length verdict of an answer in ``phase``; some phases allow short answers."""
    if figs.word_count == 0:
        return LengthVerdict.NONE
    if figs.speaking_time_s is not None and figs.speaking_time_s > norms.long_answer_s:
        return LengthVerdict.LONG
    short_ok = phase is not None and phase in rules.short_answer_ok
    if figs.word_count < norms.short_answer_words and not short_ok:
        return LengthVerdict.SHORT
    return LengthVerdict.GOOD


def per_minute(count: int, seconds: float) -> float:
    """``count`` / ``seconds`` × 60, rounded half up to one decimal in decimal arithmetic.

    49 words in 48.0 s are 61.25 → 61.3 wpm (in binary floating point 61.24999… would round
    down).
    """
    exact = Decimal(count) * 60 / Decimal(repr(seconds))
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def round_half_up(value: float, digits: int) -> float:
    """Round as people do (142.25 → 142.3), not to even as ``round`` does."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _ms(value: float | None) -> float:
    """Seconds rounded to the millisecond (recognizer times are multiples of 10 ms)."""
    assert value is not None
    return round(value, 3)


def _is_repeat_request(tokens: Sequence[str], norms: SpeechNorms) -> bool:
    """A short answer made of a repeat cue ("Wiederholen, bitte") asks for the question again."""
    return 0 < len(tokens) <= 6 and cue_present(tokens, norms.cues.get(Cue.REPEAT, ()),
                                                norms.language)
