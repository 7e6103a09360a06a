"""``vr-station speech transcribe FILE.wav``: what a recognizer hears in a recording, for staff.

Checks a microphone recording with the recognizer the station would use (or the one asked
for): text, words with start, end and confidence, engine, model and the real-time factor.
The benchmark and calibration's recognition check use the same path
(``speech.transcribe.transcribe_pcm``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vr_station.config import load_config

if TYPE_CHECKING:
    from catalog.model import Catalog
    from speech.recognition import Recognizer
    from vr_station.config import StationConfig


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station speech transcribe`` to ``subparsers``."""
    parser = subparsers.add_parser("speech", help="speech tools for staff (transcribe a recording)")
    commands = parser.add_subparsers(dest="speech_command", metavar="ACTION", required=True)
    transcribe = commands.add_parser(
        "transcribe", help="the words a recognizer hears in a WAV file",
        description="Recognize a WAV recording (any rate, 16-bit) with the recognizer the station "
                    "uses for LANG, or the engine and model asked for, and print the text, the "
                    "words with their times and confidences, and how fast it was.")
    transcribe.add_argument("file", type=Path, metavar="FILE.wav")
    transcribe.add_argument("--lang", metavar="L", help="language code (default: the station's default)")
    transcribe.add_argument("--engine", choices=("whisper", "vosk", "pocketsphinx"),
                            help="this recognizer (default: the one the station uses for L)")
    transcribe.add_argument("--model", type=Path, metavar="DIR",
                            help="this model folder (default: from the models directory)")
    transcribe.add_argument("--occupation", metavar="ID",
                            help="the occupation's job terms help Whisper (as in an interview)")
    transcribe.add_argument("--json", action="store_true", help="print JSON")
    transcribe.set_defaults(handler=_transcribe)


def _transcribe(args: argparse.Namespace) -> int:
    from calibration.profile import load_profile
    from catalog.loading import load_catalog
    from speech.audio import read_wav
    from speech.recognition import AnswerHints, RecognizerError
    from speech.transcribe import transcribe_pcm

    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir)
    code = args.lang or config.default_language
    language = catalog.languages.get(code)
    if language is None and args.model is None:
        print(f"vr-station speech transcribe: no language '{code}' in the content (available: "
              f"{', '.join(catalog.languages)}); give --model DIR for another", file=sys.stderr)
        return 2
    try:
        clip = read_wav(args.file.read_bytes())
    except (OSError, ValueError) as exc:
        print(f"vr-station speech transcribe: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        recognizer = _recognizer(args, code, config, catalog)
    except ValueError as exc:
        print(f"vr-station speech transcribe: {exc}", file=sys.stderr)
        return 2
    terms: tuple[str, ...] = ()
    if args.occupation:
        occupation = catalog.occupations.get(args.occupation)
        if occupation is None:
            print(f"vr-station speech transcribe: no occupation '{args.occupation}'", file=sys.stderr)
            return 2
        terms = tuple(occupation.terms.get(code, ()))
    hints = AnswerHints(terms, load_profile(config.paths.profile_file).microphone.vad_threshold_dbfs)
    try:
        started = time.perf_counter()
        recognizer.start_answer(hints).finish()  # loads the model, outside the timed decode
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        result = transcribe_pcm(recognizer, clip.pcm, clip.sample_rate_hz, hints)
        decode_s = time.perf_counter() - started
    except RecognizerError as exc:
        print(f"vr-station speech transcribe: {exc}", file=sys.stderr)
        return 1
    finally:
        recognizer.close()
    audio_s = len(clip.pcm) / 2 / clip.sample_rate_hz
    report: dict[str, Any] = {
        "file": str(args.file), "language": code, "engine": recognizer.name, "model": recognizer.model,
        "audio_s": round(audio_s, 3), "load_s": round(load_s, 3), "decode_s": round(decode_s, 3),
        "rtf": round(decode_s / audio_s, 3) if audio_s else None, "text": result.text,
        "words": [{"word": w.word, "start": w.start_s, "end": w.end_s, "conf": w.conf} for w in result.words],
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{report['engine']} ({report['model']}), {code}: {audio_s:.1f} s of audio in {decode_s:.1f} s "
          f"(real-time factor {report['rtf']}; model loaded in {load_s:.1f} s)")
    print(result.text)
    for w in result.words:
        conf = f"{w.conf:.2f}" if w.conf is not None else "-"
        print(f"  {w.start_s:7.2f} {w.end_s:7.2f}  {conf}  {w.word}")
    return 0


def _recognizer(args: argparse.Namespace, code: str, config: StationConfig, catalog: Catalog) -> Recognizer:
    """The recognizer asked for: a model folder, an engine, or the station's choice for the language."""
    from speech.backends import Backend, choose_recognizer
    from speech.model_catalog import Engine
    from speech.models import ModelManager, layout_problem

    if args.model is not None:
        folder = args.model.expanduser()
        engine = Engine(args.engine) if args.engine in ("whisper", "vosk") else \
            ModelManager(folder.parent).engine_of(folder.name)
        problem = layout_problem(folder, engine)
        if problem:
            raise ValueError(f"{folder}: {problem} for {engine.value}")
        if engine is Engine.WHISPER:
            from speech.whisper_recognizer import WhisperRecognizer

            language = catalog.languages.get(code)
            return WhisperRecognizer(folder, code, settings=config.speech.whisper,
                                     recognition_prompt=language.recognition_prompt if language else None)
        from speech.vosk_recognizer import VoskRecognizer

        return VoskRecognizer(folder, code)
    language = catalog.languages[code]
    name = language.names.get("en", language.native_name)
    choice = choose_recognizer(code, name, language.vosk_model, config.paths.models_dir,
                               Backend(args.engine) if args.engine else Backend.AUTO,
                               speech=config.speech, recognition_prompt=language.recognition_prompt)
    if choice.recognizer is None:
        raise ValueError(choice.message or f"no recognizer for {name}")
    if args.engine and choice.backend.value != args.engine:
        raise ValueError(f"{choice.message} ({args.engine} asked for, {choice.backend.value} available)")
    if choice.message:
        print(f"vr-station speech transcribe: {choice.message}", file=sys.stderr)
    return choice.recognizer
