"""The station's one speech path: real espeak-ng through the engine's pyttsx3 worker, on the
speech lane (never the caller's thread), cached on disk for the next time."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from speech.audio import PcmClip
from speech.clip import SpeechClip
from speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
from speech.speech_out import SpeechOut
from speech.station_speech import SpeechUnavailable, StationSpeech, station_speech
from speech.synthesis import SynthesisError
from tests.vr_station.station_fixtures import ToneSynthesizer
from vr_station.jobs import SPEECH, BackgroundJobs

GERMAN = ["gmw/de", "de"]
TEXT = "Willkommen in der Küche. Schauen Sie sich in Ruhe um."


def on_the_speech_lane(speech: StationSpeech, text: str, voices: list[str]) -> tuple[SpeechClip, int]:
    jobs = BackgroundJobs()
    clips: list[SpeechClip] = []
    workers: list[int] = []

    def work() -> SpeechClip:
        workers.append(threading.get_ident())
        return speech.synthesize(text, voices, 150)

    jobs.submit(SPEECH, "narration", work, on_done=clips.append)
    end = time.monotonic() + 30
    while not clips and time.monotonic() < end:
        jobs.drain()
        time.sleep(0.01)
    jobs.shutdown()
    assert clips, "no speech within 30 s"
    return clips[0], workers[0]


@pytest.mark.slow
def test_german_narration_is_real_speech_cached_for_the_next_time(tmp_path: Path):
    speech = station_speech(tmp_path / "cache")
    try:
        assert isinstance(speech.speech_out.synthesizer, Pyttsx3Synthesizer)
        clip, worker = on_the_speech_lane(speech, TEXT, GERMAN)
        assert worker != threading.get_ident()
        assert 2.0 < clip.duration_s < 8.0 and clip.sample_rate_hz >= 16000
        samples = np.frombuffer(clip.pcm, dtype="<i2")
        assert np.abs(samples).max() > 3000, "audible speech, not silence"
        assert len(clip.envelope_60hz) == pytest.approx(clip.duration_s * 60, abs=2)
        assert max(clip.envelope_60hz) > 0.5 and min(clip.envelope_60hz) < 0.1
        assert speech.voice_for(GERMAN) == "gmw/de"
        cached = list((tmp_path / "cache" / "speech").rglob("*.wav"))
        assert len(cached) == 1, "one entry: the text, voice and rate said"
        synthesizer = speech.speech_out.synthesizer
        assert isinstance(synthesizer, Pyttsx3Synthesizer)
        synthesizer.close()  # from here on, synthesizing would start the engine again
        again = speech.synthesize(TEXT, GERMAN, 150)
        assert again.pcm == clip.pcm
        assert not synthesizer._worker.running, "from the cache, not synthesized again"
    finally:
        speech.close()


@pytest.mark.slow
def test_a_language_without_its_voice_is_not_spoken_and_staff_are_told(tmp_path: Path, caplog):
    """The default voice would read Ukrainian with German sounds: captions only instead."""
    speech = station_speech(tmp_path)
    try:
        with caplog.at_level(logging.WARNING), pytest.raises(SpeechUnavailable, match="no-such"):
            speech.synthesize("Hallo", ["no-such-voice"], 150)
        assert "content/languages.yaml: speech.tts_voices" in caplog.text
        assert "captions only" in caplog.text
        assert speech.missing_voices == [("no-such-voice",)]
    finally:
        speech.close()


@pytest.mark.slow
def test_espeak_ng_has_a_voice_for_every_shipped_language(tmp_path: Path):
    from catalog import load_catalog
    from tests.conftest import CONTENT

    catalog, _ = load_catalog(CONTENT)
    speech = station_speech(tmp_path)
    try:
        chosen = {code: speech.voice_for(lang.tts_voices) for code, lang in catalog.languages.items()}
        assert chosen.pop("en") is not None
        assert chosen == {"de": "gmw/de", "uk": "zle/uk", "ar": "sem/ar", "tr": "trk/tr",
                          "ru": "zle/ru", "de-x-ls": "gmw/de"}
        assert speech.synthesize("Ласкаво просимо", catalog.languages["uk"].tts_voices,
                                 150).duration_s > 0.3
    finally:
        speech.close()


class BrokenEngine(ToneSynthesizer):
    def voices(self):
        raise SynthesisError("the speech worker ended unexpectedly")

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        raise SynthesisError("espeak-ng is not installed")


def test_no_speech_engine_is_a_clear_error_the_narrator_turns_into_captions():
    speech = StationSpeech(SpeechOut(BrokenEngine()))
    try:
        with pytest.raises(SpeechUnavailable, match="apt-get install espeak-ng"):
            speech.synthesize("Hallo", GERMAN, 150)
    finally:
        speech.close()


def test_a_failing_utterance_is_a_clear_error():
    class Mute(ToneSynthesizer):
        def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
            raise SynthesisError("the speech engine returned silence for 'Hallo'")

    speech = StationSpeech(SpeechOut(Mute()))
    try:
        with pytest.raises(SpeechUnavailable, match="returned silence"):
            speech.synthesize("Hallo", GERMAN, 150)
    finally:
        speech.close()
