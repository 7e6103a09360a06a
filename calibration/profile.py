"""The station profile: what calibration measured, in ``station_profile.yaml`` next to station.yaml.

Staff calibrate a station once (``vr-station calibrate …``); the VR app and the interview
engine read the result at start through ``load_profile(path)``. The file is checked against
``station_profile.schema.json`` like every other file staff may edit. A bad value costs only
that value (it falls back to its default, with a FILE:LINE:COL message); a file that cannot be
read at all costs the whole file. Neither stops the station.

Writes are atomic (temporary file, fsync, rename): a station switched off mid-write keeps the
old profile. A profile that had problems is kept as ``station_profile.yaml.broken-<time>``
before it is replaced, so nothing staff wrote is lost.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from calibration.body import STANDING_EYE_HEIGHT_M
from catalog.problems import ContentError, Problem
from catalog.schema import check_schema
from catalog.yaml_loader import YamlDocument, load_yaml_file

PROFILE_FILE_NAME = "station_profile.yaml"
SCHEMA = "station_profile"
SCHEMA_VERSION = 1

log = logging.getLogger("calibration.profile")


@dataclass(frozen=True)
class HeadsetProfile:
    """The headset's settings: floor offset, play area, default posture, standing eye height."""

    floor_offset_m: float = 0.0
    """Added to the tracking space's height so the real floor is at 0 (0 when the runtime's
    STAGE space already has the floor right)."""
    play_area_width_m: float = 2.0
    """Free floor space left to right."""
    play_area_depth_m: float = 2.0
    """Free floor space front to back."""
    default_posture: str = "standing"
    """standing or seated: how visitors use this station unless the quick check finds otherwise."""
    standing_eye_height_m: float = STANDING_EYE_HEIGHT_M
    """Eye height a seated visitor is lifted to (default: ``calibration.body``)."""


@dataclass(frozen=True)
class MicrophoneProfile:
    """The microphone's settings: input device, gain, measured levels and the speech gate's."""

    device: str | None = None
    """Input device name (or part of it); None: the system's default input."""
    gain_db: float = 0.0
    """Digital gain the station applies to the input; levels below are after this gain."""
    noise_floor_dbfs: float = -60.0
    """Room noise, RMS."""
    speech_level_dbfs: float = -26.0
    """Active speech level (ITU-T P.56) of someone speaking at the station."""
    vad_threshold_dbfs: float = -43.0
    """30 ms frames at or above this level count as speech (see calibration.vad)."""
    end_of_speech_silence_s: float = 1.5
    """An answer ends after this long below the threshold."""
    measured_at: str | None = None
    """When the levels were measured (ISO 8601); None: they are defaults, not measurements."""


@dataclass(frozen=True)
class SpeakerProfile:
    """The speaker's settings: output device, speech volume and how loud visitors may make it."""

    device: str | None = None
    """Output device name (or part of it); None: the system's default output."""
    volume_percent: float = 80.0
    """Speech output amplitude, 0–100 % of full scale (pyttsx3's volume × 100)."""
    max_volume_percent: float = 100.0
    """The most a visitor may raise it to in the quick check ("Nein – bitte lauter"); staff
    lower it where headphones could otherwise get too loud."""


@dataclass(frozen=True)
class StationProfile:
    """What calibration set for one station: headset, microphone and speaker."""

    headset: HeadsetProfile = field(default_factory=HeadsetProfile)
    microphone: MicrophoneProfile = field(default_factory=MicrophoneProfile)
    speaker: SpeakerProfile = field(default_factory=SpeakerProfile)


_SECTIONS: dict[str, type] = {"headset": HeadsetProfile, "microphone": MicrophoneProfile,
                              "speaker": SpeakerProfile}


