"""Content staff edit on the dashboard: drafts, published versions, history, diff and rollback.

A version is the whole content tree (every YAML file with its SHA-256), who published it, when
and why. Drafts lie over the newest version; every save checks the tree the draft would make
with the same validator as ``vr-station content validate`` (``catalog.check_content``), and a
publish is refused while a problem is left. A rollback publishes an old version's files again
as a new version, so history only grows and a station only ever moves forward.

The scenes' layout check of a workplace (``scenes.content_checks``) stands above the center and
is not run here; the station runs it when it installs a bundle and refuses a version that fails.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import re
import tempfile
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, func, insert, select

from catalog.loading import check_content
from center.database import WRITE
from center.formatting import de_count
from center.tables import content_blobs, content_drafts, content_version_files, content_versions

MANIFEST_NAME = "manifest.json"
"""The bundle's table of contents: version, and every file's path and SHA-256."""
MAX_FILE_BYTES = 1024 * 1024
"""A content file larger than this is not YAML staff wrote (the largest shipped one has 90 kB)."""
_PATH = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/){0,3}[a-z0-9][a-z0-9_.-]*\.yaml$")
"""Relative, lower-case, no ``..``, at most three folders deep (translations/uk/occupations/…)."""
MANIFEST_SCHEMA_VERSION = 1


class ContentRefused(ValueError):
    """A draft cannot be saved or published; the message is German, for the page."""

    def __init__(self, message: str, problems: list[ContentProblem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One problem the validator found, at its file and line (relative to the content root)."""

    path: str
    line: int | None
    column: int | None
    message: str

    @property
    def where(self) -> str:
        """``Zeile 12, Spalte 5`` (or ``ganze Datei``) for the page."""
        if self.line is None:
            return "ganze Datei"
        return f"Zeile {self.line}, Spalte {self.column or 1}"


@dataclass(frozen=True)
class ContentVersion:
    """One published version of the whole content tree."""

    number: int
    published_at: datetime
    published_by: str
    comment: str
    manifest_sha256: str
    restored_from: int | None
    files: dict[str, str]
    """Path → SHA-256 (hex) of every file."""

    @property
    def etag(self) -> str:
        """The HTTP entity tag stations send back in If-None-Match."""
        return f'"{self.number}-{self.manifest_sha256[:32]}"'

    @property
    def label(self) -> str:
        """What a station reports as its content version: number and start of the hash."""
        return f"{self.number}:{self.manifest_sha256[:12]}"

    def manifest(self) -> dict[str, object]:
        """The manifest a station verifies a bundle against."""
        return {"schema_version": MANIFEST_SCHEMA_VERSION, "version": self.number,
                "label": self.label, "published_at": self.published_at.isoformat(),
                "manifest_sha256": self.manifest_sha256,
                "files": [{"path": p, "sha256": s} for p, s in sorted(self.files.items())]}


@dataclass(frozen=True)
class Draft:
    """A file changed (or added) since the newest version, not yet published."""

    path: str
    sha256: str
    saved_by: str
    saved_at: datetime


@dataclass(frozen=True)
class FileDiff:
    """How one file differs between two versions: added, removed or changed, as a unified diff."""

    path: str
    change: str
    """``neu``, ``entfernt`` or ``geändert``."""
    lines: list[str]


def sha256_hex(body: bytes) -> str:
    """SHA-256 of ``body`` as 64 hex digits."""
    return hashlib.sha256(body).hexdigest()


def manifest_hash(files: dict[str, str]) -> str:
    """SHA-256 over every path and file hash, in path order (the same tree gives the same hash)."""
    text = "".join(f"{sha}  {path}\n" for path, sha in sorted(files.items()))
    return sha256_hex(text.encode("utf-8"))


def check_path(path: str) -> str:
    """``path`` if it can name a content file; else ContentRefused saying why."""
    if not _PATH.match(path) or ".." in path:
        raise ContentRefused(f"„{path}“ ist kein gültiger Dateiname für Inhalte: erlaubt sind "
                             "Kleinbuchstaben, Ziffern, - und _, Ordner mit / und die Endung .yaml "
                             "(z. B. workplaces/kueche.yaml).")
    return path


