"""The session's ears: the microphone gate, the audio queue and the listener thread.

Audio arrives from the caller's microphone callback or an ``AudioSource`` (any thread). It is
dropped unless the dialogue listens, and for ``gate_tail_s`` after the interviewer's last word
(room echo), so the recognizer never transcribes the interviewer. What passes the gate waits in
a bounded queue for the listener thread, which feeds the recognizer and the end-of-answer
detector and posts the dialogue's events: partial words, speech started, the answer's words.
After each chunk it also leaves how the answer stands (``ListeningProgress``: the silence so
far) where any thread can read it without waiting (``Listener.progress``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from interview_engine.dialogue import (
    AnswerCompleted,
    CandidateSpeechStarted,
    DialogueEvent,
    PartialTranscript,
    Tick,
)
from interview_engine.session.actions import ListeningProgress
from interview_engine.session.settings import SessionSettings
from speech.audio import PcmClip, StreamResampler, amplify, wav_bytes
from speech.endpoint import EndOfAnswerDetector, EndpointEvent
from speech.recognition import AnswerHints, AnswerStream, Recognizer
from speech.transcript import EMPTY_RESULT
from timebase import Clock
from visit_record.private_files import create_private_file, private_dir

log = logging.getLogger(__name__)

_AUDIO_QUEUE_CHUNKS = 400
"""Audio waiting for the recognizer (≈ 20 s of 50 ms chunks); older audio is dropped beyond."""
_SIMULATED_AHEAD_CHUNKS = 4
"""A file source may run this many chunks ahead of the recognizer (keeps its clock close)."""


@dataclass(frozen=True)
class _AudioChunk:
    pcm: bytes
    rate_hz: int
    at_s: float
    """Session time at the chunk's end."""
    fed_wall_s: float


@dataclass(frozen=True)
class _ListenControl:
    start: bool
    listen_id: int


