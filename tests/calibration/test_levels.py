import math

import numpy as np
import pytest

from calibration.levels import (
    SILENCE_DBFS,
    clipping,
    frame_levels_dbfs,
    remove_dc,
    rms_dbfs,
)


def test_full_scale_sine_reads_minus_3_dbfs_and_square_wave_0():
    t = np.arange(48000) / 48000
    assert rms_dbfs(np.sin(2 * math.pi * 1000 * t)) == pytest.approx(-3.0103, abs=1e-3)
    assert rms_dbfs(np.sign(np.sin(2 * math.pi * 1000 * t + 0.1))) == pytest.approx(0.0, abs=1e-3)


def test_silence_reads_as_the_silence_floor_not_minus_infinity():
    assert rms_dbfs(np.zeros(100)) == SILENCE_DBFS
    assert rms_dbfs(np.zeros(0)) == SILENCE_DBFS


def test_clipping_needs_several_samples_at_full_scale():
    x = 0.5 * np.sin(np.linspace(0, 100, 10_000))
    assert not clipping(x).clipping
    x[100] = 1.0
    assert not clipping(x).clipping  # one true peak
    assert clipping(x).peak_dbfs == pytest.approx(0.0)
    cut = np.clip(3.0 * x, -1.0, 1.0)
    assert clipping(cut).clipping
    assert clipping(cut).clipped_samples > 1000


def test_frame_levels_follow_the_signal():
    x = np.concatenate([np.full(480 * 3, 0.1), np.zeros(480 * 2), np.full(480 + 100, 0.01)])
    levels = frame_levels_dbfs(x, 16000)
    assert levels.size == 6  # the trailing 100 samples are not a whole frame
    assert levels[:3] == pytest.approx([-20.0] * 3)
    assert list(levels[3:5]) == [SILENCE_DBFS] * 2
    assert levels[5] == pytest.approx(-40.0)


def test_dc_offset_is_removed():
    assert np.mean(remove_dc(np.full(100, 0.2) + np.sin(np.arange(100)))) == pytest.approx(0.0, abs=1e-12)
