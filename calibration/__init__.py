"""Station calibration: floor and height, seating, microphone and speaker levels.

The app and the interview engine need only ``load_profile(path)``: the station profile with
the floor offset, posture, microphone thresholds and speaker volume staff calibrated (defaults
where nothing was calibrated). The modules below hold the measurements themselves:
``mic`` (noise floor, P.56 speech level, thresholds), ``vad`` (the speech gate the thresholds
are for), ``headset`` (floor, seated lift, recentring), ``speaker`` (test sounds) and
``quick_check`` (the visitor's check at session start).
"""

from calibration.profile import (
    HeadsetProfile,
    MicrophoneProfile,
    SpeakerProfile,
    StationProfile,
    load_profile,
    read_profile,
    write_profile,
)

__all__ = [
    "HeadsetProfile",
    "MicrophoneProfile",
    "SpeakerProfile",
    "StationProfile",
    "load_profile",
    "read_profile",
    "write_profile",
]
