"""What a recognizer heard: words with timings, in Vosk's result format.

Every recognizer backend returns a ``RecognitionResult``; the analysis reads nothing else.
The JSON form is Vosk's own (``{"result": [{"word", "start", "end", "conf"}], "text"}``), so a
result saved by any Vosk tool can be analysed (``vr-station analyze``) and ours can be read back.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class RecognizedWord:
    """One word of an answer as the recognizer heard it (or the visitor typed it)."""

    word: str
    """As the recognizer wrote it (Vosk and PocketSphinx write lower case)."""
    start_s: float | None
    """Start within the answer in seconds; None for typed answers."""
    end_s: float | None
    conf: float | None = None
    """The recognizer's confidence 0..1, where it gives one."""

    @property
    def timed(self) -> bool:
        """The word has a start and end time (spoken, not typed)."""
        return self.start_s is not None and self.end_s is not None


@dataclass(frozen=True)
class RecognitionResult:
    """What a recognizer heard in one answer: its words, with timings where spoken, and text."""

    words: tuple[RecognizedWord, ...]
    text: str

    @property
    def timed(self) -> bool:
        """Every word has a start and end time (spoken, not typed)."""
        return bool(self.words) and all(w.timed for w in self.words)

    @property
    def empty(self) -> bool:
        """No words were heard."""
        return not self.words

    def to_vosk(self) -> dict[str, Any]:
        """The result as Vosk's JSON object; typed words carry no times."""
        result = []
        for w in self.words:
            entry: dict[str, Any] = {"word": w.word}
            if w.timed:
                entry["start"] = w.start_s
                entry["end"] = w.end_s
            if w.conf is not None:
                entry["conf"] = w.conf
            result.append(entry)
        return {"result": result, "text": self.text}


EMPTY_RESULT = RecognitionResult((), "")


class TranscriptFormatError(ValueError):
    """A file or string that is not a Vosk-format result; the message says what is wrong."""


def from_vosk(data: Any) -> RecognitionResult:
    """One result from Vosk's JSON object, or several (a list, e.g. one per utterance) joined.

    Results without a ``result`` list (Vosk without ``SetWords(True)``) keep their text but
    carry no timings. Raises TranscriptFormatError naming what is wrong.
    """
    if isinstance(data, list):
        return join_results(from_vosk(item) for item in data)
    if not isinstance(data, Mapping):
        raise TranscriptFormatError(f"expected a JSON object with 'result' and 'text', "
                                    f"found {type(data).__name__}")
    entries = data.get("result")
    if entries is None:
        text = data.get("text", data.get("partial", ""))
        if not isinstance(text, str):
            raise TranscriptFormatError("'text' must be a string")
        return from_text(text)
    if not isinstance(entries, list):
        raise TranscriptFormatError("'result' must be a list of words")
    words = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("word"), str):
            raise TranscriptFormatError(f"result[{i}] must be an object with a 'word'")
        start, end, conf = entry.get("start"), entry.get("end"), entry.get("conf")
        for name, value in (("start", start), ("end", end), ("conf", conf)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
                raise TranscriptFormatError(f"result[{i}].{name} must be a number")
        if (start is None) != (end is None):
            raise TranscriptFormatError(f"result[{i}] needs both 'start' and 'end'")
        if start is not None and end is not None and end < start:
            raise TranscriptFormatError(f"result[{i}] ('{entry['word']}') ends before it starts")
        words.append(RecognizedWord(entry["word"], _float(start), _float(end), _float(conf)))
    text = data.get("text")
    if not isinstance(text, str):
        text = " ".join(w.word for w in words)
    return RecognitionResult(tuple(words), text)


def from_vosk_json(text: str) -> RecognitionResult:
    """Parse a Vosk-format JSON document (object, list of objects, or JSON lines)."""
    stripped = text.strip()
    if not stripped:
        raise TranscriptFormatError("the file is empty")
    try:
        return from_vosk(json.loads(stripped))
    except json.JSONDecodeError as exc:
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) > 1:  # JSON lines, as Vosk's command-line tools write them
            try:
                return from_vosk([json.loads(line) for line in lines])
            except json.JSONDecodeError:
                pass
        raise TranscriptFormatError(f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                                    f"column {exc.colno}") from None


def from_text(text: str) -> RecognitionResult:
    """A typed answer: its words without timings."""
    return RecognitionResult(tuple(RecognizedWord(t, None, None) for t in tokens(text)), text.strip())


def join_results(results: Iterable[RecognitionResult]) -> RecognitionResult:
    """Several results of one answer (Vosk ends a result at each short pause) as one."""
    parts = [r for r in results if not r.empty or r.text]
    words = tuple(w for r in parts for w in r.words)
    return RecognitionResult(words, " ".join(r.text for r in parts if r.text).strip())


def shift(result: RecognitionResult, offset_s: float) -> RecognitionResult:
    """The result with every word time moved by ``offset_s`` (decoder restarts mid-answer)."""
    if offset_s == 0:
        return result
    return RecognitionResult(tuple(
        RecognizedWord(w.word, None if w.start_s is None else round(w.start_s + offset_s, 6),
                       None if w.end_s is None else round(w.end_s + offset_s, 6), w.conf)
        for w in result.words), result.text)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of a text (letters, digits, inner apostrophes)."""
    return [t.lower() for t in _TOKEN.findall(unicodedata.normalize("NFC", text))]


def fold(token: str) -> str:
    """A token for tolerant comparison: lower case, umlauts as ae/oe/ue, ß as ss, no accents.

    Vosk's German model writes umlauts, typed answers may not; ``fold`` makes both meet.
    """
    lowered = unicodedata.normalize("NFC", token.lower()).translate(_FOLD)
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_tokens(words: Sequence[RecognizedWord] | Sequence[str]) -> list[str]:
    """Folded tokens of recognized words; a word the recognizer wrote as two ("mise en") splits."""
    out: list[str] = []
    for w in words:
        text = w.word if isinstance(w, RecognizedWord) else w
        out.extend(fold(t) for t in tokens(text))
    return out


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
