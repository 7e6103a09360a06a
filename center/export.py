"""Every stored record as CSV, for Excel and for scripts.

Semicolon-separated UTF-8 with a byte-order mark: German Excel opens it with columns and
umlauts intact. Chip lists are comma-separated ids; the interview summary becomes one column
per figure. A comment that begins like a formula (= + - @) gets a leading apostrophe so a
spreadsheet shows it instead of running it (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, select

from center.stats import Filters
from center.tables import session_chips, session_records
from visit_record.record import utc_text

INTERVIEW_FIELDS = ("questions_asked", "questions_answered", "speaking_time_s", "words_per_minute",
                    "filler_words_per_minute", "long_pauses", "job_terms_used",
                    "structured_answers_share", "eye_contact_share")
COLUMNS = ("schema_version", "session_id", "station_id", "app_version", "started_at", "ended_at",
           "mode", "occupation_id", "language", "outcome", "rating", "worked", "not_worked",
           "comment", *(f"interview_{name}" for name in INTERVIEW_FIELDS))
_CHUNK = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_lines(engine: Engine, filters: Filters | None = None,
              with_comments: bool = True) -> Iterator[str]:
    """The CSV text in pieces (header first), reading the database in chunks."""
    for text, _rows in _pieces(engine, filters, with_comments):
        yield text


def write_csv(engine: Engine, target: Any) -> int:
    """Write every record to ``target`` (a text file opened with newline=''); returns the count."""
    count = 0
    for text, rows in _pieces(engine, None, with_comments=True):
        target.write(text)
        count += rows
    return count


def _pieces(engine: Engine, filters: Filters | None, with_comments: bool
            ) -> Iterator[tuple[str, int]]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS if with_comments else [c for c in COLUMNS if c != "comment"])
    yield "\ufeff" + _take(buffer), 0
    r = session_records.c
    query = select(session_records).order_by(r.started_at, r.session_id)
    if filters is not None:
        query = query.where(*filters.conditions())
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=_CHUNK).execute(query)
        for rows in result.partitions():
            chips = _chips(connection, [row.session_id for row in rows])
            for row in rows:
                writer.writerow(_cells(row, chips.get(row.session_id, {}), with_comments))
            yield _take(buffer), len(rows)


def _chips(connection: Any, session_ids: list[str]) -> dict[str, dict[str, list[str]]]:
    c = session_chips.c
    found: dict[str, dict[str, list[str]]] = {}
    for start in range(0, len(session_ids), 500):
        rows = connection.execute(select(c.session_id, c.kind, c.chip_id)
                                  .where(c.session_id.in_(session_ids[start:start + 500]))
                                  .order_by(c.session_id, c.kind, c.position)).all()
        for session_id, kind, chip in rows:
            found.setdefault(session_id, {}).setdefault(kind, []).append(chip)
    return found


def _cells(row: Any, chips: dict[str, list[str]], with_comments: bool) -> list[Any]:
    interview = row.interview or {}
    cells: list[Any] = [
        row.schema_version, row.session_id, row.station_id, row.app_version,
        utc_text(row.started_at), utc_text(row.ended_at), row.mode, row.occupation_id or "",
        row.language, row.outcome, "" if row.rating is None else row.rating,
        ",".join(chips.get("worked", [])), ",".join(chips.get("not_worked", []))]
    if with_comments:
        cells.append(_safe_text(row.comment))
    cells += ["" if interview.get(name) is None else interview[name] for name in INTERVIEW_FIELDS]
    return cells


def _safe_text(text: str | None) -> str:
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
