"""A station on the headless display with stepped time, for tests of the whole app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from calibration import StationProfile
from tests.conftest import CONTENT
from vr_station.clock import SteppedClock
from vr_station.config import load_config
from vr_station.content import load_catalog
from vr_station.demo import DemoVisitor, demo_script
from vr_station.display.base import DisplayState
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings
from vr_station.kiosk.timing import KioskTimings, StepLimits
from vr_station.speech.clip import SpeechClip, with_envelope
from vr_station.speech.synthesis import Synthesizer
from vr_station.station import Station, StationParts


class ToneSynthesizer(Synthesizer):
    """Speech stand-in for logic tests: 0.08 s of tone per word (the demo test uses espeak-ng)."""

    def synthesize(self, text: str, voices: Sequence[str], rate_wpm: float) -> SpeechClip:
        samples = int(16000 * 0.08 * max(1, len(text.split())))
        pcm = (np.sin(np.arange(samples) * 0.3) * 8000).astype("<i2").tobytes()
        return with_envelope(pcm, 16000, text)


class SwitchableDisplay(HeadlessDisplay):
    """A headless display whose runtime state a test sets (headset taken off, lost)."""

    forced: DisplayState | None = None

    def state(self) -> DisplayState:
        return self.forced or super().state()


@dataclass
class Rig:
    station: Station
    display: SwitchableDisplay
    clock: SteppedClock
    visitor: DemoVisitor

    def close(self) -> None:
        self.station.close()


def make_station(steps: dict[str, StepLimits] | None = None, *,
                 profile: StationProfile | None = None,
                 size_px: tuple[int, int] = (320, 180), **timing) -> Rig:
    """``profile``: None reads the station profile file, as ``vr-station run`` does."""
    config = load_config()
    catalog, _ = load_catalog(CONTENT)
    limits = dict(KioskTimings().steps)
    limits.update(steps or {})
    display = SwitchableDisplay(DisplaySettings(size_px=size_px, multisamples=0))
    clock = SteppedClock()
    station = Station(display, config, catalog, clock=clock, parts=StationParts(
        synthesizer=ToneSynthesizer(), demo=demo_script("de"),
        timings=KioskTimings(steps=limits, **timing), profile=profile))
    station.start()
    visitor = DemoVisitor(station, display, clock, None)
    return Rig(station, display, clock, visitor)
