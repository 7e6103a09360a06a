"""Vosk's result format in and out, and the tolerant token folding."""

from __future__ import annotations

import json
import re

import pytest

from speech.transcript import (
    RecognitionResult,
    RecognizedWord,
    TranscriptFormatError,
    fold,
    from_text,
    from_vosk,
    from_vosk_json,
    shift,
    tokens,
)


def test_vosk_result_round_trips():
    data = {"result": [{"conf": 0.9, "end": 0.5, "start": 0.1, "word": "hallo"}], "text": "hallo"}
    result = from_vosk(data)
    assert result == RecognitionResult((RecognizedWord("hallo", 0.1, 0.5, 0.9),), "hallo")
    assert from_vosk(result.to_vosk()) == result


def test_lists_and_json_lines_join_into_one_answer():
    first = {"result": [{"word": "a", "start": 0.0, "end": 0.2, "conf": 1}], "text": "a"}
    second = {"result": [{"word": "b", "start": 1.0, "end": 1.2, "conf": 1}], "text": "b"}
    joined = from_vosk_json(json.dumps([first, second]))
    assert [w.word for w in joined.words] == ["a", "b"] and joined.text == "a b"
    assert from_vosk_json(json.dumps(first) + "\n" + json.dumps(second)) == joined


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("{", "not valid JSON"),
    ('"text"', "expected a JSON object"),
    ('{"result": 3}', "'result' must be a list"),
    ('{"result": [{"start": 1}]}', "result[0] must be an object with a 'word'"),
    ('{"result": [{"word": "a", "start": "x", "end": 1}]}', "result[0].start must be a number"),
    ('{"result": [{"word": "a", "start": 1}]}', "needs both 'start' and 'end'"),
    ('{"result": [{"word": "a", "start": 2, "end": 1}]}', "ends before it starts"),
])
def test_malformed_results_are_refused_with_a_reason(text, message):
    with pytest.raises(TranscriptFormatError, match=re.escape(message)):
        from_vosk_json(text)


def test_typed_text_becomes_untimed_words():
    result = from_text("  Ich heiße Ünal, und ich koche gern!  ")
    assert [w.word for w in result.words] == ["ich", "heiße", "ünal", "und", "ich", "koche", "gern"]
    assert not result.timed and result.text == "Ich heiße Ünal, und ich koche gern!"


def test_folding_makes_umlauts_and_their_spellings_meet():
    assert fold("Kühlkette") == fold("kuehlkette") == "kuehlkette"
    assert fold("Soße") == "sosse" and fold("Café") == "cafe"
    assert tokens("Mise-en-place, HACCP's") == ["mise", "en", "place", "haccp's"]


def test_shift_moves_word_times():
    result = RecognitionResult((RecognizedWord("a", 0.5, 0.75, None),), "a")
    assert shift(result, 2.0).words[0] == RecognizedWord("a", 2.5, 2.75, None)