# --- reading -----------------------------------------------------------------------------------

def latest_version(engine: Engine) -> ContentVersion | None:
    """The newest published version; None before the first."""
    with engine.connect() as connection:
        number = connection.execute(select(func.max(content_versions.c.number))).scalar()
        return _version(connection, number) if number is not None else None


def get_version(engine: Engine, number: int) -> ContentVersion | None:
    """Version ``number``; None if there is none."""
    with engine.connect() as connection:
        return _version(connection, number)


def history(engine: Engine) -> list[ContentVersion]:
    """Every published version, newest first (without their file lists)."""
    with engine.connect() as connection:
        rows = connection.execute(select(content_versions).order_by(
            content_versions.c.number.desc())).all()
    return [ContentVersion(r.number, r.published_at, r.published_by, r.comment,
                           r.manifest_sha256, r.restored_from, {}) for r in rows]


def drafts(engine: Engine) -> list[Draft]:
    """The unpublished drafts, by path."""
    with engine.connect() as connection:
        rows = connection.execute(select(content_drafts).order_by(content_drafts.c.path)).all()
    return [Draft(r.path, r.sha256, r.saved_by, r.saved_at) for r in rows]


def bodies(engine: Engine, hashes: list[str]) -> dict[str, bytes]:
    """File bodies by SHA-256."""
    with engine.connect() as connection:
        rows = connection.execute(select(content_blobs.c.sha256, content_blobs.c.body).where(
            content_blobs.c.sha256.in_(hashes))).all()
    return {r.sha256: bytes(r.body) for r in rows}


def working_files(engine: Engine) -> dict[str, str]:
    """Path → SHA-256 of the tree staff are editing: the newest version with the drafts over it."""
    latest = latest_version(engine)
    files = dict(latest.files) if latest is not None else {}
    files.update({d.path: d.sha256 for d in drafts(engine)})
    return files


def working_tree(engine: Engine) -> dict[str, bytes]:
    """Path → body of the tree staff are editing."""
    files = working_files(engine)
    found = bodies(engine, list(set(files.values())))
    return {path: found[sha] for path, sha in files.items()}


def file_text(engine: Engine, path: str) -> str | None:
    """The text of ``path`` in the tree staff are editing; None if there is no such file."""
    sha = working_files(engine).get(path)
    if sha is None:
        return None
    return bodies(engine, [sha])[sha].decode("utf-8")


# --- validating --------------------------------------------------------------------------------

def validate_tree(files: dict[str, bytes]) -> list[ContentProblem]:
    """Every problem ``vr-station content validate`` finds in this tree (without the scenes' checks)."""
    with tempfile.TemporaryDirectory(prefix="vr-center-content-") as directory:
        root = Path(directory).resolve()
        write_tree(root, files)
        check = check_content(root)
        problems = []
        for problem in check.problems:
            try:
                relative = problem.path.resolve().relative_to(root).as_posix()
            except ValueError:
                relative = str(problem.path)
            problems.append(ContentProblem(relative, problem.line, problem.column, problem.message))
    return sorted(problems)


class _CheckCache:
    """The last few trees' problems by manifest hash.

    A check of the whole tree takes seconds (measured 4.7-6.4 s for the 27 shipped files on a
    busy 2-core machine); the content page shows every file's state on each visit, and the tree
    only changes when someone saves.
    """

    def __init__(self, size: int = 8):
        self._size = size
        self._found: OrderedDict[str, list[ContentProblem]] = OrderedDict()
        self._lock = threading.Lock()

    def problems(self, tree: dict[str, bytes]) -> list[ContentProblem]:
        key = manifest_hash({path: sha256_hex(body) for path, body in tree.items()})
        with self._lock:
            if key in self._found:
                self._found.move_to_end(key)
                return self._found[key]
        found = validate_tree(tree)
        with self._lock:
            self._found[key] = found
            while len(self._found) > self._size:
                self._found.popitem(last=False)
        return found