class Listener:
    """Hears the candidate for one session.

    ``listen`` is called on the conductor thread, ``feed`` and ``end_answer`` from any thread;
    none of them waits (a file source excepted, which is paced by the recognizer on purpose).

    ``post`` hands the dialogue's events to the conductor; ``problem`` reports a failed
    recognizer (for staff); ``on_answer_end`` gets the wall time at which the audio that
    completed an answer's end-of-answer silence was fed (the benchmark's turn latency).
    """

    def __init__(self, recognizer: Recognizer, settings: SessionSettings, clock: Clock, *,
                 simulated_source: bool, stopping: threading.Event,
                 post: Callable[[DialogueEvent], None], problem: Callable[[str], None],
                 on_answer_end: Callable[[float], None], terms: tuple[str, ...] = ()) -> None:
        self.recognizer = recognizer
        self.hints = AnswerHints(terms, settings.endpoint.vad_threshold_dbfs)
        """The occupation's terms (Whisper's prompt) and where speech starts (its segments)."""
        self.settings = settings
        self.clock = clock
        self.simulated_source = simulated_source
        """Audio from a file source on a simulated clock: no echo tail, paced feeding."""
        self._stopping = stopping
        self._post = post
        self._problem = problem
        self._on_answer_end = on_answer_end
        self._audio: queue.Queue[_AudioChunk | _ListenControl | None] = queue.Queue(_AUDIO_QUEUE_CHUNKS)
        self._lock = threading.Lock()
        self._gate_listen_id: int | None = None
        self._gate_opens_at_s = 0.0
        self._listen_id = 0
        self._dropped_chunks = 0
        self._progress: ListeningProgress | None = None
        """Of the open listen; replaced whole (one reference), so readers need no lock."""
        self._end_requested: int | None = None
        """The listen whose "Answer done" found the queue full (``end_answer``): ended after
        the chunk the listener thread is on."""

    @property
    def progress(self) -> ListeningProgress | None:
        """How the answer of the open listen stands; None while the gate is closed."""
        return self._progress

    def start(self) -> threading.Thread:
        """Start the thread that runs the recognizer; the session joins it on close."""
        thread = threading.Thread(target=self._run, name="interview-listener", daemon=True)
        thread.start()
        return thread

    def listen(self, active: bool, listen_id: int) -> None:
        """Open the gate for this listen (after the echo tail), or close it."""
        with self._lock:
            if active:
                self._listen_id = listen_id
                self._gate_listen_id = listen_id
                tail = 0.0 if self.simulated_source else self.settings.gate_tail_s
                self._gate_opens_at_s = self.clock.now_s() + tail
            else:
                self._gate_listen_id = None
            self._progress = None
        self._audio.put(_ListenControl(active, listen_id))

    def feed(self, pcm: bytes, rate_hz: int, block: bool) -> None:
        """Candidate audio (16-bit mono PCM at ``rate_hz``), kept only while the gate is open.

        ``block``: a file source waits for the recognizer; live audio is dropped (and counted)
        when the recognizer falls 20 s behind.
        """
        if self._stopping.is_set():
            return
        now = self.clock.now_s()
        with self._lock:
            open_ = self._gate_listen_id is not None and now >= self._gate_opens_at_s
        if not open_:
            return
        chunk = _AudioChunk(pcm, rate_hz, now, time.perf_counter())
        if block:
            # A file source waits for the recognizer, so its clock never runs far ahead.
            while not self._stopping.is_set():
                if self._audio.qsize() < _SIMULATED_AHEAD_CHUNKS:
                    self._audio.put(chunk)
                    return
                self._stopping.wait(0.002)
            return
        try:
            self._audio.put_nowait(chunk)
        except queue.Full:
            self._dropped_chunks += 1
            if self._dropped_chunks in (1, 100, 1000):
                log.warning("recognizer falls behind: %d audio chunks dropped", self._dropped_chunks)

    def end_answer(self) -> None:
        """Take what the recognizer heard so far as the answer (the visitor's "Answer done").

        At once, whatever the silence allowed: the gate closes now (what is said after the
        press is not part of the answer) and the listener ends the answer after the audio
        already waiting, or, when 20 s of it wait, after the chunk it is on.
        """
        with self._lock:
            listen_id = self._gate_listen_id
            if listen_id is None:
                return
            self._gate_listen_id = None
            self._progress = None
        try:
            self._audio.put_nowait(_ListenControl(False, listen_id))
        except queue.Full:
            log.warning("'answer done' with the recognizer %d chunks behind: the rest is dropped",
                        self._audio.qsize())
            with self._lock:
                self._end_requested = listen_id

    def close(self) -> None:
        """Close the gate and let the listener thread end (the session is over)."""
        with self._lock:
            self._gate_listen_id = None
            self._progress = None
        try:
            self._audio.put_nowait(None)
        except queue.Full:
            self._drain()
            self._audio.put_nowait(None)

    def _drain(self) -> None:
        while True:
            try:
                self._audio.get_nowait()
            except queue.Empty:
                return

    def _publish(self, listen_id: int, progress: ListeningProgress) -> None:
        """The listener thread's judgement of one chunk, kept only while that listen is open."""
        with self._lock:
            if listen_id == self._gate_listen_id:
                self._progress = progress

    def _run(self) -> None:
        answer = _AnswerRecognition(self.recognizer, self.settings, self.hints, self._post,
                                    self._on_answer_end, self._publish)
        try:
            while (item := self._audio.get()) is not None:
                if self._stopping.is_set():
                    continue
                if isinstance(item, _ListenControl):
                    if item.start:
                        answer.begin(item.listen_id)
                    else:
                        answer.stop(item.listen_id, self.clock.now_s())
                    continue
                answer.audio(item, simulated=self.clock.simulated)
                with self._lock:
                    ended, self._end_requested = self._end_requested, None
                if ended is not None:  # stop ignores a listen that has already ended
                    answer.stop(ended, self.clock.now_s())
        except Exception as exc:
            log.exception("speech recognition failed")
            self._problem(f"{type(exc).__name__}: {exc}")
            with self._lock:
                listen_id = self._listen_id
            # An empty answer: the interviewer says it did not understand and asks again.
            self._post(AnswerCompleted(self.clock.now_s(), listen_id, EMPTY_RESULT))
        finally:
            answer.discard()


