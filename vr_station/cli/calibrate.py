"""``vr-station calibrate …``: set a station up once (microphone, speaker, floor, seating).

Exit status: 0 done (warnings included); 1 measured, but not good enough to save; 2 bad input
(an unreadable or too short WAV file, an impossible value); 3 the audio device or speech
software is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calibration.profile import (
    ProfileReading,
    StationProfile,
    read_profile,
    with_headset,
    with_microphone,
    with_speaker,
    write_profile,
)
from vr_station.config import StationConfig, load_config

if TYPE_CHECKING:
    from speech.backends import RecognizerChoice

EXIT_UNUSABLE = 1
EXIT_BAD_INPUT = 2
EXIT_NO_DEVICE = 3
LEAD_IN_S = 0.25
"""Recorded and dropped before the quiet phase: a device's first buffers can hold a click."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station calibrate show|mic|speaker|devices|floor|seated|play-area`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "calibrate", help="calibrate microphone, speaker, floor and seating (station profile)",
        description="Measure and set what this station's profile holds. Results are saved with "
                    "--save (or by the commands that only set values) to station_profile.yaml "
                    "next to station.yaml.",
        epilog="Exit status: 0 done, 1 measured but not usable, 2 bad input, 3 device missing.")
    commands = parser.add_subparsers(dest="calibrate_command", metavar="ACTION", required=True)

    show = commands.add_parser("show", help="print the station profile and any problems in it")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    mic = commands.add_parser(
        "mic", help="measure room noise and speech level; choose the speech-gate threshold",
        description="Records 3 s of the quiet room, then someone reading a sentence aloud (or "
                    "reads both from --input). Prints noise_floor_dbfs, speech_level_dbfs "
                    "(ITU-T P.56), snr_db, clipping and the chosen thresholds.")
    mic.add_argument("--input", type=Path, metavar="WAV",
                     help="a recording: at least 3 s of room noise, then speech (instead of the mic)")
    mic.add_argument("--device", help="microphone: index or (part of) its name (default: the profile's)")
    mic.add_argument("--speech-seconds", type=float, default=8.0,
                     help="how long to record the sentence (live; default 8)")
    mic.add_argument("--end-of-speech-silence", type=float, metavar="SECONDS",
                     help="silence that ends an answer (default: the profile's, 1.5 s)")
    mic.add_argument("--check-recognition", action="store_true",
                     help="also run the interview's recogniser for the language on the speech and "
                          "show the word error rate (refused where the language has none installed)")
    mic.add_argument("--lang", metavar="LANG",
                     help="language of the sentence read aloud and of the recognition check, "
                          "e.g. de or en (default: the station's)")
    mic.add_argument("--sentence", help="the sentence read aloud (default: the language's own)")
    mic.add_argument("--json", action="store_true", help="print JSON")
    mic.add_argument("--save", action="store_true", help="store the levels and thresholds in the profile")
    mic.set_defaults(handler=_mic)

    speaker = commands.add_parser("speaker", help="play a test tone or sentence; set the volume")
    what = speaker.add_mutually_exclusive_group()
    what.add_argument("--tone", action="store_true", help="a 1 kHz test tone (default)")
    what.add_argument("--sentence", nargs="?", const="", metavar="TEXT",
                      help="a spoken test sentence (espeak-ng); TEXT overrides the default one")
    speaker.add_argument("--language", help="language of the sentence (default: the station's)")
    speaker.add_argument("--volume", type=float, metavar="PERCENT",
                         help="0–100 %% (default: the profile's)")
    speaker.add_argument("--max-volume", type=float, metavar="PERCENT",
                         help="the most a visitor may raise the volume to in the quick check "
                              "(saved with --save; default: the profile's, 100)")
    speaker.add_argument("--device", help="speaker: index or (part of) its name (default: the profile's)")
    speaker.add_argument("--output", type=Path, metavar="WAV", help="write the sound to a file instead")
    speaker.add_argument("--save", action="store_true", help="store volume (and device) in the profile")
    speaker.set_defaults(handler=_speaker)

    devices = commands.add_parser("devices", help="list microphones and speakers")
    devices.set_defaults(handler=_devices)

    floor = commands.add_parser(
        "floor", help="set the floor offset",
        description="Either give the offset, or the tracked head height someone read off the "
                    "staff menu while standing upright and looking ahead, with their body height.")
    floor.add_argument("--offset-m", type=float, help="metres added to tracked heights")
    floor.add_argument("--head-height-m", type=float, help="tracked head height, standing upright")
    floor.add_argument("--body-height-cm", type=float, help="that person's body height")
    floor.set_defaults(handler=_floor)

    seated = commands.add_parser("seated", help="standing or seated by default; eye height to lift to")
    seated.add_argument("--default", choices=("standing", "seated"), dest="posture")
    seated.add_argument("--standing-eye-height-m", type=float)
    seated.set_defaults(handler=_seated)

    area = commands.add_parser("play-area", help="set the free floor space")
    area.add_argument("--width-m", type=float, required=True)
    area.add_argument("--depth-m", type=float, required=True)
    area.set_defaults(handler=_play_area)


