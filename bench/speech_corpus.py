"""The benchmark's interview answers (bench/data/interview_answers.yaml) and how a transcript is scored.

- word error rate: (substitutions + deletions + insertions) / reference words, after both sides
  are normalised alike: lower case, punctuation and hyphens to spaces, numbers (up to 9999)
  as words, British spellings for English (the texts use them, Whisper writes American ones);
- filler recall: of the hesitations in the text that the station counts (``analysis.fillers``
  in content/languages.yaml), the share the transcript has in the station's spelling, counted
  per filler word (``min(in text, in transcript)``), so an extra "äh" elsewhere cannot make up
  for a lost one of another kind;
- discourse fillers (also, halt, sozusagen, like, you know) are counted apart: the station
  does not count them as fillers, so dropping them costs word errors only.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog.yaml_loader import load_yaml_file
from speech.audio import read_wav, resample

CORPUS_FILE = Path(__file__).resolve().parent / "data" / "interview_answers.yaml"
VOICES = {"de": "de", "en": "en-us"}
"""espeak-ng voices for the answers (US English: the corpus notes British spellings apart)."""
SPEED_WPM = 140


@dataclass(frozen=True)
class Answer:
    """One benchmark answer: what the candidate says, in which language, with which fillers."""

    id: str
    language: str
    occupation: str
    text: str
    fillers: tuple[str, ...]


def load_answers(path: Path = CORPUS_FILE) -> list[Answer]:
    """Every answer of the corpus, in file order."""
    data: Any = load_yaml_file(path).data
    return [Answer(a["id"], a["language"], a["occupation"], " ".join(a["text"].split()),
                   tuple(a.get("fillers") or ())) for a in data["answers"]]


def speak(text: str, language: str, rate_hz: int = 16000) -> bytes:
    """``text`` as espeak-ng speaks it at 140 wpm, 16-bit mono PCM at ``rate_hz``."""
    wav = subprocess.run(["espeak-ng", "-v", VOICES[language], "-s", str(SPEED_WPM), "--stdout", text],
                         check=True, capture_output=True).stdout
    clip = read_wav(wav)
    return resample(clip.pcm, clip.sample_rate_hz, rate_hz)


_DE_ONES = ("null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
            "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn",
            "neunzehn")
_DE_TENS = ("", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
_EN_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UK = {"organized": "organised", "organize": "organise", "favorite": "favourite", "colored": "coloured",
       "centimeters": "centimetres", "tire": "tyre", "tires": "tyres", "license": "licence",
       "canceled": "cancelled", "specialize": "specialise", "practicing": "practising",
       "program": "programme", "analyze": "analyse", "color": "colour", "labeled": "labelled",
       "realize": "realise", "realized": "realised", "apologize": "apologise"}


def _german_number(n: int) -> str:
    if n < 20:
        return _DE_ONES[n]
    if n < 100:
        ones, tens = n % 10, n // 10
        return (("ein" if ones == 1 else _DE_ONES[ones]) + "und" if ones else "") + _DE_TENS[tens]
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return (("ein" if hundreds == 1 else _DE_ONES[hundreds]) + "hundert"
                + (_german_number(rest) if rest else ""))
    thousands, rest = divmod(n, 1000)
    return ("ein" if thousands == 1 else _german_number(thousands)) + "tausend" + \
        (_german_number(rest) if rest else "")


def _english_number(n: int) -> str:
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        ones, tens = n % 10, n // 10
        return _EN_TENS[tens] + (" " + _EN_ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _EN_ONES[hundreds] + " hundred" + (" and " + _english_number(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    return _english_number(thousands) + " thousand" + (" " + _english_number(rest) if rest else "")


def normalise(text: str, language: str) -> list[str]:
    """Words for scoring: lower case, no punctuation, numbers as words, British spelling."""
    lowered = unicodedata.normalize("NFC", text).lower()
    lowered = re.sub(r"['’]", "", re.sub(r"[-–/]", " ", lowered))
    words: list[str] = []
    for token in re.sub(r"[^\w\s]", " ", lowered).split():
        if token.isdigit() and len(token) <= 4:
            spoken = _german_number(int(token)) if language == "de" else _english_number(int(token))
            words.extend(spoken.split())
        else:
            words.append(_UK.get(token, token) if language == "en" else token)
    return words


def word_errors(reference: list[str], hypothesis: list[str]) -> int:
    """Substitutions + deletions + insertions (Levenshtein distance over words)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Score:
    """How one transcript compares with its answer."""

    reference_words: int
    errors: int
    fillers: int
    """Hesitations in the answer that the station counts."""
    fillers_heard: int
    """Of those, how many the transcript has (per filler word, station spelling)."""


def score(answer: Answer, transcript: str, station_fillers: frozenset[str]) -> Score:
    """Word errors and filler recall of ``transcript`` against ``answer``."""
    reference = normalise(answer.text, answer.language)
    heard = normalise(transcript, answer.language)
    counted = Counter(f for f in answer.fillers if f in station_fillers)
    found = Counter(t for t in heard if t in station_fillers)
    hits = sum(min(n, found[f]) for f, n in counted.items())
    return Score(len(reference), word_errors(reference, heard), sum(counted.values()), hits)
