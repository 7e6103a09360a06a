"""Cutting an answer into segments for a recognizer that does not stream: the logic, with a
hand-written decoder whose results the test hands out (Whisper itself: test_whisper_recognizer)."""

from __future__ import annotations

from concurrent.futures import Future

import numpy as np
import pytest

from speech.recognition import RecognizerError
from speech.recognizer_settings import SegmentPolicy
from speech.segmented_stream import SegmentedStream
from speech.transcript import RecognitionResult, RecognizedWord

RATE = 16000


def tone(seconds: float, amplitude: float = 0.3) -> bytes:
    """A loud 220 Hz tone: speech to the gate (about −13 dBFS)."""
    t = np.arange(round(seconds * RATE)) / RATE
    return (amplitude * 32767 * np.sin(2 * np.pi * 220 * t)).astype("<i2").tobytes()


def quiet(seconds: float) -> bytes:
    return bytes(2 * round(seconds * RATE))


class FakeDecoder:
    """Records each segment handed in; the test resolves the futures (or lets them run)."""

    def __init__(self, resolve_at_once: bool = False):
        self.resolve_at_once = resolve_at_once
        self.calls: list[tuple[float, Future[RecognitionResult], object]] = []
        self.urgent: list[bool] = []

    def decode_later(self, pcm, context, urgent):
        future: Future[RecognitionResult] = Future()
        self.calls.append((len(pcm) / 2 / RATE, future, context))
        self.urgent.append(urgent)
        if self.resolve_at_once:
            self.resolve(len(self.calls) - 1)
        return future

    def resolve(self, index: int, text: str | None = None) -> None:
        duration, future, _ = self.calls[index]
        word = text or f"segment{index}"
        if future.running() or future.set_running_or_notify_cancel():
            future.set_result(RecognitionResult((RecognizedWord(word, 0.0, round(duration, 3), 0.9),), word))

    def durations(self) -> list[float]:
        """Seconds of audio per segment handed in, to the 30 ms frame the gate judges by."""
        return [round(d, 1) for d, _, _ in self.calls]


def feed(stream: SegmentedStream, pcm: bytes, chunk_s: float = 0.05) -> list[str]:
    size = 2 * round(chunk_s * RATE)
    return [p for i in range(0, len(pcm), size) if (p := stream.accept(pcm[i:i + size]))]


def sentences(*lengths: float, pause_s: float = 0.5) -> bytes:
    return b"".join(tone(n) + quiet(pause_s) for n in lengths)


def test_segments_close_at_a_pause_once_twelve_seconds_built_up_and_decode_before_the_end():
    decoder = FakeDecoder()
    stream = SegmentedStream(decoder, RATE)
    feed(stream, quiet(0.5) + sentences(4, 4, 4))
    # Two speculative decodes (4 s and 8.5 s of speech, each with the gate's 0.2 s before and
    # after), then the segment closes at the pause after 13 s: decoded while the visitor goes on.
    assert decoder.durations() == [4.4, 8.9, 13.4]
    assert decoder.calls[0][1].cancelled() and decoder.calls[1][1].cancelled()
    # The answer may end at any pause: every decode there is urgent.
    assert decoder.urgent == [True, True, True]
    feed(stream, sentences(3, pause_s=1.6))  # the last sentence and the end-of-answer silence
    assert len(decoder.calls) == 3, "speculation waits until the closed segment is decoded"
    decoder.resolve(2, "first")
    assert stream.accept(b"") == "first"
    assert decoder.durations() == [4.4, 8.9, 13.4, 3.4]
    assert decoder.calls[3][2]() == "first"  # the segment before goes into the prompt
    decoder.resolve(3, "second")
    result = stream.finish()
    assert len(decoder.calls) == 4, "the speculative decode of the last segment was used"
    assert result.text == "first second"
    (first, second) = result.words
    assert first.start_s == pytest.approx(0.5, abs=0.031)  # at the onset, not in the pre-roll
    assert second.start_s == pytest.approx(13.5 + 0.5, abs=0.031)
    assert second.end_s == pytest.approx(13.5 + 0.3 + 3.4, abs=0.031)


