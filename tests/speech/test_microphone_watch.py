"""The microphone watch's logic: a lost device becomes a status change, never an exception on
the audio thread, and it is reopened with backoff on the station's clock (small fakes for the
device; the headless station test hears real espeak-ng audio through it:
tests/vr_station/interview/test_microphone_away.py)."""

from __future__ import annotations

import sys
import types

import pytest

from speech.microphone import MicrophoneSource
from speech.microphone_watch import (
    MicrophoneStatus,
    MicrophoneWatch,
    ReopenBackoff,
    ReopenSchedule,
    WatchedSource,
)
from speech.sources import AudioSource, AudioSourceError
from tests.waiting import wait_for_thread
from timebase import SimulatedClock

CHUNK = bytes(1600)


class Plug:
    """The device's socket: the test pulls the plug and puts it back."""

    def __init__(self) -> None:
        self.in_ = True
        self.opened: list[FakeDevice] = []


class FakeDevice(AudioSource):
    """A microphone on ``plug``: it opens only while plugged in; ``hear`` delivers a chunk."""

    def __init__(self, plug: Plug) -> None:
        self.plug = plug
        self.deliver = None
        self.lost = None
        self.closed = False
        self.listening: list[bool] = []

    def on_lost(self, lost):
        self.lost = lost

    def start(self, deliver):
        if not self.plug.in_:
            raise AudioSourceError("no microphone found")
        self.deliver = deliver
        self.plug.opened.append(self)

    def listening_changed(self, active):
        self.listening.append(active)

    def close(self):
        self.closed = True

    def hear(self) -> None:
        assert self.deliver is not None
        self.deliver(CHUNK, 16000)


def watched(plug: Plug, clock: SimulatedClock, **kwargs) -> tuple[WatchedSource, MicrophoneWatch, list]:
    watch = MicrophoneWatch()
    changes: list[MicrophoneStatus] = []
    watch.subscribe(changes.append)
    source = WatchedSource(lambda: FakeDevice(plug), watch, clock.now_s, poll_s=None, **kwargs)
    return source, watch, changes


def test_the_backoff_doubles_up_to_its_cap_in_station_time():
    schedule = ReopenSchedule(ReopenBackoff(first_s=0.5, factor=2.0, max_s=4.0))
    assert not schedule.due(1e9), "nothing to reopen before a loss"
    schedule.lost(10.0)
    assert not schedule.due(10.49) and schedule.due(10.5)
    tries = []
    now = 10.5
    for _ in range(5):
        schedule.failed(now)
        assert schedule.next_try_s is not None
        tries.append(round(schedule.next_try_s - now, 3))
        now = schedule.next_try_s
    assert tries == [1.0, 2.0, 4.0, 4.0, 4.0]
    schedule.reopened()
    assert not schedule.due(1e9)
    schedule.lost(100.0)
    assert schedule.next_try_s == 100.5, "a new loss starts the backoff afresh"


def test_a_device_that_goes_away_is_an_event_and_comes_back_on_the_station_clock():
    clock, plug = SimulatedClock(), Plug()
    source, watch, changes = watched(plug, clock)
    heard: list[bytes] = []
    source.start(lambda pcm, rate: heard.append(pcm))
    source.listening_changed(True)
    first = plug.opened[0]
    first.hear()
    assert watch.status.present and len(heard) == 1

    # The driver resets mid-answer: the device says so from its own thread; nothing raises.
    plug.in_ = False
    first.lost("the microphone's audio stream ended")
    clock.advance(0.25)  # quarter seconds: exact in binary, so "due" is exact too
    source.check()
    assert watch.status == MicrophoneStatus(False, "the microphone's audio stream ended", 0.25)
    assert first.closed and changes == [watch.status]
    first.hear()  # a late callback of the lost stream is not passed on
    assert len(heard) == 1

    # Tries 0.5 s after the loss, then 1 s, 2 s … later in station time, none before.
    clock.advance(0.25)
    source.check()
    assert len(plug.opened) == 1 and source.schedule.failed_tries == 0
    clock.advance(0.25)  # 0.75 s: the first try, the device is still away
    source.check()
    assert source.schedule.failed_tries == 1 and source.schedule.next_try_s == 1.75
    clock.advance(0.75)
    source.check()
    assert source.schedule.failed_tries == 1, "the next try waits for the station's clock"

    plug.in_ = True  # put back
    clock.advance(0.25)
    source.check()
    assert watch.status == MicrophoneStatus(True, None, 1.75)
    second = plug.opened[1]
    assert second.listening == [True], "the open listen goes on with the new device"
    second.hear()
    assert len(heard) == 2
    assert [c.present for c in changes] == [False, True]
    source.close()
    assert second.closed


