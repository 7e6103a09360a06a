"""WAV answers: one file per listen, then silence; on a simulated clock."""

from __future__ import annotations

import threading

import pytest

from speech.audio import PcmClip, wav_bytes
from speech.sources import AudioSourceError, WavAnswers
from tests.waiting import THREAD_TIMEOUT_S
from timebase import SimulatedClock


def test_files_play_in_name_order_followed_by_silence(tmp_path):
    for name, value in (("02.wav", 2000), ("01.wav", 1000)):
        sample = value.to_bytes(2, "little", signed=True)
        (tmp_path / name).write_bytes(wav_bytes(PcmClip(sample * 8000, 8000)))
    clock = SimulatedClock()
    source = WavAnswers.from_folder(tmp_path, clock)
    got: list[bytes] = []
    enough = threading.Event()

    def deliver(pcm: bytes, rate: int) -> None:
        assert rate == 16000
        got.append(pcm)
        if len(got) >= 15:
            enough.set()

    source.start(deliver)
    source.listening_changed(True)
    assert enough.wait(THREAD_TIMEOUT_S), f"waited {THREAD_TIMEOUT_S:.0f} s for 15 chunks, got {len(got)}"
    source.listening_changed(False)
    first = b"".join(got[:10])  # 1.0 s of 01.wav, resampled to 16 kHz
    assert len(first) == 32000 and abs(int.from_bytes(first[8000:8002], "little", signed=True) - 1000) < 5
    assert set(b"".join(got[10:15])) == {0}  # then a quiet room
    assert clock.now_s() >= 1.5 and source.remaining == 1
    source.close()


def test_missing_folder_or_no_wavs_is_a_clear_error(tmp_path):
    with pytest.raises(AudioSourceError, match="no such folder"):
        WavAnswers.from_folder(tmp_path / "nope")
    with pytest.raises(AudioSourceError, match=r"no \.wav files"):
        WavAnswers.from_folder(tmp_path)
