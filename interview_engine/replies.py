"""What kind of answer the candidate gave, and the interviewer's answer to the candidate's questions.

The kind of an answer (a question, a no, a short yes, a story, an ordinary statement) decides
how the interviewer reacts: a fitting acknowledgement, an answer, or an invitation to ask. It
is told by cue words from content/interview.yaml (``answer_cues``). A question of the
candidate's is matched against the topics of ``candidate_questions`` and answered with the
topic's text, filled in from the occupation's facts (``occupation_facts``), or, for what only
a company can say, with the honest "the company answers that" the text says.

Pure functions over text; nothing here does I/O.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from catalog.model import EuroRange, Occupation, pick
from catalog.questions import AnswerCues, AnswerKind, CandidateQuestions, QuestionTopic
from interview_engine.terms import term_tokens, word_matches
from speech.transcript import fold, tokens

MAX_TOPICS_PER_REPLY = 2
"""A reply answers at most this many topics: longer, nobody listens any more."""
SHORT_YES_MAX_WORDS = 8
"""A yes with more words than this ("Ja, ich habe im Praktikum …") is an ordinary answer."""
REFUSAL_MAX_WORDS = 12
"""A no with more words than this ("Nein, aber einmal habe ich …") is an ordinary answer."""
_LIST_ITEMS = {"tasks": 4, "tools": 5, "work_settings": None}
"""How many of an occupation's list entries a spoken answer names (None: all of them; the last
work setting usually says when and how one works, which the working-hours answer needs)."""
_SENTENCE_END = re.compile(r"[.!?;:]+")


@dataclass(frozen=True)
class AnswerReading:
    """What the interviewer made of an answer: its kind and the topics it asks about."""

    kind: AnswerKind
    topics: tuple[QuestionTopic, ...] = ()
    """Topics of ``candidate_questions`` the answer mentions, in the order it mentions them."""


def read_answer(text: str, language: str, cues: AnswerCues, topics: Sequence[QuestionTopic],
                fillers: Iterable[str] = (), word_count: int | None = None,
                gave_example: bool = False, story_min_words: int = 20) -> AnswerReading:
    """The kind of answer ``text`` is, and which topics it mentions.

    ``word_count`` is the answer's word count without fillers (``AnswerFigures``); without it,
    the tokens are counted. ``gave_example`` and ``story_min_words`` (the language's
    short-answer bound) make a story: an example, told at some length.
    """
    words = _words(text)
    skip = {fold(f) for f in fillers}
    count = word_count if word_count is not None else sum(1 for w in words if w not in skip)
    found = find_topics(text, language, topics)
    if asks_question(text, language, cues, skip):
        return AnswerReading(AnswerKind.QUESTION, found)
    opening = _after(words, skip, _phrases(cues.lead_ins, language))
    if count <= REFUSAL_MAX_WORDS and _starts_with_any(words[opening:], cues.refusal, language):
        return AnswerReading(AnswerKind.REFUSAL, found)
    if count <= SHORT_YES_MAX_WORDS and _starts_with_any(words[_after(words, skip, []):],
                                                           cues.yes, language):
        return AnswerReading(AnswerKind.SHORT_YES, found)
    if gave_example and count >= story_min_words:
        return AnswerReading(AnswerKind.STORY, found)
    return AnswerReading(AnswerKind.STATEMENT, found)


def asks_question(text: str, language: str, cues: AnswerCues, fillers: set[str]) -> bool:
    """Whether the answer asks something.

    A typed question mark; a question phrase anywhere ("ich wollte fragen", "wie lange"); or a
    sentence that opens with a question word once lead-ins, fillers and a yes are skipped
    ("Ja, und wann fängt die Ausbildung an"). Recognizers write no punctuation, so a spoken
    answer is one sentence.
    """
    if "?" in text:
        return True
    words = _words(text)
    if any(_find(words, phrase) for phrase in _phrases(cues.question_phrases, language)):
        return True
    skippable = _phrases(cues.lead_ins, language) + _phrases(cues.yes, language)
    for sentence in _SENTENCE_END.split(text):
        sentence_words = _words(sentence)
        start = _after(sentence_words, fillers, skippable)
        if _starts_with_any(sentence_words[start:], cues.question_starts, language):
            return True
    return False


def find_topics(text: str, language: str,
                topics: Sequence[QuestionTopic]) -> tuple[QuestionTopic, ...]:
    """The topics an answer mentions, in the order it mentions them.

    Cues match like job terms (inflections, German compounds). Where cues overlap in the
    answer, the longer cue (more words, then more letters) wins, so "wie lange arbeite ich"
    is about working hours, not about how long the training lasts.
    """
    words = _words(text)
    matches: list[tuple[int, int, int, int]] = []  # (-words, -letters, start, topic index)
    for index, topic in enumerate(topics):
        for cue in topic.cues.get(language, ()):
            cue_words = _cue_words(cue)
            for start in range(len(words) - len(cue_words) + 1):
                if cue_words and all(word_matches(words[start + k], w, language)
                                     for k, w in enumerate(cue_words)):
                    matches.append((-len(cue_words), -len(cue), start, index))
    taken: set[int] = set()
    first_at: dict[int, int] = {}
    for neg_words, _, start, index in sorted(matches):
        span = set(range(start, start - neg_words))
        if span & taken:
            continue
        taken |= span
        first_at[index] = min(start, first_at.get(index, start))
    ordered = sorted(first_at, key=lambda i: (first_at[i], i))
    return tuple(topics[i] for i in ordered)


def topic_reply(topics: Sequence[QuestionTopic], facts: Mapping[str, str],
                language: str) -> str | None:
    """The interviewer's answer to ``topics``; None when no topic's facts are known.

    At most ``MAX_TOPICS_PER_REPLY`` topics are answered, the first ones whose facts are known.
    """
    parts = []
    for topic in topics:
        text = fill(pick(topic.answer, language), facts)
        if text is not None:
            parts.append(text)
        if len(parts) == MAX_TOPICS_PER_REPLY:
            break
    return " ".join(parts) or None


def fill(template: str, facts: Mapping[str, str]) -> str | None:
    """``template`` with its {placeholders} filled in from ``facts`` (None if one is unknown).

    An empty fact (an occupation without a training note) leaves no double space behind.
    """
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not names <= facts.keys():
        return None
    return " ".join(template.format_map(facts).split())


def occupation_facts(occupation: Occupation, language: str, questions: CandidateQuestions,
                     decimal: str = ".", thousands: str = ",") -> dict[str, str]:
    """The occupation's facts, worded for answers (``catalog.placeholders.REPLY_FACTS``).

    ``decimal`` and ``thousands`` are the language's number separators (content/ui/LANG.yaml).
    """
    def word(key: str, **values: object) -> str:
        return pick(questions.wording[key], language).format(**values)

    def number(value: float, decimals: int = 0) -> str:
        formatted = f"{value:,.{decimals}f}"
        return formatted.replace(",", "\0").replace(".", decimal).replace("\0", thousands)

    def euros(money: EuroRange) -> str:
        if money.min_eur <= 0:  # a school-based training may pay nothing
            return word("pay_up_to", max=number(money.max_eur))
        text = word("pay_range", min=number(money.min_eur), max=number(money.max_eur))
        return f"{word('approximately')} {text}" if money.approximate else text

    def items(kind: str) -> str:
        entries = pick(getattr(occupation, kind), language)
        return "; ".join(entries[:_LIST_ITEMS[kind]])

    training = occupation.training
    months = training.duration_months
    if months >= 24:
        years = months / 12
        duration = word("duration_years", years=number(years, 0 if years == int(years) else 1))
    else:
        duration = word("duration_months", months=months)
    certificate = occupation.school_certificate
    salary = occupation.salary
    return {
        "occupation": pick(occupation.titles, language),
        "training_kind": word(f"training_{training.kind.value}"),
        "duration": duration,
        "training_note": pick(training.note, language) if training.note else "",
        "certificate": word(f"certificate_{certificate.usual}"),
        "certificate_note": pick(certificate.note, language) if certificate.note else "",
        "training_pay": euros(salary.training),
        "training_pay_year": str(salary.training.year),
        "training_pay_source": pick(salary.training.source, language),
        "pay": euros(salary.after_training),
        "pay_year": str(salary.after_training.year),
        "pay_source": pick(salary.after_training.source, language),
        "tasks": items("tasks"),
        "tools": items("tools"),
        "work_settings": items("work_settings"),
    }


# --- matching -----------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    # A typed "don’t" and the content's "don't" must meet.
    return [fold(t) for t in tokens(text.replace("’", "'"))]


def _cue_words(cue: str) -> tuple[str, ...]:
    return term_tokens(cue.replace("’", "'"))


def _phrases(cues: Mapping[str, tuple[str, ...]], language: str) -> list[tuple[str, ...]]:
    return [words for cue in cues.get(language, ()) if (words := _cue_words(cue))]


def _find(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


def _starts_with_any(words: Sequence[str], cues: Mapping[str, tuple[str, ...]],
                     language: str) -> bool:
    return any(tuple(words[:len(p)]) == p for p in _phrases(cues, language))


def _after(words: Sequence[str], fillers: set[str], skippable: Sequence[tuple[str, ...]]) -> int:
    """The index of the first word that is neither a filler nor part of a skippable phrase."""
    i = 0
    while i < len(words):
        if words[i] in fillers:
            i += 1
            continue
        phrase = next((p for p in sorted(skippable, key=len, reverse=True)
                       if tuple(words[i:i + len(p)]) == p), None)
        if phrase is None:
            return i
        i += len(phrase)
    return i