_checked = _CheckCache()


def working_problems(engine: Engine) -> list[ContentProblem]:
    """The problems of the tree staff are editing (checked once per distinct tree)."""
    return _checked.problems(working_tree(engine))


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative path → body) below ``root``."""
    for path, body in files.items():
        target = root / check_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def problems_by_file(problems: list[ContentProblem]) -> dict[str, list[ContentProblem]]:
    """The problems grouped by file path."""
    grouped: dict[str, list[ContentProblem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped


# --- writing -----------------------------------------------------------------------------------

def seed_if_empty(engine: Engine, content_dir: Path, now: datetime) -> ContentVersion | None:
    """Publish the center's content folder as version 1 when nothing was published yet.

    Returns the new version, or None when there was one already.
    """
    with engine.connect() as connection:  # every station poll asks: one cheap query
        if connection.execute(select(content_versions.c.number).limit(1)).first() is not None:
            return None
    files = {path.relative_to(content_dir).as_posix(): path.read_bytes()
             for path in sorted(content_dir.rglob("*.yaml")) if _PATH.match(
                 path.relative_to(content_dir).as_posix())}
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if connection.execute(select(func.count()).select_from(content_versions)).scalar():
            return None  # another server instance was quicker
        number = _publish(connection, files, "System", "Erste Fassung aus dem Inhaltsordner "
                          "des Servers", now, restored_from=None)
    return get_version(engine, number)


def save_draft(engine: Engine, path: str, body: bytes, user: str, now: datetime
               ) -> list[ContentProblem]:
    """Keep ``body`` as the draft of ``path`` and return the problems of the tree it makes.

    A draft with problems is kept (so work is not lost); it cannot be published until they are
    fixed. ContentRefused for a bad path, a file that is too large or not UTF-8 text.
    """
    return save_drafts(engine, {path: body}, user, now)


def save_drafts(engine: Engine, files: dict[str, bytes], user: str, now: datetime
                ) -> list[ContentProblem]:
    """``save_draft`` for several files at once, in one transaction and with one check.

    An editing form writes a text and its translations into several files; checking the tree
    once instead of per file saves seconds per save.
    """
    prepared = {}
    for path, body in files.items():
        check_path(path)
        if len(body) > MAX_FILE_BYTES:
            raise ContentRefused(f"Die Datei ist zu groß ({len(body) // 1024} kB; höchstens "
                                 f"{MAX_FILE_BYTES // 1024} kB).")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ContentRefused(f"Die Datei ist kein UTF-8-Text (Byte {exc.start}). Bitte "
                                 "speichern Sie sie als UTF-8.") from None
        prepared[path] = body.replace(b"\r\n", b"\n")  # a textarea posts CRLF; files use LF
    latest = latest_version(engine)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        for path, body in prepared.items():
            sha = sha256_hex(body)
            _store_blob(connection, sha, body)
            connection.execute(delete(content_drafts).where(content_drafts.c.path == path))
            if latest is None or latest.files.get(path) != sha:
                connection.execute(insert(content_drafts).values(path=path, sha256=sha,
                                                                 saved_by=user, saved_at=now))
    return working_problems(engine)


def discard_draft(engine: Engine, path: str) -> None:
    """Forget the draft of ``path``; the published file stays as it is."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(delete(content_drafts).where(content_drafts.c.path == path))


def publish(engine: Engine, user: str, comment: str, now: datetime) -> ContentVersion:
    """Publish the drafts as a new version; ContentRefused when there are none or a problem is left."""
    pending = drafts(engine)
    if not pending:
        raise ContentRefused("Es gibt keine Entwürfe, die veröffentlicht werden könnten.")
    tree = working_tree(engine)
    problems = _checked.problems(tree)
    if problems:
        raise ContentRefused("Nicht veröffentlicht: die Prüfung hat "
                             f"{de_count(len(problems), 'Problem', 'Probleme')} "
                             "gefunden. Bitte beheben Sie sie zuerst.", problems)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        number = _publish(connection, tree, user, comment.strip() or "(ohne Kommentar)", now,
                          restored_from=None)
        connection.execute(delete(content_drafts).where(
            content_drafts.c.path.in_([d.path for d in pending])))
    version = get_version(engine, number)
    assert version is not None
    return version


