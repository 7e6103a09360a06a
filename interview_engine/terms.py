"""Finding an occupation's job terms and the language's cue phrases in an answer.

Matching is case- and inflection-tolerant, because recognizers write lower case and
candidates inflect: "Garmethoden" uses the term "Garmethode", "allergens" uses "allergen",
"Küchenhygiene" uses "Hygiene" (a German compound ending in the term). Short terms (four
letters or fewer, such as "Pass" or "Fond") must match exactly or with a plural s, so that
"passt" does not count as "Pass".

A strong-answer point's cues (content/occupations/*.yaml) match more strictly, because they
are everyday words: exactly, with an inflection ending ("Lösung" → "Lösungen") or, in German,
as the end of a compound of at least six letters ("Gespräch" in "Elterngespräch"), never by
stem or start ("Schein" is not "scheint"). A cue widens on purpose with ``*``
("entschuldig*": any word starting so, "*gefragt": any word ending so, "*frag*": any word
containing it) or names one of the language's cue lists (``@result``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from catalog.norms import Cue, SpeechNorms
from catalog.questions import CUE_REFERENCE, CUE_WILDCARD, AnswerPoint
from speech.transcript import fold, tokens

_SUFFIXES = {
    "de": ("e", "n", "en", "s", "es", "er", "em", "ern", "ns", "nen"),
    "en": ("s", "es", "ed", "ing", "d"),
}
_STEM_ENDINGS = {"de": ("en", "e", "n", "s"), "en": ("es", "s", "e")}
_MIN_INFLECTED = 5
_MIN_COMPOUND = 5
_MIN_CUE_COMPOUND = 6
"""A cue word ends a compound only from this length on: "erden" is not the end of "werden"."""


def term_tokens(term: str) -> tuple[str, ...]:
    """The folded words of a term ("Mise en place" → ("mise", "en", "place"))."""
    return tuple(fold(t) for t in tokens(term))


def word_matches(token: str, term_word: str, language: str) -> bool:
    """Whether a folded answer token is the folded term word, inflected or compounded."""
    if token == term_word:
        return True
    if len(term_word) < _MIN_INFLECTED:
        return token == term_word + "s"
    suffixes = _SUFFIXES.get(language, ("s",))
    if any(token == term_word + s for s in suffixes):
        return True
    stem = term_word
    for ending in _STEM_ENDINGS.get(language, ()):
        if stem.endswith(ending) and len(stem) - len(ending) >= _MIN_INFLECTED:
            stem = stem[: -len(ending)]
            break
    if stem != term_word and token.startswith(stem) and len(token) - len(stem) <= 3:
        return True
    # German joins words into compounds: "Küchenhygiene", "Hygieneregeln".
    return language == "de" and len(term_word) >= _MIN_COMPOUND and (
        token.endswith(term_word) or token.startswith(term_word))


def cue_word_matches(token: str, cue_word: str, language: str) -> bool:
    """Whether a folded answer token is the folded cue word, inflected or ending a compound."""
    if token == cue_word:
        return True
    if len(cue_word) < _MIN_INFLECTED:
        return token == cue_word + "s"
    if any(token == cue_word + s for s in _SUFFIXES.get(language, ("s",))):
        return True
    return language == "de" and len(cue_word) >= _MIN_CUE_COMPOUND and token.endswith(cue_word)


def find_phrase(answer: Sequence[str], phrase: Sequence[str], language: str) -> bool:
    """Whether the folded phrase words occur in a row in the folded answer tokens."""
    if not phrase or len(phrase) > len(answer):
        return False
    for start in range(len(answer) - len(phrase) + 1):
        if all(word_matches(answer[start + i], p, language) for i, p in enumerate(phrase)):
            return True
    return False


def terms_used(answer: Sequence[str], terms: Iterable[str], language: str) -> tuple[str, ...]:
    """The terms (as written in content) that the folded answer tokens use, in list order."""
    return tuple(t for t in _unique(terms) if find_phrase(answer, term_tokens(t), language))


def notable_terms(question_texts: Iterable[str], terms: Iterable[str], language: str) -> tuple[str, ...]:
    """Terms the question or its strong-answer points mention: the ones worth suggesting."""
    mentioned: list[str] = []
    texts = [[fold(t) for t in tokens(text)] for text in question_texts]
    for term in _unique(terms):
        words = term_tokens(term)
        if any(find_phrase(text, words, language) for text in texts):
            mentioned.append(term)
    return tuple(mentioned)


def cue_present(answer: Sequence[str], cues: Iterable[str], language: str) -> bool:
    """Whether any cue phrase occurs; cues match exactly (no inflection), in a row."""
    for cue in cues:
        words = term_tokens(cue)
        if words and any(answer[i:i + len(words)] == list(words)
                         for i in range(len(answer) - len(words) + 1)):
            return True
    return False


@dataclass(frozen=True)
class _CueWord:
    text: str
    """Folded."""
    open_start: bool
    """Written "*text": any word ending in text."""
    open_end: bool
    """Written "text*": any word starting with text."""

    def matches(self, token: str, language: str) -> bool:
        if self.open_start and self.open_end:
            return self.text in token
        if self.open_start:
            return token.endswith(self.text)
        if self.open_end:
            return token.startswith(self.text)
        return cue_word_matches(token, self.text, language)


def cue_words(cue: str) -> tuple[_CueWord, ...]:
    """The folded words of a point's cue, with their wildcards ("bescheid geb*")."""
    words: list[_CueWord] = []
    for written in cue.split():
        parts = [fold(t) for t in tokens(written.strip(CUE_WILDCARD))]
        for i, part in enumerate(parts):
            words.append(_CueWord(part, written.startswith(CUE_WILDCARD) and i == 0,
                                  written.endswith(CUE_WILDCARD) and i == len(parts) - 1))
    return tuple(words)


