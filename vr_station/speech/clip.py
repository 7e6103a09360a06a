"""Synthesized speech as the app plays it: PCM samples, their loudness envelope and the text."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

ENVELOPE_RATE_HZ = 60
"""One loudness value per frame at 60 Hz: enough for lips, cheap to look up."""


@dataclass(frozen=True)
class SpeechClip:
    pcm: bytes = field(repr=False)
    """Signed 16-bit little-endian mono samples."""
    sample_rate_hz: int
    text: str
    envelope_60hz: tuple[float, ...] = field(default=(), repr=False)
    """Loudness 0 … 1 per 1/60 s, for the mouth of whoever speaks."""

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate_hz

    def envelope_at(self, seconds: float) -> float:
        if not self.envelope_60hz or seconds < 0:
            return 0.0
        index = int(seconds * ENVELOPE_RATE_HZ)
        return self.envelope_60hz[index] if index < len(self.envelope_60hz) else 0.0


def loudness_envelope(pcm: bytes, sample_rate_hz: int, rate_hz: int = ENVELOPE_RATE_HZ,
                      floor_dbfs: float = -50.0, ceiling_dbfs: float = -12.0) -> tuple[float, ...]:
    """RMS loudness per 1/``rate_hz`` s, mapped from ``floor_dbfs`` … ``ceiling_dbfs`` to 0 … 1.

    A fixed dBFS scale (not normalised per clip) keeps a quiet word looking quiet."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    count = math.ceil(len(samples) * rate_hz / sample_rate_hz)
    if count == 0:
        return ()
    # Window edges at exact multiples of 1/rate_hz s (22050 Hz is not a multiple of 60).
    edges = np.minimum(np.round(np.arange(count) * sample_rate_hz / rate_hz).astype(np.int64),
                       len(samples) - 1)
    sums = np.add.reduceat(samples ** 2, edges)
    sizes = np.diff(np.append(edges, len(samples))).clip(min=1)
    rms = np.sqrt(sums / sizes)
    dbfs = 20.0 * np.log10(np.maximum(rms, 1e-9))
    level = np.clip((dbfs - floor_dbfs) / (ceiling_dbfs - floor_dbfs), 0.0, 1.0)
    return tuple(float(v) for v in level)


def with_envelope(pcm: bytes, sample_rate_hz: int, text: str) -> SpeechClip:
    return SpeechClip(pcm, sample_rate_hz, text, loudness_envelope(pcm, sample_rate_hz))