def rollback(engine: Engine, number: int, user: str, now: datetime) -> ContentVersion:
    """Publish version ``number``'s files again as a new version (drafts stay drafts)."""
    old = get_version(engine, number)
    if old is None:
        raise ContentRefused(f"Es gibt keine Version {number}.")
    found = bodies(engine, list(set(old.files.values())))
    tree = {path: found[sha] for path, sha in old.files.items()}
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        new = _publish(connection, tree, user, f"Zurück auf Version {number}", now,
                       restored_from=number)
    version = get_version(engine, new)
    assert version is not None
    return version


def diff(engine: Engine, old: int, new: int) -> list[FileDiff]:
    """How version ``new`` differs from version ``old``, file by file (unified diff, 3 lines context)."""
    a, b = get_version(engine, old), get_version(engine, new)
    if a is None or b is None:
        raise ContentRefused(f"Es gibt keine Version {old if a is None else new}.")
    changed = sorted(p for p in set(a.files) | set(b.files) if a.files.get(p) != b.files.get(p))
    found = bodies(engine, [h for p in changed for h in (a.files.get(p), b.files.get(p)) if h])
    result = []
    for path in changed:
        before = found[a.files[path]].decode("utf-8") if path in a.files else ""
        after = found[b.files[path]].decode("utf-8") if path in b.files else ""
        change = "neu" if path not in a.files else "entfernt" if path not in b.files else "geändert"
        lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(),
                                          f"Version {old}/{path}", f"Version {new}/{path}",
                                          lineterm=""))
        result.append(FileDiff(path, change, lines))
    return result


def bundle(engine: Engine, version: ContentVersion) -> bytes:
    """A zip of every file of ``version`` and its ``manifest.json``, for the stations."""
    found = bodies(engine, list(set(version.files.values())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # A fixed date: the same version gives the same bytes on every server instance.
        entries = [(MANIFEST_NAME, json.dumps(version.manifest(), indent=1).encode("utf-8"))]
        entries += [(path, found[sha]) for path, sha in sorted(version.files.items())]
        for name, body in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body)
    return out.getvalue()


# --- internals ---------------------------------------------------------------------------------

def _version(connection: Connection, number: int) -> ContentVersion | None:
    row = connection.execute(select(content_versions).where(
        content_versions.c.number == number)).first()
    if row is None:
        return None
    rows = connection.execute(select(content_version_files.c.path, content_version_files.c.sha256)
                              .where(content_version_files.c.number == number)).all()
    files = {row.path: row.sha256 for row in rows}
    return ContentVersion(row.number, row.published_at, row.published_by, row.comment,
                          row.manifest_sha256, row.restored_from, files)


def _store_blob(connection: Connection, sha: str, body: bytes) -> None:
    exists = connection.execute(select(content_blobs.c.sha256).where(
        content_blobs.c.sha256 == sha)).first()
    if exists is None:
        connection.execute(insert(content_blobs).values(sha256=sha, body=body))


def _publish(connection: Connection, files: dict[str, bytes], user: str, comment: str,
             now: datetime, restored_from: int | None) -> int:
    hashes = {path: sha256_hex(body) for path, body in files.items()}
    for path, body in files.items():
        _store_blob(connection, hashes[path], body)
    latest = connection.execute(select(func.max(content_versions.c.number))).scalar()
    number = (latest or 0) + 1
    connection.execute(insert(content_versions).values(
        number=number, published_at=now, published_by=user, comment=comment[:500],
        manifest_sha256=manifest_hash(hashes), restored_from=restored_from))
    connection.execute(insert(content_version_files), [
        {"number": number, "path": p, "sha256": s} for p, s in sorted(hashes.items())])
    return number
