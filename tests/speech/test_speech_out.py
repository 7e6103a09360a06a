"""Speech out never blocks its caller; one worker thread; cache by (engine, voice, rate, text)."""

from __future__ import annotations

import threading
import time

from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from tests.speech.fakes import FakeSynthesizer


def collect():
    results: list = []
    done = threading.Event()

    def callback(audio, error):
        results.append((audio, error))
        done.set()

    return results, done, callback


def test_request_returns_at_once_while_synthesis_is_slow(tmp_path):
    synth = FakeSynthesizer(delay_s=0.3)
    out = SpeechOut(synth, SpeechCache(tmp_path))
    results, done, callback = collect()
    started = time.perf_counter()
    out.request("Guten Tag", "gmw/de", 160, callback)
    assert time.perf_counter() - started < 0.05
    assert done.wait(5)
    audio, error = results[0]
    assert error is None and audio.text == "Guten Tag" and not audio.from_cache
    assert audio.sample_rate_hz == 16000 and len(audio.envelope_60hz) == round(audio.duration_s * 60)
    out.close()


def test_one_worker_thread_serves_many_callers_and_the_cache_skips_synthesis(tmp_path):
    synth = FakeSynthesizer(delay_s=0.01)
    out = SpeechOut(synth, SpeechCache(tmp_path))
    results: list = []
    lock = threading.Lock()

    def callback(audio, error):
        with lock:
            results.append(audio)

    callers = [threading.Thread(target=lambda i=i: [out.request(f"Frage {i % 3}", "v", 150, callback)
                                                    for _ in range(5)]) for i in range(6)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    out.close()
    assert len(results) == 30
    assert len(synth.threads) == 1 and threading.get_ident() not in synth.threads
    assert sorted(synth.calls) == ["Frage 0", "Frage 1", "Frage 2"]  # the rest came from the cache
    assert sum(a.from_cache for a in results) == 27


def test_cache_key_includes_voice_and_rate(tmp_path):
    synth = FakeSynthesizer()
    out = SpeechOut(synth, SpeechCache(tmp_path))
    for voice, rate in [("a", 150), ("b", 150), ("a", 170), ("a", 150)]:
        out.speak("Hallo", voice, rate)
    out.close()
    assert len(synth.calls) == 3


def test_urgent_requests_overtake_prefetching(tmp_path):
    synth = FakeSynthesizer(delay_s=0.05)
    out = SpeechOut(synth, SpeechCache(tmp_path))
    out.prefetch([f"später {i}" for i in range(10)], "v", 150)
    audio = out.speak("jetzt", "v", 150)
    assert audio.text == "jetzt"
    assert synth.calls.index("jetzt") <= 1  # at most the prefetch already in hand went first
    out.close()


def test_a_failed_utterance_reports_the_error_and_the_worker_goes_on(tmp_path):
    out = SpeechOut(FakeSynthesizer(fail_on="kaputt"), SpeechCache(tmp_path))
    results, done, callback = collect()
    out.request("kaputt", "v", 150, callback)
    assert done.wait(5)
    assert results[0][0] is None and "kaputt" in str(results[0][1])
    assert out.speak("heil", "v", 150).text == "heil"
    out.close()


def test_damaged_cache_entries_are_dropped_and_the_cache_prunes_itself(tmp_path):
    cache = SpeechCache(tmp_path, max_bytes=40_000)
    out = SpeechOut(FakeSynthesizer(), cache)
    out.speak("eins zwei drei", "v", 150)
    key = cache.key("fake", "v", 150, "eins zwei drei")
    cache.path(key).write_bytes(b"not a wav")
    assert cache.get(key) is None and not cache.path(key).exists()
    for i in range(20):
        out.speak(f"wort {i} " * 3, "v", 150)
    assert cache.size_bytes() <= 40_000
    out.close()


def test_words_that_are_not_the_interviewers_are_neither_looked_up_nor_kept(tmp_path):
    cache = SpeechCache(tmp_path)
    synth = FakeSynthesizer()
    out = SpeechOut(synth, cache)
    try:
        done: list = []
        out.request("Meine Antwort", None, 150, lambda audio, error: done.append(audio), cache=False)
        out.speak("Eine Frage?", None, 150)
        assert done and done[0] is not None and not done[0].from_cache
        assert [p.name for p in tmp_path.rglob("*.wav")] == [
            f"{cache.key(synth.engine, '', 150, 'Eine Frage?')}.wav"]
    finally:
        out.close()