# --- show ---------------------------------------------------------------------------------

def _show(args: argparse.Namespace) -> int:
    path, reading = _read()
    if args.json:
        print(json.dumps({"path": str(path), "exists": reading.exists,
                          "problems": [str(p) for p in reading.problems],
                          "profile": asdict(reading.profile)}, indent=2, ensure_ascii=False))
        return 0
    state = "" if reading.exists else " (not present: defaults apply)"
    print(f"# {path}{state}")
    for section, values in asdict(reading.profile).items():
        for key, value in values.items():
            name = f"{section}.{key}"
            print(f"{name:<36} {'null' if value is None else value}")
    return 0


# --- microphone ---------------------------------------------------------------------------

def _mic(args: argparse.Namespace) -> int:
    from calibration.mic import NOISE_S, analyse, split_recording
    from calibration.recognition_check import READ_ALOUD_SENTENCES
    from calibration.wav import WavError, read_wav
    from speech.devices import AudioDeviceError

    config = load_config()
    language = args.lang or config.default_language
    checker: _RecognitionCheck | None = None
    if args.check_recognition:
        # Before anything is recorded: nobody reads a sentence aloud for a check that cannot run.
        prepared = _prepare_recognition(config, language, args.sentence)
        if isinstance(prepared, int):
            return prepared
        checker = prepared
    path, reading = _read()
    profile = reading.profile
    end_silence = args.end_of_speech_silence or profile.microphone.end_of_speech_silence_s
    if not 0.3 <= end_silence <= 5.0:
        return _fail(EXIT_BAD_INPUT, "--end-of-speech-silence must be 0.3–5 s")
    if not 2.0 <= args.speech_seconds <= 30.0:
        return _fail(EXIT_BAD_INPUT, "--speech-seconds must be 2–30 s")
    device_name: str | None = None
    if args.input is not None:
        try:
            samples, rate = read_wav(args.input)
            noise, speech = split_recording(samples, rate)
        except WavError as exc:
            return _fail(EXIT_BAD_INPUT, str(exc))
        except ValueError as exc:  # too short
            return _fail(EXIT_BAD_INPUT, f"{args.input}: {exc}")
    else:
        sentence = checker.sentence if checker is not None else \
            args.sentence or READ_ALOUD_SENTENCES.get(language, READ_ALOUD_SENTENCES["en"])
        try:
            noise, speech, rate, device_name = _record_live(
                args.device or profile.microphone.device, profile.microphone.gain_db,
                NOISE_S, args.speech_seconds, sentence)
        except AudioDeviceError as exc:
            return _fail(EXIT_NO_DEVICE, str(exc))
    measurement = analyse(noise, speech, rate, end_silence)
    result: dict[str, Any] = {"source": str(args.input) if args.input else f"microphone {device_name}",
                              **measurement.as_dict(), "recognition": None, "saved_to": None}
    if checker is not None:
        status = _recognition(checker, measurement, speech, rate, result)
        if status:
            return status
    status = 0
    if args.save:
        if measurement.usable and measurement.speech_level_dbfs is not None \
                and measurement.vad_threshold_dbfs is not None:
            updated = with_microphone(
                profile, noise_floor_dbfs=round(measurement.noise_floor_dbfs, 1),
                speech_level_dbfs=round(measurement.speech_level_dbfs, 1),
                vad_threshold_dbfs=measurement.vad_threshold_dbfs,
                end_of_speech_silence_s=end_silence,
                measured_at=datetime.now().astimezone().isoformat(timespec="seconds"),
                **({"device": device_name} if device_name and args.device else {}))
            write_profile(path, updated)
            result["saved_to"] = str(path)
        else:
            status = EXIT_UNUSABLE
    _print_mic(result, args.json)
    if status == EXIT_UNUSABLE:
        print("vr-station calibrate mic: not saved: fix the problem above and measure again",
              file=sys.stderr)
    return status


