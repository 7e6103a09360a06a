"""Check a content directory and build the catalog of everything valid in it.

The same check runs in CI (tests), in ``vr-station content validate`` and at station start.
At start a broken occupation is skipped with a logged warning and every valid one stays
available; without valid shared files (languages, personas, interview, feedback) the
station cannot run, and ``load_catalog`` raises ContentError naming the problems.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from catalog import build, references, tasks, translations
from catalog.files import SHARED_FILES, ContentFile, discover
from catalog.model import Catalog
from catalog.problems import ContentError, Problem
from catalog.schema import check_schema
from catalog.translations import LanguageCoverage
from catalog.yaml_loader import YamlDocument, load_yaml_file

log = logging.getLogger(__name__)

DocumentCheck = Callable[[YamlDocument], Iterable[Problem]]
"""A check of one document that a package above the catalog provides (the scenes' layout
check of a workplace, the avatar check of the personas). It may assume the document passed
its schema as far as it reads it; where it meets broken structure it stops quietly."""


@dataclass
class ContentCheck:
    """The outcome of checking one content directory."""

    root: Path
    documents: dict[Path, YamlDocument] = field(default_factory=dict)
    """Documents that loaded (whether or not they passed their schema), by path."""
    problems: list[Problem] = field(default_factory=list)
    schemas: dict[Path, str] = field(default_factory=dict)
    merged: dict[Path, YamlDocument] = field(default_factory=dict)
    """Valid base documents with every overlay language filled in (``translations.merged``)."""
    coverage: dict[str, LanguageCoverage] = field(default_factory=dict)
    """Per overlay language: review status of its files and the texts it lacks."""

    def merged_document(self, path: Path) -> YamlDocument:
        """The document at ``path`` with its translations merged in, if it has any."""
        return self.merged.get(path) or self.documents[path]

    def problems_in(self, path: Path) -> list[Problem]:
        """The problems found in the file at ``path``."""
        return [p for p in self.problems if p.path == path]

    def is_valid(self, path: Path) -> bool:
        """Whether the file at ``path`` loaded and has no problems."""
        return path in self.documents and not self.problems_in(path)

    def valid_documents(self, schema: str) -> dict[str, YamlDocument]:
        """Valid documents of one schema by file stem."""
        return {p.stem: d for p, d in self.documents.items()
                if self.schemas[p] == schema and self.is_valid(p)}


def check_content(root: Path, extra_files: Iterable[ContentFile] = (),
                  extra_checks: Mapping[str, DocumentCheck] | None = None) -> ContentCheck:
    """Load and check every content file under ``root`` (and ``extra_files`` judged with it).

    ``extra_checks`` maps a schema name (``workplace``, ``personas`` …) to a further check of
    every document of that schema; it runs before the cross-file checks, so an occupation
    whose workplace fails it is reported too.
    """
    root = root.resolve()
    check = ContentCheck(root)
    files, misplaced = discover(root)
    for entry in misplaced:
        check.problems.append(Problem(entry.path, None, None, entry.message))
    known = {f.path for f in files}
    files += [f for f in extra_files if f.path.resolve() not in known]
    for content_file in files:
        path = content_file.path
        check.schemas[path] = content_file.schema
        if content_file.schema in SHARED_FILES.values() and not path.exists():
            check.problems.append(Problem(path, None, None, "required content file is missing"))
            continue
        try:
            document = load_yaml_file(path)
        except ContentError as exc:
            check.problems.extend(exc.problems)
            continue
        # Interface texts of a language without content_required may lack keys: the station
        # shows those in German, marked, and the coverage report lists them.
        optional = [("texts",)] if content_file.schema == "ui" and _optional_language(
            check, document) else []
        check.problems.extend(check_schema(document, content_file.schema, optional=optional))
        check.documents[path] = document
    _extra_checks(check, extra_checks or {})
    _cross_check(check)
    _check_translations(check)
    check.problems.sort(key=lambda p: (str(p.path), p.line or 0, p.column or 0))
    return check


def _extra_checks(check: ContentCheck, checks: Mapping[str, DocumentCheck]) -> None:
    for path, document in list(check.documents.items()):
        extra = checks.get(check.schemas[path])
        if extra is not None:
            check.problems.extend(references.guarded(iter(extra(document))))


def _cross_check(check: ContentCheck) -> None:
    """Reference checks on every loaded document, also those with schema problems.

    One run thus reports every defect; each check stops quietly where the structure is broken (the
    schema check has said so already).
    """
    shared = {name: check.documents.get(check.root / file) for file, name in SHARED_FILES.items()}
    checkers = {"languages": references.languages, "personas": references.personas,
                "interview": references.interview, "feedback": references.feedback}
    for name, document in shared.items():
        if document is not None:
            check.problems.extend(references.guarded(checkers[name](document)))
    declared, required = _languages(shared["languages"])
    if declared:
        for path, document in list(check.documents.items()):
            check.problems.extend(references.guarded(references.translations(
                document, check.schemas[path], declared, required)))
    _check_ui_texts(check, shared["languages"], declared, required)
    for document in _of_schema(check, "workplace"):
        check.problems.extend(references.guarded(references.workplace(document)))
    workplaces = {p.stem: d for p, d in check.documents.items() if check.schemas[p] == "workplace"}
    broken_workplaces = {p.stem for p, s in check.schemas.items()
                         if s == "workplace" and not check.is_valid(p)}
    phases = _phases(shared["interview"])
    for document in _of_schema(check, "occupation"):
        wanted = document.data.get("workplace") if isinstance(document.data, dict) else None
        if wanted in broken_workplaces:
            check.problems.append(document.problem(("workplace",), (
                f"workplace: '{wanted}' cannot be used until workplaces/{wanted}.yaml is fixed")))
        check.problems.extend(references.occupation(document, workplaces, phases))
    check.problems.extend(tasks.cross_check(check))


def _check_ui_texts(check: ContentCheck, languages: YamlDocument | None, declared: list[str],
                    required: list[str]) -> None:
    documents = _of_schema(check, "ui")
    default = languages.data.get("default") if languages is not None and isinstance(
        languages.data, dict) else None
    reference = next((d for d in documents if d.path.stem == default and check.is_valid(d.path)),
                     None)
    for document in documents:
        check.problems.extend(references.guarded(references.ui_texts(document, reference,
                                                                      declared)))
    present = {d.path.stem for d in documents}
    for code in required:
        if code not in present:
            check.problems.append(Problem(check.root / "ui" / f"{code}.yaml", None, None, (
                f"missing: the interface texts for '{code}' (content_required in languages.yaml);"
                f" copy ui/{default or 'de'}.yaml and translate it")))


def _optional_language(check: ContentCheck, document: YamlDocument) -> bool:
    """Whether a ui document is in a declared language that is not content_required."""
    declared, required = _languages(check.documents.get(check.root / "languages.yaml"))
    language = document.data.get("language") if isinstance(document.data, dict) else None
    return language in declared and language not in required


def _check_translations(check: ContentCheck) -> None:
    """Check every overlay, merge the valid ones and count what each overlay language lacks."""
    languages = check.documents.get(check.root / "languages.yaml")
    declared, required = _languages(languages)
    if languages is None or not check.is_valid(languages.path):
        return
    overlay_languages = [code for code in declared if code not in required]
    overlays: dict[Path, dict[str, translations.Overlay]] = {}
    for folder, path in translations.overlay_files(check.root):
        check.schemas[path] = "translation"
        found = _overlay(check, folder, path, declared, required)
        if found is None:
            continue
        if isinstance(found, Problem):
            check.problems.append(found)
            continue
        base, overlay = found
        check.problems.extend(overlay.problems)
        overlays.setdefault(base, {})[folder] = overlay
    check.coverage = {code: translations.LanguageCoverage(code) for code in overlay_languages}
    for by_language in overlays.values():
        for code, overlay in by_language.items():
            if overlay.file is not None and code in check.coverage:
                check.coverage[code].files.append(overlay.file)
    for path in _overlaid_bases(check):
        schema = check.schemas[path]
        document, missing = translations.merged(check.root, check.documents[path], schema, overlay_languages,
                                                overlays.get(path, {}))
        check.merged[path] = document
        texts = len(translations.slots(check.documents[path], schema))
        for code in overlay_languages:
            check.coverage[code].texts += texts
            check.coverage[code].missing += missing.get(code, [])
    _ui_coverage(check, languages)


def _overlay(check: ContentCheck, folder: str, path: Path, declared: list[str],
             required: list[str]) -> tuple[Path, translations.Overlay] | Problem | None:
    """The base file an overlay translates and the checked overlay, or why it cannot be used.

    None: the base file is broken; its own problem says what to fix, and the overlay waits
    (staff would otherwise read one problem per language for the one broken number).
    """
    relative = path.relative_to(check.root / translations.TRANSLATIONS_DIR / folder)
    if folder not in declared:
        return Problem(path, None, None, f"language folder '{folder}' is not declared in "
                       "languages.yaml (add it there, or rename the folder to its code)")
    if folder in required:
        return Problem(path, None, None, f"'{folder}' texts stay inline in the content files "
                       "({de: ..., en: ...}); translations/ is for the other languages")
    if path.suffix != ".yaml":
        return Problem(path, None, None, "rename to .yaml; only .yaml files are read")
    parts = relative.parts
    if len(parts) == 2 and parts[0] in translations.OVERLAID:
        base = check.root / parts[0] / parts[1]
    elif len(parts) == 1 and parts[0] in translations.OVERLAID_SHARED:
        base = check.root / parts[0]
    else:
        known = ", ".join([*(f"{d}/<id>.yaml" for d in translations.OVERLAID),
                           *translations.OVERLAID_SHARED])
        return Problem(path, None, None, f"not a translation file (known: {known})")
    if base not in check.documents and not base.exists():
        return Problem(path, None, None, f"translates {base.relative_to(check.root)}, which "
                       "does not exist")
    if base not in check.documents or not check.is_valid(base):
        return None
    return base, translations.load_overlay(path, folder, check.documents[base],
                                           check.schemas[base], declared)


def _overlaid_bases(check: ContentCheck) -> list[Path]:
    """The valid documents that overlays translate: occupations, workplaces, feedback, personas."""
    schemas = {*translations.OVERLAID.values(), *translations.OVERLAID_SHARED.values()}
    return sorted(p for p, s in check.schemas.items() if s in schemas and check.is_valid(p))


def _ui_coverage(check: ContentCheck, languages: YamlDocument) -> None:
    default = languages.data["default"]
    reference = check.documents.get(check.root / "ui" / f"{default}.yaml")
    if reference is None or not check.is_valid(reference.path):
        return
    keys = list(reference.data["texts"])
    for code, coverage in check.coverage.items():
        path = check.root / "ui" / f"{code}.yaml"
        own = check.documents.get(path)
        texts = own.data["texts"] if own is not None and check.is_valid(path) else {}
        if own is not None and texts and "review" in own.data:  # optional in ui files
            coverage.files.append(translations.TranslationFile(
                path, code, translations.Review(own.data["review"]),
                own.data.get("reviewed_by"), own.data.get("reviewed_on")))
        coverage.texts += len(keys)
        coverage.missing += [translations.MissingText(path, f"texts.{k}", path)
                             for k in keys if k not in texts]


def _languages(document: YamlDocument | None) -> tuple[list[str], list[str]]:
    """Declared and content-required language codes, as far as languages.yaml can tell."""
    try:
        entries = document.data["languages"] if document is not None else []
        declared = [lang["code"] for lang in entries]
        required = [lang["code"] for lang in entries if lang.get("content_required") is True]
    except (KeyError, TypeError):
        return [], []
    return declared, required


def _phases(document: YamlDocument | None) -> list[str]:
    try:
        return [str(p) for p in document.data["phases"]] if document is not None else []
    except (KeyError, TypeError):
        return []


def _of_schema(check: ContentCheck, schema: str) -> list[YamlDocument]:
    return [d for p, d in check.documents.items() if check.schemas[p] == schema]


def load_catalog(root: Path, extra_checks: Mapping[str, DocumentCheck] | None = None,
                 ) -> tuple[Catalog, list[Problem]]:
    """The catalog of all valid content under ``root`` and the problems that were skipped.

    Raises ContentError when a shared file is broken: without it the station cannot run.
    ``extra_checks`` as for ``check_content``.
    """
    check = check_content(root, extra_checks=extra_checks)
    shared_broken = [p for p in check.problems if p.path.name in SHARED_FILES
                     and p.path.parent == check.root]
    if shared_broken:
        raise ContentError(shared_broken)
    catalog = build.catalog(check)
    for problem in check.problems:
        log.warning("content skipped: %s", problem)
    for code, coverage in catalog.coverage.items():
        if coverage.missing:
            log.info("language %s: %d of %d texts are missing and show in German, marked [DE] "
                     "(run 'vr-station content validate')", code, len(coverage.missing),
                     coverage.texts)
    return catalog, check.problems
