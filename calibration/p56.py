"""Active speech level after ITU-T P.56 (03/2011), method B.

The level of speech averaged over the time someone actually speaks, not over the pauses: the
figure speech pipelines are calibrated against (ITU-T's nominal talker level is −26 dBov).

Method B in short (P.56 §B.1, and the ITU-T G.191 reference ``sv56``):
- envelope: |x| through two cascaded one-pole smoothers with time constant T = 0.03 s;
- a sample counts as active for threshold c while the envelope is at or above c, and for a
  hangover of H = 0.2 s after it last was;
- for threshold c, A(c) is the mean square over the active samples (in dB), C(c) = 20·log10 c;
  the active level is A where A − C equals the margin M = 15.9 dB, searched from the lowest
  threshold up (at low thresholds nearly everything is active and A − C is large).

P.56 evaluates a ladder of thresholds 6 dB apart and interpolates between two rungs; ``sv56``
bisects the interpolation to ±0.5 dB. Here the activity is evaluated exactly at any threshold:
"at or above c within the last H seconds" is the same as "the running maximum of the envelope
over the last H seconds is at or above c", so one running maximum and one sort give the active
sample count for every threshold at once, and the crossing is found by bisection to well under
0.01 dB.

Levels are in dBFS as ITU-T's dBov: 20·log10(RMS) for samples scaled to −1..1, so a full-scale
square wave is 0 dBFS and a full-scale sine −3.01 dBFS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

ENVELOPE_TIME_CONSTANT_S = 0.03
HANGOVER_S = 0.2
MARGIN_DB = 15.9
LOWEST_THRESHOLD_DBFS = -100.0
"""Below the quietest 24-bit signal a recording can hold; silence stays silence."""
HIGHEST_THRESHOLD_DBFS = 6.0
"""Above full scale, for float recordings that exceed ±1."""
_GRID_STEP_DB = 0.25
_BISECTION_STEPS = 40

Samples = npt.NDArray[np.floating]
Levels = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ActiveSpeechLevel:
    """What P.56 method B found in one recording; levels in dBFS."""

    active_level_dbfs: float | None
    """Mean square over the active samples; None when the signal holds no speech activity."""
    activity_factor: float
    """Share of samples that count as active, 0..1."""
    long_term_level_dbfs: float
    """Mean square over all samples."""
    threshold_dbfs: float | None
    """The envelope threshold where A − C = M: activity starts here."""


def active_speech_level(samples: Samples, rate_hz: float, *,
                        noise: Samples | None = None) -> ActiveSpeechLevel:
    """P.56 method B over ``samples`` (mono, −1..1) taken at ``rate_hz``.

    ``noise``: a recording of the room alone, with the same gain. P.56 assumes clean speech:
    its threshold sits 15.9 dB below the level, so below ~18 dB SNR room noise counts as speech
    and the level reads 2–3 dB low. Given the room noise, two changes keep the figure within
    1 dB down to 10 dB SNR and leave it unchanged (±0.1 dB) in a quiet room: thresholds
    start above the noise's own envelope peaks (its 99th percentile), and the noise power is
    taken off the active samples' mean square (uncorrelated noise and speech add in power).
    """
    x = np.asarray(samples, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError("active_speech_level needs mono samples (a 1-D array)")
    n = x.size
    if n == 0:
        return ActiveSpeechLevel(None, 0.0, -math.inf, None)
    energy = float(np.dot(x, x))
    long_term = _db_power(energy / n)
    if energy == 0.0:
        return ActiveSpeechLevel(None, 0.0, long_term, None)
    peaks = _envelope_peaks(x, rate_hz)
    order = np.argsort(peaks)
    ascending = peaks[order]
    lowest = LOWEST_THRESHOLD_DBFS
    if noise is None:
        noise_power = 0.0

        def active_energy(active: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
            return np.full(active.shape, energy)  # P.56: all energy over the active count
    else:
        quiet = np.asarray(noise, dtype=np.float64)
        noise_power = float(np.mean(quiet * quiet)) if quiet.size else 0.0
        if quiet.size:
            lowest = max(lowest, _db_amplitude(float(np.percentile(_envelope_peaks(quiet, rate_hz), 99))))
        # Energy of the samples with the highest envelope peaks: the active ones at any threshold.
        from_top = np.concatenate([[0.0], np.cumsum((x[order] ** 2)[::-1])])

        def active_energy(active: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
            return from_top[active] - noise_power * active

    def levels_db(threshold_db: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.intp], Levels]:
        active = n - np.searchsorted(ascending, 10.0 ** (threshold_db / 20.0), side="left")
        mean_square = active_energy(active) / np.maximum(active, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            level = np.where((active > 0) & (mean_square > 0), 10.0 * np.log10(mean_square), -np.inf)
        return active, level

    def margin_gap_db(threshold_db: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """A(c) − C(c) − M; +inf where nothing is active (no crossing there)."""
        active, level = levels_db(threshold_db)
        return np.where(active > 0, level - threshold_db - MARGIN_DB, np.inf)

    grid = np.arange(lowest, HIGHEST_THRESHOLD_DBFS + _GRID_STEP_DB, _GRID_STEP_DB)
    gaps = margin_gap_db(grid)
    if not np.isfinite(gaps[0]):
        return ActiveSpeechLevel(None, 0.0, long_term, None)
    if gaps[0] <= 0.0:
        if noise is None:
            # Even the lowest threshold leaves less than M between level and threshold: silence.
            return ActiveSpeechLevel(None, 0.0, long_term, None)
        # Speech barely above the room: the noise-limited threshold is the best there is.
        active, level = levels_db(grid[:1])
        if not np.isfinite(level[0]):
            return ActiveSpeechLevel(None, 0.0, long_term, None)
        return ActiveSpeechLevel(float(level[0]), int(active[0]) / n, long_term, float(grid[0]))
    below = np.flatnonzero(gaps <= 0.0)
    if below.size == 0:
        # Louder than any threshold we try (a signal pinned at full scale): all of it is active.
        return ActiveSpeechLevel(long_term, 1.0, long_term, None)
    low, high = float(grid[below[0] - 1]), float(grid[below[0]])
    for _ in range(_BISECTION_STEPS):
        middle = 0.5 * (low + high)
        if margin_gap_db(np.array([middle]))[0] <= 0.0:
            high = middle
        else:
            low = middle
    active, level = levels_db(np.array([high]))
    return ActiveSpeechLevel(float(level[0]), int(active[0]) / n, long_term, high)


def _envelope_peaks(x: npt.NDArray[np.float64], rate_hz: float) -> npt.NDArray[np.float64]:
    """The envelope's maximum over the current sample and the hangover before it."""
    gain = math.exp(-1.0 / (rate_hz * ENVELOPE_TIME_CONSTANT_S))
    envelope = smooth(smooth(np.abs(x), gain), gain)
    hangover = math.floor(HANGOVER_S * rate_hz + 0.5)  # rounded as sv56 does
    return running_max(envelope, hangover + 1)


