"""``vr-station models list|fetch|verify``: the Vosk speech models in the station's models dir."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.loading import load_catalog
from vr_station.config import load_config

if TYPE_CHECKING:
    from speech.vosk_models import ModelManager


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station models list|fetch|verify`` to ``subparsers``."""
    parser = subparsers.add_parser("models", help="list, fetch and verify speech models")
    commands = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="known and installed models")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_list)
    fetch = commands.add_parser(
        "fetch", help="download, check and install the model for a language",
        description="Download the official small Vosk model for LANG (de or en), check its size "
                    "and SHA-256 and unpack it into the models directory in one atomic step.")
    fetch.add_argument("language", metavar="LANG")
    fetch.add_argument("--archive", type=Path, metavar="FILE",
                       help="install from a zip copied to this machine instead of downloading")
    fetch.add_argument("--url", metavar="URL", help="download from this mirror instead")
    fetch.add_argument("--force", action="store_true", help="replace an installed model")
    fetch.add_argument("--no-progress", action="store_true", help="no progress bar")
    fetch.set_defaults(handler=_fetch)
    verify = commands.add_parser(
        "verify", help="check installed models for damage",
        description="Check each installed model's files against the manifest written at "
                    "install, and list job terms the model cannot recognize.")
    verify.add_argument("names", nargs="*", metavar="LANG|NAME", help="default: all installed")
    verify.set_defaults(handler=_verify)


def _manager() -> ModelManager:
    from speech.vosk_models import ModelManager

    return ModelManager(load_config().paths.models_dir)


def _content_models() -> list[tuple[str, str]]:
    catalog, _ = load_catalog(load_config().paths.content_dir)
    return [(lang.code, lang.vosk_model) for lang in catalog.languages.values() if lang.vosk_model]


def _list(args: argparse.Namespace) -> int:
    manager = _manager()
    rows = manager.status(_content_models())
    if args.json:
        print(json.dumps([{"language": r.language, "name": r.name, "installed": r.installed,
                           "path": str(r.path), "download_bytes": r.size_bytes, "problem": r.problem}
                          for r in rows], indent=2))
        return 0
    print(f"Models directory: {manager.models_dir}")
    for r in rows:
        state = "installed" if r.installed else (r.problem or "not installed")
        size = f"{r.size_bytes / 1e6:.0f} MB" if r.size_bytes else "?"
        print(f"  {r.language:<4} {r.name:<32} {size:>7}  {state}")
    missing = [r for r in rows if not r.installed]
    if missing:
        print(f"Install with: vr-station models fetch {missing[0].language}", file=sys.stderr)
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from speech.vosk_models import ModelError

    try:
        _manager().fetch(args.language, url=args.url, archive=args.archive, force=args.force,
                         progress=not args.no_progress and sys.stderr.isatty(),
                         log_line=lambda line: print(line, file=sys.stderr))
    except ModelError as exc:
        print(f"vr-station models fetch: {exc}", file=sys.stderr)
        return 1
    return 0


def _verify(args: argparse.Namespace) -> int:
    from speech.vosk_models import vocabulary_gaps

    manager = _manager()
    content = dict(_content_models())
    names = [content.get(n) or getattr(manager.spec(n), "name", n) for n in args.names]
    if not names:
        names = [r.name for r in manager.status(content.items()) if r.installed]
    if not names:
        print(f"no models installed in {manager.models_dir}; install one with "
              "'vr-station models fetch de'", file=sys.stderr)
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
        recorded = manager.manifest_sha256(name)
        print(f"{name}: ok" + ("" if recorded else " (installed by hand: layout checked only)"))
        language = next((code for code, model in content.items() if model == name), None)
        if language is not None:
            words = [w for occ in catalog.occupations.values() for t in occ.terms.get(language, ())
                     for w in t.lower().split()]
            gaps = vocabulary_gaps(manager.path(name), words)
            if gaps:
                print(f"  not in the model's vocabulary, never recognized: {', '.join(gaps)}")
    return 1 if failed else 0