def test_a_device_that_stops_delivering_while_listening_is_lost_after_the_stall_time():
    clock, plug = SimulatedClock(), Plug()
    source, watch, _ = watched(plug, clock, stall_s=2.0)
    source.start(lambda pcm, rate: None)
    clock.advance(10.0)
    source.check()
    assert watch.status.present, "not listening: a silent source is fine"
    source.listening_changed(True)
    clock.advance(1.9)
    plug.opened[0].hear()
    clock.advance(1.9)
    source.check()
    assert watch.status.present, "audio came 1.9 s ago"
    clock.advance(0.1)
    source.check()
    assert not watch.status.present and watch.status.error == "no audio for 2.0 s"
    source.close()


def test_a_microphone_missing_at_start_is_reported_absent_and_raises_for_the_typed_path():
    clock, plug = SimulatedClock(), Plug()
    plug.in_ = False
    source, watch, _ = watched(plug, clock)
    with pytest.raises(AudioSourceError):
        source.start(lambda pcm, rate: None)
    assert watch.status == MicrophoneStatus(False, "no microphone found", 0.0)


def test_the_watch_thread_notices_a_loss_without_anyone_polling():
    clock, plug = SimulatedClock(), Plug()
    watch = MicrophoneWatch()
    source = WatchedSource(lambda: FakeDevice(plug), watch, clock.now_s)
    source.start(lambda pcm, rate: None)
    plug.in_ = False
    plug.opened[0].lost("gone")
    wait_for_thread(lambda: not watch.status.present, "the watch thread to notice the loss")
    plug.in_ = True
    clock.advance(0.5)
    wait_for_thread(lambda: watch.status.present, "the watch thread to reopen at 0.5 s station time")
    source.close()


class FakeStream:
    """sounddevice's ``RawInputStream`` as far as ``MicrophoneSource`` uses it."""

    last: FakeStream | None = None

    def __init__(self, *, callback, finished_callback, **kwargs):
        self.callback = callback
        self.finished_callback = finished_callback
        FakeStream.last = self

    def start(self):
        pass

    def stop(self):
        pass

    def close(self):
        pass


class CallbackAbort(Exception):
    pass


@pytest.fixture
def fake_sounddevice(monkeypatch):
    """A stand-in for the PortAudio binding (this machine has no microphone to pull out)."""
    module = types.ModuleType("sounddevice")
    module.PortAudioError = type("PortAudioError", (Exception,), {})  # type: ignore[attr-defined]
    module.CallbackAbort = CallbackAbort  # type: ignore[attr-defined]
    module.query_devices = lambda device, kind: {"name": "USB Mic", "default_samplerate": 16000}  # type: ignore[attr-defined]
    module.check_input_settings = lambda **kwargs: None  # type: ignore[attr-defined]
    module.RawInputStream = FakeStream  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    return module


def test_the_portaudio_source_reports_an_ended_stream_and_a_failing_callback_as_a_loss(fake_sounddevice):
    lost: list[str] = []
    mic = MicrophoneSource()
    mic.on_lost(lost.append)

    def deliver(pcm, rate):
        raise RuntimeError("queue closed")

    mic.start(deliver)
    stream = FakeStream.last
    assert stream is not None
    with pytest.raises(CallbackAbort):  # PortAudio ends the stream quietly, no traceback on its thread
        stream.callback(b"\0\0" * 800, 800, None, None)
    assert lost == ["the audio callback failed: RuntimeError: queue closed"]
    stream.finished_callback()  # the device went away
    assert lost[-1] == "the microphone's audio stream ended"
    count = len(lost)
    mic.close()
    stream.finished_callback()  # closing ends the stream too: not a loss
    assert len(lost) == count
