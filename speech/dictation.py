"""A short spoken text (the visitor's comment on the station), heard by the interview's parts.

The same speech-in parts as an interview answer: the language's ``Recognizer`` (never one of
another language: the caller passes what ``backends.choose_recognizer`` chose), an
``AudioSource`` (the station's microphone), the calibrated gain and ``EndOfAnswerDetector``
with the profile's end-of-speech silence. It listens on a thread of its own; the caller
(the render thread) only calls ``poll`` and ``finish``, which return at once.

No audio is kept: each chunk goes to the recognizer and is dropped.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from dataclasses import dataclass, replace

from speech.audio import StreamResampler, amplify
from speech.endpoint import EndOfAnswerDetector, EndpointEvent, EndpointSettings
from speech.recognition import AnswerHints, Recognizer
from speech.sources import AudioSource

log = logging.getLogger(__name__)

MAX_DICTATION_S = 60.0
"""Listening stops after this much audio even if the room never falls silent."""
NO_SPEECH_S = 12.0
"""Nothing said for this long after listening began: stop (the visitor changed their mind)."""
_QUEUE_CHUNKS = 400
_SIMULATED_AHEAD_CHUNKS = 4
"""A simulated source waits while this many chunks are queued (as in ``InterviewSession``)."""


@dataclass(frozen=True)
class DictationState:
    """What the visitor's dictation has heard and is doing, as ``poll`` reports it."""
    text: str
    """The words recognized so far (partial while listening, final once done)."""
    speaking: bool
    """Speech was heard (the visitor has started)."""
    done: bool
    failed: bool = False
    """The recognizer or the source failed; ``text`` holds what was heard before."""


class Dictation:
    """Listens once: from ``start`` until end-of-speech silence, ``finish`` or the cap."""

    def __init__(self, recognizer: Recognizer, source: AudioSource, *,
                 endpoint: EndpointSettings | None = None, input_gain_db: float = 0.0) -> None:
        self.recognizer = recognizer
        self.source = source
        self.endpoint = endpoint or EndpointSettings()
        self.input_gain_db = input_gain_db
        self._audio: queue.Queue[tuple[bytes, int] | None] = queue.Queue(_QUEUE_CHUNKS)
        self._lock = threading.Lock()
        self._state = DictationState("", False, False)
        self._stop = threading.Event()
        self._closed = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Open the source (raises ``AudioSourceError`` without a microphone) and listen."""
        self.source.start(self._deliver)
        self.source.listening_changed(True)
        self._thread = threading.Thread(target=self._listen, name="dictation", daemon=True)
        self._thread.start()

    def poll(self) -> DictationState:
        """The dictation's state now (called on the render thread; never blocks on recognition)."""
        with self._lock:
            return self._state

    def finish(self) -> None:
        """The visitor is done ("Fertig"): recognize what was heard and stop."""
        self._stop.set()
        with contextlib.suppress(queue.Full):  # the listener then sees _stop at its next chunk
            self._audio.put_nowait(None)

    def close(self) -> None:
        """Stop without waiting for the result (the step ends)."""
        self._closed = True
        self.finish()
        self.source.close()

    def _deliver(self, pcm: bytes, rate_hz: int) -> None:
        if self._stop.is_set():
            return
        if self.source.simulated:
            # A simulated source (the demo visitor's voice) runs on a stepped clock: it waits
            # for the recognizer rather than running ahead and losing audio when it is slow.
            while self._audio.qsize() >= _SIMULATED_AHEAD_CHUNKS:
                if self._stop.wait(0.002):
                    return
        try:
            self._audio.put_nowait((pcm, rate_hz))
        except queue.Full:
            log.warning("dictation falls behind: audio dropped")

    def _set(self, *, text: str | None = None, speaking: bool | None = None,
             done: bool | None = None, failed: bool | None = None) -> None:
        with self._lock:
            s = self._state
            self._state = replace(s, text=s.text if text is None else text,
                                  speaking=s.speaking if speaking is None else speaking,
                                  done=s.done if done is None else done,
                                  failed=s.failed if failed is None else failed)

    def _listen(self) -> None:
        stream = None
        try:
            # May load the model (seconds); Whisper cuts at pauses by the station's threshold.
            stream = self.recognizer.start_answer(
                AnswerHints(vad_threshold_dbfs=self.endpoint.vad_threshold_dbfs))
            rate = self.recognizer.sample_rate_hz
            detector = EndOfAnswerDetector(self.endpoint)
            resamplers: dict[int, StreamResampler] = {}
            heard_s = 0.0
            while not self._stop.is_set():
                item = self._audio.get()
                if item is None:
                    break
                pcm, rate_hz = item
                if rate_hz != rate:
                    pcm = resamplers.setdefault(rate_hz, StreamResampler(rate_hz, rate)).process(pcm)
                if self.input_gain_db:
                    pcm = amplify(pcm, self.input_gain_db)
                heard_s += len(pcm) / 2 / rate
                partial = stream.accept(pcm)
                if partial is not None:
                    self._set(text=partial)
                event = detector.update(heard_s, pcm, rate)
                if event == EndpointEvent.SPEECH_STARTED:
                    self._set(speaking=True)
                elif event == EndpointEvent.ANSWER_ENDED:
                    break
                if heard_s >= MAX_DICTATION_S or (not detector.speech_started
                                                  and heard_s >= NO_SPEECH_S):
                    break
            result, stream = stream.finish(), None
            self._set(text=result.text or self._state.text, done=True)
        except Exception as exc:
            if self._closed:  # e.g. the station closes its recognizers as it exits
                log.debug("dictation ended on close: %s", exc)
            else:
                log.exception("the spoken comment cannot be recognized")
            if stream is not None:
                try:
                    stream.finish()
                except Exception as exc:
                    log.debug("discarding a dictation stream: %s", exc)
            self._set(done=True, failed=True)
        finally:
            self._stop.set()
            self.source.listening_changed(False)
            self.source.close()
