"""``vr-station analyze``: exact figures as JSON for Vosk-format files."""

from __future__ import annotations

import json

from tests.interview_engine.conftest import DATA
from vr_station.cli import main


def test_figures_for_several_files(capsys):
    code = main(["analyze", str(DATA / "de_hygiene.json"), str(DATA / "de_text_only.json"),
                 "--lang", "de", "--occupation", "koch"])
    assert code == 0
    first, second = json.loads(capsys.readouterr().out)
    assert {k: first[k] for k in ("word_count", "filler_count", "speaking_time_s", "wpm",
                                  "long_pause_count", "longest_pause_s", "fillers_per_min")} == {
        "word_count": 15, "filler_count": 2, "speaking_time_s": 9.8, "wpm": 91.8,
        "long_pause_count": 2, "longest_pause_s": 2.5, "fillers_per_min": 12.2}
    assert first["fillers"] == ["äh", "ähm"] and "HACCP" in first["terms_used"]
    assert first["file"].endswith("de_hygiene.json")
    assert second["word_count"] == 5 and second["wpm"] is None


def test_english_with_a_question_judges_star_and_missed_terms(capsys):
    assert main(["analyze", str(DATA / "en_teamwork_utterances.jsonl"), "--lang", "en",
                 "--occupation", "koch", "--question", "behaviour-teamwork"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["word_count"], entry["wpm"], entry["long_pause_count"]) == (25, 150.0, 1)
    assert entry["star"] == {"situation": True, "task": True, "action": True, "result": True}
    assert "station" in entry["terms_used"]


def test_bad_files_are_named_and_the_rest_still_analysed(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"result": [{"word": "a", "start": 2, "end": 1}]}')
    code = main(["analyze", str(broken), str(tmp_path / "missing.json"), str(DATA / "en_teamwork.json"),
                 "--lang", "en"])
    out = capsys.readouterr()
    assert code == 1
    assert "broken.json: not a Vosk-format result: result[0] ('a') ends before it starts" in out.err
    assert "missing.json: cannot read" in out.err
    assert len(json.loads(out.out)) == 1


def test_unknown_language_occupation_or_question(capsys):
    assert main(["analyze", str(DATA / "en_teamwork.json"), "--lang", "xx"]) == 2
    assert main(["analyze", str(DATA / "en_teamwork.json"), "--occupation", "astronaut"]) == 2
    assert main(["analyze", str(DATA / "en_teamwork.json"), "--question", "q"]) == 2
    err = capsys.readouterr().err
    assert "no language 'xx'" in err and "no occupation 'astronaut'" in err
    assert "--question needs --occupation" in err
