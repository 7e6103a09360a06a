"""Speech out without waiting: one worker thread in front of a synthesizer and its disk cache.

pyttsx3 hangs when driven from several threads, so exactly one thread (this worker) ever
talks to the synthesizer. Callers hand in a callback and return at once; urgent requests
(the question the visitor is waiting for) go before prefetching (questions coming later).
One ``SpeechOut`` can serve many sessions: create it at station start, close it at exit.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field

from speech.speech_cache import SpeechCache
from speech.synthesis import SpeechAudio, SynthesisError, Synthesizer

log = logging.getLogger(__name__)

SpeechCallback = Callable[[SpeechAudio | None, Exception | None], None]
"""Called on the worker thread with the audio, or None and the error."""

_URGENT, _PREFETCH, _STOP = 0, 1, 2


@dataclass(order=True)
class _Job:
    priority: int
    order: int
    text: str = field(compare=False)
    voice: str | None = field(compare=False)
    rate_wpm: float = field(compare=False)
    callback: SpeechCallback | None = field(compare=False)
    cache: bool = field(default=True, compare=False)


class SpeechOut:
    """The one thread that talks to ``synthesizer``; results come back through callbacks.

    ``cache`` None: every utterance is synthesized, and ``prefetch`` does nothing.
    """

    def __init__(self, synthesizer: Synthesizer, cache: SpeechCache | None = None):
        self.synthesizer = synthesizer
        self.cache = cache
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._order = itertools.count()
        self._thread = threading.Thread(target=self._run, name="speech-out", daemon=True)
        self._started = False
        self._start_lock = threading.Lock()
        self._closed = False

    def request(self, text: str, voice: str | None, rate_wpm: float,
                callback: SpeechCallback, *, cache: bool = True) -> None:
        """Synthesize (or load from cache) ``text``; ``callback`` gets the result. Returns at once.

        ``cache=False`` for words that are not the interviewer's or the guide's (the demo
        visitor's answers): they are neither looked up nor kept on disk.
        """
        self._submit(_URGENT, text, voice, rate_wpm, callback, cache)

    def prefetch(self, texts: Iterable[str], voice: str | None, rate_wpm: float) -> None:
        """Fill the cache with texts that will be needed later, after any urgent request."""
        if self.cache is None:
            return
        for text in dict.fromkeys(texts):
            self._submit(_PREFETCH, text, voice, rate_wpm, None)

    def speak(self, text: str, voice: str | None, rate_wpm: float,
              timeout_s: float = 60.0) -> SpeechAudio:
        """Blocking convenience for tools and benchmarks; never call it from a render thread."""
        future: Future[SpeechAudio] = Future()

        def done(audio: SpeechAudio | None, error: Exception | None) -> None:
            if error is not None:
                future.set_exception(error)
            else:
                assert audio is not None
                future.set_result(audio)

        self.request(text, voice, rate_wpm, done)
        return future.result(timeout=timeout_s)

    def close(self) -> None:
        """Stop the worker after the job in hand and release the synthesizer."""
        with self._start_lock:
            self._closed = True
            started = self._started
        if started:
            self._jobs.put(_Job(_STOP, -1, "", None, 0.0, None))
            self._thread.join(timeout=10)
        self.synthesizer.close()

    def _submit(self, priority: int, text: str, voice: str | None, rate_wpm: float,
                callback: SpeechCallback | None, cache: bool = True) -> None:
        with self._start_lock:
            if self._closed:
                if callback is not None:
                    callback(None, SynthesisError("speech output is closed"))
                return
            if not self._started:
                self._thread.start()
                self._started = True
        self._jobs.put(_Job(priority, next(self._order), text, voice, rate_wpm, callback, cache))

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job.priority == _STOP:
                return
            if job.callback is None and self._cached(job):
                continue
            try:
                audio = self._produce(job)
            except Exception as exc:  # a failed utterance must not stop the worker
                log.warning("speech synthesis failed: %s", exc)
                if job.callback is not None:
                    job.callback(None, exc)
                continue
            if job.callback is not None:
                try:
                    job.callback(audio, None)
                except Exception:
                    log.exception("speech callback failed")

    def _cached(self, job: _Job) -> bool:
        if self.cache is None:
            return False
        key = self.cache.key(self.synthesizer.engine, job.voice or "", job.rate_wpm, job.text)
        return self.cache.path(key).is_file()

    def _produce(self, job: _Job) -> SpeechAudio:
        started = time.perf_counter()
        voice = job.voice or ""
        key = None
        if self.cache is not None and job.cache:
            key = self.cache.key(self.synthesizer.engine, voice, job.rate_wpm, job.text)
            clip = self.cache.get(key)
            if clip is not None:
                return SpeechAudio.from_clip(job.text, voice, job.rate_wpm, clip, from_cache=True,
                                             synthesis_ms=(time.perf_counter() - started) * 1000)
        clip = self.synthesizer.synthesize(job.text, job.voice, job.rate_wpm)
        if self.cache is not None and key is not None:
            self.cache.put(key, clip)
        return SpeechAudio.from_clip(job.text, voice, job.rate_wpm, clip,
                                     synthesis_ms=(time.perf_counter() - started) * 1000)
