"""``vr-station content validate|list``: check and list what staff curate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.files import ContentFile, find_content_root, schema_for
from catalog.loading import ContentCheck, check_content, load_catalog
from catalog.model import pick
from catalog.problems import ContentError, Problem
from catalog.translations import TRANSLATIONS_DIR, FallbackText, overlay_path, slots
from catalog.yaml_loader import JsonPath, YamlDocument, load_yaml_file
from scenes.content_checks import CONTENT_CHECKS
from vr_station.config import load_config

if TYPE_CHECKING:
    from vr_station.ui.text_fit import Fit


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station content validate|list`` to ``subparsers``."""
    parser = subparsers.add_parser("content", help="check and list content (YAML)")
    commands = parser.add_subparsers(dest="content_command", metavar="ACTION", required=True)

    validate = commands.add_parser(
        "validate", help="check content files; one line per problem as FILE:LINE:COL: message",
        description="Check content files against their schemas and each other. Exits 0 only "
                    "when everything is valid. Also warns (FILE:LINE:COL: warning: ...) where a "
                    "label that cannot page (a chip, a button, an occupation's title, a hotspot "
                    "label) does not fit its button at the smallest text size, measured with the "
                    "station's fonts; warnings do not change the exit status.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="content directories or files (default: the station's content)")
    validate.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    validate.add_argument("--missing", action="store_true",
                          help="list every text a language lacks (default: a count per file)")
    validate.add_argument("--complete", action="store_true",
                          help="also fail when a language lacks texts (they show in German)")
    validate.add_argument("--no-fit", action="store_true",
                          help="skip the label fit warnings (they load Panda3D and the fonts)")
    validate.set_defaults(handler=_validate)

    listing = commands.add_parser("list", help="list occupations and languages")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--content-dir", type=Path, help="content directory to list")
    listing.set_defaults(handler=_list)


def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or [load_config().paths.content_dir]
    problems: list[Problem] = []
    warnings: list[Problem] = []
    checked = 0
    coverage: list[ContentCheck] = []
    for path in paths:
        found, count, check = _validate_path(path)
        problems += found
        checked += count
        if check is not None:
            coverage.append(check)
            if not args.no_fit:
                warnings += _fit_warnings(check)
    for problem in problems:
        print(problem)
    for warning in warnings:
        print(warning)
    missing = sum(len(c.missing) for check in coverage for c in check.coverage.values())
    if not args.quiet:
        for check in coverage:
            _print_coverage(check, every_text=args.missing)
        verdict = "all valid" if not problems else f"{len(problems)} problem(s)"
        if warnings:
            verdict += f", {len(warnings)} warning(s)"
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


_LABELS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "feedback": ((("worked", "*", "labels"), "chip"), (("not_worked", "*", "labels"), "chip")),
    "task": ((("items", "*", "labels"), "task"), (("targets", "*", "labels"), "task")),
    "occupation": ((("titles",), "occupation"), (("hotspots", "*", "titles"), "hotspot")),
    "workplace": ((("hotspots", "*", "titles"), "hotspot"),),
}
"""Per schema: where its labels that cannot page stand (``*``: any list index or key; a path
ending so matches at any depth, as hotspots do), and which room (``label_rooms``) they have."""


def _fit_warnings(check: ContentCheck) -> list[Problem]:
    """A warning per label that does not fit its room at the smallest text size, at its line.

    Needs Panda3D and the fonts (no window), so it is imported only here: the catalog's checks
    stay free of them.
    """
    from vr_station.steps.label_rooms import content_rooms, ui_rooms
    from vr_station.ui.fonts import load_fonts
    from vr_station.ui.text_fit import FontMeasures

    FontMeasures.load_prc()
    measures = FontMeasures(load_fonts())
    rooms, buttons = content_rooms(), ui_rooms()
    rtl = _rtl_languages(check)
    overlays: dict[Path, YamlDocument | None] = {}
    warnings: list[Problem] = []
    for path, schema in sorted(check.schemas.items()):
        if not check.is_valid(path):
            continue
        base = check.documents[path]
        if schema == "ui" and isinstance(base.data.get("texts"), dict):
            language = base.data.get("language")
            for key, room in buttons.items():
                text = base.data["texts"].get(key)
                if isinstance(text, str) and isinstance(language, str):
                    result = measures.fit(text, room, rtl=language in rtl, language=language)
                    if not result.fits:
                        warnings.append(base.problem(("texts", key), _fit_message(
                            text, language, room.kind, room.holder, result)))
            continue
        for at, texts, kind in _labels(check.merged_document(path).data, _LABELS.get(schema, ())):
            room = rooms[kind]
            for language, text in texts.items():
                if not isinstance(text, str) or isinstance(text, FallbackText):
                    continue  # a missing text is reported as missing, in German
                result = measures.fit(text, room, rtl=language in rtl, language=language)
                if result.fits:
                    continue
                message = _fit_message(text, language, room.kind, room.holder, result)
                if language in _texts_inline(base.data, at):
                    warnings.append(base.problem((*at, language), message))
                else:
                    warnings.append(_overlay_problem(check, base, schema, at, language, message,
                                                     overlays))
    return warnings


def _texts_inline(data: object, at: JsonPath) -> dict[str, object]:
    """The localized map at ``at`` in a base file as written (its inline languages)."""
    for part in at:
        try:
            data = data[part]  # type: ignore[index]  # walked along a path that exists
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def _labels(data: object, patterns: tuple[tuple[tuple[str, ...], str], ...],
            at: JsonPath = ()) -> list[tuple[JsonPath, dict[str, object], str]]:
    """Every localized map in ``data`` whose path ends as one of ``patterns``, with its room."""
    found: list[tuple[JsonPath, dict[str, object], str]] = []
    for pattern, kind in patterns:
        if len(at) >= len(pattern) and isinstance(data, dict) and all(
                want == "*" or want == got for want, got in zip(pattern, at[-len(pattern):],
                                                                 strict=True)):
            found.append((at, data, kind))
            return found
    children = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in children:
        found += _labels(value, patterns, (*at, key))
    return found


def _overlay_problem(check: ContentCheck, base: YamlDocument, schema: str, at: JsonPath,
                     language: str, message: str,
                     overlays: dict[Path, YamlDocument | None]) -> Problem:
    """The warning at the text in ``language``'s overlay file (else at the base's text)."""
    where = overlay_path(check.root, language, base.path, schema)
    key = next((k for k, slot in slots(base, schema).items() if slot.base_path == at), None)
    if where is not None and key is not None:
        if where not in overlays:
            try:
                overlays[where] = load_yaml_file(where)
            except ContentError:
                overlays[where] = None
        document = overlays[where]
        if document is not None:
            return document.problem(key, message)
    return base.problem(at, message)


def _fit_message(text: str, language: str, kind: str, holder: str, result: Fit) -> str:
    if result.overflow > 0.0:
        return (f"warning: the {kind} \"{text}\" ({language}): the word "
                f"\"{result.widest_word}\" is {result.overflow:.0%} wider than {holder} even at "
                "the smallest text size, so it is broken between letters")
    return (f"warning: the {kind} \"{text}\" ({language}) needs {result.lines} lines at the "
            f"smallest text size, {holder} has {result.max_lines}")


def _rtl_languages(check: ContentCheck) -> set[str]:
    document = check.documents.get(check.root / "languages.yaml")
    try:
        return {lang["code"] for lang in document.data["languages"]
                if lang.get("direction") == "rtl"} if document is not None else set()
    except (KeyError, TypeError, AttributeError):
        return set()


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
