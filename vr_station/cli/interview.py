"""``vr-station interview``: practise a job interview in the terminal."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from calibration.profile import load_profile
from catalog.loading import load_catalog
from vr_station.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station interview`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "interview", help="practise a job interview in the terminal",
        description="A spoken mock interview for one occupation, answered by microphone, "
                    "keyboard or one WAV file per answer. Writes a JSON and an HTML feedback "
                    "report. No audio is stored unless --keep-audio is given. The end of an "
                    "answer (silence, speech threshold) and the microphone (device, gain) come "
                    "from the station profile ('vr-station calibrate mic --save').")
    parser.add_argument("--occupation", required=True, metavar="ID", help="occupation id (see "
                        "'vr-station content list')")
    parser.add_argument("--lang", required=True, metavar="LANG", help="interview language, e.g. de or en")
    parser.add_argument("--persona", metavar="P", help="interviewer: friendly, neutral or demanding "
                        "(default from content/personas.yaml)")
    parser.add_argument("--input", nargs="+", default=["mic"], metavar="MODE",
                        help="mic (default), typed, or 'wav DIR' with one WAV file per answer in "
                             "name order")
    parser.add_argument("--report-dir", type=Path, default=Path("."), metavar="DIR",
                        help="where to write the report (default: the current directory)")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="choose questions and follow-ups reproducibly (default: random)")
    parser.add_argument("--backend", choices=("auto", "whisper", "vosk", "pocketsphinx"), default="auto",
                        help="speech recognizer (default: station.yaml's, else the best installed "
                             "model, else PocketSphinx for English, else typed answers)")
    parser.add_argument("--keep-audio", type=Path, metavar="DIR",
                        help="also save each spoken answer as WAV in DIR (off by default: privacy)")
    parser.add_argument("--mute", action="store_true", help="do not play the interviewer's voice")
    parser.set_defaults(handler=_interview)


def _interview(args: argparse.Namespace) -> int:
    from interview_engine.practice import PracticeError, PracticeOptions, run_practice
    from interview_engine.preparation import SetupError
    from speech.backends import Backend
    from speech.endpoint import EndpointSettings
    from speech.sources import AudioSourceError

    mode, wav_dir = _input_mode(args.input)
    if mode is None:
        print("vr-station interview: --input must be 'mic', 'typed' or 'wav DIR'", file=sys.stderr)
        return 2
    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir)
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    microphone = load_profile(config.paths.profile_file).microphone
    options = PracticeOptions(
        occupation_id=args.occupation, language=args.lang, persona_id=args.persona, input=mode,
        wav_dir=wav_dir, report_dir=args.report_dir, seed=seed, backend=Backend(args.backend),
        keep_audio_dir=args.keep_audio, mute=args.mute,
        endpoint=EndpointSettings.from_profile(microphone), microphone_device=microphone.device,
        microphone_gain_db=microphone.gain_db, speech=config.speech)
    try:
        outcome = run_practice(catalog, config.paths.models_dir, config.paths.cache_dir, options)
    except (PracticeError, SetupError, AudioSourceError) as exc:
        print(f"vr-station interview: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nvr-station interview: stopped; nothing was saved", file=sys.stderr)
        return 130
    if outcome.report is None:
        print("vr-station interview: the interview did not finish; no report", file=sys.stderr)
        return 1
    report = outcome.report
    print()
    for line in report.strengths:
        print(f"+ {line}")
    for line in report.top_tips:
        print(f"* {line}")
    if report.footer:
        print(f"\n{report.footer}")
    print(f"\nreport: {outcome.html_path}\n        {outcome.json_path}  (seed {seed})")
    return 0


def _input_mode(values: list[str]) -> tuple[str | None, Path | None]:
    if values == ["mic"] or values == ["typed"]:
        return values[0], None
    if len(values) == 2 and values[0] == "wav":
        return "wav", Path(values[1])
    return None, None
