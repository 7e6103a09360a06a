"""The calibrated thresholds separate speech from room noise, proven with the recogniser:
real espeak-ng sentences in calibrated room noise, gated with the chosen threshold, then
transcribed by pocketsphinx (en-us)."""

from __future__ import annotations

import pytest

from calibration.mic import analyse, split_recording
from calibration.recognition_check import check_recognition, word_error_rate, words
from calibration.vad import speech_segments
from speech.pocketsphinx_recognizer import PocketSphinxRecognizer
from speech.transcribe import RecognizerTranscriber
from tests.calibration.audio import RATE_HZ, SENTENCE_A, SENTENCE_B, recording


@pytest.fixture(scope="module")
def recognizer():
    """The interview's own English recognizer, as ``vr-station calibrate mic --check-recognition
    --lang en`` uses it where no Vosk model for English is installed."""
    sphinx = PocketSphinxRecognizer()
    yield RecognizerTranscriber(sphinx)
    sphinx.close()


def test_word_error_rate_counts_substitutions_deletions_and_insertions():
    assert word_error_rate("Please tell me more.", "please tell me more") == 0.0
    assert word_error_rate("a b c d", "a x c d") == 0.25
    assert word_error_rate("a b c d", "a c d") == 0.25
    assert word_error_rate("a b c d", "a b c d e f") == 0.5
    assert word_error_rate("a b", "") == 1.0
    assert words("I'm here, aren't I?") == ["i'm", "here", "aren't", "i"]


@pytest.mark.slow
@pytest.mark.parametrize(("speech_dbfs", "noise_dbfs"), [(-26.0, -56.0), (-28.0, -48.0)])
def test_thresholds_separate_speech_from_room_noise_for_the_recognizer(recognizer, speech_dbfs, noise_dbfs):
    made = recording([("pause", 3.5), (SENTENCE_A, 0), ("pause", 3.0), (SENTENCE_B, 0), ("pause", 2.5)],
                     speech_dbfs, noise_dbfs, seed=11)
    m = analyse(*split_recording(made.samples, RATE_HZ), RATE_HZ)
    assert m.vad_threshold_dbfs is not None

    segments = speech_segments(made.samples, RATE_HZ, m.vad_threshold_dbfs, m.end_of_speech_silence_s)

    # One segment per sentence, each covering its sentence; the room noise around them stays out.
    assert len(segments) == 2, segments
    for segment, (start, end) in zip(segments, made.speech_intervals_s, strict=True):
        assert segment.start_s <= start + 0.1
        assert segment.end_s >= end - 0.25
        assert segment.duration_s < (end - start) + 1.0
    assert segments[0].end_s < made.speech_intervals_s[1][0]

    # What the gate passes on is recognised as well as a generous hand-made cut (±0.3 s around
    # the sentence): the threshold cuts no words off. pocketsphinx's en-us model misses a word
    # or two of espeak-ng's voice even in a quiet room, hence the absolute bound of 3 in 12.
    for segment, sentence, (start, end) in zip(segments, (SENTENCE_A, SENTENCE_B),
                                               made.speech_intervals_s, strict=True):
        gated = made.samples[round(segment.start_s * RATE_HZ):round(segment.end_s * RATE_HZ)]
        by_hand = made.samples[round((start - 0.3) * RATE_HZ):round((end + 0.3) * RATE_HZ)]
        result = check_recognition(recognizer, gated, RATE_HZ, sentence)
        reference = check_recognition(recognizer, by_hand, RATE_HZ, sentence)
        assert result.word_error_rate <= 0.25, result
        one_word = 1 / len(words(sentence))
        assert result.word_error_rate <= reference.word_error_rate + one_word, (result, reference)


@pytest.mark.slow
def test_a_threshold_below_the_room_noise_would_not_separate_anything():
    """The control: the gate itself is not what separates, the calibrated threshold is."""
    made = recording([("pause", 3.5), (SENTENCE_A, 0), ("pause", 3.0), (SENTENCE_B, 0), ("pause", 2.5)],
                     -26.0, -50.0, seed=11)
    m = analyse(*split_recording(made.samples, RATE_HZ), RATE_HZ)
    segments = speech_segments(made.samples, RATE_HZ, m.noise_floor_dbfs - 3.0, m.end_of_speech_silence_s)
    assert len(segments) == 1
    assert segments[0].duration_s > 0.9 * made.samples.size / RATE_HZ


@pytest.mark.slow
def test_recognition_check_of_a_whole_calibration_recording(recognizer):
    made = recording([("pause", 3.2), (SENTENCE_A, 0), ("pause", 1.0)], -26.0, -60.0, seed=12)
    result = check_recognition(recognizer, made.samples[3 * RATE_HZ:], RATE_HZ, SENTENCE_A)
    assert result.sentence == SENTENCE_A
    assert result.word_error_rate <= 0.2
    assert set(result.as_dict()) == {"sentence", "heard", "word_error_rate"}


@pytest.mark.slow
def test_noise_alone_gives_no_words_worth_counting(recognizer):
    from tests.calibration.audio import room_noise

    heard = recognizer.transcribe(room_noise(3 * RATE_HZ, -50.0, seed=13), RATE_HZ)
    assert len(words(heard)) <= 1
