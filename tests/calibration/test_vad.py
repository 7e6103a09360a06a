"""The speech gate: what vad_threshold_dbfs and end_of_speech_silence_s mean."""

import numpy as np
import pytest

from calibration.vad import GateState, SpeechGate, speech_segments

FRAME = 0.03


def run(levels, threshold=-40.0, silence_s=0.3):
    gate = SpeechGate(threshold, silence_s, FRAME)
    segments = [s for s in (gate.feed(level) for level in levels) if s is not None]
    last = gate.finish()
    return segments + ([last] if last else []), gate


def test_opens_on_three_loud_frames_of_five_and_closes_after_the_silence():
    levels = [-60] * 10 + [-30] * 20 + [-60] * 20
    segments, gate = run(levels)
    assert len(segments) == 1
    # Opens at the first loud frame (0.3 s) less the pre-roll; closes 0.2 s after the last one.
    assert segments[0].start_s == pytest.approx(0.3 - 0.2)
    assert segments[0].end_s == pytest.approx(30 * FRAME + 0.2)
    assert gate.state is GateState.QUIET


def test_a_click_does_not_open_the_gate():
    segments, _ = run([-60] * 10 + [-20] * 2 + [-60] * 10)
    assert segments == []


def test_short_pauses_inside_an_answer_keep_it_one_segment():
    levels = [-60] * 5 + [-30] * 10 + [-60] * 6 + [-30] * 10 + [-60] * 20  # 0.18 s pause
    segments, _ = run(levels)
    assert len(segments) == 1


def test_a_long_pause_splits_answers():
    levels = [-60] * 5 + [-30] * 10 + [-60] * 15 + [-30] * 10 + [-60] * 20  # 0.45 s pause
    segments, _ = run(levels)
    assert len(segments) == 2


def test_end_of_audio_closes_an_open_segment():
    segments, _ = run([-60] * 5 + [-30] * 10)
    assert len(segments) == 1
    assert segments[0].end_s == pytest.approx(15 * FRAME)


def test_segments_of_a_recording_in_seconds():
    rate = 16000
    x = np.concatenate([np.zeros(rate), 0.1 * np.ones(rate), np.zeros(2 * rate)])
    segments = speech_segments(x, rate, -40.0, 1.0)
    assert len(segments) == 1
    assert segments[0].start_s == pytest.approx(0.8, abs=0.031)
    assert segments[0].end_s == pytest.approx(2.2, abs=0.031)


def test_the_gate_says_how_long_the_speech_has_been_silent():
    gate = SpeechGate(-40.0, 0.3, frame_s=0.1)
    levels = [-60.0, -20.0, -20.0, -20.0, -60.0, -60.0]
    silences = []
    for level in levels:
        gate.feed(level)
        silences.append(round(gate.silence_s, 3))
    assert silences == [0.0, 0.0, 0.0, 0.0, 0.1, 0.2], "quiet before speech: nothing to end"
    assert gate.feed(-60.0) is not None and gate.silence_s == 0.0, "closed: quiet again"
