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

from catalog import build, references, tasks
from catalog.files import SHARED_FILES, ContentFile, discover
from catalog.model import Catalog
from catalog.problems import ContentError, Problem
from catalog.schema import check_schema
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
        check.problems.extend(check_schema(document, content_file.schema))
        check.documents[path] = document
    _extra_checks(check, extra_checks or {})
    _cross_check(check)
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
    return catalog, check.problems
