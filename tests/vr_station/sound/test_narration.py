"""The narrator: speech off the render thread, captions with it, and captions alone when the
voice does not come (a hung or missing speech engine never silences the station's text)."""

from __future__ import annotations

import threading

import pytest

from speech.audio import PcmClip
from speech.speech_out import SpeechOut
from speech.station_speech import StationSpeech
from tests.vr_station.station_fixtures import ToneSynthesizer
from tests.waiting import wait_for_thread
from timebase import SimulatedClock
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.jobs import BackgroundJobs
from vr_station.sound.narration import SYNTHESIS_TIMEOUT_S, Narrator
from vr_station.sound.playback import SpeechPlayer
from vr_station.ui.captions import CaptionBar
from vr_station.ui.fonts import load_fonts
from vr_station.ui.panel import UiKit
from vr_station.ui.theme import Theme


class HangingSynthesizer(ToneSynthesizer):
    def __init__(self) -> None:
        self.release = threading.Event()

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        self.release.wait(10)
        return super().synthesize(text, voice, rate_wpm)


@pytest.fixture
def parts():
    display = HeadlessDisplay(DisplaySettings(size_px=(64, 64), multisamples=0))
    base = display.open()
    head = display.bind(base.render.attachNewNode("rig"))
    captions = CaptionBar(UiKit(load_fonts(), Theme()), base.render, head)
    player = SpeechPlayer(base, head)
    jobs = BackgroundJobs()
    yield captions, player, jobs
    jobs.shutdown(1)
    player.destroy()
    captions.destroy()
    display.close()


def pump(jobs: BackgroundJobs, until, what: str) -> None:
    """Deliver the speech lane's results until ``until()`` (synthesis runs on a real thread)."""
    wait_for_thread(until, what, step=jobs.drain)


def test_narration_plays_with_captions_and_reports_the_end(parts):
    captions, player, jobs = parts
    clock = SimulatedClock()
    speech = StationSpeech(SpeechOut(ToneSynthesizer()))
    narrator = Narrator(jobs, speech, player, captions, clock.now_s)
    done = []
    narrator.say("Willkommen in der Küche.", ["de"], 150, "Rundgang", on_done=lambda: done.append(1))
    pump(jobs, lambda: bool(captions.text), "the narration's voice and captions")
    assert captions.text == "Willkommen in der Küche." and narrator.speaking
    clock.advance(1.0)
    player.update(clock.now_s())
    assert done == [1] and not narrator.speaking and captions.text == ""
    speech.close()


def test_a_voice_that_never_comes_leaves_the_captions(parts):
    captions, player, jobs = parts
    clock = SimulatedClock()
    synth = HangingSynthesizer()
    speech = StationSpeech(SpeechOut(synth))
    narrator = Narrator(jobs, speech, player, captions, clock.now_s)
    done = []
    narrator.say("Hier wird vorbereitet.", ["de"], 150, "Rundgang", on_done=lambda: done.append(1))
    clock.advance(SYNTHESIS_TIMEOUT_S + 0.5)
    narrator.update(clock.now_s())
    assert captions.text == "Hier wird vorbereitet.", "captions without the voice"
    clock.advance(10.0)
    narrator.update(clock.now_s())
    assert done == [1], "the step goes on after the reading time"
    synth.release.set()
    pump(jobs, lambda: jobs.pending == 0, "the late voice's synthesis")
    jobs.drain()
    assert not player.busy, "the late voice is dropped, not played over what came next"
    speech.close()


class RecordingSynthesizer(ToneSynthesizer):
    """Tone audio, and which text and voice each synthesis got."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str | None]] = []

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        self.said.append((text, voice))
        return super().synthesize(text, voice, rate_wpm)


def test_a_language_without_a_voice_shows_captions_only_and_tells_staff(parts, caplog):
    captions, player, jobs = parts
    clock = SimulatedClock()
    synth = RecordingSynthesizer()  # its only voice speaks de and en
    speech = StationSpeech(SpeechOut(synth))
    narrator = Narrator(jobs, speech, player, captions, clock.now_s, ["de"])
    with caplog.at_level("WARNING"):
        narrator.say("Ласкаво просимо на кухню.", ["zle/uk", "uk"], 150, "Екскурсія")
        pump(jobs, lambda: bool(captions.text), "the captions of a narration without voice")
    assert captions.text == "Ласкаво просимо на кухню."
    assert synth.said == [], "no default voice reads Ukrainian with German sounds"
    assert "zle/uk, uk is installed" in caplog.text and "captions only" in caplog.text
    assert speech.missing_voices == [("zle/uk", "uk")]
    speech.close()


def test_a_german_fallback_is_captioned_with_its_mark_and_spoken_in_german(parts):
    from catalog.translations import FALLBACK_MARK, FallbackText

    captions, player, jobs = parts
    clock = SimulatedClock()
    synth = RecordingSynthesizer()
    speech = StationSpeech(SpeechOut(synth))
    narrator = Narrator(jobs, speech, player, captions, clock.now_s, ["de"])
    narrator.say(FallbackText.of("Hier wird vorbereitet."), ["zle/uk"], 150, "Екскурсія")
    pump(jobs, lambda: bool(captions.text), "the German fallback's voice and captions")
    assert captions.text == FALLBACK_MARK + "Hier wird vorbereitet."
    assert synth.said == [("Hier wird vorbereitet.", "tone")]
    speech.close()
