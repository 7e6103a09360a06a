"""Real espeak-ng speech through pyttsx3, synthesized on the speech lane, never the caller's."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from vr_station.jobs import SPEECH, BackgroundJobs
from vr_station.speech.clip import loudness_envelope
from vr_station.speech.synthesis import (
    EspeakNgSynthesizer,
    Pyttsx3Synthesizer,
    SpeechUnavailable,
    _wav_stream,
    default_synthesizer,
)


def test_loudness_envelope_follows_silence_and_sound():
    rate = 16000
    silence = np.zeros(rate // 2, dtype="<i2")
    tone = (np.sin(np.arange(rate // 2) * 0.2) * 16000).astype("<i2")
    envelope = loudness_envelope(np.concatenate([silence, tone]).tobytes(), rate)
    assert len(envelope) == 60
    assert max(envelope[:29]) == 0.0
    assert min(envelope[31:]) > 0.9


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["espeak-ng", "pyttsx3"])
def test_german_narration_is_real_speech_with_a_matching_envelope(tmp_path: Path, backend: str):
    jobs = BackgroundJobs()
    synth = EspeakNgSynthesizer() if backend == "espeak-ng" else Pyttsx3Synthesizer(tmp_path / "tts")
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
    if (tmp_path / "tts").exists():
        assert list((tmp_path / "tts").iterdir()) == [], "no audio files are left behind"


@pytest.mark.slow
def test_an_unknown_voice_is_a_clear_error(tmp_path: Path):
    for synth in (EspeakNgSynthesizer(), Pyttsx3Synthesizer(tmp_path)):
        with pytest.raises(SpeechUnavailable, match="tts_voices"):
            synth.synthesize("Hallo", ["no-such-voice"], 150)


def test_linux_uses_espeak_ng_directly(tmp_path: Path):
    assert isinstance(default_synthesizer(tmp_path), EspeakNgSynthesizer)


def test_a_missing_espeak_ng_is_a_clear_error():
    with pytest.raises(SpeechUnavailable, match="apt-get install espeak-ng"):
        EspeakNgSynthesizer("/nonexistent/espeak-ng").synthesize("Hallo", ["de"], 150)


def test_a_streamed_wav_with_placeholder_lengths_is_read():
    pcm = np.arange(100, dtype="<i2").tobytes()
    header = (b"RIFF" + (0x7FFFFFFF).to_bytes(4, "little") + b"WAVE" + b"fmt "
              + (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (1).to_bytes(2, "little")
              + (22050).to_bytes(4, "little") + (44100).to_bytes(4, "little")
              + (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
              + b"data" + (0x7FFFFF00).to_bytes(4, "little"))
    assert _wav_stream(header + pcm) == (pcm, 22050)
    with pytest.raises(SpeechUnavailable):
        _wav_stream(b"not a wav")
