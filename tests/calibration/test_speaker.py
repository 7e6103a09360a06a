import math

import numpy as np
import pytest

from calibration.levels import rms_dbfs
from calibration.p56 import active_speech_level
from calibration.speaker import (
    TEST_SENTENCES,
    TONE_LEVEL_DBFS,
    SpeechOutputUnavailable,
    apply_volume,
    speaker_test_tone,
    synthesize_espeak,
)
from tests.calibration.audio import SENTENCE_A, VOICE_EN, WORDS_PER_MINUTE


def test_tone_level_and_clickless_edges():
    tone = speaker_test_tone(rate_hz=48000)
    assert tone.size == 72000
    middle = tone[4800:-4800]
    assert rms_dbfs(middle) == pytest.approx(TONE_LEVEL_DBFS, abs=0.01)
    assert abs(tone[0]) < 1e-9 and abs(tone[-1]) < 1e-9
    assert np.max(np.abs(np.diff(tone[:960]))) < 0.05  # no jump at the start


def test_volume_scales_the_amplitude_like_pyttsx3():
    tone = speaker_test_tone()
    half = rms_dbfs(tone) + 20 * math.log10(0.5)
    assert rms_dbfs(apply_volume(tone, 50.0)) == pytest.approx(half, abs=1e-9)
    assert not np.any(apply_volume(tone, 0.0))
    with pytest.raises(ValueError, match="0–100"):
        apply_volume(tone, 120.0)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "en"])
def test_test_sentence_is_real_speech(language):
    samples, rate = synthesize_espeak(TEST_SENTENCES[language], language)
    assert rate == 22050
    assert 2.0 < samples.size / rate < 8.0
    level = active_speech_level(samples, rate)
    assert level.active_level_dbfs is not None and -35.0 < level.active_level_dbfs < -5.0
    assert 0.4 < level.activity_factor < 1.0


def test_text_starting_with_a_dash_is_spoken_not_parsed_as_an_option():
    samples, _ = synthesize_espeak("-v is not an option here", "en")
    assert samples.size > 10000


def test_missing_espeak_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SpeechOutputUnavailable, match="apt install espeak-ng"):
        synthesize_espeak("Hallo", "de")


def test_unknown_voice_is_reported():
    with pytest.raises(SpeechOutputUnavailable, match="voice 'xx-nonexistent'"):
        synthesize_espeak("Hallo", "de", voice="xx-nonexistent")


def test_espeak_ng_is_repeatable():
    """The test recordings (tests/calibration/audio.py) remember espeak-ng's samples per text;
    that is sound only while espeak-ng gives the same samples for the same text every time."""
    first, rate = synthesize_espeak(SENTENCE_A, "en", voice=VOICE_EN, words_per_minute=WORDS_PER_MINUTE)
    again, rate_again = synthesize_espeak(SENTENCE_A, "en", voice=VOICE_EN, words_per_minute=WORDS_PER_MINUTE)
    assert rate_again == rate and np.array_equal(again, first)