@dataclass(frozen=True)
class ProfileReading:
    """A station profile as read from its file, and what was wrong with the file."""

    profile: StationProfile
    """The values to use: the file's where valid, defaults elsewhere."""
    problems: tuple[Problem, ...]
    """What was wrong with the file; each affected value fell back to its default."""
    exists: bool
    """False: there is no file, and the defaults apply."""


def load_profile(path: Path) -> StationProfile:
    """The station's profile (the file at ``path``) for the app and the interview; never raises.

    Problems are logged as warnings (FILE:LINE:COL: message) and their values use defaults.
    """
    reading = read_profile(path)
    for problem in reading.problems:
        log.warning("%s (using the default)", problem)
    if not reading.exists:
        log.info("no station profile at %s: defaults apply (set it up with 'vr-station "
                 "calibrate')", path)
    headset, speaker = reading.profile.headset, reading.profile.speaker
    log.info("station profile: floor offset %+.2f m, %s by default, standing eye height %.2f m, "
             "play area %.1f × %.1f m, volume %g %% (visitors up to %g %%)",
             headset.floor_offset_m, headset.default_posture, headset.standing_eye_height_m,
             headset.play_area_width_m, headset.play_area_depth_m, speaker.volume_percent,
             speaker.max_volume_percent)
    return reading.profile


def read_profile(path: Path) -> ProfileReading:
    """The profile in the file at ``path``, each problem found (FILE:LINE:COL) and its default used.

    A missing or unreadable file reads as all defaults; nothing raises on bad content.
    """
    if not path.exists():
        return ProfileReading(StationProfile(), (), False)
    try:
        document = load_yaml_file(path)
    except ContentError as exc:
        return ProfileReading(StationProfile(), tuple(exc.problems), True)
    if document.data is None:
        return ProfileReading(StationProfile(), (), True)
    if not isinstance(document.data, dict):
        return ProfileReading(StationProfile(), tuple(check_schema(document, SCHEMA)), True)
    problems: list[Problem] = []
    sections: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    for key, value in document.data.items():
        if key not in _SECTIONS or not isinstance(value, dict):
            problems += _check_part(document, {key: value})
            continue
        for name, item in value.items():
            found = _check_part(document, {key: {name: item}})
            if found:
                problems += found
            else:
                sections[key][name] = _as_field_type(_SECTIONS[key], name, item)
    profile = StationProfile(**{name: cls(**sections[name]) for name, cls in _SECTIONS.items()})
    profile, consistency = _check_levels(document, profile)
    profile, loudness = _check_volume(document, profile)
    consistency += loudness
    return ProfileReading(profile, tuple(sorted(problems + consistency,
                                                key=lambda p: (p.line or 0, p.column or 0))), True)