class _AnswerRecognition:
    """The listener thread's state: one recognizer stream and end-of-answer detector per listen."""

    def __init__(self, recognizer: Recognizer, settings: SessionSettings, hints: AnswerHints,
                 post: Callable[[DialogueEvent], None], on_answer_end: Callable[[float], None],
                 publish: Callable[[int, ListeningProgress], None]):
        self.recognizer = recognizer
        self.settings = settings
        self.hints = hints
        self.post = post
        self.on_answer_end = on_answer_end
        self.publish = publish
        self.listen_id: int | None = None
        self.stream: AnswerStream | None = None
        self.detector = EndOfAnswerDetector(settings.endpoint)
        self.resamplers: dict[int, StreamResampler] = {}
        self.kept: list[bytes] = []

    def begin(self, listen_id: int) -> None:
        self.discard()
        self.listen_id = listen_id
        self.stream = self.recognizer.start_answer(self.hints)
        self.detector = EndOfAnswerDetector(self.settings.endpoint)
        self.resamplers = {}

    def stop(self, listen_id: int, at_s: float) -> None:
        if self.stream is not None and listen_id == self.listen_id:
            self._complete(at_s)

    def audio(self, chunk: _AudioChunk, simulated: bool) -> None:
        if self.stream is None or self.listen_id is None:
            return
        rate = self.recognizer.sample_rate_hz
        pcm = chunk.pcm
        if chunk.rate_hz != rate:
            pcm = self.resamplers.setdefault(chunk.rate_hz, StreamResampler(chunk.rate_hz, rate)).process(pcm)
        if self.settings.input_gain_db:
            pcm = amplify(pcm, self.settings.input_gain_db)
        if self.settings.keep_answer_audio_dir is not None:
            self.kept.append(pcm)
        partial = self.stream.accept(pcm)
        if partial is not None:
            self.post(PartialTranscript(chunk.at_s, self.listen_id, partial))
        event = self.detector.update(chunk.at_s, pcm, rate)
        if event == EndpointEvent.SPEECH_STARTED:
            self.post(CandidateSpeechStarted(chunk.at_s, self.listen_id))
        elif event == EndpointEvent.ANSWER_ENDED:
            self.on_answer_end(chunk.fed_wall_s)
            self._complete(chunk.at_s)
            return
        self.publish(self.listen_id, ListeningProgress(
            self.detector.speech_started, self.detector.silence_s, self.settings.endpoint.silence_s))
        if simulated:
            self.post(Tick(chunk.at_s))

    def _complete(self, at_s: float) -> None:
        assert self.stream is not None and self.listen_id is not None
        result = self.stream.finish()
        listen_id = self.listen_id
        self._keep_audio(listen_id)
        self.stream = None
        self.post(AnswerCompleted(at_s, listen_id, result))

    def _keep_audio(self, listen_id: int) -> None:
        folder = self.settings.keep_answer_audio_dir
        if folder is None or not self.kept:
            self.kept = []
            return
        try:
            # The visitor's own voice: private like every file with visitor data.
            private_dir(folder)
            path = folder / f"answer-{listen_id:03d}.wav"
            create_private_file(path)
            path.write_bytes(wav_bytes(PcmClip(b"".join(self.kept), self.recognizer.sample_rate_hz)))
        except OSError as exc:
            log.warning("cannot keep answer audio in %s: %s", folder, exc)
        self.kept = []

    def discard(self) -> None:
        """Drop an open stream without reporting it (cancel, or a new listen)."""
        if self.stream is not None:
            try:
                self.stream.finish()
            except Exception as exc:
                log.debug("discarding a recognizer stream: %s", exc)
        self.stream = None
        self.kept = []
