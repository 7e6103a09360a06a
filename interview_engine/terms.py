"""Finding an occupation's job terms and the language's cue phrases in an answer.

Matching is case- and inflection-tolerant, because recognizers write lower case and
candidates inflect: "Garmethoden" uses the term "Garmethode", "allergens" uses "allergen",
"Küchenhygiene" uses "Hygiene" (a German compound ending in the term). Short terms (four
letters or fewer, such as "Pass" or "Fond") must match exactly or with a plural s, so that
"passt" does not count as "Pass".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from speech.transcript import fold, tokens

_SUFFIXES = {
    "de": ("e", "n", "en", "s", "es", "er", "em", "ern", "ns", "nen"),
    "en": ("s", "es", "ed", "ing", "d"),
}
_STEM_ENDINGS = {"de": ("en", "e", "n", "s"), "en": ("es", "s", "e")}
_MIN_INFLECTED = 5
_MIN_COMPOUND = 5


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


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = " ".join(term_tokens(item))
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out
