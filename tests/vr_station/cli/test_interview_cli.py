"""``vr-station interview``: the terminal practice mode end to end."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tests.speech.espeak import write_answer
from vr_station.cli import main


def test_typed_german_interview_writes_json_and_html(tmp_path, monkeypatch, capsys):
    answers = ["Ja, danke, sehr gut.", "Ich koche gern für meine Familie, am Ende sind alle zufrieden."]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(answers * 10) + "\n"))
    code = main(["interview", "--occupation", "koch", "--lang", "de", "--input", "typed",
                 "--persona", "friendly", "--seed", "11", "--report-dir", str(tmp_path), "--mute"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Interviewer: " in out and "report: " in out
    html = next(tmp_path.glob("interview-koch-*.html"))
    data = json.loads(next(tmp_path.glob("interview-koch-*.json")).read_text("utf-8"))
    assert data["language"] == "de" and data["recognizer"] == "typed" and data["seed"] == 11
    assert data["answers"][0]["transcript"] == answers[0]
    page = html.read_text("utf-8")
    assert "Ihr Übungsgespräch – Auswertung" in page
    # The terminal, the printout and the JSON carry the same footer: what is measured, and
    # that emotions and personality never are (issue 14, item 7).
    assert data["footer"] and data["footer"] in out and data["footer"] in page
    assert data["top_tips"] and all(f"* {tip}" in out for tip in data["top_tips"])


def test_german_wav_answers_without_a_german_model_say_how_to_install_it(tmp_path, capsys):
    (tmp_path / "01.wav").write_bytes(b"")
    code = main(["interview", "--occupation", "koch", "--lang", "de", "--input", "wav", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "No Whisper speech model for German" in err and "vr-station models fetch whisper-base" in err
    assert "WAV answers need a speech recognizer" in err


def test_bad_input_and_unknown_occupation(tmp_path, capsys):
    assert main(["interview", "--occupation", "koch", "--lang", "de", "--input", "wav"]) == 2
    assert main(["interview", "--occupation", "astronaut", "--lang", "de", "--input", "typed",
                 "--mute", "--report-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--input must be" in err and "no occupation 'astronaut'" in err


@pytest.mark.slow
@pytest.mark.timeout(1200)  # a hang guard: at load 15 on 2 cores this took over 300 s
def test_english_wav_interview_through_the_installed_command(tmp_path):
    answers = tmp_path / "answers"
    answers.mkdir()
    write_answer(answers / "01.wav", "Yes, thank you. I found you easily.")
    write_answer(answers / "02.wav", "I did an internship in a restaurant kitchen and I learned "
                                     "a lot about hygiene.")
    reports = tmp_path / "reports"
    done = subprocess.run([sys.executable, "-m", "vr_station", "interview", "--occupation", "koch",
                           "--lang", "en", "--input", "wav", str(answers), "--seed", "2",
                           "--persona", "friendly", "--report-dir", str(reports)],
                          capture_output=True, text=True, timeout=1100)
    assert done.returncode == 0, done.stderr
    # No model installed here: PocketSphinx, with the visitor's notice on screen (no engine
    # name) and, for staff, the engine and the fix on stderr.
    assert "This station understands spoken English answers a little less well" in done.stdout
    assert "PocketSphinx" not in done.stdout
    assert "Using PocketSphinx" in done.stderr and "vr-station models fetch whisper-base" in done.stderr
    data = json.loads(next(reports.glob("*.json")).read_text("utf-8"))
    assert data["recognizer"] == "pocketsphinx" and data["completed"]
    assert sum(a["answered"] for a in data["answers"]) == 2
    assert sorted(tmp_path.rglob("*.wav")) == sorted(answers.glob("*.wav"))  # no audio was stored


@pytest.mark.slow
@pytest.mark.parametrize("silence_s", [None, 4.0])
def test_the_end_of_an_answer_comes_from_the_station_profile(tmp_path, silence_s, capsys):
    """A 3 s pause inside an answer: with the default 1.5 s end-of-speech silence it ends the
    answer; a station calibrated to 4 s keeps it inside and counts it as a long pause."""
    from calibration.profile import StationProfile, with_microphone, write_profile
    from vr_station.config import load_config

    if silence_s is not None:
        write_profile(load_config().paths.profile_file, with_microphone(
            StationProfile(), end_of_speech_silence_s=silence_s))
    answers = tmp_path / "answers"
    answers.mkdir()
    write_answer(answers / "01.wav", "Yes, thank you, I found you easily.")
    write_answer(answers / "02.wav", "I did an internship in a restaurant kitchen.", 3.0,
                 "I really enjoyed cooking for the guests.")
    reports = tmp_path / "reports"
    code = main(["interview", "--occupation", "koch", "--lang", "en", "--input", "wav",
                 str(answers), "--seed", "4", "--persona", "friendly", "--report-dir",
                 str(reports)])
    assert code == 0, capsys.readouterr().err
    data = json.loads(next(reports.glob("*.json")).read_text("utf-8"))
    second = [a for a in data["answers"] if a["answered"]][1]
    if silence_s is None:
        assert second["figures"]["long_pause_count"] == 0, "the pause ended the answer"
    else:
        assert second["figures"]["long_pause_count"] >= 1
        assert 2.5 <= second["figures"]["longest_pause_s"] <= 3.6
