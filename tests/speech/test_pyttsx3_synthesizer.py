"""The real pyttsx3 (espeak-ng) in its worker process: voices, audio, hangs."""

from __future__ import annotations

import os
import stat
import subprocess
import time

import pytest

from speech.audio import read_wav
from speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from speech.synthesis import SynthesisError, pick_voice


@pytest.fixture(scope="module")
def synth():
    engine = Pyttsx3Synthesizer()
    yield engine
    engine.close()


def test_voices_for_both_languages_come_from_content(synth, catalog):
    voices = synth.voices()
    assert pick_voice(voices, catalog.languages["de"].tts_voices) == "gmw/de"
    assert pick_voice(voices, catalog.languages["en"].tts_voices) is not None
    assert pick_voice(voices, ["no-such-voice"]) is None  # espeak-ng even speaks Klingon


def test_german_question_is_spoken_at_the_persona_rate(synth, catalog):
    text = catalog.occupations["koch"].questions.questions[0].text["de"]
    slow = synth.synthesize(text, "gmw/de", 130)
    fast = synth.synthesize(text, "gmw/de", 190)
    assert slow.sample_rate_hz == 22050
    assert 2.0 < fast.duration_s < slow.duration_s < 12.0


def test_speech_out_with_real_engine_caches_and_gives_a_60hz_envelope(tmp_path):
    out = SpeechOut(Pyttsx3Synthesizer(), SpeechCache(tmp_path))
    cold = out.speak("Erzählen Sie mir bitte etwas über sich.", "gmw/de", 160)
    warm = out.speak("Erzählen Sie mir bitte etwas über sich.", "gmw/de", 160)
    assert not cold.from_cache and warm.from_cache and warm.pcm == cold.pcm
    assert len(cold.envelope_60hz) == pytest.approx(cold.duration_s * 60, abs=1)
    assert max(cold.envelope_60hz) == 1.0 and min(cold.envelope_60hz) == 0.0
    assert cold.wav()[:4] == b"RIFF"
    out.close()


def test_a_hung_engine_is_killed_and_reported(tmp_path):
    fake_python = tmp_path / "python"
    fake_python.write_text("#!/bin/sh\nexec sleep 30\n")
    fake_python.chmod(fake_python.stat().st_mode | stat.S_IEXEC)
    synth = Pyttsx3Synthesizer(timeout_s=0.5, python=str(fake_python))
    started = time.monotonic()
    with pytest.raises(SynthesisError, match="did not answer within"):
        synth.synthesize("Hallo", None, 150)
    assert time.monotonic() - started < 5
    assert not synth._worker.running  # killed; the next request starts a fresh worker
    synth.close()


def test_a_missing_engine_is_a_clear_error(tmp_path):
    synth = Pyttsx3Synthesizer(python=os.fspath(tmp_path / "no-such-python"))
    with pytest.raises(SynthesisError, match="cannot start the speech worker"):
        synth.synthesize("Hallo", None, 150)


def test_no_samples_are_lost(synth, catalog):
    """pyttsx3's own espeak driver drops the last buffer of every utterance and sometimes all
    of it; the worker collects the samples itself. Compare with the espeak-ng command."""
    texts = [q.text["de"] for q in catalog.occupations["koch"].questions.questions]
    for text in texts:
        clip = synth.synthesize(text, "gmw/de", 160)
        reference = read_wav(subprocess.run(["espeak-ng", "-v", "gmw/de", "-s", "160", "--stdout", text],
                                            check=True, capture_output=True).stdout)
        assert clip.duration_s == pytest.approx(reference.duration_s, abs=0.05), text



def test_a_text_without_a_voice_gets_the_default_voice_whatever_the_request_before_chose(synth):
    """The worker serves one request after another: none may inherit the voice of the last.
    Numbers tell the voices apart: German reads them out much longer."""
    text = "1999, 2024 and 77."
    before = synth.synthesize(text, None, 150)
    german = synth.synthesize(text, "gmw/de", 150)
    after = synth.synthesize(text, None, 150)
    assert german.duration_s > before.duration_s + 1.0
    # espeak-ng's output varies by a few milliseconds with what it spoke before (measured
    # 0.04 s here); the German voice would be 1.4 s longer.
    assert after.duration_s == pytest.approx(before.duration_s, abs=0.2)
