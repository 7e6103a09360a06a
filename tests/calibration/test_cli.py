"""``vr-station calibrate …`` end to end: real WAV files, real espeak-ng, the real profile file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calibration import read_profile
from calibration.levels import rms_dbfs
from calibration.p56 import active_speech_level
from calibration.recognition_check import READ_ALOUD_SENTENCES
from calibration.wav import read_wav, write_wav
from catalog.loading import load_catalog
from speech.backends import choose_recognizer
from speech.devices import AudioDeviceError, list_devices
from tests.calibration.audio import RATE_HZ, SENTENCE_A, recording
from vr_station.cli import main
from vr_station.config import load_config


def has_audio(kind: str) -> bool:
    try:
        return bool(list_devices(kind))
    except AudioDeviceError:
        return False


@pytest.fixture
def calibration_wav(tmp_path):
    made = recording([("pause", 3.5), (SENTENCE_A, 0), ("pause", 1.5)], -27.0, -57.0, seed=21)
    path = tmp_path / "room-then-speech.wav"
    write_wav(path, made.samples, RATE_HZ)
    return path


@pytest.mark.slow
def test_mic_from_a_wav_prints_the_figures_as_json(calibration_wav, capsys):
    assert main(["calibrate", "mic", "--input", str(calibration_wav), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["noise_floor_dbfs"] == pytest.approx(-57.0, abs=1.0)
    assert result["speech_level_dbfs"] == pytest.approx(-27.0, abs=1.0)
    assert result["snr_db"] == pytest.approx(30.0, abs=1.0)
    assert result["clipping"] is False
    assert result["noise_floor_dbfs"] < result["vad_threshold_dbfs"] < result["speech_level_dbfs"]
    assert result["end_of_speech_silence_s"] == 1.5
    assert result["saved_to"] is None and result["warnings"] == []
    assert not load_config().paths.profile_file.exists()


@pytest.mark.slow
def test_mic_save_writes_the_thresholds_the_app_then_loads(calibration_wav, capsys):
    assert main(["calibrate", "mic", "--input", str(calibration_wav), "--save",
                 "--end-of-speech-silence", "1.2"]) == 0
    out = capsys.readouterr().out
    assert "speech_level_dbfs" in out and "saved to" in out
    mic = read_profile(load_config().paths.profile_file).profile.microphone
    assert mic.speech_level_dbfs == pytest.approx(-27.0, abs=1.0)
    assert mic.noise_floor_dbfs < mic.vad_threshold_dbfs < mic.speech_level_dbfs
    assert mic.end_of_speech_silence_s == 1.2 and mic.measured_at is not None
    assert main(["calibrate", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["problems"] == []
    assert shown["profile"]["microphone"]["vad_threshold_dbfs"] == mic.vad_threshold_dbfs


def languages_with_a_recognizer() -> dict[str, str]:
    """Station language → the engine that hears it, as installed where the test runs."""
    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir)
    found = {}
    for code, language in catalog.languages.items():
        choice = choose_recognizer(code, language.names.get("en", language.native_name),
                                   language.vosk_model, config.paths.models_dir)
        if choice.recognizer is not None:
            found[code] = choice.backend.value
            choice.recognizer.close()
    return found


WORST_WORD_ERROR_RATE = {"en": 0.25}
"""espeak-ng's voice through each recognizer, read in calibrated room noise: PocketSphinx's
en-us model misses a word or two of it; robotic German and other voices are harder."""


@pytest.mark.slow
def test_mic_recognition_check_in_every_language_that_has_a_recognizer(tmp_path, capsys):
    """Each station language with a recognizer installed here (English always: PocketSphinx)
    is checked with its own sentence read aloud (real espeak-ng speech in that language)."""
    found = languages_with_a_recognizer()
    assert "en" in found, found
    for code, engine in found.items():
        sentence = READ_ALOUD_SENTENCES[code]
        made = recording([("pause", 3.5), (sentence, 0), ("pause", 1.5)], -27.0, -57.0,
                         language=code, seed=21)
        path = tmp_path / f"room-then-{code}.wav"
        write_wav(path, made.samples, RATE_HZ)
        assert main(["calibrate", "mic", "--input", str(path), "--check-recognition",
                     "--lang", code, "--json"]) == 0
        recognition = json.loads(capsys.readouterr().out)["recognition"]
        assert recognition["language"] == code and recognition["engine"] == engine
        assert recognition["sentence"] == sentence
        assert recognition["word_error_rate"] <= WORST_WORD_ERROR_RATE.get(code, 0.5), recognition
    assert READ_ALOUD_SENTENCES["en"] == SENTENCE_A


@pytest.mark.slow
def test_mic_recognition_check_prints_language_engine_and_what_was_heard(calibration_wav, capsys):
    assert main(["calibrate", "mic", "--input", str(calibration_wav), "--check-recognition",
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    engine = languages_with_a_recognizer()["en"]
    assert re.search(rf"recognition +en \({engine}\): heard “[^”]+” — word error rate \d+ %", out), out


def with_a_language_without_recognizer(content: Path) -> None:
    """Add "Xish" (xx): a station language whose Vosk model is not installed, that PocketSphinx
    does not speak and no other recognizer knows, whatever is installed where the test runs."""
    path = content / "languages.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - code: en")
    end = text.find("  - code: ", start + 1)
    english = text[start:] if end == -1 else text[start:end]  # the English entry alone
    xish = (english.replace("code: en", "code: xx", 1)
            .replace("native_name: English", "native_name: Xish", 1)
            .replace("names: {de: Englisch, en: English}", "names: {de: Xisch, en: Xish}", 1)
            .replace("content_required: true", "content_required: false", 1)
            .replace("vosk_model: vosk-model-small-en-us-0.15", "vosk_model: vosk-model-small-xx-0.1", 1))
    assert xish.count("xx") == 2
    path.write_text(text + xish, encoding="utf-8")


def test_mic_recognition_check_refuses_a_language_without_a_recognizer_before_recording(
        content_copy, calibration_wav, monkeypatch, capsys):
    with_a_language_without_recognizer(content_copy)
    monkeypatch.setenv("VR_STATION_CONTENT_DIR", str(content_copy))
    # No --input: had it not refused first, it would try to record from a microphone.
    assert main(["calibrate", "mic", "--check-recognition", "--lang", "xx",
                 "--sentence", "Xish words."]) == 3
    err = capsys.readouterr().err
    assert "no speech recogniser for Xish is installed, so its recognition cannot be checked" in err
    assert "vosk-model-small-xx-0.1" in err and "'vr-station models list'" in err
    assert "microphone" not in err.lower(), "nothing was recorded"
    assert main(["calibrate", "mic", "--input", str(calibration_wav), "--check-recognition",
                 "--lang", "xx"]) == 2
    assert "no sentence to read aloud in Xish: pass --sentence" in capsys.readouterr().err
    assert main(["calibrate", "mic", "--input", str(calibration_wav), "--check-recognition",
                 "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "--lang fr: not a station language (available: de, en, " in err and ", xx)" in err


@pytest.mark.slow
def test_mic_refuses_to_save_a_recording_without_speech(tmp_path, capsys):
    path = tmp_path / "silence.wav"
    write_wav(path, recording([("pause", 6.0)], -26.0, -50.0).samples, RATE_HZ)
    assert main(["calibrate", "mic", "--input", str(path), "--save"]) == 1
    captured = capsys.readouterr()
    assert "No speech found" in captured.out and "not saved" in captured.err
    assert not load_config().paths.profile_file.exists()


def test_mic_with_bad_input_files_exits_2_with_the_file_named(tmp_path, capsys):
    assert main(["calibrate", "mic", "--input", str(tmp_path / "missing.wav")]) == 2
    assert "missing.wav: file not found" in capsys.readouterr().err
    short = tmp_path / "short.wav"
    write_wav(short, [0.0] * RATE_HZ * 2, RATE_HZ)
    assert main(["calibrate", "mic", "--input", str(short)]) == 2
    assert "short.wav: the recording is 2.0 s long; it needs 3 s of room noise" in capsys.readouterr().err


def test_mic_options_out_of_range(capsys):
    assert main(["calibrate", "mic", "--speech-seconds", "0.5"]) == 2
    assert "--speech-seconds must be 2–30 s" in capsys.readouterr().err
    assert main(["calibrate", "mic", "--end-of-speech-silence", "9"]) == 2
    assert "--end-of-speech-silence must be 0.3–5 s" in capsys.readouterr().err


def test_mic_without_the_named_microphone_says_so_without_a_traceback():
    done = subprocess.run([sys.executable, "-m", "vr_station", "calibrate", "mic",
                           "--device", "Conference Mic 9000"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 3
    assert "microphone 'Conference Mic 9000' not found" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.skipif(has_audio("input"), reason="this machine has a microphone")
def test_mic_on_a_machine_without_any_microphone(capsys):
    assert main(["calibrate", "mic"]) == 3
    assert "microphone (system default input) not found" in capsys.readouterr().err


def test_speaker_writes_the_tone_and_saves_the_volume(tmp_path, capsys):
    out = tmp_path / "tone.wav"
    assert main(["calibrate", "speaker", "--volume", "50", "--output", str(out), "--save"]) == 0
    samples, rate = read_wav(out)
    assert rate == 48000
    assert rms_dbfs(samples[4800:-4800]) == pytest.approx(-12.0 - 6.02, abs=0.05)
    assert read_profile(load_config().paths.profile_file).profile.speaker.volume_percent == 50.0
    assert "saved to" in capsys.readouterr().out


@pytest.mark.slow
def test_speaker_sentence_is_real_espeak_speech(tmp_path):
    out = tmp_path / "sentence.wav"
    assert main(["calibrate", "speaker", "--sentence", "--language", "de", "--output", str(out)]) == 0
    samples, rate = read_wav(out)
    level = active_speech_level(samples, rate)
    assert level.active_level_dbfs is not None and level.active_level_dbfs < -15.0


@pytest.mark.skipif(has_audio("output"), reason="this machine has a speaker")
def test_speaker_without_a_device_exits_3(capsys):
    assert main(["calibrate", "speaker"]) == 3
    assert "speaker (system default output) not found" in capsys.readouterr().err


def test_speaker_volume_out_of_range(capsys):
    assert main(["calibrate", "speaker", "--volume", "140", "--output", "x.wav"]) == 2
    assert "--volume must be 0–100 %" in capsys.readouterr().err


def test_the_visitors_volume_limit_is_saved_and_must_not_lie_below_the_volume(tmp_path, capsys):
    out = str(tmp_path / "tone.wav")
    assert main(["calibrate", "speaker", "--volume", "60", "--max-volume", "75", "--output", out,
                 "--save"]) == 0
    speaker = read_profile(load_config().paths.profile_file).profile.speaker
    assert (speaker.volume_percent, speaker.max_volume_percent) == (60.0, 75.0)
    assert main(["calibrate", "speaker", "--volume", "80", "--output", out]) == 2
    assert "above the visitors' limit (75 %)" in capsys.readouterr().err
    assert main(["calibrate", "speaker", "--max-volume", "120", "--output", out]) == 2


def test_floor_seated_and_play_area_are_saved(capsys):
    assert main(["calibrate", "floor", "--head-height-m", "0.05", "--body-height-cm", "175"]) == 0
    assert main(["calibrate", "seated", "--default", "seated", "--standing-eye-height-m", "1.6"]) == 0
    assert main(["calibrate", "play-area", "--width-m", "2.5", "--depth-m", "3"]) == 0
    headset = read_profile(load_config().paths.profile_file).profile.headset
    assert headset.floor_offset_m == pytest.approx(1.631 - 0.05, abs=0.001)
    assert headset.default_posture == "seated" and headset.standing_eye_height_m == 1.6
    assert (headset.play_area_width_m, headset.play_area_depth_m) == (2.5, 3.0)
    assert main(["calibrate", "floor", "--offset-m", "0.02"]) == 0
    assert read_profile(load_config().paths.profile_file).profile.headset.floor_offset_m == 0.02


def test_impossible_values_are_refused_with_the_schema_message(capsys):
    assert main(["calibrate", "play-area", "--width-m", "0.1", "--depth-m", "3"]) == 2
    assert "play_area_width_m: must be at least 0.5" in capsys.readouterr().err
    assert main(["calibrate", "floor", "--head-height-m", "1.5"]) == 2
    assert not load_config().paths.profile_file.exists()


def test_show_warns_about_a_broken_profile_and_shows_defaults(capsys):
    path = load_config().paths.profile_file
    path.parent.mkdir(parents=True)
    path.write_text("speaker:\n  volume_percent: very loud\n", encoding="utf-8")
    assert main(["calibrate", "show"]) == 0
    captured = capsys.readouterr()
    assert f"{path}:2:19: speaker.volume_percent: should be a number" in captured.err
    assert "speaker.volume_percent" in captured.out and "80.0" in captured.out


@pytest.mark.hardware
@pytest.mark.skipif(not has_audio("input"), reason="no microphone attached")
def test_live_microphone(capsys):
    """On a station: stay quiet for 3 s, then read the sentence shown."""
    assert main(["calibrate", "mic", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["noise_floor_dbfs"] < 0


class FakeSoundDevice:
    """sounddevice's calls as calibration uses them, backed by a prepared recording.

    It refuses 16 kHz as many USB microphones do, so the device's own 48 kHz is used."""

    class default:  # mirrors sounddevice.default
        device = (0, -1)

    def __init__(self, audio_48k):
        self.audio = audio_48k
        self.position = 0
        self.requests: list[tuple[int, int]] = []

    def query_devices(self):
        return [{"index": 0, "name": "Fake USB Mic", "max_input_channels": 1,
                 "max_output_channels": 0, "default_samplerate": 48000.0}]

    def check_input_settings(self, device, samplerate, channels):
        if samplerate != 48000:
            raise ValueError("Invalid sample rate")

    def rec(self, frames, samplerate, channels, dtype, device, blocking):
        self.requests.append((frames, samplerate))
        chunk = self.audio[self.position:self.position + frames]
        self.position += frames
        return chunk.astype(dtype).reshape(-1, 1)


