"""Microphone calibration on recordings with known levels: calibrated room noise and real
espeak-ng speech scaled to a known ITU-T P.56 level, written to and read from WAV files."""

from __future__ import annotations

import numpy as np
import pytest

from calibration.mic import analyse, choose_vad_threshold, gain_advice_db, split_recording
from calibration.wav import read_wav, write_wav
from tests.calibration.audio import RATE_HZ, SENTENCE_A, SENTENCE_B, SENTENCE_DE, recording

pytestmark = pytest.mark.slow


def measure(tmp_path, speech_dbfs, noise_dbfs, *, language="en", seed=1, sentence=SENTENCE_A):
    text = SENTENCE_DE if language == "de" else sentence
    made = recording([("pause", 3.5), (text, 0), ("pause", 1.5)], speech_dbfs, noise_dbfs,
                     language=language, seed=seed)
    path = tmp_path / "calibration.wav"
    write_wav(path, made.samples, RATE_HZ)
    samples, rate = read_wav(path)
    return analyse(*split_recording(samples, rate), rate)


@pytest.mark.parametrize(("speech_dbfs", "noise_dbfs", "language"), [
    (-26.0, -65.0, "en"),   # quiet office, nominal talker
    (-26.0, -46.0, "en"),   # 20 dB SNR
    (-20.0, -52.0, "de"),   # loud talker, German
    (-33.0, -52.0, "de"),   # soft talker
    (-30.0, -48.0, "en"),   # 18 dB SNR
    (-26.0, -38.0, "en"),   # 12 dB SNR: still within 1 dB, with a warning
])
def test_measured_levels_are_within_1_db_of_the_known_levels(tmp_path, speech_dbfs, noise_dbfs, language):
    m = measure(tmp_path, speech_dbfs, noise_dbfs, language=language)
    assert m.noise_floor_dbfs == pytest.approx(noise_dbfs, abs=1.0)
    assert m.speech_level_dbfs == pytest.approx(speech_dbfs, abs=1.0)
    assert m.snr_db == pytest.approx(speech_dbfs - noise_dbfs, abs=1.0)
    assert not m.clipping
    assert m.vad_threshold_dbfs is not None
    assert m.noise_peak_dbfs < m.vad_threshold_dbfs < m.speech_level_dbfs
    codes = {w.code for w in m.warnings}
    assert ("low_snr" in codes) == (speech_dbfs - noise_dbfs < 15)


def test_clipped_input_is_reported_and_not_usable(tmp_path):
    made = recording([("pause", 3.2), (SENTENCE_A, 0), ("pause", 0.5)], -6.0, -60.0)
    path = tmp_path / "clipped.wav"
    write_wav(path, np.clip(made.samples * 2.0, -1.0, 1.0), RATE_HZ)
    m = analyse(*split_recording(*read_wav(path)), RATE_HZ)
    assert m.clipping and m.clipped_samples >= 3
    assert m.gain_change_db <= -6
    assert "clipping" in {w.code for w in m.warnings}
    assert not m.usable


def test_quiet_talker_gets_advice_to_raise_the_gain(tmp_path):
    m = measure(tmp_path, -44.0, -75.0)
    assert m.gain_change_db == pytest.approx(18, abs=1.5)
    warning = next(w for w in m.warnings if w.code == "too_quiet")
    assert "raise the microphone gain" in warning.text("en")
    assert "Erhöhen Sie" in warning.text("de")


def test_no_speech_means_no_thresholds(tmp_path):
    made = recording([("pause", 8.0)], -26.0, -55.0)
    m = analyse(*split_recording(made.samples, RATE_HZ), RATE_HZ)
    assert m.speech_level_dbfs is None and m.vad_threshold_dbfs is None
    assert [w.code for w in m.warnings] == ["no_speech"]
    assert not m.usable


def test_a_door_slam_in_the_quiet_phase_is_reported(tmp_path):
    made = recording([("pause", 3.5), (SENTENCE_B, 0), ("pause", 1.0)], -26.0, -60.0)
    samples = made.samples.copy()
    samples[RATE_HZ:RATE_HZ + 1600] += 0.3 * np.random.default_rng(9).normal(size=1600)
    m = analyse(*split_recording(samples, RATE_HZ), RATE_HZ)
    assert "noise_not_steady" in {w.code for w in m.warnings}


def test_a_recording_too_short_says_what_it_needs():
    with pytest.raises(ValueError, match="needs 3 s of room noise followed by at least 1 s of speech"):
        split_recording(np.zeros(3 * RATE_HZ), RATE_HZ)


@pytest.mark.parametrize(("noise", "peak", "speech", "expected"), [
    (-60.0, -58.0, -26.0, -43.0),   # halfway
    (-40.0, -30.0, -20.0, -27.0),   # spiky noise: 3 dB above its peaks
    (-40.0, -36.0, -35.0, -33.0),   # SNR too low: noise rejection wins
    (-80.0, -78.0, -26.0, -53.0),   # halfway, far below the speech
])
def test_threshold_choice(noise, peak, speech, expected):
    assert choose_vad_threshold(noise, peak, speech) == expected


@pytest.mark.parametrize(("speech", "peak", "clipped", "expected"), [
    (-26.0, -8.0, False, 0.0),
    (-45.0, -25.0, False, 19.0),
    (-45.0, -12.0, False, 11.0),   # raising more would bring peaks above −1 dBFS
    (-12.0, -0.5, False, -14.0),
    (-20.0, 0.0, True, -6.0),
])
def test_gain_advice(speech, peak, clipped, expected):
    assert gain_advice_db(speech, peak, clipped) == expected


def test_a_converter_dc_offset_changes_nothing(tmp_path):
    made = recording([("pause", 3.5), (SENTENCE_B, 0), ("pause", 1.0)], -30.0, -66.0, seed=5)
    plain = analyse(*split_recording(made.samples, RATE_HZ), RATE_HZ)
    offset = analyse(*split_recording(made.samples + 0.01, RATE_HZ), RATE_HZ)  # −40 dBFS of DC
    assert offset.noise_floor_dbfs == pytest.approx(plain.noise_floor_dbfs, abs=0.01)
    assert offset.speech_level_dbfs == pytest.approx(plain.speech_level_dbfs, abs=0.05)
