"""The session's speech volume: the profile's volume, raised within its limit, reset per visitor.

This machine has no sound device (OpenAL falls back to Panda3D's null manager, whose volume
reads 0), so the gain reaching the sound effects managers is checked with small fakes."""

from __future__ import annotations

from dataclasses import dataclass, field

from calibration.profile import SpeakerProfile
from vr_station.comfort.loudness import SpeechVolume, sound_effects_gain


def test_the_station_volume_applies_at_start_and_a_visitor_stays_within_the_limit():
    gains: list[float] = []
    volume = SpeechVolume(SpeakerProfile(volume_percent=70.0, max_volume_percent=85.0),
                          gains.append)
    assert gains == [0.7]
    volume.set(120.0)
    assert volume.percent == 85.0 and gains[-1] == 0.85
    volume.set(-5.0)
    assert volume.percent == 0.0
    volume.reset()
    assert volume.percent == 70.0 and gains[-1] == 0.7


def test_a_volume_above_the_limit_starts_at_the_limit():
    volume = SpeechVolume(SpeakerProfile(volume_percent=90.0, max_volume_percent=60.0),
                          lambda gain: None)
    assert volume.percent == volume.station_percent == 60.0


@dataclass
class FakeManager:
    volume: float = 1.0

    def setVolume(self, volume: float) -> None:
        self.volume = volume


@dataclass
class FakeBase:
    sfxManagerList: list[FakeManager] = field(
        default_factory=lambda: [FakeManager(), FakeManager()])


def test_the_gain_reaches_every_sound_effects_manager():
    base = FakeBase()
    sound_effects_gain(base)(0.42)  # type: ignore[arg-type]  # a wrong type on purpose
    assert [m.volume for m in base.sfxManagerList] == [0.42, 0.42]