def smooth(values: Samples, gain: float, block: int | None = None) -> npt.NDArray[np.float64]:
    """One-pole smoother y[k] = g·y[k−1] + (1−g)·v[k] from rest, for non-negative ``values``.

    Vectorised per block: inside a block y is g^k times a cumulative sum of v·g^−k, and only
    the state between blocks is carried in a loop. g^−k stays below e^8 inside a block, and
    the sum has only non-negative terms, so nothing cancels and float64 keeps ~1e−12.
    """
    v = np.asarray(values, dtype=np.float64)
    n = v.size
    if n == 0:
        return v.copy()
    length = block or max(1, min(n, int(8.0 / -math.log(gain)) if gain > 0 else n))
    blocks = -(-n // length)
    padded = np.zeros(blocks * length)
    padded[:n] = v
    rows = padded.reshape(blocks, length)
    k = np.arange(length, dtype=np.float64)
    rising = gain ** -k
    falling = gain ** k
    local = (1.0 - gain) * falling * np.cumsum(rows * rising, axis=1)
    carry_weight = gain ** (k + 1.0)
    state = 0.0
    for row in range(blocks):
        local[row] += carry_weight * state
        state = float(local[row, -1])
    return local.reshape(-1)[:n]


def running_max(values: Samples, window: int) -> npt.NDArray[np.float64]:
    """max(values[k − window + 1 .. k]) for every k (the window is cut at the start).

    Van Herk / Gil-Werman: prefix and suffix maxima inside blocks of ``window`` samples, so
    the cost does not grow with the window.
    """
    v = np.asarray(values, dtype=np.float64)
    n = v.size
    if n == 0 or window <= 1:
        return v.copy()
    # Nothing is active before the first sample (sv56 starts with the hangover spent).
    padded_len = -(-(n + window - 1) // window) * window
    z = np.full(padded_len, -np.inf)
    z[window - 1:window - 1 + n] = v
    rows = z.reshape(-1, window)
    prefix = np.maximum.accumulate(rows, axis=1).reshape(-1)
    suffix = np.maximum.accumulate(rows[:, ::-1], axis=1)[:, ::-1].reshape(-1)
    k = np.arange(n)
    return np.maximum(suffix[k], prefix[k + window - 1])


def _db_power(mean_square: float) -> float:
    return 10.0 * math.log10(mean_square) if mean_square > 0.0 else -math.inf


def _db_amplitude(amplitude: float) -> float:
    return 20.0 * math.log10(amplitude) if amplitude > 0.0 else LOWEST_THRESHOLD_DBFS
