"""A station on the headless display with stepped time, for tests of the whole app."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calibration import StationProfile
from catalog import load_catalog
from speech.audio import PcmClip
from speech.synthesis import Synthesizer, VoiceInfo
from tests.conftest import CONTENT
from timebase import SimulatedClock
from vr_station.config import load_config
from vr_station.demo import DemoVisitor, DemoVoice, demo_script
from vr_station.display.base import DisplayState
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.kiosk.flow import KioskState
from vr_station.kiosk.timing import KioskTimings, StepLimits
from vr_station.station import Station, StationParts
from vr_station.steps.tour import TourStep


class ToneSynthesizer(Synthesizer):
    """Speech stand-in for logic tests: 0.08 s of tone per word, through the station's real
    speech output and cache (the demo and interview tests use pyttsx3 with espeak-ng)."""

    engine = "tone"

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        samples = int(16000 * 0.08 * max(1, len(text.split())))
        return PcmClip((np.sin(np.arange(samples) * 0.3) * 8000).astype("<i2").tobytes(), 16000)

    def voices(self) -> tuple[VoiceInfo, ...]:
        return (VoiceInfo("tone", "Tone", ("de", "en")),)


class SwitchableDisplay(HeadlessDisplay):
    """A headless display whose runtime state a test sets (headset taken off, lost)."""

    forced: DisplayState | None = None

    def state(self) -> DisplayState:
        return self.forced or super().state()


@dataclass
class Rig:
    station: Station
    display: SwitchableDisplay
    clock: SimulatedClock
    visitor: DemoVisitor

    def close(self) -> None:
        self.station.close()


def make_station(steps: dict[str, StepLimits] | None = None, *, language: str = "de",
                 real_speech: bool = False, profile: StationProfile | None = None,
                 size_px: tuple[int, int] = (320, 180), **timing) -> Rig:
    """``real_speech``: pyttsx3 (espeak-ng) speaks and the demo visitor answers aloud through
    ``DemoVoice`` (heard by the real recognizer where the language has one). ``profile``: None
    reads the station profile file, as ``vr-station run`` does."""
    config = load_config()
    catalog, _ = load_catalog(CONTENT)
    limits = dict(KioskTimings().steps)
    limits.update(steps or {})
    display = SwitchableDisplay(DisplaySettings(size_px=size_px, multisamples=0))
    clock = SimulatedClock()
    station = Station(display, config, catalog, clock=clock, parts=StationParts(
        synthesizer=None if real_speech else ToneSynthesizer(),
        demo=demo_script(catalog.interview_language(language).code),
        microphone=DemoVoice() if real_speech else None,
        timings=KioskTimings(steps=limits, **timing), profile=profile))
    station.start()
    visitor = DemoVisitor(station, display, clock, None, language=language)
    return Rig(station, display, clock, visitor)


def start_task(rig: Rig, occupation_id: str) -> TourStep:
    """Takes the demo visitor from the attract loop to ``occupation_id``'s tour, clicks "next"
    until the tour stands at the stop that offers the occupation's hands-on task, and starts it.

    Waits for the kiosk's tour state with nothing pending, and after each click until nothing is
    pending plus 0.3 s of station time, so the returned step's ``task_view`` is built and placed.
    """
    visitor = rig.visitor
    visitor.occupation_id = occupation_id
    visitor.attract_and_menus()
    visitor.wait_state(KioskState.TOUR)
    step = rig.station.step
    assert isinstance(step, TourStep)
    while not step.task_here():
        visitor.click("next")
        visitor.settle(0.3)
    visitor.click("task-start")
    visitor.settle(0.3)
    assert step.task_view is not None, f"{occupation_id}: 'task-start' opened no task"
    return step


def to_quick_check(rig: Rig, language: str) -> None:
    """From the attract loop to the quick check: the staff's skip key (F6) to the language menu,
    where the visitor chooses ``language``."""
    visitor = rig.visitor
    visitor.wait_state(KioskState.ATTRACT)
    rig.station.base.messenger.send("f6")
    visitor.wait_state(KioskState.LANGUAGE)
    visitor.click(f"lang:{language}")
    visitor.wait_state(KioskState.QUICK_CHECK)


def skip_to(rig: Rig, language: str, posture: str | None, state: KioskState) -> None:
    """From the attract loop to ``state`` with the staff's skip key (F6), the visitor choosing
    ``language`` (and ``posture``, unless None) on the way; after each skip waits until the
    step's work (a scene being built) is done."""
    station, visitor = rig.station, rig.visitor
    to_quick_check(rig, language)
    if posture is not None:
        visitor.click(f"posture:{posture}")
    while station.state is not state:
        station.base.messenger.send("f6")
        visitor.wait_until(lambda: not station.pending_work(), f"the step before {state}")
