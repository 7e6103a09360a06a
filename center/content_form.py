"""Field-by-field editing forms for an occupation and the shared texts, every language side by side.

A form is a list of rows (a title, a narration, a question's cue words …); each row has one cell
per language, and each cell names the file and the path in it where its text lives: German and
English inline in the base file (``titles: {de: …, en: …}``), every further language in its
overlay ``translations/<code>/…`` (a localized map there is a plain value, a list of objects with
an ``id`` a mapping by that id). Saving writes only the cells that changed into their files
(``center.yaml_edit``: comments and layout stay), and the check's problems are placed at the cell
or row whose YAML span holds them, in German (``center.problem_texts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from catalog.problems import ContentError
from catalog.yaml_loader import JsonPath, parse_yaml_text
from center.content_store import ContentProblem, sha256_hex
from center.problem_texts import german
from center.yaml_edit import EditRefused, Span, Value, dig, node_spans, set_values

INLINE_LANGUAGES = ("de", "en")
NEUTRAL = "*"
"""The cell of a row that has one value for every language (a year, a duration)."""
_CODE = r"[a-z]{2,3}(?:-x-[a-z]+)?"
OCCUPATION_SECTIONS = {"beruf": "Beruf und Ausbildung", "rundgang": "Rundgang",
                       "fragen": "Fragen und starke Antworten"}
SHARED_SECTIONS = {"gemeinsam": "Rückmeldungen und Gesprächsphrasen"}
PHRASES = {"move_on": "Weiter zur nächsten Frage", "answer_cap": "Antwort wird zu lang",
           "repeat_hint": "Hinweis auf „Wiederholen“", "goodbye": "Verabschiedung",
           "not_understood": "Antwort nicht verstanden", "no_answer": "Keine Antwort erhalten",
           "candidate_question_reply": "Antwort auf eine Frage der Bewerberin oder des Bewerbers",
           "invite_question": "Einladung zu fragen", "another_question": "Noch eine Frage?"}
FOLLOW_UPS = {"too_short": "Antwort zu kurz", "no_example": "Antwort ohne Beispiel",
              "no_result": "Antwort ohne Ergebnis", "job_term": "Fachbegriff genannt ({term})",
              "silence": "Schweigen"}
SALARY_PARTS = {"training": "Vergütung in der Ausbildung",
                "after_training": "Gehalt nach der Ausbildung"}


@dataclass(frozen=True)
class Language:
    """One column of the form."""

    code: str
    name: str
    """The language's German name (``Arabisch``)."""
    rtl: bool


@dataclass
class Cell:
    """One language's value of a row, and where it is written."""

    file: str
    path: JsonPath
    value: Any
    """What the file holds now; None where the text is missing."""
    problems: list[str] = field(default_factory=list)
    """The check's problems at this value, in German."""
    entered: str | None = None
    """What staff typed when the form could not be saved (shown again instead of ``value``)."""

    @property
    def items(self) -> list[str]:
        """A list cell's entries (one empty entry for a missing list, to type into)."""
        if isinstance(self.value, list):
            return [str(v) for v in self.value] or [""]
        return [] if self.value is None else [str(self.value)]

    @property
    def text(self) -> str:
        """The cell as one text for an input or textarea."""
        if self.entered is not None:
            return self.entered
        if self.value is None:
            return ""
        if isinstance(self.value, list):
            return "\n".join(map(str, self.value))
        return str(self.value)


@dataclass
class Row:
    """One field of the form: a label, its kind and a cell per language."""

    key: str
    label: str
    kind: str
    """``line`` (short text), ``long`` (textarea), ``list`` (entries), ``words`` (short entries,
    shown side by side: cue words), ``number`` (whole number)."""
    cells: dict[str, Cell]
    problems: list[str] = field(default_factory=list)
    """Problems that belong to the field as a whole (a missing translation, say)."""
    anchor: tuple[str, JsonPath] | None = None
    """The base file's mapping that holds the inline languages, for problems about the whole row."""

    def name(self, language: str) -> str:
        """The form field name of one cell."""
        return f"{self.key}.{'alle' if language == NEUTRAL else language}"

    @property
    def has_problems(self) -> bool:
        """Whether the check found anything at this field."""
        return bool(self.problems) or any(c.problems for c in self.cells.values())


