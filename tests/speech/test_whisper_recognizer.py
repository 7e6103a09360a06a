"""Whisper base hears real espeak-ng German and English through the station's backend: words,
timings, confidences, fillers, segments decoded while the visitor speaks, no stalled threads."""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import Future

import pytest

from speech.audio import silence
from speech.recognition import AnswerHints
from speech.recognizer_settings import WhisperSettings
from speech.transcript import EMPTY_RESULT, RecognitionResult, folded_tokens, tokens
from speech.whisper_recognizer import WhisperRecognizer
from tests.speech.espeak import espeak_pcm
from tests.speech.models import WHISPER

pytestmark = pytest.mark.slow

GERMAN = "Ich habe im Praktikum in einer Küche gearbeitet und viel über Hygiene gelernt."
ENGLISH = "I worked in a restaurant kitchen for two years and I learned a lot about hygiene."
DECODE_WAIT_S = 120.0
"""How long a test waits for the worker to finish what it was given (measured: 1–8 s)."""


@pytest.fixture(scope="module")
def german(speech_models, catalog):
    """One German recognizer for the module (loading Whisper takes seconds)."""
    recognizer = WhisperRecognizer(speech_models / WHISPER, "de", settings=WhisperSettings(device="cpu"),
                                   recognition_prompt=catalog.languages["de"].recognition_prompt)
    yield recognizer
    recognizer.close()


@pytest.fixture(scope="module")
def english(speech_models, catalog):
    recognizer = WhisperRecognizer(speech_models / WHISPER, "en", settings=WhisperSettings(device="cpu"),
                                   recognition_prompt=catalog.languages["en"].recognition_prompt)
    yield recognizer
    recognizer.close()


def heard_share(result: RecognitionResult, text: str) -> float:
    heard = set(folded_tokens(result.words))
    truth = folded_tokens(tokens(text))
    return sum(t in heard for t in truth) / len(truth)


def check_timings(result: RecognitionResult, speech_start_s: float, duration_s: float) -> None:
    times = [(w.start_s, w.end_s) for w in result.words]
    assert all(s is not None and e is not None and s <= e for s, e in times)
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(times))
    assert times[0][0] >= speech_start_s - 0.05 and times[-1][1] <= duration_s
    assert all(w.conf is not None and 0.0 <= w.conf <= 1.0 for w in result.words)
    assert not any(w.word[-1] in ".,!?" for w in result.words)  # the analysis counts bare words


def test_german_speech_words_with_timings_and_confidences(german):
    pcm = silence(0.5, 16000) + espeak_pcm(GERMAN, voice="de") + silence(0.5, 16000)
    result = german.transcribe(pcm, AnswerHints(("Hygiene", "Küche")))
    assert heard_share(result, GERMAN) >= 0.7, result.text
    assert german.name == "whisper" and german.model == WHISPER and german.device == "cpu"
    check_timings(result, 0.5, len(pcm) / 32000)
    assert result.words[-1].end_s - result.words[0].start_s == pytest.approx(
        (len(pcm) - 32000) / 32000, abs=0.8)


def test_english_speech_words_with_timings_and_confidences(english):
    pcm = silence(0.3, 16000) + espeak_pcm(ENGLISH) + silence(0.5, 16000)
    result = english.transcribe(pcm)
    assert heard_share(result, ENGLISH) >= 0.8, result.text
    check_timings(result, 0.3, len(pcm) / 32000)


def test_fillers_survive_the_recognizer(german, catalog):
    """The prompt keeps hesitations in the station's spelling, so the analysis can count them."""
    text = "Äh, ich habe, ähm, im Lager gearbeitet."
    result = german.transcribe(espeak_pcm(text, voice="de") + silence(0.5, 16000))
    station_fillers = catalog.languages["de"].norms.fillers
    fillers = [w.word.lower() for w in result.words if w.word.lower() in station_fillers]
    assert len(fillers) >= 1, result.text


def test_silence_is_no_words(german):
    assert german.transcribe(silence(3.0, 16000)) == EMPTY_RESULT


def wait_for_worker(recognizer: WhisperRecognizer) -> None:
    """Everything handed to the worker so far is decoded (its jobs run in order)."""
    marker: Future[RecognitionResult] = recognizer.engine().submit(lambda: EMPTY_RESULT)
    marker.result(timeout=DECODE_WAIT_S)


def test_a_long_answer_is_decoded_segment_by_segment_while_it_is_spoken(german):
    first = ("Im Praktikum habe ich in einer Großküche gearbeitet. Ich habe jeden Morgen Gemüse "
             "geschnitten und Soßen vorbereitet. Der Küchenchef hat mir die Schneidetechnik gezeigt. "
             "Das hat mir gefallen.")
    second = "Am Ende durfte ich selbst am Herd stehen."
    stream = german.start_answer(AnswerHints(("Küchenchef",)))
    spoken = espeak_pcm(first, voice="de")
    assert len(spoken) / 32000 >= 12.0  # long enough to close a segment at the next pause
    stream.accept(silence(0.3, 16000) + spoken + silence(0.5, 16000))
    wait_for_worker(german)
    caption = stream.accept(b"")
    # The first segment is known, as a caption, before the answer ends.
    assert caption is not None and "küchenchef" in caption.lower(), caption
    stream.accept(espeak_pcm(second, voice="de") + silence(1.6, 16000))
    result = stream.finish()
    assert heard_share(result, first + " " + second) >= 0.6, result.text
    later = [w for w in result.words if w.start_s is not None and w.start_s > len(spoken) / 32000]
    assert {"ende", "durfte"} <= {w.word.lower() for w in later}, result.text


def test_decoding_leaves_the_gil_to_other_threads(german):
    """CTranslate2 releases the GIL while it encodes and decodes: a thread that wants to run
    every 10 ms runs nearly as often during a long decode as while the test thread sleeps.
    (A decoder that held the GIL would starve it for the 0.5–2 s of each native call.) Both
    rates are measured back to back, so a busy machine slows both alike."""
    pcm = espeak_pcm(ENGLISH, voice="de") * 2 + silence(0.5, 16000)
    german.engine()  # loaded before the measurement

    def turns_per_s(work) -> tuple[float, float]:
        turns: list[float] = []
        stop = threading.Event()

        def ticker() -> None:
            while not stop.is_set():
                turns.append(time.perf_counter())
                time.sleep(0.01)

        thread = threading.Thread(target=ticker, daemon=True)
        started = time.perf_counter()
        thread.start()
        work()
        seconds = time.perf_counter() - started
        stop.set()
        thread.join(timeout=5)
        return len(turns) / seconds, seconds

    def decode_for_a_while() -> None:
        """Decodes until 1.5 s have passed: long enough to show a held GIL on a fast machine."""
        started = time.perf_counter()
        while time.perf_counter() - started < 1.5:
            german.transcribe(pcm)

    decoding, decode_s = turns_per_s(decode_for_a_while)
    idle, _ = turns_per_s(lambda: time.sleep(min(decode_s, 3.0)))
    assert decoding >= 0.4 * idle, \
        f"the other thread ran {decoding:.0f} times a second while decoding, {idle:.0f} beside a sleep"
