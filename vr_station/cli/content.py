"""``vr-station content validate|list``: check and list what staff curate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from catalog.files import ContentFile, find_content_root, schema_for
from catalog.loading import ContentCheck, check_content, load_catalog
from catalog.model import pick
from catalog.problems import Problem
from catalog.translations import TRANSLATIONS_DIR
from scenes.content_checks import CONTENT_CHECKS
from vr_station.config import load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station content validate|list`` to ``subparsers``."""
    parser = subparsers.add_parser("content", help="check and list content (YAML)")
    commands = parser.add_subparsers(dest="content_command", metavar="ACTION", required=True)

    validate = commands.add_parser(
        "validate", help="check content files; one line per problem as FILE:LINE:COL: message",
        description="Check content files against their schemas and each other. Exits 0 only "
                    "when everything is valid.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="content directories or files (default: the station's content)")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.add_argument("--missing", action="store_true",
                          help="list every text a language lacks (default: a count per file)")
    validate.add_argument("--complete", action="store_true",
                          help="also fail when a language lacks texts (they show in German)")
    validate.set_defaults(handler=_validate)

    listing = commands.add_parser("list", help="list occupations and languages")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--content-dir", type=Path, help="content directory to list")
    listing.set_defaults(handler=_list)


def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or [load_config().paths.content_dir]
    problems: list[Problem] = []
    checked = 0
    coverage: list[ContentCheck] = []
    for path in paths:
        found, count, check = _validate_path(path)
        problems += found
        checked += count
        if check is not None:
            coverage.append(check)
    for problem in problems:
        print(problem)
    missing = sum(len(c.missing) for check in coverage for c in check.coverage.values())
    if not args.quiet:
        for check in coverage:
            _print_coverage(check, every_text=args.missing)
        verdict = "all valid" if not problems else f"{len(problems)} problem(s)"
        print(f"checked {checked} file(s): {verdict}", file=sys.stderr)
    return 1 if problems or (args.complete and missing) else 0


def _print_coverage(check: ContentCheck, every_text: bool) -> None:
    """Per overlay language: how many texts it has, its review status, where texts are missing.

    Goes to stderr: stdout holds only the FILE:LINE:COL problems that editors and CI read.
    """
    names = _native_names(check)
    for code, coverage in check.coverage.items():
        review = coverage.review
        status = review.german if review is not None else "keine Übersetzungsdateien"
        done = coverage.texts - len(coverage.missing)
        print(f"{code} ({names.get(code, code)}): {done} von {coverage.texts} Texten übersetzt, "
              f"{len(coverage.missing)} fehlen (erscheinen deutsch mit [DE]); {status}",
              file=sys.stderr)
        by_file: dict[Path, list[str]] = {}
        for text in coverage.missing:
            by_file.setdefault(text.to, []).append(text.where)
        for path, where in by_file.items():
            name = str(Problem(path, None, None, "")).removesuffix(": ")
            if not path.exists():
                print(f"  {name}: Datei fehlt ({len(where)} Texte)", file=sys.stderr)
                continue
            shown = where if every_text else where[:3]
            more = f", … ({len(where)} Texte)" if len(where) > len(shown) else ""
            print(f"  {name}: {', '.join(shown)}{more}", file=sys.stderr)


def _native_names(check: ContentCheck) -> dict[str, str]:
    document = check.documents.get(check.root / "languages.yaml")
    try:
        return {lang["code"]: lang["native_name"] for lang in document.data["languages"]} \
            if document is not None else {}
    except (KeyError, TypeError):
        return {}


def _validate_path(path: Path) -> tuple[list[Problem], int, ContentCheck | None]:
    if not path.exists():
        return [Problem(path, None, None, "no such file or directory")], 0, None
    root = find_content_root(path)
    if path.is_dir() or (root is not None and path.resolve().is_relative_to(
            root / TRANSLATIONS_DIR)):
        if root is None:
            return [Problem(path, None, None, "not a content directory (no languages.yaml "
                            "here or above)")], 0, None
        check = check_content(root, extra_checks=CONTENT_CHECKS)
        wanted = path.resolve()
        selected = [p for p in check.problems if p.path.resolve().is_relative_to(wanted)]
        count = sum(1 for p in check.schemas if p.resolve().is_relative_to(wanted))
        return selected, count, check if wanted == root else None
    schema = schema_for(path, root)
    if schema is None:
        return [Problem(path, None, None, "cannot tell what kind of content this is: put "
                        "occupations in occupations/ and workplaces in workplaces/")], 1, None
    # Judge the file with the content it belongs to (or the station's, for a loose file).
    context = root or load_config().paths.content_dir
    check = check_content(context, extra_files=[ContentFile(path.resolve(), schema)],
                          extra_checks=CONTENT_CHECKS)
    wanted = path.resolve()
    return [p for p in check.problems if p.path.resolve() == wanted], 1, None


def _list(args: argparse.Namespace) -> int:
    content_dir = args.content_dir or load_config().paths.content_dir
    catalog, problems = load_catalog(content_dir, extra_checks=CONTENT_CHECKS)
    if args.json:
        print(json.dumps({
            "content_dir": str(catalog.content_dir),
            "languages": [{"code": lang.code, "name": lang.native_name,
                           "content_required": lang.content_required}
                          for lang in catalog.languages.values()],
            "default_language": catalog.default_language,
            "occupations": [{"id": occ.id, "titles": dict(occ.titles)}
                            for occ in catalog.occupations.values()],
            "skipped": [str(p) for p in problems],
        }, ensure_ascii=False, indent=2))
        return 0
    language = catalog.default_language
    print(f"Content: {catalog.content_dir}")
    print("Languages: " + ", ".join(
        f"{lang.code} ({lang.native_name})" for lang in catalog.languages.values()))
    print(f"Occupations ({len(catalog.occupations)}):")
    for occ in catalog.occupations.values():
        print(f"  {occ.id:<28} {pick(occ.titles, language)}")
    if problems:
        print(f"{len(problems)} problem(s) kept some content out; run "
              "'vr-station content validate'", file=sys.stderr)
    return 0