@dataclass
class Group:
    """A heading (``Tour-Station 2 „mise-en-place“``) over some rows, in one part of the form."""

    heading: str
    section: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ContentForm:
    """The editing form of one occupation (``koch``) or of the shared texts."""

    subject: str
    title: str
    sections: dict[str, str]
    languages: list[Language]
    groups: list[Group]
    files: list[str]
    unplaced: list[tuple[ContentProblem, str]] = field(default_factory=list)
    """Problems in the form's files that belong to no field, with their German wording."""

    def stamp(self, tree: dict[str, bytes]) -> str:
        """A hash of the form's files as they are in ``tree``: what the page was made from."""
        return sha256_hex(b"".join(sha256_hex(tree.get(p, b"")).encode() for p in self.files))

    def rows(self, section: str | None = None) -> list[Row]:
        """The rows of one part of the form (all parts without ``section``)."""
        return [r for g in self.groups if section is None or g.section == section for r in g.rows]

    def problem_count(self, section: str) -> int:
        """How many problems the check placed at the fields of one part."""
        return sum(len(r.problems) + sum(len(c.problems) for c in r.cells.values())
                   for r in self.rows(section))


class FormRefused(ValueError):
    """The form cannot be saved as posted; ``errors`` names the cells, all German."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.errors = errors or {}


# --- building ----------------------------------------------------------------------------------

class _Builder:
    def __init__(self, tree: dict[str, bytes], base: str, overlay_pattern: str | None,
                 rows_before: int = 0):
        self.tree = tree
        self.base = base
        self.data: dict[str, Any] = {}
        self.overlays: dict[str, str] = {}
        self.groups: list[Group] = []
        self.count = rows_before
        """Rows made so far: their keys are unique across the builders of one form."""
        self.data[base] = _parse(tree, base)
        if overlay_pattern is not None:
            pattern = re.compile(overlay_pattern)
            for path in sorted(tree):
                match = pattern.fullmatch(path)
                if match and match.group(1) not in INLINE_LANGUAGES:
                    parsed = _parse(tree, path)
                    if isinstance(parsed, dict):
                        self.data[path] = parsed
                        self.overlays[match.group(1)] = path

    def group(self, heading: str, section: str) -> None:
        self.groups.append(Group(heading, section))

    def localized(self, label: str, kind: str, inline: JsonPath,
                  overlay: JsonPath | None) -> None:
        cells = {lang: Cell(self.base, (*inline, lang), dig(self.data[self.base], (*inline, lang)))
                 for lang in INLINE_LANGUAGES}
        if overlay is not None:
            for code, path in self.overlays.items():
                cells[code] = Cell(path, overlay, dig(self.data[path], overlay))
        self._row(label, kind, cells, anchor=(self.base, inline))

    def neutral(self, label: str, kind: str, path: JsonPath) -> None:
        self._row(label, kind, {NEUTRAL: Cell(self.base, path, dig(self.data[self.base], path))})

    def _row(self, label: str, kind: str, cells: dict[str, Cell],
             anchor: tuple[str, JsonPath] | None = None) -> None:
        self.count += 1
        self.groups[-1].rows.append(Row(f"f{self.count}", label, kind, cells, anchor=anchor))


def _parse(tree: dict[str, bytes], path: str) -> Any:
    try:
        return parse_yaml_text(Path(path), tree[path].decode("utf-8")).data
    except (ContentError, UnicodeDecodeError):
        return None


def occupation_form(tree: dict[str, bytes], occupation: str,
                    problems: list[ContentProblem]) -> ContentForm | None:
    """The form of ``occupations/<occupation>.yaml`` and its overlays; None if it is unreadable."""
    base = f"occupations/{occupation}.yaml"
    if base not in tree:
        return None
    b = _Builder(tree, base, rf"translations/({_CODE})/occupations/{re.escape(occupation)}\.yaml")
    data = b.data[base]
    if not isinstance(data, dict):
        return None
    b.group("Allgemein", "beruf")
    b.localized("Berufsbezeichnung", "line", ("titles",), ("titles",))
    b.localized("Kurzbeschreibung", "long", ("summary",), ("summary",))
    b.localized("Aufgaben", "list", ("tasks",), ("tasks",))
    b.localized("Arbeitsmittel und Werkzeuge", "list", ("tools",), ("tools",))
    b.localized("Arbeitsorte und Arbeitsbedingungen", "list", ("work_settings",),
                ("work_settings",))
    b.localized("Fachbegriffe (für das Gespräch, nur Deutsch und Englisch)", "list", ("terms",),
                None)
    b.group("Ausbildung und Schulabschluss", "beruf")
    b.neutral("Art der Ausbildung (dual, schulisch …)", "line", ("training", "kind"))
    b.neutral("Dauer der Ausbildung in Monaten", "number", ("training", "duration_months"))
    b.localized("Hinweis zur Ausbildung", "long", ("training", "note"), ("training", "note"))
    b.neutral("Üblicher Schulabschluss", "line", ("school_certificate", "usual"))
    b.localized("Hinweis zum Schulabschluss", "long", ("school_certificate", "note"),
                ("school_certificate", "note"))
    for part, heading in SALARY_PARTS.items():
        b.group(heading, "beruf")
        b.neutral("Mindestens (Euro brutto im Monat)", "number", ("salary", part, "min_eur"))
        b.neutral("Höchstens (Euro brutto im Monat)", "number", ("salary", part, "max_eur"))
        b.neutral("Jahr der Angaben", "number", ("salary", part, "year"))
        b.localized("Quelle", "long", ("salary", part, "source"), ("salary", part, "source"))
    tour = _mapping(data.get("tour"))
    for i, stop in enumerate(_list(tour.get("stops"))):
        sid = _mapping(stop).get("id", str(i + 1))
        b.group(f"Tour-Station {i + 1} „{sid}“", "rundgang")
        b.localized("Titel", "line", ("tour", "stops", i, "titles"), ("tour", "stops", sid, "titles"))
        b.localized("Erzählung", "long", ("tour", "stops", i, "narration"),
                    ("tour", "stops", sid, "narration"))
    for i, spot in enumerate(_list(tour.get("hotspots"))):
        hid = _mapping(spot).get("id", str(i + 1))
        b.group(f"Hotspot „{hid}“", "rundgang")
        b.localized("Titel", "line", ("tour", "hotspots", i, "titles"),
                    ("tour", "hotspots", hid, "titles"))
        b.localized("Text", "long", ("tour", "hotspots", i, "texts"),
                    ("tour", "hotspots", hid, "texts"))
    questions = _list(_mapping(data.get("interview")).get("questions"))
    for i, question in enumerate(questions):
        q = _mapping(question)
        b.group(f"Frage {i + 1} „{q.get('id', '')}“ (Phase {q.get('phase', '?')})", "fragen")
        at: JsonPath = ("interview", "questions", i)
        b.localized("Frage", "long", (*at, "text"), None)
        b.localized("Tipp für die Antwort", "long", (*at, "hint"), None)
        for j, _point in enumerate(_list(q.get("strong_answer"))):
            point: JsonPath = (*at, "strong_answer", j)
            b.localized(f"Starke Antwort {j + 1}: Punkt", "line", (*point, "point"), None)
            b.localized(f"Starke Antwort {j + 1}: Stichwörter", "words", (*point, "cues"), None)
    form = ContentForm(occupation, f"Beruf „{occupation}“", OCCUPATION_SECTIONS,
                       _languages(tree, b.overlays), b.groups, [base, *b.overlays.values()])
    place_problems(tree, form, problems)
    return form


def shared_form(tree: dict[str, bytes], problems: list[ContentProblem]) -> ContentForm:
    """The form of the feedback chips (``feedback.yaml`` and overlays) and the interview phrases."""
    b = _Builder(tree, "feedback.yaml", rf"translations/({_CODE})/feedback\.yaml")
    feedback = _mapping(b.data.get("feedback.yaml"))
    for part, heading in (("worked", "Rückmeldung: Was hat funktioniert?"),
                          ("not_worked", "Rückmeldung: Was hat nicht funktioniert?")):
        b.group(heading, "gemeinsam")
        for i, chip in enumerate(_list(feedback.get(part))):
            cid = _mapping(chip).get("id", str(i + 1))
            b.localized(f"Auswahlfeld „{cid}“", "line", (part, i, "labels"), (part, cid, "labels"))
    overlays = dict(b.overlays)
    files = ["feedback.yaml", *overlays.values()]
    groups = b.groups
    if "interview.yaml" in tree:
        talk = _Builder(tree, "interview.yaml", None, rows_before=b.count)
        interview = _mapping(talk.data["interview.yaml"])
        talk.group("Gesprächsphrasen (nur Deutsch und Englisch)", "gemeinsam")
        for key in _mapping(interview.get("phrases")):
            talk.localized(PHRASES.get(key, key), "long", ("phrases", key), None)
        talk.group("Nachfragen der Gesprächspartnerin oder des Gesprächspartners", "gemeinsam")
        for key in _mapping(interview.get("follow_ups")):
            talk.localized(FOLLOW_UPS.get(key, key), "list", ("follow_ups", key), None)
        groups += talk.groups
        files.append("interview.yaml")
    form = ContentForm("gemeinsam", "Gemeinsame Texte", SHARED_SECTIONS,
                       _languages(tree, overlays), groups, files)
    place_problems(tree, form, problems)
    return form


def _languages(tree: dict[str, bytes], overlays: dict[str, str]) -> list[Language]:
    declared = _mapping(_parse(tree, "languages.yaml")) if "languages.yaml" in tree else {}
    by_code = {str(e.get("code")): e for e in _list(declared.get("languages"))
               if isinstance(e, dict)}
    order = list(by_code)
    codes = [*INLINE_LANGUAGES, *sorted(overlays, key=lambda c: (order.index(c) if c in order
                                                                   else len(order), c))]
    result = []
    for code in codes:
        entry = _mapping(by_code.get(code))
        name = _mapping(entry.get("names")).get("de") or code
        result.append(Language(code, str(name), entry.get("direction") == "rtl"))
    return result


# --- problems at their fields ------------------------------------------------------------------

def place_problems(tree: dict[str, bytes], form: ContentForm,
                   problems: list[ContentProblem]) -> None:
    """Put each problem in the form's files at the cell (or row) whose YAML span holds it."""
    targets: dict[str, list[tuple[Span, list[str]]]] = {}
    wanted: dict[str, list[tuple[JsonPath, list[str]]]] = {}
    for row in form.rows():
        for cell in row.cells.values():
            wanted.setdefault(cell.file, []).append((cell.path, cell.problems))
        if row.anchor is not None:
            wanted.setdefault(row.anchor[0], []).append((row.anchor[1], row.problems))
    for path, entries in wanted.items():
        try:
            spans = node_spans(tree[path].decode("utf-8"), [p for p, _ in entries])
        except yaml.YAMLError:  # a file YAML cannot read keeps its problems unplaced
            continue
        targets[path] = [(spans[p], sink) for p, sink in entries if p in spans]
    for problem in problems:
        if problem.path not in form.files:
            continue
        sink = _innermost(targets.get(problem.path, []), problem)
        if sink is None:
            form.unplaced.append((problem, german(problem.message)))
        else:
            sink.append(german(problem.message))