def _record_live(wanted: str | None, gain_db: float, noise_s: float, speech_s: float,
                 sentence: str) -> tuple[Any, Any, int, str]:
    from speech.devices import find_device, record

    device = find_device("input", wanted)
    print(f"Microphone: {device.name}", file=sys.stderr)
    print(f"1/2  Please keep quiet for {noise_s:g} seconds…", file=sys.stderr)
    noise, rate = record(device, LEAD_IN_S + noise_s, gain_db)
    noise = noise[round(LEAD_IN_S * rate):]
    print("2/2  Now please read this sentence aloud, at a normal volume:", file=sys.stderr)
    print(f"\n     {sentence}\n", file=sys.stderr)
    speech, _ = record(device, speech_s, gain_db)
    return noise, speech, rate, device.name


@dataclass(frozen=True)
class _RecognitionCheck:
    """The language, its sentence and the interview's own recognizer for it."""

    language: str
    language_name: str
    sentence: str
    choice: RecognizerChoice


def _prepare_recognition(config: StationConfig, language: str,
                         sentence: str | None) -> _RecognitionCheck | int:
    """The check for a station language, or the exit status that refuses it (and says why)."""
    from calibration.recognition_check import READ_ALOUD_SENTENCES
    from catalog.loading import load_catalog
    from speech.backends import choose_recognizer

    catalog, _ = load_catalog(config.paths.content_dir)
    entry = catalog.languages.get(language)
    if entry is None:
        return _fail(EXIT_BAD_INPUT, f"--lang {language}: not a station language "
                                     f"(available: {', '.join(catalog.languages)})")
    name = entry.names.get("en", entry.native_name)
    sentence = sentence or READ_ALOUD_SENTENCES.get(language)
    if not sentence:
        return _fail(EXIT_BAD_INPUT, f"no sentence to read aloud in {name}: pass --sentence")
    choice = choose_recognizer(language, name, entry.vosk_model, config.paths.models_dir)
    if choice.recognizer is None:
        return _fail(EXIT_NO_DEVICE, f"no speech recogniser for {name} is installed, so its "
                                     f"recognition cannot be checked. {choice.message or ''} "
                                     "'vr-station models list' shows the models this station "
                                     "can install.")
    if choice.message:  # a fallback was taken: staff should know which engine hears the visitor
        print(f"note: {choice.message}", file=sys.stderr)
    return _RecognitionCheck(language, name, sentence, choice)


