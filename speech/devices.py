"""Microphone and speakers through sounddevice (PortAudio) for calibration: list, record, play.

Every call blocks until the audio is recorded or played: the VR app runs them on a worker
thread, never on the render thread. A missing device or library becomes an
``AudioDeviceError`` whose message names the device and lists what is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

PREFERRED_RATE_HZ = 16000
"""Speech recognisers want 16 kHz; where a device refuses it, its own rate is used."""


class AudioDeviceError(RuntimeError):
    """No usable audio device; the message says which one and what exists instead."""


@dataclass(frozen=True)
class AudioDevice:
    """A microphone or speaker as PortAudio lists it; ``default_rate_hz`` is its own rate."""

    index: int
    name: str
    default_rate_hz: int


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # raised at import when libportaudio is missing
        raise AudioDeviceError(f"audio is not available: {exc} (install libportaudio2)") from None
    return sounddevice


def list_devices(kind: str) -> list[AudioDevice]:
    """Devices with at least one ``kind`` ('input' or 'output') channel."""
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
    except Exception as exc:
        raise AudioDeviceError(f"cannot list audio devices: {exc}") from None
    key = "max_input_channels" if kind == "input" else "max_output_channels"
    return [AudioDevice(int(d["index"]), str(d["name"]), int(d["default_samplerate"]))
            for d in devices if d[key] > 0]


def find_device(kind: str, wanted: str | None) -> AudioDevice:
    """The device named ``wanted`` (an index, a name or part of one), or the system default."""
    what = "microphone" if kind == "input" else "speaker"
    devices = list_devices(kind)
    available = "; ".join(f"{d.index}: {d.name}" for d in devices) or "none"
    if not devices:
        named = f"{what} '{wanted}'" if wanted else f"{what} (system default {kind})"
        raise AudioDeviceError(f"{named} not found: the system reports no audio {kind} device "
                               f"at all (is one plugged in, switched on and allowed for this user?)")
    if wanted is None:
        sd = _sounddevice()
        default = sd.default.device[0 if kind == "input" else 1]
        for device in devices:
            if device.index == default:
                return device
        raise AudioDeviceError(f"no default {what} is set; choose one with --device "
                               f"(available: {available})")
    if wanted.strip().isdigit():
        matches = [d for d in devices if d.index == int(wanted)]
    else:
        matches = [d for d in devices if wanted.casefold() in d.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AudioDeviceError(f"{what} '{wanted}' not found (available {kind} devices: {available})")
    names = "; ".join(f"{d.index}: {d.name}" for d in matches)
    raise AudioDeviceError(f"{what} '{wanted}' matches several devices ({names}); give more of the name")


def record(device: AudioDevice, duration_s: float,
           gain_db: float = 0.0) -> tuple[npt.NDArray[np.float64], int]:
    """Record mono from ``device``; returns (samples −1..1 after ``gain_db``, rate)."""
    sd = _sounddevice()
    rate = _supported_rate(sd, device, "input")
    try:
        audio = sd.rec(round(duration_s * rate), samplerate=rate, channels=1, dtype="float32",
                       device=device.index, blocking=True)
    except Exception as exc:
        raise AudioDeviceError(f"recording from microphone '{device.name}' failed: {exc}") from None
    samples = np.asarray(audio, dtype=np.float64).reshape(-1)
    return samples * 10.0 ** (gain_db / 20.0), rate


def play(device: AudioDevice, samples: npt.ArrayLike, rate_hz: int) -> None:
    """Play mono samples (−1..1) on ``device``; returns when they have played."""
    sd = _sounddevice()
    try:
        sd.play(np.asarray(samples, dtype=np.float32), samplerate=rate_hz, device=device.index,
                blocking=True)
    except Exception as exc:
        raise AudioDeviceError(f"playing on speaker '{device.name}' failed: {exc}") from None


def _supported_rate(sd: Any, device: AudioDevice, kind: str) -> int:
    check = sd.check_input_settings if kind == "input" else sd.check_output_settings
    try:
        check(device=device.index, samplerate=PREFERRED_RATE_HZ, channels=1)
    except Exception:
        return device.default_rate_hz
    return PREFERRED_RATE_HZ