def test_a_speculative_decode_not_yet_started_is_dropped_when_the_visitor_goes_on():
    decoder = FakeDecoder()
    stream = SegmentedStream(decoder, RATE)
    feed(stream, sentences(2))
    assert not decoder.calls[0][1].done()
    feed(stream, tone(0.5))
    assert decoder.calls[0][1].cancelled()
    # One already running cannot be stopped; its text still serves as a caption.
    feed(stream, quiet(0.5))
    decoder.calls[1][1].set_running_or_notify_cancel()
    feed(stream, tone(0.5))
    assert not decoder.calls[1][1].cancelled()
    decoder.resolve(1, "so far")
    assert stream.accept(b"") == "so far"


def test_partials_are_the_closed_segments_in_order_then_the_open_one():
    decoder = FakeDecoder()
    stream = SegmentedStream(decoder, RATE)
    feed(stream, sentences(6, 7, 2))  # closes 0–13.7 s; the pause after 2 s more waits for it
    assert decoder.durations()[-1] == 13.7
    decoder.resolve(len(decoder.calls) - 1, "closed")
    assert stream.accept(b"") == "closed"
    assert decoder.durations()[-1] == 2.4  # the worker is free: the open segment is decoded
    decoder.resolve(len(decoder.calls) - 1, "open")
    assert stream.accept(b"") == "closed open"
    assert stream.accept(b"") is None  # unchanged


def test_a_speculative_decode_overtaken_while_running_holds_back_the_next():
    decoder = FakeDecoder()
    stream = SegmentedStream(decoder, RATE)
    feed(stream, sentences(2))
    decoder.calls[0][1].set_running_or_notify_cancel()
    feed(stream, sentences(2))  # more speech, another pause: the worker still runs the first
    assert len(decoder.calls) == 1
    decoder.resolve(0, "two seconds")
    assert stream.accept(b"") == "two seconds"  # still the best caption there is
    assert decoder.durations() == [2.2, 4.7]


def test_a_long_stretch_without_pauses_is_cut_at_its_quietest_frame():
    decoder = FakeDecoder(resolve_at_once=True)
    stream = SegmentedStream(decoder, RATE)
    # 27 s without a pause of 0.35 s; 23.5 s in, a softer 60 ms (still speech to the gate).
    pcm = tone(23.5) + tone(0.06, amplitude=0.05) + tone(3.44)
    feed(stream, pcm)
    assert len(decoder.calls) == 1 and decoder.urgent == [False]  # cut mid-speech: no hurry
    assert decoder.calls[0][0] == pytest.approx(23.5, abs=0.06)
    result = stream.finish()  # "Answer done" while still speaking: the rest is decoded
    assert [round(d, 1) for d in decoder.durations()] == [23.5, 3.5]
    assert result.words[1].start_s == pytest.approx(23.5, abs=0.06)


def test_finishing_mid_speech_decodes_up_to_the_end():
    decoder = FakeDecoder(resolve_at_once=True)
    stream = SegmentedStream(decoder, RATE)
    feed(stream, quiet(1.0) + tone(2.0))
    result = stream.finish()
    assert decoder.durations() == [2.2]  # from the pre-roll to the end of the audio
    assert result.words[0].start_s == pytest.approx(1.0, abs=0.031)


def test_silence_decodes_nothing_and_a_louder_threshold_hears_nothing():
    decoder = FakeDecoder(resolve_at_once=True)
    assert SegmentedStream(decoder, RATE).finish().empty
    stream = SegmentedStream(decoder, RATE, vad_threshold_dbfs=-5.0)  # the station's calibrated level
    feed(stream, sentences(2))
    assert stream.finish().empty and decoder.calls == []


def test_without_speculation_only_closed_segments_are_decoded():
    decoder = FakeDecoder(resolve_at_once=True)
    stream = SegmentedStream(decoder, RATE, policy=SegmentPolicy(speculate=False))
    feed(stream, sentences(4, 4, 4, 3))
    assert [round(d) for d in decoder.durations()] == [13]
    stream.finish()
    assert [round(d) for d in decoder.durations()] == [13, 3]


def test_a_failed_decode_is_a_recognizer_error():
    decoder = FakeDecoder()
    stream = SegmentedStream(decoder, RATE)
    feed(stream, sentences(1))
    decoder.calls[0][1].set_running_or_notify_cancel()
    decoder.calls[0][1].set_exception(RuntimeError("out of memory"))
    with pytest.raises(RecognizerError, match="failed on the answer: RuntimeError: out of memory"):
        stream.finish()