@pytest.mark.slow
def test_live_path_records_quiet_phase_then_speech_with_the_profile_gain(monkeypatch, capsys):
    from calibration.profile import StationProfile, with_microphone, write_profile
    from speech import devices
    from tests.calibration.audio import resample

    # The room (−60 dBFS) for the lead-in and the quiet phase, then the visitor reads.
    made = recording([("pause", 3.25 + 0.5), (SENTENCE_A, 0), ("pause", 4.0)], -32.0, -60.0, seed=23)
    fake = FakeSoundDevice(resample(made.samples, RATE_HZ, 48000))
    monkeypatch.setattr(devices, "_sounddevice", lambda: fake)
    write_profile(load_config().paths.profile_file, with_microphone(StationProfile(), gain_db=6.0))

    assert main(["calibrate", "mic", "--json", "--speech-seconds", "7"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert fake.requests == [(round(3.25 * 48000), 48000), (7 * 48000, 48000)]
    assert result["source"] == "microphone Fake USB Mic"
    assert result["noise_floor_dbfs"] == pytest.approx(-60.0 + 6.0, abs=1.0)
    assert result["speech_level_dbfs"] == pytest.approx(-32.0 + 6.0, abs=1.0)
    assert "Please keep quiet" in captured.err and "Guten Tag" in captured.err
