"""Read and write WAV files as float samples (−1..1), mono.

Python's ``wave`` module (3.11) reads only integer PCM with the plain format tag, but the
files staff bring come from recorders and editors: 32-bit float (Audacity's default) and
WAVE_FORMAT_EXTENSIBLE are common. This reader walks the RIFF chunks itself and accepts PCM
8/16/24/32-bit and IEEE float 32/64-bit; stereo is mixed down to mono.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

_PCM = 0x0001
_FLOAT = 0x0003
_EXTENSIBLE = 0xFFFE
MAX_WAV_BYTES = 512 * 1024 * 1024


class WavError(ValueError):
    """A WAV file that cannot be used, with a message naming the file and what is wrong."""


def read_wav(path: Path) -> tuple[npt.NDArray[np.float64], int]:
    """(mono samples in −1..1, sample rate in Hz). Raises WavError."""
    try:
        size = path.stat().st_size
        if size > MAX_WAV_BYTES:
            raise WavError(f"{path}: {size // (1024 * 1024)} MB is more than a calibration "
                           f"recording needs (at most {MAX_WAV_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except WavError:
        raise
    except FileNotFoundError:
        raise WavError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise WavError(f"{path}: is a directory, not a WAV file") from None
    except OSError as exc:
        raise WavError(f"{path}: cannot read: {exc.strerror}") from None
    return parse_wav(data, str(path))


def parse_wav(data: bytes, name: str) -> tuple[npt.NDArray[np.float64], int]:
    """WAV bytes → (mono samples, rate); ``name`` says where they came from in errors.

    A data chunk that claims more than there is (a recorder stopped mid-file, or a streaming
    writer such as ``espeak-ng --stdout`` that leaves the size at its maximum) yields what is
    there.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise WavError(f"{name}: not a WAV file (no RIFF/WAVE header)")
    fmt: bytes | None = None
    payload: bytes | None = None
    offset = 12
    while offset + 8 <= len(data):
        chunk_id = data[offset:offset + 4]
        (chunk_size,) = struct.unpack_from("<I", data, offset + 4)
        body = data[offset + 8:offset + 8 + chunk_size]
        if chunk_id == b"fmt ":
            fmt = body
        elif chunk_id == b"data":
            payload = body  # a recorder killed mid-file leaves a short data chunk: use what is there
            break
        offset += 8 + chunk_size + (chunk_size & 1)
    if fmt is None or len(fmt) < 16:
        raise WavError(f"{name}: WAV file without a format chunk")
    if payload is None:
        raise WavError(f"{name}: WAV file without audio data")
    tag, channels, rate, _, block_align, bits = struct.unpack_from("<HHIIHH", fmt)
    if tag == _EXTENSIBLE and len(fmt) >= 26:
        (tag,) = struct.unpack_from("<H", fmt, 24)  # the sub-format GUID starts with the tag
    if channels < 1 or rate < 1000 or block_align != channels * ((bits + 7) // 8):
        raise WavError(f"{name}: damaged WAV header ({channels} channel(s), {rate} Hz, {bits} bit)")
    frames = len(payload) // block_align
    raw = payload[:frames * block_align]
    samples = _decode(name, raw, tag, bits)
    return samples.reshape(frames, channels).mean(axis=1), rate


def _decode(name: str, raw: bytes, tag: int, bits: int) -> npt.NDArray[np.float64]:
    if tag == _PCM and bits == 8:
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) / 128.0
    if tag == _PCM and bits == 16:
        return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    if tag == _PCM and bits == 24:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        values = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        values = np.where(values >= 1 << 23, values - (1 << 24), values)
        return values.astype(np.float64) / float(1 << 23)
    if tag == _PCM and bits == 32:
        return np.frombuffer(raw, dtype="<i4").astype(np.float64) / float(1 << 31)
    if tag == _FLOAT and bits == 32:
        return np.frombuffer(raw, dtype="<f4").astype(np.float64)
    if tag == _FLOAT and bits == 64:
        return np.frombuffer(raw, dtype="<f8").astype(np.float64)
    raise WavError(f"{name}: unsupported WAV encoding (format {tag:#06x}, {bits} bit); "
                   "save it as 16-bit PCM or 32-bit float")


def write_wav(path: Path, samples: npt.ArrayLike, rate_hz: int) -> None:
    """Mono 16-bit PCM; values beyond ±1 are clipped (as a converter would)."""
    x = np.clip(np.asarray(samples, dtype=np.float64), -1.0, 32767.0 / 32768.0)
    pcm = np.round(x * 32768.0).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate_hz)
        handle.writeframes(pcm.tobytes())