def write_profile(path: Path, profile: StationProfile) -> None:
    """Write atomically; a previous file with problems is kept as ``….broken-<time>``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and read_profile(path).problems:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.name}.broken-{stamp}")
        shutil.copy2(path, backup)
        log.warning("%s had problems; kept it as %s", path, backup.name)
    text = render_profile(profile)
    # mkstemp makes the file private (0600); the profile is as readable as station.yaml.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def render_profile(profile: StationProfile) -> str:
    """YAML for staff to read: one commented line per setting."""
    headset, mic, speaker = profile.headset, profile.microphone, profile.speaker
    lines = [
        "# Station profile, written by `vr-station calibrate`. You may edit it; the station",
        "# checks it at start and uses the default for any value it cannot use.",
        f"schema_version: {SCHEMA_VERSION}",
        "headset:",
        f"  floor_offset_m: {_yaml(headset.floor_offset_m)}  # added to tracked height; 0 = runtime's floor",
        f"  play_area_width_m: {_yaml(headset.play_area_width_m)}",
        f"  play_area_depth_m: {_yaml(headset.play_area_depth_m)}",
        f"  default_posture: {_yaml(headset.default_posture)}  # standing or seated",
        f"  standing_eye_height_m: {_yaml(headset.standing_eye_height_m)}  # seated visitors see from here",
        "microphone:",
        f"  device: {_yaml(mic.device)}  # null = system default input",
        f"  gain_db: {_yaml(mic.gain_db)}",
        f"  noise_floor_dbfs: {_yaml(mic.noise_floor_dbfs)}",
        f"  speech_level_dbfs: {_yaml(mic.speech_level_dbfs)}  # ITU-T P.56 active speech level",
        f"  vad_threshold_dbfs: {_yaml(mic.vad_threshold_dbfs)}  # 30 ms frames at or above: speech",
        f"  end_of_speech_silence_s: {_yaml(mic.end_of_speech_silence_s)}",
        f"  measured_at: {_yaml(mic.measured_at)}",
        "speaker:",
        f"  device: {_yaml(speaker.device)}  # null = system default output",
        f"  volume_percent: {_yaml(speaker.volume_percent)}",
        f"  max_volume_percent: {_yaml(speaker.max_volume_percent)}  # visitors may raise it up to this",
    ]
    return "\n".join(lines) + "\n"


def with_microphone(profile: StationProfile, **changes: Any) -> StationProfile:
    """``profile`` with the named microphone settings changed."""
    return replace(profile, microphone=replace(profile.microphone, **changes))


def with_headset(profile: StationProfile, **changes: Any) -> StationProfile:
    """``profile`` with the named headset settings changed."""
    return replace(profile, headset=replace(profile.headset, **changes))


def with_speaker(profile: StationProfile, **changes: Any) -> StationProfile:
    """``profile`` with the named speaker settings changed."""
    return replace(profile, speaker=replace(profile.speaker, **changes))


def _as_field_type(section: type, name: str, value: Any) -> Any:
    """YAML reads ``2`` as an int; the dataclass promises a float."""
    default = getattr(section(), name)
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _check_part(document: YamlDocument, part: dict[str, Any]) -> list[Problem]:
    """Schema problems of one value, reported at its place in the whole file."""
    return check_schema(YamlDocument(document.path, part, document.value_positions,
                                     document.key_positions), SCHEMA)


def _check_levels(document: YamlDocument, profile: StationProfile) -> tuple[StationProfile, list[Problem]]:
    """The gate threshold must sit between room noise and speech, or it never opens/closes."""
    mic = profile.microphone
    if mic.noise_floor_dbfs < mic.vad_threshold_dbfs < mic.speech_level_dbfs:
        return profile, []
    problem = document.problem(("microphone", "vad_threshold_dbfs"), (
        f"microphone.vad_threshold_dbfs ({mic.vad_threshold_dbfs:g}) must lie between "
        f"noise_floor_dbfs ({mic.noise_floor_dbfs:g}) and speech_level_dbfs "
        f"({mic.speech_level_dbfs:g}); run 'vr-station calibrate mic --save'"))
    defaults = MicrophoneProfile()
    fixed = with_microphone(profile, noise_floor_dbfs=defaults.noise_floor_dbfs,
                            speech_level_dbfs=defaults.speech_level_dbfs,
                            vad_threshold_dbfs=defaults.vad_threshold_dbfs, measured_at=None)
    return fixed, [problem]


def _check_volume(document: YamlDocument, profile: StationProfile) -> tuple[StationProfile, list[Problem]]:
    """The station's volume is where a session starts; it cannot lie above the visitors' limit."""
    speaker = profile.speaker
    if speaker.volume_percent <= speaker.max_volume_percent:
        return profile, []
    problem = document.problem(("speaker", "max_volume_percent"), (
        f"speaker.max_volume_percent ({speaker.max_volume_percent:g}) is below volume_percent "
        f"({speaker.volume_percent:g}); using {speaker.volume_percent:g} as the limit"))
    return with_speaker(profile, max_volume_percent=speaker.volume_percent), [problem]


def _yaml(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    # JSON strings are valid double-quoted YAML scalars.
    return json.dumps(str(value), ensure_ascii=False)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
