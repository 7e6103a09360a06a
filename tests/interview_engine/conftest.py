"""Fixtures for the interview engine: the shipped catalog, real espeak-ng audio, fakes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from interview_engine.audio import PcmClip, read_wav, resample, silence, wav_bytes
from tests.conftest import CONTENT
from vr_station.content import load_catalog
from vr_station.content.model import Catalog

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    loaded, skipped = load_catalog(CONTENT)
    assert skipped == []
    return loaded


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
