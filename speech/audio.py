"""Small, pure operations on 16-bit mono PCM: levels, the lip-sync envelope, resampling, WAV.

PCM everywhere in the engine is signed 16-bit little-endian mono (``bytes``), the format
espeak-ng, SAPI5, PortAudio, Vosk and PocketSphinx all speak.
"""

from __future__ import annotations

import io
import math
import wave
from dataclasses import dataclass

import numpy as np

ENVELOPE_RATE_HZ = 60
"""Lip-sync envelope values per second: one per frame of a 60 Hz display."""
SILENCE_DBFS = -120.0
"""The level reported for digital silence (log of zero)."""


@dataclass(frozen=True)
class PcmClip:
    """Audio as the speech package passes it around: 16-bit mono PCM and its rate in Hz."""

    pcm: bytes
    """Signed 16-bit little-endian mono."""
    sample_rate_hz: int

    @property
    def duration_s(self) -> float:
        """Length in s."""
        return len(self.pcm) / 2 / self.sample_rate_hz


def samples(pcm: bytes) -> np.ndarray:
    """The PCM's int16 samples, read-only (a trailing odd byte is dropped)."""
    return np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")


def level_dbfs(pcm: bytes) -> float:
    """RMS level relative to full scale; ``SILENCE_DBFS`` for silence or no samples."""
    x = samples(pcm).astype(np.float64)
    if x.size == 0:
        return SILENCE_DBFS
    rms = math.sqrt(float(np.mean(x * x))) / 32768.0
    return max(SILENCE_DBFS, 20 * math.log10(rms)) if rms > 0 else SILENCE_DBFS


def amplify(pcm: bytes, gain_db: float) -> bytes:
    """The samples times ``gain_db`` (calibration's digital gain), clipped to 16 bits."""
    if not gain_db:
        return pcm
    x = samples(pcm).astype(np.float64) * 10 ** (gain_db / 20)
    return np.clip(np.round(x), -32768, 32767).astype("<i2").tobytes()


def envelope(pcm: bytes, sample_rate_hz: int, rate_hz: int = ENVELOPE_RATE_HZ) -> tuple[float, ...]:
    """Mouth opening per display frame, 0..1: the RMS of each 1/60 s, one value per started frame.

    Scaled so the clip's loud speech (its 95th percentile) reaches 1.
    """
    x = samples(pcm).astype(np.float64) / 32768.0
    if x.size == 0:
        return ()
    hop = sample_rate_hz / rate_hz
    frames = math.ceil(x.size / hop)
    edges = np.minimum((np.arange(frames + 1) * hop).round().astype(int), x.size)
    squares = np.concatenate(([0.0], np.cumsum(x * x)))
    lengths = np.maximum(edges[1:] - edges[:-1], 1)
    rms = np.sqrt((squares[edges[1:]] - squares[edges[:-1]]) / lengths)
    loud = float(np.percentile(rms, 95))
    if loud <= 1e-6:
        return tuple(0.0 for _ in range(frames))
    return tuple(float(v) for v in np.clip(rms / loud, 0.0, 1.0).round(3))


def resample(pcm: bytes, from_hz: int, to_hz: int) -> bytes:
    """Whole-clip resampling in the frequency domain, for files and recordings of a few seconds.

    The spectrum is cut (or zero-padded) at the new Nyquist frequency, so nothing aliases and
    no filter needs designing. The station's one such resampler (calibration's tests use it
    too); live audio goes through ``StreamResampler``.
    """
    if from_hz == to_hz:
        return pcm
    x = samples(pcm).astype(np.float64)
    if x.size == 0:
        return b""
    n_out = max(1, round(x.size * to_hz / from_hz))
    spectrum = np.fft.rfft(x)
    keep = n_out // 2 + 1
    if keep <= spectrum.size:
        spectrum = spectrum[:keep]
    else:
        spectrum = np.concatenate((spectrum, np.zeros(keep - spectrum.size, dtype=complex)))
    y = np.fft.irfft(spectrum, n_out) * (n_out / x.size)
    return np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes()


class StreamResampler:
    """Chunk-by-chunk resampling for live audio (microphone, app-fed).

    Linear interpolation after a short moving-average low-pass when shrinking. Adequate for
    speech recognition, and it keeps the phase between chunks so there are no clicks at chunk
    borders.
    """

    def __init__(self, from_hz: int, to_hz: int):
        self.from_hz = from_hz
        self.to_hz = to_hz
        self._tail = np.zeros(0)
        self._pos = 0.0
        self._taps = max(1, round(from_hz / to_hz)) if from_hz > to_hz else 1

    def process(self, pcm: bytes) -> bytes:
        """The next chunk at ``to_hz``; the last few input samples wait for the next chunk."""
        if self.from_hz == self.to_hz:
            return pcm
        x = np.concatenate((self._tail, samples(pcm).astype(np.float64)))
        if self._taps > 1 and x.size >= self._taps:
            kernel = np.ones(self._taps) / self._taps
            filtered = np.convolve(x, kernel, mode="same")
        else:
            filtered = x
        step = self.from_hz / self.to_hz
        positions = np.arange(self._pos, x.size - 1, step)
        y = np.interp(positions, np.arange(x.size), filtered)
        next_pos = (positions[-1] + step) if positions.size else self._pos
        keep_from = max(0, int(next_pos) - self._taps)
        self._tail = x[keep_from:]
        self._pos = next_pos - keep_from
        return np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes()


def read_wav(data: bytes) -> PcmClip:
    """A WAV (PCM 8/16/32-bit, any channels) as 16-bit mono. Raises ValueError if unreadable."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            width, channels, rate = w.getsampwidth(), w.getnchannels(), w.getframerate()
            raw = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a PCM WAV file: {exc}") from None
    if width == 2:
        x = np.frombuffer(raw, dtype="<i2").astype(np.int32)
    elif width == 1:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.int32) - 128) << 8
    elif width == 4:
        x = np.frombuffer(raw, dtype="<i4").astype(np.int64) >> 16
    else:
        raise ValueError(f"unsupported sample width {width * 8} bit")
    if channels > 1:
        x = x[: x.size // channels * channels].reshape(-1, channels).mean(axis=1)
    return PcmClip(np.clip(x, -32768, 32767).astype("<i2").tobytes(), rate)


def wav_bytes(clip: PcmClip) -> bytes:
    """The clip as a complete WAV file in memory."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(clip.sample_rate_hz)
        w.writeframes(clip.pcm)
    return out.getvalue()


def silence(duration_s: float, sample_rate_hz: int) -> bytes:
    """Digital silence as PCM: zero samples for ``duration_s``."""
    return bytes(2 * round(duration_s * sample_rate_hz))
