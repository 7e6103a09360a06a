"""Every stored record as CSV, for German Excel (the default) and for scripts (raw).

Both are semicolon-separated UTF-8 with a byte-order mark: German Excel opens them with columns
and umlauts intact. The Excel form (``ExcelForm``) has German column names, the chips' and
occupations' German labels, local times ("14.03.2025 09:30:00") and decimal commas (Excel reads
"5.6" as the 5th of June). The raw form keeps ids, UTC ISO times and decimal points, one column
per interview and hands-on task figure. A comment that begins like a formula (= + - @) gets a
leading apostrophe so a spreadsheet shows it instead of running it (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from center.labels import Labels
from center.stats import Filters
from center.tables import session_chips, session_records
from visit_record.record import utc_text

INTERVIEW_FIELDS = ("questions_asked", "questions_answered", "speaking_time_s", "words_per_minute",
                    "filler_words_per_minute", "long_pauses", "job_terms_used",
                    "structured_answers_share", "eye_contact_share")
TASK_FIELDS = ("kind", "completed", "hints_used", "duration_s")
COLUMNS = ("schema_version", "session_id", "station_id", "app_version", "started_at", "ended_at",
           "mode", "occupation_id", "language", "outcome", "rating", "worked", "not_worked",
           "comment", *(f"interview_{name}" for name in INTERVIEW_FIELDS),
           *(f"task_{name}" for name in TASK_FIELDS))
GERMAN_COLUMNS = dict(zip(COLUMNS, (
    "Schema-Version", "Sitzungs-ID", "Station", "App-Version", "Beginn", "Ende", "Art", "Beruf",
    # The rating stays a number (Excel can average it); the heading gives the scale (below).
    "Sprache", "Ergebnis", "Bewertung", "Hat funktioniert",
    "Hat nicht funktioniert", "Kommentar", "Gestellte Fragen", "Beantwortete Fragen",
    "Sprechzeit (Sekunden)", "Wörter pro Minute", "Füllwörter pro Minute", "Lange Pausen",
    "Verwendete Fachbegriffe", "Anteil strukturierter Antworten", "Anteil Blickkontakt",
    "Aufgabe (Art)", "Aufgabe abgeschlossen", "Aufgabe: genutzte Hinweise",
    "Aufgabe: Dauer (Sekunden)"),
    strict=True))
_MODES = {"tour": "Erkundung", "interview": "Gesprächstraining"}
_OUTCOMES = {"completed": "abgeschlossen", "abandoned": "vorzeitig beendet",
             "timeout": "wegen Inaktivität beendet"}
_TASK_KINDS = {"find": "Finden", "sort": "Zuordnen", "sequence": "Reihenfolge",
               "choose": "Auswählen"}
_CHUNK = 1000


@dataclass(frozen=True)
class ExcelForm:
    """What the CSV for German Excel needs: the labels and the center's time zone."""

    labels: Labels
    timezone: ZoneInfo
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_lines(engine: Engine, filters: Filters | None = None, with_comments: bool = True,
              excel: ExcelForm | None = None) -> Iterator[str]:
    """The CSV text in pieces (header first, raw without ``excel``), read in chunks."""
    for text, _rows in _pieces(engine, filters, with_comments, excel):
        yield text


def write_csv(engine: Engine, target: Any, excel: ExcelForm | None = None) -> int:
    """Write every record to ``target`` (a text file opened with newline=''); returns the count."""
    count = 0
    for text, rows in _pieces(engine, None, True, excel):
        target.write(text)
        count += rows
    return count


def _pieces(engine: Engine, filters: Filters | None, with_comments: bool,
            excel: ExcelForm | None) -> Iterator[tuple[str, int]]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    columns = [c for c in COLUMNS if with_comments or c != "comment"]
    writer.writerow([_german_heading(c, excel.labels) for c in columns] if excel else columns)
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
                cells = _cells(row, chips.get(row.session_id, {}), with_comments)
                writer.writerow(cells if excel is None else _for_excel(
                    dict(zip(columns, cells, strict=True)), row, excel))
            yield _take(buffer), len(rows)


def _german_heading(column: str, labels: Labels) -> str:
    """The German column heading; the rating's names its scale in the smileys' words."""
    heading = GERMAN_COLUMNS[column]
    if column == "rating":
        heading += f" (1 = „{labels.rating(1).lower()}“ bis 5 = „{labels.rating(5).lower()}“)"
    return heading


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
    # As in the record's JSON: a script reads "true"/"false", not Python's True/False.
    completed = "" if row.task_completed is None else str(bool(row.task_completed)).lower()
    cells += [row.task_kind or "", completed,
              "" if row.task_hints_used is None else row.task_hints_used,
              "" if row.task_duration_s is None else row.task_duration_s]
    return cells


def _for_excel(cells: dict[str, Any], row: Any, excel: ExcelForm) -> list[Any]:
    """The raw cells of ``row`` in German Excel's words, numbers and local time."""
    labels, zone = excel.labels, excel.timezone

    def chips(text: str) -> str:
        return ", ".join(labels.chip(chip) for chip in text.split(",") if chip)

    german = {
        "started_at": _local(row.started_at, zone), "ended_at": _local(row.ended_at, zone),
        "mode": _MODES.get(row.mode, row.mode),
        "occupation_id": "" if row.occupation_id is None else labels.occupation(row.occupation_id),
        "language": labels.language(row.language),
        "outcome": _OUTCOMES.get(row.outcome, row.outcome),
        "worked": chips(cells["worked"]), "not_worked": chips(cells["not_worked"]),
        "task_kind": "" if row.task_kind is None else _TASK_KINDS.get(row.task_kind, row.task_kind),
        "task_completed": "" if row.task_completed is None else
        ("ja" if row.task_completed else "nein"),
    }
    return [german[name] if name in german else _decimal_comma(value)
            for name, value in cells.items()]


def _local(moment: Any, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return local.strftime("%d.%m.%Y %H:%M:%S")


def _decimal_comma(value: Any) -> Any:
    return str(value).replace(".", ",") if isinstance(value, float) else value


def _safe_text(text: str | None) -> str:
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _take(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
