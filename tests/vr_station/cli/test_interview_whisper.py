"""``vr-station interview --input wav`` in German, heard by Whisper: the report's transcripts hold
the answers' words and its figures come from real word timings (issue 13, "done when")."""

from __future__ import annotations

import json

import pytest

from speech.transcript import folded_tokens, tokens
from tests.speech.espeak import write_answer
from vr_station.cli import main

pytestmark = pytest.mark.slow

ANSWERS = (
    "Ja, danke, ich habe gut hergefunden.",
    "Äh, im Praktikum habe ich in einer Großküche Gemüse geschnitten und Soßen vorbereitet.",
    "Hygiene ist mir sehr wichtig, deshalb wasche ich mir oft die Hände.",
)


def test_german_wav_interview_heard_by_whisper(tmp_path, speech_models, monkeypatch, capsys):
    monkeypatch.setenv("VR_STATION_MODELS_DIR", str(speech_models))
    answers = tmp_path / "answers"
    answers.mkdir()
    for i, text in enumerate(ANSWERS, 1):
        write_answer(answers / f"{i:02d}.wav", 0.4, text, 2.0, voice="de")
    reports = tmp_path / "reports"
    code = main(["interview", "--occupation", "koch", "--lang", "de", "--input", "wav", str(answers),
                 "--seed", "2", "--persona", "friendly", "--report-dir", str(reports), "--mute"])
    assert code == 0, capsys.readouterr().err
    data = json.loads(next(reports.glob("*.json")).read_text("utf-8"))
    assert data["recognizer"] == "whisper" and data["completed"] and data["notices"] == []
    spoken = [a for a in data["answers"] if a["answered"]]
    assert len(spoken) == len(ANSWERS)
    heard = [set(folded_tokens(tokens(a["transcript"]))) for a in spoken]
    said = [folded_tokens(tokens(text)) for text in ANSWERS]
    share = sum(w in h for h, s in zip(heard, said, strict=True) for w in s) / sum(map(len, said))
    assert share >= 0.6, [a["transcript"] for a in spoken]
    for answer, text in zip(spoken, ANSWERS, strict=True):
        figures = answer["figures"]
        assert figures["speaking_time_s"] and 1.0 <= figures["speaking_time_s"] <= len(text.split()) * 0.8
        assert figures["wpm"] and 60 <= figures["wpm"] <= 260
    assert data["overall"]["filler_count"] >= 1  # "Äh" survived the recognizer
