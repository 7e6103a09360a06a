"""Privacy at reset: nothing of a visitor stays on the station unless they asked to keep it.

During a session everything of the visitor that touches the disk lives in one scratch folder
(``cache_dir/session``). The wipe removes it; at start-up a scratch folder left by a crash is
removed too. A report the visitor chose to keep goes to ``data_dir/kept-reports`` under a
pickup code; the anonymous feedback log holds ratings and chips, never words or audio. Staff
find it by that code (``find_kept_report``, ``vr-station report print``), and printing it
deletes it.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from visit_record.private_files import private_dir, write_private_text

log = logging.getLogger(__name__)

SCRATCH = "session"
KEPT_REPORTS = "kept-reports"


def scratch_dir(cache_dir: Path) -> Path:
    """The session's scratch folder: everything of the visitor that touches the disk goes here."""
    return cache_dir / SCRATCH


def prepare_scratch(cache_dir: Path) -> Path:
    """An empty scratch folder for a new session (a crash may have left an old one)."""
    folder = scratch_dir(cache_dir)
    wipe_scratch(folder)
    # Private (0700): the visitor's recordings in it are then unreadable to other users,
    # whatever mode the recorder gives each file.
    return private_dir(folder)


def wipe_scratch(folder: Path) -> list[Path]:
    """Delete the scratch folder; returns what was removed. Worker thread (file work)."""
    if not folder.exists():
        return []
    removed = sorted(p for p in folder.rglob("*"))
    shutil.rmtree(folder)
    if folder.exists():
        raise OSError(f"could not remove the session folder {folder}")
    return removed


def keep_report(data_dir: Path, code: str, report_json: str) -> Path:
    """Save a report the visitor asked to keep, for staff to find under the pickup code.

    The file and its folder are private to the station's user (staff print it as that user).
    """
    folder = private_dir(data_dir / KEPT_REPORTS)
    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d_%H%M")
    path = folder / f"{stamp}_{code}.json"
    write_private_text(path, report_json)
    return path


@dataclass(frozen=True)
class KeptReport:
    """A report a visitor chose to keep: its file, pickup code and when it was kept."""

    path: Path
    code: str
    kept_at: datetime | None
    """Local time from the file name (to the minute); None for a name not written by ``keep_report``."""


def normalized_code(typed: str) -> str:
    """A pickup code as staff type it read from a screen or a note: any case, with spaces or dashes."""
    return re.sub(r"[\s\-_.]+", "", typed).upper()


def kept_reports(data_dir: Path) -> list[KeptReport]:
    """Every kept report under ``data_dir``, oldest first (file name ``DATE_TIME_CODE.json``)."""
    folder = data_dir / KEPT_REPORTS
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        stamp, _, code = path.stem.rpartition("_")
        try:
            kept_at: datetime | None = datetime.strptime(stamp, "%Y-%m-%d_%H%M")
        except ValueError:
            kept_at = None
        found.append(KeptReport(path, code.upper(), kept_at))
    return sorted(found, key=lambda k: (k.kept_at or datetime.min, k.path.name))


def find_kept_report(data_dir: Path, typed_code: str) -> KeptReport | None:
    """The kept report with the pickup code ``typed_code`` (see ``normalized_code``), newest first.

    Two visitors sharing a code is unlikely (23⁵ codes) but possible; the newer one is meant
    then, as the older one's visitor has most likely left.
    """
    code = normalized_code(typed_code)
    matches = [k for k in kept_reports(data_dir) if k.code == code]
    return matches[-1] if code and matches else None


def expire_kept_reports(data_dir: Path, retention_days: int, now: datetime) -> list[Path]:
    """Delete the kept reports older than ``retention_days`` (by the time in their name).

    A visitor who never came to the reception must not leave their report on the station for
    ever. ``now`` is local wall time (the names are). Returns the files removed; a file that
    cannot be removed is logged and left for the next start.
    """
    removed = []
    for kept in kept_reports(data_dir):
        if kept.kept_at is None or (now - kept.kept_at).total_seconds() <= retention_days * 86400:
            continue
        try:
            kept.path.unlink()
        except OSError as exc:
            log.error("could not delete the kept report %s: %s", kept.path, exc)
            continue
        removed.append(kept.path)
    if removed:
        log.info("deleted %d kept report(s) nobody printed within %d days", len(removed),
                 retention_days)
    return removed


@dataclass(frozen=True)
class Leftover:
    """A file that may hold a visitor's data, and why it looks like it."""

    path: Path
    reason: str


def visitor_leftovers(roots: Iterable[Path], *, allowed: Iterable[Path] = ()) -> list[Leftover]:
    """Files under ``roots`` that could hold a visitor's data (audio, transcripts, reports).

    ``allowed`` are files the station keeps on purpose (the anonymous feedback log, reports a
    visitor chose to keep).
    """
    keep = {p.resolve() for p in allowed}
    found = []
    for root in roots:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            if not path.is_file() or path.resolve() in keep:
                continue
            if SCRATCH in path.relative_to(root).parts:
                found.append(Leftover(path, "left in the session folder"))
            elif path.suffix.lower() in (".wav", ".pcm", ".raw", ".ogg", ".flac", ".mp3"):
                found.append(Leftover(path, "audio"))
            elif path.suffix.lower() in (".json", ".txt", ".jsonl"):
                found.append(Leftover(path, "text that may hold a transcript or report"))
    return found
