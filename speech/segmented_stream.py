"""Streaming on top of a recognizer that only decodes closed stretches of audio (Whisper).

The answer is cut into segments at the visitor's pauses while they speak, and each closed
segment is decoded on the recognizer's worker at once, so that when the answer ends only the
last segment is left. Where to cut, measured on the benchmark's espeak-ng answers (README,
"Measured"): at the first pause of at least 0.35 s once 12 s have built up; a segment is cut
at its quietest 30 ms frame when it reaches 25 s without such a pause (Whisper hears 30 s at a
time). Shorter segments lose context and words; one long window loses the head start.

``recognizer_settings.SegmentPolicy`` holds these numbers.

Turn latency: the end of an answer is 1.5 s of silence (``endpoint``). At every pause of
0.35 s the open segment is decoded speculatively, as if the answer had ended there; if it did,
that decode has had the rest of the silence as a head start and ``finish`` only waits for what
is left of it. If the visitor goes on, the result still serves as a live caption and is
otherwise discarded. Speculation only takes the worker's spare time: it starts when nothing
else of the answer is queued or running (a decode overtaken by more speech cannot be stopped
once it runs; queued at every pause they made the worker fall behind by seconds on a busy
machine). Every decode at a pause is "urgent" (the answer may end there: the decoder may
trade a little accuracy for speed); a segment cut mid-speech at its length cap is not.

Pauses are found with calibration's speech gate (``calibration.vad``) at the station's
threshold, the same frames and levels that end the answer, so a segment never ends inside
what the endpointer counts as speech.

The engine behind it is a ``SegmentDecoder``: one worker, jobs in order, so the text of the
segments before is known when a segment's decode starts (it goes into the prompt).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from calibration.levels import FRAME_S, frame_levels_dbfs
from calibration.profile import MicrophoneProfile
from calibration.vad import GateState, SpeechGate
from speech.recognition import AnswerStream, RecognizerError
from speech.recognizer_settings import SegmentPolicy
from speech.transcript import EMPTY_RESULT, RecognitionResult, RecognizedWord, join_results, shift

log = logging.getLogger(__name__)

DEFAULT_VAD_THRESHOLD_DBFS = MicrophoneProfile().vad_threshold_dbfs
FINISH_TIMEOUT_S = 60.0
FINISH_TIMEOUT_PER_AUDIO_S = 3.0
"""``finish`` waits at most 60 s plus 3 s per second of audio not yet decoded (measured: 0.1–0.6)."""
_DEFAULT_POLICY = SegmentPolicy()
_CUT_SEARCH_S = (3.0, 0.3)
"""A segment at its length cap is cut at the quietest frame between 3 s and 0.3 s ago."""


class SegmentDecoder(Protocol):
    """Decodes closed segments on one worker, in the order they were handed in."""

    def decode_later(self, pcm: bytes, context: Callable[[], str], urgent: bool) -> Future[RecognitionResult]:
        """Queue one segment (16 kHz 16-bit mono); its words' times count from its first sample.

        ``context`` returns the text of the answer's segments before this one; it is asked
        when the decode starts (by then the segments before are decoded). ``urgent``: the
        answer may end with this segment, someone may be waiting for it (trade a little
        accuracy for speed); otherwise the visitor is still speaking.
        """
        ...  # pragma: no cover - a protocol


@dataclass
class _Job:
    start_s: float
    end_s: float
    future: Future[RecognitionResult]


class SegmentedStream(AnswerStream):
    """One answer, cut into segments at pauses and decoded segment by segment (see the module).

    ``accept`` never waits: it cuts, queues decodes and returns the text decoded so far when it
    changed (each segment as it is recognised, then what a speculative decode heard of the open
    one). ``finish`` waits for the segments still being decoded.
    """

    def __init__(self, decoder: SegmentDecoder, sample_rate_hz: int,
                 vad_threshold_dbfs: float | None = None, policy: SegmentPolicy = _DEFAULT_POLICY):
        self.decoder = decoder
        self.rate_hz = sample_rate_hz
        self.policy = policy
        self._frame_samples = max(1, round(FRAME_S * sample_rate_hz))
        self._frame_s = self._frame_samples / sample_rate_hz
        self._threshold = DEFAULT_VAD_THRESHOLD_DBFS if vad_threshold_dbfs is None else vad_threshold_dbfs
        self._gate = SpeechGate(self._threshold, policy.pause_s, self._frame_s)
        self._pcm = bytearray()
        self._analysed = 0
        """Bytes of ``_pcm`` already cut into frames."""
        self._levels: list[float] = []
        self._segment_start_s = 0.0
        """Where the open segment begins (the end of the last closed one)."""
        self._speech_start_s: float | None = None
        """Where speech begins in the open segment (None: none yet)."""
        self._speech_end_s = 0.0
        """Where the open segment's speech ended at its last pause."""
        self._closed: list[_Job] = []
        self._speculative: _Job | None = None
        self._wanted: tuple[float, float] | None = None
        """A speculative decode waiting for the worker to be free (start and end of the speech)."""
        self._stale: list[Future[RecognitionResult]] = []
        """Speculative decodes overtaken by more speech that the worker is still running."""
        self._guesses: list[Future[RecognitionResult]] = []
        """The open segment's speculative decodes, latest last: the newest done one is its caption."""
        self._partial = ""

    # -- feeding ---------------------------------------------------------------------------

    def accept(self, pcm: bytes) -> str | None:
        """Feed 16-bit mono PCM; the text decoded so far when it changed, else None. Never waits."""
        self._pcm += pcm
        whole = (len(self._pcm) - self._analysed) // (2 * self._frame_samples) * 2 * self._frame_samples
        if whole:
            block = np.frombuffer(bytes(self._pcm[self._analysed:self._analysed + whole]), dtype="<i2")
            self._analysed += whole
            for level in frame_levels_dbfs(block.astype(np.float64) / 32768.0, self.rate_hz, self._frame_s):
                self._frame(float(level))
        self._speculate_when_free()
        text = self._decoded_text()
        # A caption never steps back: while a closed segment is decoded, the guess for it stays.
        if text and text != self._partial and not self._partial.startswith(text):
            self._partial = text
            return text
        return None

    def _frame(self, level: float) -> None:
        self._levels.append(level)
        was_quiet = self._gate.state is GateState.QUIET
        stretch = self._gate.feed(level)
        if stretch is not None:
            self._pause(max(stretch.start_s, self._segment_start_s), stretch.end_s)
        elif was_quiet and self._gate.state is GateState.SPEAKING:
            self._speech_resumed()
        if self._gate.state is GateState.SPEAKING:
            now_s = len(self._levels) * self._frame_s
            begin = self._speech_start_s if self._speech_start_s is not None else self._segment_start_s
            if now_s - begin >= self.policy.max_segment_s:
                self._close(begin, self._quietest_point(now_s), urgent=False)
                self._speech_start_s = self._segment_start_s  # the visitor is still speaking

    def _pause(self, speech_start_s: float, speech_end_s: float) -> None:
        """The visitor paused for ``pause_s`` after speaking until ``speech_end_s``."""
        if self._speech_start_s is None:
            self._speech_start_s = speech_start_s
        begin = self._speech_start_s
        self._speech_end_s = speech_end_s
        if speech_end_s - begin >= self.policy.min_segment_s:
            self._close(begin, speech_end_s, urgent=True)  # the answer may end at this pause
        elif self.policy.speculate:
            self._drop_speculative()
            self._wanted = (begin, speech_end_s)
            self._speculate_when_free()

    def _speculate_when_free(self) -> None:
        """Start the wanted speculative decode once the worker has nothing of this answer to do.

        Only spare time goes to speculation: a decode queued behind the closed segments would
        delay them, and one overtaken by more speech cannot be stopped once it runs, so with
        decodes queued at every pause the worker would fall behind on a busy machine.
        """
        self._stale = [f for f in self._stale if not f.done()]
        if self._wanted is None or self._stale or any(not job.future.done() for job in self._closed):
            return
        self._speculative = self._submit(*self._wanted, urgent=True)
        self._guesses.append(self._speculative.future)
        self._wanted = None

    def _speech_resumed(self) -> None:
        """The segment goes on: a speculative decode for its pause is of no use now."""
        self._wanted = None
        if self._speculative is not None and not self._speculative.future.cancel():
            self._stale.append(self._speculative.future)
        self._speculative = None

    def _close(self, start_s: float, end_s: float, urgent: bool) -> None:
        self._drop_speculative()
        self._wanted = None
        self._guesses = []
        self._closed.append(self._submit(start_s, end_s, urgent=urgent))
        self._segment_start_s = end_s
        self._speech_start_s = None

    def _drop_speculative(self) -> None:
        if self._speculative is not None:
            if not self._speculative.future.cancel():
                self._stale.append(self._speculative.future)
            self._speculative = None

    def _quietest_point(self, now_s: float) -> float:
        """The middle of the quietest frame between 3 s and 0.3 s ago: where to cut a long segment."""
        first = max(0, int((now_s - _CUT_SEARCH_S[0]) / self._frame_s))
        last = max(first + 1, int((now_s - _CUT_SEARCH_S[1]) / self._frame_s))
        window = self._levels[first:last]
        index = first + int(np.argmin(window)) if window else last
        return (index + 0.5) * self._frame_s

    def _submit(self, start_s: float, end_s: float, urgent: bool) -> _Job:
        first = max(0, round(start_s * self.rate_hz)) * 2
        last = min(len(self._pcm) // 2, round(end_s * self.rate_hz)) * 2
        before = tuple(job.future for job in self._closed)
        return _Job(start_s, end_s, self.decoder.decode_later(bytes(self._pcm[first:last]),
                                                               lambda: _text_of(before), urgent))

    # -- results ---------------------------------------------------------------------------

    def _decoded_text(self) -> str:
        """The closed segments decoded so far, in order, and what a finished speculation heard."""
        parts: list[str] = []
        for job in self._closed:
            if not job.future.done():
                return " ".join(parts)
            parts.append(_text_or_empty(job.future))
        guess = next((f for f in reversed(self._guesses) if f.done() and not f.cancelled()), None)
        if guess is not None:
            parts.append(_text_or_empty(guess))
        return " ".join(p for p in parts if p)

    def finish(self) -> RecognitionResult:
        """The answer's words, times from the stream's first sample; waits for open decodes."""
        self._flush()
        jobs = list(self._closed)
        if self._speech_start_s is not None:
            tail = (self._speech_start_s, self._speech_end_s)
            spec = self._speculative
            if spec is not None and (spec.start_s, spec.end_s) == tail and not spec.future.cancelled():
                jobs.append(spec)  # the answer ended at the pause it was decoded for
            else:
                self._drop_speculative()
                jobs.append(self._submit(*tail, urgent=True))
        self._speculative = None
        pending_s = sum(j.end_s - j.start_s for j in jobs if not j.future.done())
        timeout_s = FINISH_TIMEOUT_S + FINISH_TIMEOUT_PER_AUDIO_S * pending_s
        results = []
        for job in jobs:
            try:
                result = shift(job.future.result(timeout=timeout_s), job.start_s)
                results.append(_not_before(result, self._onset_s(job.start_s, job.end_s)))
            except FutureTimeout:
                raise RecognizerError(f"the recognizer did not decode {job.end_s - job.start_s:.1f} s "
                                      f"of the answer within {timeout_s:.0f} s") from None
            except CancelledError:
                continue
            except RecognizerError:
                raise
            except Exception as exc:
                raise RecognizerError(f"the recognizer failed on the answer: {type(exc).__name__}: "
                                      f"{exc}") from exc
        return join_results(results) if results else EMPTY_RESULT

    def _onset_s(self, start_s: float, end_s: float) -> float:
        """The start of the first loud frame in the segment (it begins with the gate's pre-roll)."""
        first = int(start_s / self._frame_s)
        for index in range(first, min(len(self._levels), int(end_s / self._frame_s) + 1)):
            if self._levels[index] >= self._threshold:
                return max(start_s, index * self._frame_s)
        return start_s

    def _flush(self) -> None:
        """Judge the frames left and close the speech still open at the end."""
        rest = len(self._pcm) - self._analysed
        if rest >= 2:
            block = np.frombuffer(bytes(self._pcm[self._analysed:self._analysed + rest // 2 * 2]),
                                  dtype="<i2").astype(np.float64) / 32768.0
            missing = -block.size % self._frame_samples  # the last frame, completed with silence
            for level in frame_levels_dbfs(np.concatenate((block, np.zeros(missing))), self.rate_hz,
                                           self._frame_s):
                self._frame(float(level))
            self._analysed = len(self._pcm)
        stretch = self._gate.finish()
        if stretch is not None:  # speech up to the end ("Answer done", or the audio stopped)
            if self._speech_start_s is None:
                self._speech_start_s = max(stretch.start_s, self._segment_start_s)
            self._speech_end_s = min(len(self._pcm) / 2 / self.rate_hz, stretch.end_s)


def _not_before(result: RecognitionResult, onset_s: float) -> RecognitionResult:
    """Words that Whisper's alignment starts in the silence before the onset start at the onset.

    The alignment spreads the first word over the pre-roll (measured: it starts 0.2 s early),
    which would lengthen the speaking time the analysis computes.
    """
    words = []
    for w in result.words:
        if w.start_s is not None and w.end_s is not None and w.start_s < onset_s:
            w = RecognizedWord(w.word, round(onset_s, 3), round(max(w.end_s, onset_s), 3), w.conf)
        words.append(w)
    return RecognitionResult(tuple(words), result.text)


def _text_or_empty(future: Future[RecognitionResult]) -> str:
    if future.cancelled() or future.exception() is not None:
        return ""
    return future.result().text


def _text_of(futures: tuple[Future[RecognitionResult], ...]) -> str:
    """The text of segments decoded before (on the worker, in order, so all are done)."""
    return " ".join(t for f in futures if f.done() and (t := _text_or_empty(f)))
