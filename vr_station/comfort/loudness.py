"""How loud the station speaks: the profile's volume, raised by a visitor within its limit.

Staff set the station's volume and the most a visitor may raise it to
(``vr-station calibrate speaker --volume … --max-volume …``). A visitor who answers "Nein –
bitte lauter" in the quick check raises it for their session only; the next visitor starts at
the station's volume again. The volume scales every sound the station plays (Panda3D's sound
effects managers: OpenAL gain, linear in amplitude like pyttsx3's volume).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from calibration.profile import SpeakerProfile

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase


class SpeechVolume:
    """The station's speech volume in percent, and this visitor's raise of it.

    ``apply_gain`` sets the output gain, 0 … 1 (``sound_effects_gain(base)``).
    """

    def __init__(self, speaker: SpeakerProfile, apply_gain: Callable[[float], None]) -> None:
        self.station_percent = min(speaker.volume_percent, speaker.max_volume_percent)
        self.max_percent = speaker.max_volume_percent
        self._apply_gain = apply_gain
        self.percent = self.station_percent
        self._apply_gain(self.percent / 100.0)

    def set(self, percent: float) -> None:
        """This session's volume, kept within 0 … the profile's limit."""
        self.percent = max(0.0, min(self.max_percent, percent))
        self._apply_gain(self.percent / 100.0)

    def reset(self) -> None:
        """Back to the station's volume (a new visitor)."""
        self.set(self.station_percent)


def sound_effects_gain(base: ShowBase) -> Callable[[float], None]:
    """Sets the gain of every sound the station plays through ``base``."""

    def apply(gain: float) -> None:
        for manager in base.sfxManagerList:
            manager.setVolume(gain)

    return apply
