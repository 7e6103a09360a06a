"""ITU-T P.56 method B: against the Recommendation's procedure read literally, and against
signals whose active level is known by construction."""

from __future__ import annotations

import math

import numpy as np
import pytest

from calibration.p56 import (
    ENVELOPE_TIME_CONSTANT_S,
    HANGOVER_S,
    MARGIN_DB,
    active_speech_level,
    running_max,
    smooth,
)
from tests.calibration.audio import RATE_HZ, SENTENCE_A, SENTENCE_DE, room_noise, speech


def literal_p56(x: np.ndarray, rate_hz: float) -> float:
    """P.56 §B as written: sample by sample, thresholds 2^-15 … 2^-1 (6 dB apart), each with
    its activity count and hangover; the level where A − C crosses M, interpolated in dB
    between the two thresholds around the crossing."""
    g = math.exp(-1.0 / (rate_hz * ENVELOPE_TIME_CONSTANT_S))
    hangover = math.floor(HANGOVER_S * rate_hz + 0.5)
    thresholds = [2.0 ** -j for j in range(15, 0, -1)]
    counts = [0] * 15
    hang = [hangover] * 15
    p = q = energy = 0.0
    for value in x:
        energy += value * value
        p = g * p + (1 - g) * abs(value)
        q = g * q + (1 - g) * p
        for j, c in enumerate(thresholds):
            if q >= c:
                counts[j] += 1
                hang[j] = 0
            elif hang[j] < hangover:
                counts[j] += 1
                hang[j] += 1
    a_db = [10 * math.log10(energy / a) if a else math.inf for a in counts]
    c_db = [20 * math.log10(c) for c in thresholds]
    for j in range(1, 15):
        if counts[j] and a_db[j] - c_db[j] <= MARGIN_DB:
            d_low, d_high = a_db[j - 1] - c_db[j - 1] - MARGIN_DB, a_db[j] - c_db[j] - MARGIN_DB
            share = d_low / (d_low - d_high)
            return a_db[j - 1] + share * (a_db[j] - a_db[j - 1])
    raise AssertionError("no crossing")


def test_smoother_equals_the_recursion():
    values = np.abs(np.random.default_rng(2).normal(size=30_000))
    g = math.exp(-1.0 / (RATE_HZ * ENVELOPE_TIME_CONSTANT_S))
    expected = np.empty_like(values)
    state = 0.0
    for i, v in enumerate(values):
        state = g * state + (1 - g) * v
        expected[i] = state
    assert np.max(np.abs(smooth(values, g) - expected) / expected) < 1e-10
    assert np.max(np.abs(smooth(values, g, block=7) - expected) / expected) < 1e-10


@pytest.mark.parametrize("window", [1, 2, 57, 3201])
def test_running_max_equals_the_naive_window(window):
    values = np.random.default_rng(window).normal(size=7_000)
    expected = np.array([values[max(0, k - window + 1):k + 1].max() for k in range(values.size)])
    assert np.array_equal(running_max(values, window), expected)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "language"), [(SENTENCE_A, "en"), (SENTENCE_DE, "de")])
def test_agrees_with_the_literal_procedure_on_real_speech(text, language):
    x = speech(text, -23.0, language)
    padded = np.concatenate([np.zeros(RATE_HZ // 2), x, np.zeros(RATE_HZ)])
    result = active_speech_level(padded, RATE_HZ)
    assert result.active_level_dbfs == pytest.approx(literal_p56(padded, RATE_HZ), abs=0.1)
    assert 0.4 < result.activity_factor < 0.95


def test_steady_sine_is_active_throughout_at_its_rms():
    t = np.arange(4 * RATE_HZ) / RATE_HZ
    amplitude = 0.1
    result = active_speech_level(amplitude * np.sin(2 * np.pi * 440 * t), RATE_HZ)
    assert result.active_level_dbfs == pytest.approx(20 * math.log10(amplitude / math.sqrt(2)), abs=0.05)
    assert result.activity_factor > 0.99


def test_bursts_are_active_for_their_length_plus_the_hangover():
    rate = RATE_HZ
    burst = 0.1 * np.sin(2 * np.pi * 300 * np.arange(rate) / rate)  # 1 s on
    x = np.concatenate([np.concatenate([burst, np.zeros(2 * rate)]) for _ in range(4)])  # 2 s off
    result = active_speech_level(x, rate)
    # Each burst: 1 s + 0.2 s hangover + the envelope's decay to the threshold (~0.1 s).
    assert 1.2 / 3 < result.activity_factor < 1.4 / 3
    expected = 10 * math.log10(float(np.mean(burst ** 2)) / (result.activity_factor * 3))
    assert result.active_level_dbfs == pytest.approx(expected, abs=1e-6)


def test_silence_and_emptiness_have_no_level():
    assert active_speech_level(np.zeros(RATE_HZ), RATE_HZ).active_level_dbfs is None
    assert active_speech_level(np.zeros(0), RATE_HZ).active_level_dbfs is None


def test_gain_shifts_the_level_by_exactly_the_gain_and_pauses_change_nothing():
    # Bursts with pauses longer than envelope decay + hangover (~0.3 s), also at the end.
    x = room_noise(3 * RATE_HZ, -30.0, seed=3) * np.repeat([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], RATE_HZ // 2)
    base = active_speech_level(x, RATE_HZ)
    assert base.active_level_dbfs is not None
    louder = active_speech_level(x * 10 ** (7.5 / 20), RATE_HZ)
    assert louder.active_level_dbfs == pytest.approx(base.active_level_dbfs + 7.5, abs=0.01)
    padded = active_speech_level(np.concatenate([np.zeros(3 * RATE_HZ), x, np.zeros(RATE_HZ)]), RATE_HZ)
    assert padded.active_level_dbfs == pytest.approx(base.active_level_dbfs, abs=0.01)


@pytest.mark.slow
def test_room_noise_is_kept_out_of_the_speech_level():
    """At 12 dB SNR with seconds of room noise around the sentence, plain P.56 counts the noise
    as speech; given the quiet phase, the level stays within 1 dB."""
    target = -28.0
    x = speech(SENTENCE_A, target)
    clean = np.concatenate([np.zeros(RATE_HZ), x, np.zeros(3 * RATE_HZ)])
    noise = room_noise(3 * RATE_HZ + clean.size, target - 12.0, seed=4)
    quiet, noisy = noise[:3 * RATE_HZ], clean + noise[3 * RATE_HZ:]
    plain = active_speech_level(noisy, RATE_HZ).active_level_dbfs
    compensated = active_speech_level(noisy, RATE_HZ, noise=quiet).active_level_dbfs
    assert plain is not None and compensated is not None
    assert abs(plain - target) > 1.5
    assert abs(compensated - target) < 1.0


def test_noise_alone_has_no_level_above_the_room():
    noise = room_noise(6 * RATE_HZ, -50.0, seed=5)
    result = active_speech_level(noise[3 * RATE_HZ:], RATE_HZ, noise=noise[:3 * RATE_HZ])
    assert result.active_level_dbfs is None or result.active_level_dbfs < -45.0
