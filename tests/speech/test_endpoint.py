"""End of answer: speech, then silence (both thresholds from calibration), judged on calibration's
30 ms frames by its speech gate."""

from __future__ import annotations

import numpy as np
import pytest

from calibration.levels import FRAME_S
from calibration.profile import MicrophoneProfile
from calibration.vad import POST_ROLL_S, PRE_ROLL_S, speech_segments
from speech.endpoint import EndOfAnswerDetector, EndpointEvent, EndpointSettings

RATE = 16000
CHUNK_S = 0.1
"""Not a whole number of 30 ms frames: the detector must carry the rest over."""


def tone(seconds: float, level_dbfs: float) -> np.ndarray:
    """A sine whose RMS level is ``level_dbfs`` (a sine's peak is 3 dB above its RMS)."""
    t = np.arange(round(seconds * RATE))
    return np.sin(2 * np.pi * 220 * t / RATE) * 10 ** (level_dbfs / 20) * np.sqrt(2)


def pcm(x: np.ndarray) -> bytes:
    return np.clip(np.round(x * 32768), -32768, 32767).astype("<i2").tobytes()


def feed(detector: EndOfAnswerDetector, audio: np.ndarray,
         chunk_s: float = CHUNK_S) -> list[tuple[float, str]]:
    events = []
    step = round(chunk_s * RATE)
    for start in range(0, audio.size, step):
        chunk = audio[start:start + step]
        t = round((start + chunk.size) / RATE, 3)
        event = detector.update(t, pcm(chunk), RATE)
        if event:
            events.append((t, event.value))
    return events


LOUD, QUIET = -20.0, -70.0


def test_speech_then_silence_ends_the_answer_after_the_threshold():
    audio = np.concatenate([tone(0.5, QUIET), tone(1.0, LOUD), tone(2.0, QUIET)])
    events = feed(EndOfAnswerDetector(), audio)
    assert events == [(0.6, EndpointEvent.SPEECH_STARTED), (3.0, EndpointEvent.ANSWER_ENDED)]


def test_short_pauses_inside_an_answer_do_not_end_it():
    audio = np.concatenate([tone(0.5, LOUD), tone(1.4, QUIET), tone(0.5, LOUD), tone(2.0, QUIET)])
    events = feed(EndOfAnswerDetector(), audio)
    assert [e for _, e in events] == ["speech_started", "answer_ended"]
    assert events[-1][0] == pytest.approx(2.4 + 1.5, abs=CHUNK_S)


def test_silence_alone_never_ends_an_answer_and_a_click_does_not_start_one():
    detector = EndOfAnswerDetector()
    click = tone(0.02, LOUD)  # touches at most 2 frames: the gate needs 3 loud ones in 5
    assert feed(detector, np.concatenate([tone(5.0, QUIET), click, tone(5.0, QUIET)])) == []
    assert not detector.speech_started


def test_the_thresholds_come_from_the_calibration_profile():
    profile = MicrophoneProfile(vad_threshold_dbfs=-30.0, end_of_speech_silence_s=0.5)
    settings = EndpointSettings.from_profile(profile)
    assert settings == EndpointSettings(silence_s=0.5, vad_threshold_dbfs=-30.0)
    quiet_talker = np.concatenate([tone(1.0, -36.0), tone(2.0, QUIET)])
    assert feed(EndOfAnswerDetector(settings), quiet_talker) == [], "below this station's threshold"
    assert [e for _, e in feed(EndOfAnswerDetector(), quiet_talker)] == \
        ["speech_started", "answer_ended"], "above the default threshold"
    events = feed(EndOfAnswerDetector(settings), np.concatenate([tone(0.3, LOUD), tone(1.0, QUIET)]))
    assert events[-1] == (0.9, EndpointEvent.ANSWER_ENDED)  # 0.3 s + 17 frames, in the chunk to 0.9 s


def test_defaults_are_the_profiles_defaults():
    defaults = MicrophoneProfile()
    assert EndpointSettings() == EndpointSettings.from_profile(defaults)


@pytest.mark.parametrize("chunk_s", [0.05, 1 / 30, 0.1, 0.256])
def test_the_answer_ends_where_calibrations_speech_gate_closes(chunk_s: float):
    """Same frames, same gate: whatever the chunk size, the answer ends where
    ``calibration.vad.speech_segments`` ends the segment (less its post-roll)."""
    rng = np.random.default_rng(1)
    syllables = [tone(rng.uniform(0.1, 0.3), rng.uniform(-30, -18)) for _ in range(12)]
    gaps = [tone(rng.uniform(0.05, 0.6), -65.0) for _ in syllables]
    speech = np.concatenate([part for pair in zip(syllables, gaps, strict=True) for part in pair])
    audio = np.concatenate([tone(0.7, -65.0), speech, tone(3.0, -65.0)])
    settings = EndpointSettings()
    [segment] = speech_segments(audio, RATE, settings.vad_threshold_dbfs, settings.silence_s)
    events = feed(EndOfAnswerDetector(settings), audio, chunk_s)
    assert [e for _, e in events] == ["speech_started", "answer_ended"]
    closes_s = segment.end_s - POST_ROLL_S + settings.silence_s
    assert closes_s - 1e-3 <= events[-1][0] <= closes_s + chunk_s + 1e-3, "in the chunk that closed it"
    assert segment.start_s + PRE_ROLL_S - FRAME_S <= events[0][0] <= segment.start_s + PRE_ROLL_S \
        + 3 * FRAME_S + chunk_s


def test_a_longer_silence_keeps_a_3_s_pause_inside_the_answer_and_says_how_long_it_lasted():
    """The visitor's "more time to think" (4 s instead of the calibrated 1.5 s): the pause is
    part of the answer, which ends 4 s after its last word; the silence so far is known at
    every chunk (the listening indicator's ring)."""
    audio = np.concatenate([tone(0.5, QUIET), tone(1.0, LOUD), tone(3.0, QUIET), tone(1.0, LOUD),
                            tone(5.0, QUIET)])
    calibrated = feed(EndOfAnswerDetector(EndpointSettings(silence_s=1.5)), audio)
    assert calibrated[-1] == (pytest.approx(1.5 + 1.5, abs=CHUNK_S), EndpointEvent.ANSWER_ENDED)
    patient = EndOfAnswerDetector(EndpointSettings(silence_s=4.0))
    silences: list[tuple[float, float]] = []
    step = round(CHUNK_S * RATE)
    ended_at = None
    for start in range(0, audio.size, step):
        t = round((start + step) / RATE, 3)
        if patient.update(t, pcm(audio[start:start + step]), RATE) is EndpointEvent.ANSWER_ENDED:
            ended_at = t
            break
        silences.append((t, patient.silence_s))
    assert ended_at == pytest.approx(5.5 + 4.0, abs=CHUNK_S)
    assert patient.silence_s == 4.0, "ended: all of the allowed silence has passed"
    at = dict(silences)
    assert at[0.5] == 0.0, "before the first word"
    assert at[1.2] < 0.1, "while speaking"
    assert at[4.4] == pytest.approx(2.9, abs=0.05), "in the pause"
    assert at[5.2] < 0.1, "speaking again"
    assert at[9.0] == pytest.approx(3.5, abs=0.05)
    assert max(s for _, s in silences) < 4.0
