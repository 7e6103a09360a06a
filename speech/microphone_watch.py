"""A microphone that goes away during a visit and comes back: the loss is an event, not a crash.

A USB microphone in a kiosk gets unplugged, or its driver resets, in the middle of an answer.
PortAudio then stops calling back (the stream hangs) or ends the stream; either way no audio
arrives, and an error raised in its callback would land on PortAudio's thread, where nobody
hears it. ``WatchedSource`` wraps the station's source and turns both into a status change
(``MicrophoneWatch``, read by the interview room and the heartbeat without waiting):

- **Lost**: the source says so (``AudioSource.on_lost``: the stream ended, a callback
  failed), or no audio came for ``stall_s`` of station time while the session listened.
- **Reopened**: on a thread of its own, first ``ReopenBackoff.first_s`` after the loss, then
  twice as long after each failed try, at most ``max_s`` apart. The times count on the
  station's clock, so a stepped clock (the demo, tests) and a real one agree, and a paused
  station does not burn through its tries.

Nothing of the audio is kept here: chunks go straight on to the session.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from speech.sources import AudioSource, AudioSourceError, Deliver

log = logging.getLogger(__name__)

STALL_S = 2.0
"""No audio for this long while listening means the device is gone (a live source delivers
every 50 ms; PortAudio's callback simply stops when a USB device is pulled on Linux)."""
POLL_S = 0.05
"""How often the watch thread looks at the station's clock (wall seconds; only the polling
granularity: every decision is made in station time)."""


@dataclass(frozen=True)
class MicrophoneStatus:
    """Whether the station's microphone hears the visitor now."""

    present: bool
    error: str | None = None
    """Why it went away (the loss, or the last failed reopen); None while present."""
    changed_at_s: float = 0.0
    """Station time of the last change."""


@dataclass(frozen=True)
class ReopenBackoff:
    """When to try to reopen a lost microphone, in seconds of station time after the loss."""

    first_s: float = 0.5
    factor: float = 2.0
    max_s: float = 8.0
    """A microphone plugged back in is heard again within this long (plus its opening time)."""

    def delay_s(self, failed_tries: int) -> float:
        """The wait before the next try after ``failed_tries`` tries that failed."""
        return min(self.max_s, self.first_s * self.factor ** failed_tries)


class ReopenSchedule:
    """The reopening's timetable (pure logic: station times in, decisions out)."""

    def __init__(self, backoff: ReopenBackoff) -> None:
        self.backoff = backoff
        self.failed_tries = 0
        self.next_try_s: float | None = None
        """None: nothing to reopen."""

    def lost(self, at_s: float) -> None:
        """The device went away at ``at_s``: the first try comes ``first_s`` later."""
        self.failed_tries = 0
        self.next_try_s = at_s + self.backoff.delay_s(0)

    def due(self, now_s: float) -> bool:
        """Whether a reopening should be tried now."""
        return self.next_try_s is not None and now_s >= self.next_try_s

    def failed(self, at_s: float) -> None:
        """A try at ``at_s`` failed: the next one comes later, up to ``max_s`` apart."""
        self.failed_tries += 1
        self.next_try_s = at_s + self.backoff.delay_s(self.failed_tries)

    def reopened(self) -> None:
        """The device is back."""
        self.failed_tries = 0
        self.next_try_s = None


class MicrophoneWatch:
    """The station's microphone status, kept between visitors; any thread reads it at once.

    ``subscribe`` hears each change (on the thread that noticed it: never the render thread's
    business to wait for).
    """

    def __init__(self) -> None:
        self._status = MicrophoneStatus(True)
        self._lock = threading.Lock()
        self._listeners: list[Callable[[MicrophoneStatus], None]] = []

    @property
    def status(self) -> MicrophoneStatus:
        """The status now (replaced whole, so a reader needs no lock)."""
        return self._status

    def subscribe(self, listener: Callable[[MicrophoneStatus], None]) -> None:
        """Call ``listener(status)`` on every change from now on."""
        with self._lock:
            self._listeners.append(listener)

    def set(self, status: MicrophoneStatus) -> None:
        """A new status; the listeners hear it when presence or the error changed."""
        with self._lock:
            old, self._status = self._status, status
            listeners = list(self._listeners) if (old.present, old.error) != (status.present, status.error) \
                else []
        for listener in listeners:
            try:
                listener(status)
            except Exception:  # one listener's fault must not stop the others or the watch
                log.exception("microphone status listener failed")


class WatchedSource(AudioSource):
    """An audio source that survives its device going away and coming back (see the module).

    ``open_source`` makes the inner source (cheap: it opens on ``start``); it is called again
    for each reopening. ``clock`` is the station's time in seconds. ``poll_s`` None: no watch
    thread, the owner calls ``check`` (unit tests, step by step).
    """

    def __init__(self, open_source: Callable[[], AudioSource], watch: MicrophoneWatch,
                 clock: Callable[[], float], *, backoff: ReopenBackoff | None = None,
                 stall_s: float = STALL_S, poll_s: float | None = POLL_S) -> None:
        self._open_source = open_source
        self.watch = watch
        self._clock = clock
        self.schedule = ReopenSchedule(backoff or ReopenBackoff())
        self.stall_s = stall_s
        self._poll_s = poll_s
        self._inner: AudioSource | None = open_source()
        self.simulated = self._inner.simulated
        self._deliver: Deliver | None = None
        self._lock = threading.Lock()
        self._listening = False
        self._last_audio_s = 0.0
        self._lost_reason: str | None = None
        """Set by the inner source (any thread); the watch thread acts on it."""
        self._generation = 0
        """Which inner source is current: a late callback of a lost one is ignored."""
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, deliver: Deliver) -> None:
        """Open the device; raises ``AudioSourceError`` (and marks it absent) when it cannot."""
        self._deliver = deliver
        inner = self._inner
        assert inner is not None
        try:
            self._start_inner(inner)
        except AudioSourceError as exc:
            self.watch.set(MicrophoneStatus(False, str(exc), self._clock()))
            raise
        self.watch.set(MicrophoneStatus(True, None, self._clock()))
        if self._poll_s is not None:
            self._thread = threading.Thread(target=self._run, name="microphone-watch", daemon=True)
            self._thread.start()

    def listening_changed(self, active: bool) -> None:
        """Passed on to the device while it is there; the stall watch runs while listening."""
        with self._lock:
            self._listening = active
            self._last_audio_s = self._clock()
            inner = self._inner
        if inner is not None:
            inner.listening_changed(active)

    def close(self) -> None:
        """Stop watching and release the device; returns promptly."""
        self._closed.set()
        with self._lock:
            inner, self._inner = self._inner, None
            self._generation += 1
        if inner is not None:
            inner.close()

    # -- any thread ------------------------------------------------------------------------

    def _start_inner(self, inner: AudioSource) -> None:
        with self._lock:
            generation = self._generation
            self._lost_reason = None
            self._last_audio_s = self._clock()

        def lost(reason: str) -> None:
            with self._lock:
                if generation == self._generation and self._lost_reason is None:
                    self._lost_reason = reason

        def deliver(pcm: bytes, rate_hz: int) -> None:
            with self._lock:
                if generation != self._generation:
                    return
                self._last_audio_s = self._clock()
            if self._deliver is not None:
                self._deliver(pcm, rate_hz)

        inner.on_lost(lost)
        inner.start(deliver)

    # -- the watch thread ------------------------------------------------------------------

    def _run(self) -> None:
        assert self._poll_s is not None
        while not self._closed.wait(self._poll_s):
            self.check()

    def check(self) -> None:
        """Notice a loss, or reopen when the backoff says so (the watch thread, every ``poll_s``)."""
        if self._closed.is_set():
            return
        now = self._clock()
        with self._lock:
            inner = self._inner
            reason = self._lost_reason
            if inner is not None and reason is None and self._listening and not self.simulated \
                    and now - self._last_audio_s >= self.stall_s:
                reason = f"no audio for {now - self._last_audio_s:.1f} s"
        if inner is not None and reason is not None:
            self._lose(inner, reason, now)
        elif inner is None and self.schedule.due(now):
            self._reopen(now)

    def _lose(self, inner: AudioSource, reason: str, now_s: float) -> None:
        with self._lock:
            self._inner = None
            self._generation += 1
        try:
            inner.close()
        except Exception as exc:  # the device is gone; closing it may fail too
            log.debug("closing the lost microphone: %s", exc)
        self.schedule.lost(now_s)
        self.watch.set(MicrophoneStatus(False, reason, now_s))

    def _reopen(self, now_s: float) -> None:
        try:
            inner = self._open_source()
            self._start_inner(inner)
        except AudioSourceError as exc:
            self.schedule.failed(now_s)
            log.debug("the microphone is still away (next try at %.1f s): %s",
                      self.schedule.next_try_s or 0.0, exc)
            return
        except Exception as exc:  # whatever the driver says: try again later, never crash
            self.schedule.failed(now_s)
            log.debug("reopening the microphone failed: %r", exc)
            return
        with self._lock:
            if self._closed.is_set():
                closing = True
            else:
                closing = False
                self._inner = inner
                listening = self._listening
        if closing:
            inner.close()
            return
        if listening:
            inner.listening_changed(True)
        self.schedule.reopened()
        self.watch.set(MicrophoneStatus(True, None, now_s))
