"""Real espeak-ng speech through pyttsx3, synthesized on the speech lane, never the caller's."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from vr_station.jobs import SPEECH, BackgroundJobs
from vr_station.speech.clip import loudness_envelope
from vr_station.speech.synthesis import Pyttsx3Synthesizer, SpeechUnavailable


def test_loudness_envelope_follows_silence_and_sound():
    rate = 16000
    silence = np.zeros(rate // 2, dtype="<i2")
    tone = (np.sin(np.arange(rate // 2) * 0.2) * 16000).astype("<i2")
    envelope = loudness_envelope(np.concatenate([silence, tone]).tobytes(), rate)
    assert len(envelope) == 60
    assert max(envelope[:29]) == 0.0
    assert min(envelope[31:]) > 0.9


@pytest.mark.slow
def test_german_narration_is_real_speech_with_a_matching_envelope(tmp_path: Path):
    jobs = BackgroundJobs()
    synth = Pyttsx3Synthesizer(tmp_path / "tts")
    clips = []
    caller = threading.get_ident()
    workers = []

    def work():
        workers.append(threading.get_ident())
        return synth.synthesize("Willkommen in der Küche. Schauen Sie sich in Ruhe um.",
                                ["gmw/de", "de"], 150)

    jobs.submit(SPEECH, "narration", work, on_done=clips.append)
    end = time.monotonic() + 20
    while not clips and time.monotonic() < end:
        jobs.drain()
        time.sleep(0.01)
    jobs.shutdown()
    assert workers and workers[0] != caller
    clip = clips[0]
    assert 2.0 < clip.duration_s < 8.0
    assert clip.sample_rate_hz >= 16000
    samples = np.frombuffer(clip.pcm, dtype="<i2")
    assert np.abs(samples).max() > 3000, "audible speech, not silence"
    assert len(clip.envelope_60hz) == pytest.approx(clip.duration_s * 60, abs=2)
    assert max(clip.envelope_60hz) > 0.5 and min(clip.envelope_60hz) < 0.1
    assert list((tmp_path / "tts").iterdir()) == [], "no audio files are left behind"


@pytest.mark.slow
def test_an_unknown_voice_is_a_clear_error(tmp_path: Path):
    synth = Pyttsx3Synthesizer(tmp_path)
    with pytest.raises(SpeechUnavailable, match="tts_voices"):
        synth.synthesize("Hallo", ["no-such-voice"], 150)
