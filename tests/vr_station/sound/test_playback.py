"""Speech playback with Panda3D's null audio (no sound card): the station's clock still says
when a clip ends, how open the mouth is, and pauses hold the place."""

from __future__ import annotations

import numpy as np
import pytest

from speech.clip import SpeechClip
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.sound.playback import SpeechPlayer


@pytest.fixture(scope="module")
def player():
    display = HeadlessDisplay(DisplaySettings(size_px=(64, 64), multisamples=0))
    base = display.open()
    head = display.bind(base.render.attachNewNode("rig"))
    player = SpeechPlayer(base, head)
    yield player, base
    player.destroy()
    display.close()


def clip(seconds: float):
    rate = 16000
    t = np.arange(int(rate * seconds))
    loud = (np.sin(t * 0.2) * 12000 * (t > rate * seconds / 2)).astype("<i2")
    return SpeechClip.from_pcm(loud.tobytes(), rate, "Hallo")


def test_a_clip_ends_on_the_station_clock_even_without_a_sound_card(player):
    speech, base = player
    assert not speech.audible, "this machine has no sound card: null audio"
    done = []
    mouth = base.render.attachNewNode("mouth")
    playing = speech.play(clip(2.0), 10.0, at=mouth, on_done=lambda: done.append(True))
    assert playing.level(10.5) == 0.0, "silent first half"
    assert playing.level(11.5) > 0.8, "loud second half: the mouth opens"
    speech.update(11.9)
    assert done == [] and speech.busy
    speech.update(12.0)
    assert done == [True] and not speech.busy


def test_a_pause_keeps_the_place_in_the_clip(player):
    speech, _ = player
    done = []
    speech.play(clip(2.0), 0.0, on_done=lambda: done.append(True))
    speech.pause(1.0)
    speech.update(50.0)
    assert done == []
    speech.resume(50.0)
    speech.update(50.9)
    assert done == []
    speech.update(51.0)
    assert done == [True]


def test_stop_ends_without_calling_back(player):
    speech, _ = player
    done = []
    playing = speech.play(clip(1.0), 0.0, on_done=lambda: done.append(True))
    speech.stop(playing)
    speech.update(5.0)
    assert done == [] and playing.finished and playing.level(0.7) == 0.0
