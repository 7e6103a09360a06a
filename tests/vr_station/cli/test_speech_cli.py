"""``vr-station speech transcribe``: a staff check of a recording with the installed models."""

from __future__ import annotations

import json

import pytest

from speech.audio import PcmClip, resample, silence, wav_bytes
from tests.speech.espeak import espeak_pcm
from tests.speech.models import KOREAN_VOSK
from vr_station.cli import main

GERMAN = "Ich habe im Praktikum in einer Küche gearbeitet."


def write_wav(path, pcm: bytes, rate_hz: int = 16000):
    path.write_bytes(wav_bytes(PcmClip(pcm, rate_hz)))
    return path


@pytest.mark.slow
def test_transcribe_a_german_recording_with_whisper(tmp_path, speech_models, monkeypatch, capsys):
    monkeypatch.setenv("VR_STATION_MODELS_DIR", str(speech_models))
    pcm = silence(0.5, 16000) + espeak_pcm(GERMAN, voice="de") + silence(0.5, 16000)
    wav = write_wav(tmp_path / "check.wav", resample(pcm, 16000, 22050), 22050)  # any rate
    assert main(["speech", "transcribe", str(wav), "--lang", "de", "--occupation", "koch", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["engine"] == "whisper" and report["model"] == "whisper-base" and report["language"] == "de"
    assert "praktikum" in report["text"].lower() and "küche" in report["text"].lower()
    assert report["audio_s"] == pytest.approx(len(pcm) / 32000, abs=0.01)
    assert 0 < report["rtf"] < 5 and report["load_s"] > 0
    words = report["words"]
    assert words and all(w["start"] <= w["end"] and 0 <= w["conf"] <= 1 for w in words)
    assert words[0]["start"] >= 0.45


@pytest.mark.slow
def test_transcribe_with_a_model_folder_the_korean_vosk_model(tmp_path, speech_models, capsys):
    wav = write_wav(tmp_path / "ko.wav", espeak_pcm("감사합니다", voice="ko") + silence(0.3, 16000))
    assert main(["speech", "transcribe", str(wav), "--lang", "ko", "--model",
                 str(speech_models / KOREAN_VOSK)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"vosk ({KOREAN_VOSK}), ko:") and "real-time factor" in out


def test_without_a_model_it_says_how_to_install_one(tmp_path, capsys):
    wav = write_wav(tmp_path / "x.wav", silence(0.5, 16000))
    assert main(["speech", "transcribe", str(wav), "--lang", "de"]) == 2
    assert "vr-station models fetch whisper-base" in capsys.readouterr().err
    assert main(["speech", "transcribe", str(tmp_path / "none.wav")]) == 2
    assert "cannot read" in capsys.readouterr().err
