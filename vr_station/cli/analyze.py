"""``vr-station analyze``: answer figures for Vosk-format recognition results, as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from catalog.loading import load_catalog
from vr_station.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station analyze FILE.json…`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "analyze", help="figures of answers from Vosk-format result files",
        description="Read Vosk-format results ({\"result\": [{\"word\", \"start\", \"end\", "
                    "\"conf\"}], \"text\"}; a list of such objects or JSON lines is one answer) "
                    "and print the answer figures as JSON, one object per file.")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
    parser.add_argument("--lang", metavar="LANG", help="language of the answers (default: the "
                        "station's default language); sets the filler list")
    parser.add_argument("--occupation", metavar="ID", help="also find this occupation's job terms")
    parser.add_argument("--question", metavar="ID", help="judge against this question of the "
                        "occupation (job terms it suggests, STAR structure)")
    parser.set_defaults(handler=_analyze)


def _analyze(args: argparse.Namespace) -> int:
    from interview_engine.analysis import analyze_answer
    from speech.transcript import TranscriptFormatError, from_vosk_json

    config = load_config()
    catalog, _ = load_catalog(config.paths.content_dir)
    language = args.lang or config.default_language
    if language not in catalog.languages:
        return _fail(f"no language '{language}' (available: {', '.join(catalog.languages)})")
    norms = catalog.languages[language].norms
    terms: tuple[str, ...] = ()
    question = None
    if args.occupation:
        occupation = catalog.occupations.get(args.occupation)
        if occupation is None:
            return _fail(f"no occupation '{args.occupation}' (available: "
                         f"{', '.join(sorted(catalog.occupations))})")
        terms = tuple(occupation.terms.get(language, ()))
        if args.question:
            question = next((q for q in occupation.questions.questions if q.id == args.question), None)
            if question is None:
                return _fail(f"occupation '{args.occupation}' has no question '{args.question}'")
    elif args.question:
        return _fail("--question needs --occupation")
    results: list[dict[str, Any]] = []
    failed = False
    for path in args.files:
        try:
            result = from_vosk_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            failed = True
            continue
        except TranscriptFormatError as exc:
            print(f"{path}: not a Vosk-format result: {exc}", file=sys.stderr)
            failed = True
            continue
        analysis = analyze_answer(result, question, norms, terms, catalog.interview.rules)
        entry: dict[str, Any] = {"file": str(path), **asdict(analysis.figures),
                                 "fillers_per_min": analysis.figures.fillers_per_min,
                                 "fillers": list(analysis.fillers), "length": analysis.length.value,
                                 "gave_example": analysis.gave_example,
                                 "stated_result": analysis.stated_result}
        if args.occupation:
            entry["terms_used"] = list(analysis.terms_used)
        if question is not None:
            entry["terms_missed"] = list(analysis.terms_missed)
            entry["star"] = asdict(analysis.star) if analysis.star else None
        results.append(entry)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _fail(message: str) -> int:
    print(f"vr-station analyze: {message}", file=sys.stderr)
    return 2
