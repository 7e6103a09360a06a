"""End of answer: speech, then 1.5 s of silence (from calibration)."""

from __future__ import annotations

from interview_engine.endpoint import EndOfAnswerDetector, EndpointEvent, EndpointSettings

LOUD, QUIET = -20.0, -70.0


def feed(detector: EndOfAnswerDetector, levels: list[float], step: float = 0.1) -> list[tuple[float, str]]:
    events = []
    for i, level in enumerate(levels):
        t = round((i + 1) * step, 3)
        event = detector.update(t, step, level)
        if event:
            events.append((t, event.value))
    return events


def test_speech_then_silence_ends_the_answer_after_the_threshold():
    events = feed(EndOfAnswerDetector(), [QUIET] * 5 + [LOUD] * 10 + [QUIET] * 20)
    assert events == [(0.7, EndpointEvent.SPEECH_STARTED), (3.0, EndpointEvent.ANSWER_ENDED)]


def test_short_pauses_inside_an_answer_do_not_end_it():
    levels = [LOUD] * 5 + [QUIET] * 14 + [LOUD] * 5 + [QUIET] * 15
    events = feed(EndOfAnswerDetector(), levels)
    assert [e for _, e in events] == ["speech_started", "answer_ended"]
    assert events[-1][0] == 3.9


def test_silence_alone_never_ends_an_answer_and_a_click_does_not_start_one():
    detector = EndOfAnswerDetector()
    assert feed(detector, [QUIET] * 50 + [LOUD] + [QUIET] * 50) == []
    assert not detector.speech_started


def test_the_threshold_comes_from_settings():
    events = feed(EndOfAnswerDetector(EndpointSettings(silence_s=0.5)), [LOUD] * 3 + [QUIET] * 10)
    assert events[-1] == (0.8, EndpointEvent.ANSWER_ENDED)
