"""PCM helpers: levels, the 60 Hz lip-sync envelope, resampling, WAV."""

from __future__ import annotations

import numpy as np
import pytest

from speech.audio import (
    SILENCE_DBFS,
    PcmClip,
    StreamResampler,
    envelope,
    level_dbfs,
    read_wav,
    resample,
    silence,
    wav_bytes,
)


def tone(freq_hz: float, seconds: float, rate: int, amplitude: float = 0.5) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * freq_hz * t) * amplitude * 32767).astype("<i2").tobytes()


def test_levels():
    assert level_dbfs(silence(0.1, 16000)) == SILENCE_DBFS
    assert level_dbfs(b"") == SILENCE_DBFS
    assert level_dbfs(tone(440, 0.1, 16000, 0.5)) == pytest.approx(-9.03, abs=0.05)  # sine RMS


def test_envelope_has_one_value_per_sixtieth_and_follows_loudness():
    pcm = silence(0.5, 22050) + tone(200, 1.0, 22050) + silence(0.5, 22050)
    env = envelope(pcm, 22050)
    assert len(env) == 120  # 2.0 s × 60
    assert max(env[:29]) == 0.0 and min(env[31:89]) > 0.9 and max(env[91:]) == 0.0
    assert all(0.0 <= v <= 1.0 for v in env)


def test_resampling_keeps_duration_and_pitch():
    pcm = tone(1000, 1.0, 22050)
    out = resample(pcm, 22050, 16000)
    assert len(out) == 2 * 16000
    spectrum = np.abs(np.fft.rfft(np.frombuffer(out, "<i2")))
    assert abs(int(np.argmax(spectrum)) - 1000) <= 1  # 1 Hz bins over one second


def test_streaming_resampler_matches_length_without_gaps():
    resampler = StreamResampler(48000, 16000)
    pcm = tone(300, 1.0, 48000)
    out = b"".join(resampler.process(pcm[i:i + 4800]) for i in range(0, len(pcm), 4800))
    assert abs(len(out) // 2 - 16000) <= 3
    x = np.frombuffer(out, "<i2").astype(float)
    assert np.max(np.abs(np.diff(x))) < 32767 * 0.5 * 2 * np.pi * 300 / 16000 * 1.5  # no clicks


def test_wav_round_trip_and_stereo_is_mixed_down():
    clip = PcmClip(tone(440, 0.2, 16000), 16000)
    assert read_wav(wav_bytes(clip)) == clip
    with pytest.raises(ValueError, match="not a PCM WAV"):
        read_wav(b"RIFF nonsense")


def test_gain_in_decibels_and_clipping_at_full_scale():
    from speech.audio import amplify, level_dbfs

    x = (np.sin(np.arange(16000) * 0.1) * 1000).astype("<i2").tobytes()
    assert level_dbfs(amplify(x, 6.0)) == pytest.approx(level_dbfs(x) + 6.0, abs=0.05)
    assert amplify(x, 0.0) is x
    loud = np.frombuffer(amplify(x, 40.0), dtype="<i2")
    assert loud.max() == 32767 and loud.min() == -32768