def _innermost(spans: list[tuple[Span, list[str]]], problem: ContentProblem) -> list[str] | None:
    if problem.line is None:
        return None
    at = (problem.line, problem.column or 1)
    best: tuple[Span, list[str]] | None = None
    for span, sink in spans:
        start, end = span
        # The latest start among the spans that hold it is the innermost (a cell in its row).
        if (start <= at < end or start == at) and (best is None or best[0][0] <= start):
            best = (span, sink)
    return best[1] if best else None


# --- saving ------------------------------------------------------------------------------------

def changed_files(tree: dict[str, bytes], form: ContentForm, section: str,
                  posted: dict[str, list[str]]) -> dict[str, bytes]:
    """The files of ``form`` with the posted values of ``section`` written in (changed ones only).

    FormRefused when a number is not a whole number or a change cannot be written safely; the
    cells keep what was typed (``Cell.entered``) so that the page can show it again.
    """
    changes: dict[str, dict[JsonPath, Value]] = {}
    errors: dict[str, str] = {}
    stamp = posted.get("stand", [""])[0]
    if stamp != form.stamp(tree):
        # Each posted value is compared with the files as they are now: a page made before
        # someone else's save would quietly undo that save's changes.
        raise FormRefused("Nicht gespeichert: jemand hat diese Inhalte inzwischen geändert. Bitte "
                          "laden Sie das Formular neu und tragen Sie Ihre Änderung noch einmal "
                          "ein.")
    for row in form.rows(section):
        for language, cell in row.cells.items():
            name = row.name(language)
            if row.kind in ("list", "words"):
                if f"{name}.liste" not in posted:
                    continue
                items = [v.replace("\r\n", "\n").strip() for v in posted.get(name, [])]
                new: Value | None = [v for v in items if v]
                cell.entered = "\n".join(items)
                if not new and cell.value is None:
                    new = None
            else:
                if name not in posted:
                    continue
                text = posted[name][0].replace("\r\n", "\n").strip()
                cell.entered = text
                new = text
                if row.kind == "number":
                    if not re.fullmatch(r"-?\d{1,9}", text):
                        errors[name] = "Bitte geben Sie eine ganze Zahl ein (ohne Punkt und Komma)."
                        cell.problems.insert(0, errors[name])
                        continue
                    new = int(text)
                elif not text and cell.value is None:
                    new = None
            if new is not None and new != cell.value:
                changes.setdefault(cell.file, {})[cell.path] = new
    if errors:
        raise FormRefused("Nicht gespeichert: bitte korrigieren Sie die markierten Felder.",
                          errors)
    result = {}
    try:
        for path, values in changes.items():
            text = tree[path].decode("utf-8")
            result[path] = set_values(text, values, path).encode("utf-8")
    except EditRefused as exc:
        raise FormRefused(f"Nicht gespeichert: {exc}") from None
    return result


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
