"""Real speech from espeak-ng (the station's own TTS engine) for tests: PCM and WAV answers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from speech.audio import PcmClip, read_wav, resample, silence, wav_bytes


def espeak_pcm(text: str, voice: str = "en-us", speed_wpm: int = 140, rate_hz: int = 16000) -> bytes:
    """Real speech from espeak-ng (the station's own TTS engine), as 16 kHz PCM."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (scripts/debian/run.txt)")
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed_wpm), "--stdout", text],
                         check=True, capture_output=True).stdout
    clip = read_wav(wav)
    return resample(clip.pcm, clip.sample_rate_hz, rate_hz)


def write_answer(path: Path, *parts: str | float, voice: str = "en-us", speed_wpm: int = 140) -> Path:
    """A WAV answer from spoken texts and pauses (floats, seconds), e.g. ("Hello", 3.0, "again")."""
    pcm = b"".join(silence(p, 16000) if isinstance(p, float) else espeak_pcm(p, voice, speed_wpm)
                   for p in parts)
    path.write_bytes(wav_bytes(PcmClip(pcm, 16000)))
    return path