def point_covered(answer: Sequence[str], point: AnswerPoint, language: str,
                  shared: Mapping[Cue, Sequence[str]]) -> bool:
    """Whether the folded answer tokens make ``point``: one of its cues occurs.

    ``shared`` are the language's cue lists (``SpeechNorms.cues``) that ``@name`` cues use.
    """
    for cue in point.cues.get(language, ()):
        if cue.startswith(CUE_REFERENCE):
            if cue_present(answer, shared.get(Cue(cue[len(CUE_REFERENCE):]), ()), language):
                return True
            continue
        if _cue_starts(answer, cue, language):
            return True
    return False


def topical_words(answer: Sequence[str], point: AnswerPoint, language: str) -> set[str]:
    """The answer's words that match one of the point's own cues (``@name`` cues left out)."""
    found: set[str] = set()
    for cue in point.cues.get(language, ()):
        if not cue.startswith(CUE_REFERENCE):
            length = len(cue_words(cue))
            found.update(" ".join(answer[start:start + length])
                         for start in _cue_starts(answer, cue, language))
    return found


MIN_QUESTION_WORD = 4
"""Shorter words of a question ("was", "Sie") say nothing about its topic."""


def question_words_used(answer: Sequence[str], question: str, norms: SpeechNorms) -> bool:
    """Whether the folded answer tokens use a topical word of the question, inflected or not.

    Topical: four letters or more and not among the language's common words ("erzählen").
    """
    common = {fold(w) for w in norms.common_words}
    words = {w for w in (fold(t) for t in tokens(question))
             if len(w) >= MIN_QUESTION_WORD and w not in common}
    suffixes = ("", *_SUFFIXES.get(norms.language, ("s",)))
    # "Koch" in the question, "kochen" in the answer: a short question word takes endings too.
    return any(word_matches(token, word, norms.language) or any(token == word + s for s in suffixes)
               for token in answer for word in words)


def _cue_starts(answer: Sequence[str], cue: str, language: str) -> list[int]:
    """Where the cue's words occur in a row in the folded answer tokens."""
    words = cue_words(cue)
    if not words:
        return []
    return [start for start in range(len(answer) - len(words) + 1)
            if all(w.matches(answer[start + i], language) for i, w in enumerate(words))]


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = " ".join(term_tokens(item))
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out