def _recognition(check: _RecognitionCheck, measurement: Any, speech: Any, rate: int,
                 result: dict[str, Any]) -> int:
    from calibration.recognition_check import check_recognition
    from calibration.vad import speech_segments
    from speech.recognition import RecognizerError
    from speech.transcribe import RecognizerTranscriber

    recognizer = check.choice.recognizer
    assert recognizer is not None  # _prepare_recognition refuses a language without one
    audio = speech
    if measurement.vad_threshold_dbfs is not None:
        # Recognise what the gate would pass on, as the interview engine will.
        segments = speech_segments(speech, rate, measurement.vad_threshold_dbfs,
                                   measurement.end_of_speech_silence_s)
        if segments:
            audio = speech[round(segments[0].start_s * rate):round(segments[-1].end_s * rate)]
    try:
        checked = check_recognition(RecognizerTranscriber(recognizer), audio, rate, check.sentence)
    except RecognizerError as exc:
        return _fail(EXIT_NO_DEVICE, f"{check.choice.backend.value} ({check.language_name}): {exc}")
    finally:
        recognizer.close()
    result["recognition"] = {**checked.as_dict(), "language": check.language,
                             "engine": check.choice.backend.value}
    return 0


def _print_mic(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return

    def figure(value: float | None, unit: str) -> str:
        return "—" if value is None else f"{value:.1f} {unit}"

    print(f"source                   {result['source']}")
    print(f"noise_floor_dbfs         {figure(result['noise_floor_dbfs'], 'dBFS')}")
    print(f"speech_level_dbfs        {figure(result['speech_level_dbfs'], 'dBFS')}  (ITU-T P.56, "
          f"active {100 * result['activity_factor']:.0f} % of the time)")
    print(f"snr_db                   {figure(result['snr_db'], 'dB')}")
    print(f"clipping                 {'yes' if result['clipping'] else 'no'}  "
          f"(peak {result['peak_dbfs']:.1f} dBFS)")
    print(f"vad_threshold_dbfs       {figure(result['vad_threshold_dbfs'], 'dBFS')}")
    print(f"end_of_speech_silence_s  {result['end_of_speech_silence_s']:g} s")
    change = result["gain_change_db"]
    advice = ("leave it as it is" if change == 0 else
              f"raise by {change:.0f} dB" if change > 0 else f"lower by {-change:.0f} dB")
    print(f"gain                     {advice}")
    recognition = result["recognition"]
    if recognition is not None:
        print(f"recognition              {recognition['language']} ({recognition['engine']}): heard "
              f"“{recognition['heard']}” — word error rate "
              f"{100 * recognition['word_error_rate']:.0f} %")
    for warning in result["warnings"]:
        print(f"warning: {warning['message']}")
    if result["saved_to"]:
        print(f"saved to {result['saved_to']}")


# --- speaker ------------------------------------------------------------------------------

def _speaker(args: argparse.Namespace) -> int:
    from calibration.speaker import (
        TEST_SENTENCES,
        TONE_RATE_HZ,
        SpeechOutputUnavailable,
        apply_volume,
        speaker_test_tone,
        synthesize_espeak,
    )
    from calibration.wav import write_wav
    from speech.devices import AudioDeviceError, find_device, play

    path, reading = _read()
    profile = reading.profile
    volume = profile.speaker.volume_percent if args.volume is None else args.volume
    if not 0.0 <= volume <= 100.0:
        return _fail(EXIT_BAD_INPUT, f"--volume must be 0–100 %, not {volume:g}")
    limit = profile.speaker.max_volume_percent if args.max_volume is None else args.max_volume
    if not 0.0 <= limit <= 100.0:
        return _fail(EXIT_BAD_INPUT, f"--max-volume must be 0–100 %, not {limit:g}")
    if volume > limit:
        return _fail(EXIT_BAD_INPUT, f"the volume ({volume:g} %) is above the visitors' limit "
                                     f"({limit:g} %); raise --max-volume or lower --volume")
    if args.sentence is not None:
        language = args.language or load_config().default_language
        text = args.sentence or TEST_SENTENCES.get(language, TEST_SENTENCES["en"])
        try:
            sound, rate = synthesize_espeak(text, language)
        except SpeechOutputUnavailable as exc:
            return _fail(EXIT_NO_DEVICE, str(exc))
        what = f"sentence “{text}”"
    else:
        sound, rate = speaker_test_tone(), TONE_RATE_HZ
        what = "1 kHz test tone"
    sound = apply_volume(sound, volume)
    device_name: str | None = None
    if args.output is not None:
        write_wav(args.output, sound, rate)
        print(f"wrote the {what} at {volume:g} % to {args.output}")
    else:
        try:
            device = find_device("output", args.device or profile.speaker.device)
            print(f"playing the {what} at {volume:g} % on {device.name}")
            play(device, sound, rate)
        except AudioDeviceError as exc:
            return _fail(EXIT_NO_DEVICE, str(exc))
        device_name = device.name
    if args.save:
        changes: dict[str, Any] = {"volume_percent": volume, "max_volume_percent": limit}
        if args.device and device_name:
            changes["device"] = device_name
        write_profile(path, with_speaker(profile, **changes))
        print(f"saved to {path}")
    return 0


def _devices(args: argparse.Namespace) -> int:
    from speech.devices import AudioDeviceError, list_devices

    try:
        inputs, outputs = list_devices("input"), list_devices("output")
    except AudioDeviceError as exc:
        return _fail(EXIT_NO_DEVICE, str(exc))
    for title, devices in (("Microphones", inputs), ("Speakers", outputs)):
        print(f"{title}:")
        for device in devices:
            print(f"  {device.index:>3}  {device.name}  ({device.default_rate_hz} Hz)")
        if not devices:
            print("  none found")
    return 0


# --- headset ------------------------------------------------------------------------------

def _floor(args: argparse.Namespace) -> int:
    from calibration.headset import UprightReading, eye_height_from_body_height_m, floor_from_upright

    if args.offset_m is not None:
        if args.head_height_m is not None or args.body_height_cm is not None:
            return _fail(EXIT_BAD_INPUT, "give either --offset-m or --head-height-m with --body-height-cm")
        offset = args.offset_m
    elif args.head_height_m is not None and args.body_height_cm is not None:
        if not 100 <= args.body_height_cm <= 230:
            return _fail(EXIT_BAD_INPUT, "--body-height-cm must be 100–230")
        eye_height = eye_height_from_body_height_m(args.body_height_cm / 100.0)
        estimate = floor_from_upright(UprightReading(args.head_height_m, None), eye_height)
        assert estimate.floor_offset_m is not None
        offset = estimate.floor_offset_m
    else:
        return _fail(EXIT_BAD_INPUT, "give --offset-m, or --head-height-m with --body-height-cm")
    return _save_headset(floor_offset_m=round(offset, 3))


def _seated(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    if args.posture:
        changes["default_posture"] = args.posture
    if args.standing_eye_height_m is not None:
        changes["standing_eye_height_m"] = args.standing_eye_height_m
    if not changes:
        return _fail(EXIT_BAD_INPUT, "give --default and/or --standing-eye-height-m")
    return _save_headset(**changes)


def _play_area(args: argparse.Namespace) -> int:
    return _save_headset(play_area_width_m=args.width_m, play_area_depth_m=args.depth_m)


def _save_headset(**changes: Any) -> int:
    path, reading = _read()
    updated = with_headset(reading.profile, **changes)
    problems = _validate(updated)
    if problems:
        return _fail(EXIT_BAD_INPUT, "; ".join(problems))
    write_profile(path, updated)
    for key, value in changes.items():
        print(f"headset.{key} = {value}")
    print(f"saved to {path}")
    return 0


# --- shared -------------------------------------------------------------------------------

def _read() -> tuple[Path, ProfileReading]:
    path = load_config().paths.profile_file
    reading = read_profile(path)
    for problem in reading.problems:
        print(f"warning: {problem} (using the default)", file=sys.stderr)
    return path, reading


def _validate(profile: StationProfile) -> list[str]:
    """A value given on the command line, checked by the same schema as the file."""
    from calibration.profile import SCHEMA
    from catalog.schema import check_schema
    from catalog.yaml_loader import YamlDocument

    document = YamlDocument(Path("command line"), asdict(profile), {}, {})
    return [problem.message for problem in check_schema(document, SCHEMA)]


def _fail(status: int, message: str) -> int:
    print(f"vr-station calibrate: {message}", file=sys.stderr)
    return status
