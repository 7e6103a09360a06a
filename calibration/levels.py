"""Signal levels in dBFS: RMS, peaks, clipping and short-frame levels.

dBFS here is ITU-T's dBov: 20·log10(RMS) for samples scaled to −1..1 (a full-scale square wave
is 0 dBFS, a full-scale sine −3.01 dBFS), so levels compare directly with ``p56``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SILENCE_DBFS = -120.0
"""What digital silence reads as, instead of −inf (JSON and YAML have no infinity)."""
CLIP_LEVEL = 0.999
"""|sample| at or above this is at full scale (16-bit full scale is 32767/32768 = 0.99997)."""
CLIPPED_SAMPLES_MIN = 3
"""A single full-scale sample can be a true peak; three or more mean the converter clipped."""
FRAME_S = 0.03
"""Frame length for frame levels and the speech gate (30 ms, as speech front ends use)."""

Samples = npt.NDArray[np.floating]


@dataclass(frozen=True)
class Clipping:
    """Full-scale samples and the peak level of a recording."""

    clipped_samples: int
    """Samples at full scale (|x| ≥ CLIP_LEVEL)."""
    peak_dbfs: float
    """The largest |sample| in dBFS (0 dBFS = full scale)."""

    @property
    def clipping(self) -> bool:
        """Enough full-scale samples (``CLIPPED_SAMPLES_MIN``) to say the converter clipped."""
        return self.clipped_samples >= CLIPPED_SAMPLES_MIN


def to_dbfs(amplitude: float) -> float:
    """An RMS or peak amplitude in dBFS, with silence floored at SILENCE_DBFS."""
    return max(SILENCE_DBFS, 20.0 * math.log10(amplitude)) if amplitude > 0.0 else SILENCE_DBFS


def power_to_dbfs(mean_square: float) -> float:
    """A mean square (power) in dBFS, with silence floored at SILENCE_DBFS."""
    return max(SILENCE_DBFS, 10.0 * math.log10(mean_square)) if mean_square > 0.0 else SILENCE_DBFS


def dbfs_to_power(level_dbfs: float) -> float:
    """The mean square (power) a level in dBFS stands for."""
    return 10.0 ** (level_dbfs / 10.0)


def rms_dbfs(samples: Samples) -> float:
    """The RMS level of all of ``samples`` in dBFS; SILENCE_DBFS when there are none."""
    x = np.asarray(samples, dtype=np.float64)
    return power_to_dbfs(float(np.mean(x * x))) if x.size else SILENCE_DBFS


def clipping(samples: Samples) -> Clipping:
    """How many of ``samples`` are at full scale, and their peak level."""
    x = np.abs(np.asarray(samples, dtype=np.float64))
    if x.size == 0:
        return Clipping(0, SILENCE_DBFS)
    return Clipping(int(np.count_nonzero(x >= CLIP_LEVEL)), to_dbfs(float(x.max())))


def frame_levels_dbfs(samples: Samples, rate_hz: float, frame_s: float = FRAME_S) -> npt.NDArray[np.float64]:
    """The RMS level of each whole frame of ``frame_s`` seconds (a trailing part is dropped)."""
    x = np.asarray(samples, dtype=np.float64)
    length = max(1, round(frame_s * rate_hz))
    frames = x.size // length
    if frames == 0:
        return np.empty(0)
    mean_square = np.mean(x[: frames * length].reshape(frames, length) ** 2, axis=1)
    with np.errstate(divide="ignore"):
        levels = 10.0 * np.log10(mean_square)
    return np.maximum(levels, SILENCE_DBFS)


def remove_dc(samples: Samples) -> npt.NDArray[np.float64]:
    """Subtract the mean: a converter's DC offset would read as noise and as speech level."""
    x = np.asarray(samples, dtype=np.float64)
    return x - float(np.mean(x)) if x.size else x.copy()
