"""A visitor session's feedback as the station logs it and the center stores it.

The JSON form is fixed by ``schemas/session-record.schema.json`` (schema version 1); the station
and the center both check records with ``check_record_json``, so they accept exactly the same
things. A record holds nothing that identifies a person: no name, no audio, no transcript, and
a comment is stripped of contact details (``privacy.py``) when the record is made.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any
from uuid import UUID

import jsonschema

from visit_record.privacy import redact_personal_data

SCHEMA_VERSION = 1
MAX_COMMENT_CHARS = 1000

_SCHEMA_PACKAGE = "visit_record.schemas"
_SCHEMA_FILE = "session-record.schema.json"


class SessionMode(StrEnum):
    """What the visitor did in a session: a workplace tour or an interview practice."""

    TOUR = "tour"
    INTERVIEW = "interview"


class SessionOutcome(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    ABANDONED = "abandoned"
    """The visitor ended the session early."""
    TIMEOUT = "timeout"
    """Nobody interacted for too long; the station ended the session."""


class RecordError(ValueError):
    """A session record breaks the schema; ``problems`` says how, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class InterviewSummary:
    """Figures about an interview practice; no words the visitor said."""

    questions_asked: int
    questions_answered: int
    speaking_time_s: float
    words_per_minute: float | None
    filler_words_per_minute: float | None
    long_pauses: int | None
    """Pauses inside answers longer than the language's norm."""
    job_terms_used: int | None
    """Distinct job terms of the occupation the visitor used."""
    structured_answers_share: float | None
    """Share (0–1) of answers with a clear structure."""
    eye_contact_share: float | None
    """Share (0–1) of speaking time spent looking at the interviewer; None without eye tracking."""

    def to_json(self) -> dict[str, Any]:
        """The summary's JSON form with the schema's field names."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class HandsOnTaskFigures:
    """Figures about the hands-on task the visitor tried; nothing about what they selected."""

    kind: str
    """find, sort, sequence or choose."""
    completed: bool
    hints_used: int
    duration_s: float

    def to_json(self) -> dict[str, Any]:
        """The figures' JSON form with the schema's field names."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class SessionRecord:
    """One session's feedback. Construction checks it against the schema (``RecordError``)."""

    session_id: UUID
    """Random, made when the session starts; the center counts each id once."""
    station_id: str
    app_version: str
    started_at: datetime
    """Timezone-aware; stored as UTC."""
    ended_at: datetime
    """Not before ``started_at``: derive it from a monotonic duration, not a second wall-clock
    reading, so a clock step during the session cannot invert the two."""
    mode: SessionMode
    occupation_id: str | None
    """None when the visitor left before choosing an occupation."""
    language: str
    outcome: SessionOutcome
    rating: int | None
    """1–5 stars, None when the visitor gave none."""
    worked: tuple[str, ...]
    """Ids of the chips "Das hat funktioniert" the visitor tapped."""
    not_worked: tuple[str, ...]
    comment: str | None
    """The visitor's own words; contact details are replaced on construction."""
    interview: InterviewSummary | None
    schema_version: int = SCHEMA_VERSION
    hands_on_task: HandsOnTaskFigures | None = None
    """Optional: stations before the hands-on tasks leave it out, and the center accepts both."""

    def __post_init__(self) -> None:
        """Strip contact details from the comment, then check the record against the schema."""
        if isinstance(self.comment, str):
            text = redact_personal_data(self.comment.strip())
            object.__setattr__(self, "comment", text or None)
        problems = check_record_json(self.to_json())
        if problems:
            raise RecordError(problems)

    def to_json(self) -> dict[str, Any]:
        """The record's JSON form with the schema's field names (``hands_on_task`` only when set)."""
        data = {
            "schema_version": self.schema_version,
            "session_id": str(self.session_id),
            "station_id": self.station_id,
            "app_version": self.app_version,
            "started_at": utc_text(self.started_at, "started_at"),
            "ended_at": utc_text(self.ended_at, "ended_at"),
            "mode": str(self.mode),
            "occupation_id": self.occupation_id,
            "language": self.language,
            "outcome": str(self.outcome),
            "rating": self.rating,
            "worked": list(self.worked),
            "not_worked": list(self.not_worked),
            "comment": self.comment,
            "interview": self.interview.to_json() if self.interview is not None else None,
        }
        if self.hands_on_task is not None:
            data["hands_on_task"] = self.hands_on_task.to_json()
        return data

    def to_json_text(self) -> str:
        """The record as compact JSON text (UTF-8 characters kept, no NaN)."""
        return json.dumps(self.to_json(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: Any) -> SessionRecord:
        """A record from its JSON form; RecordError names every problem."""
        problems = check_record_json(data)
        if problems:
            raise RecordError(problems)
        interview = data["interview"]
        return cls(
            schema_version=data["schema_version"],
            session_id=UUID(data["session_id"]),
            station_id=data["station_id"],
            app_version=data["app_version"],
            started_at=parse_utc(data["started_at"]),
            ended_at=parse_utc(data["ended_at"]),
            mode=SessionMode(data["mode"]),
            occupation_id=data["occupation_id"],
            language=data["language"],
            outcome=SessionOutcome(data["outcome"]),
            rating=_whole(data["rating"]),
            worked=tuple(data["worked"]),
            not_worked=tuple(data["not_worked"]),
            comment=data["comment"],
            interview=None if interview is None else InterviewSummary(
                **{k: _whole(v) if k in _WHOLE_FIGURES else v for k, v in interview.items()}),
            hands_on_task=None if data.get("hands_on_task") is None else HandsOnTaskFigures(
                **{k: _whole(v) if k == "hints_used" else v for k, v in data["hands_on_task"].items()}),
        )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_WHOLE_FIGURES = {"questions_asked", "questions_answered", "long_pauses", "job_terms_used"}


def utc_text(value: Any, name: str = "time") -> str:
    """``2025-03-14T09:30:00Z`` (microseconds only when there are some)."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise RecordError([f"{name}: must be a timezone-aware datetime, not {value!r}"])
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def parse_utc(text: str) -> datetime:
    """A ``utc_text`` time (``…Z``) as a timezone-aware UTC datetime."""
    return datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=UTC)


def record_schema() -> dict[str, Any]:
    """The JSON Schema of a session record, self-contained (no ``$ref``), as a fresh copy.

    The center embeds it in its OpenAPI spec.
    """
    return json.loads(json.dumps(_schema()))


def check_record_json(data: Any) -> list[str]:
    """Every way ``data`` is not a valid session record, as ``field: message`` lines.

    The schema first; the rules it cannot say (real dates, order of times, chips on one side
    only) only for data that passed it.
    """
    problems = [_describe(error) for error in _validator().iter_errors(data)]
    if problems:
        return sorted(set(problems))
    return _cross_field_problems(data)


def _cross_field_problems(data: Mapping[str, Any]) -> list[str]:
    problems = []
    times = {}
    for name in ("started_at", "ended_at"):
        try:
            times[name] = parse_utc(data[name])
        except ValueError:
            problems.append(f"{name}: {data[name]!r} is not a real date and time")
    if len(times) == 2 and times["ended_at"] < times["started_at"]:
        problems.append("ended_at: is before started_at")
    comment = data["comment"]
    if comment is not None and _LONE_SURROGATE.search(comment):
        # JSON may escape half of a UTF-16 pair ("\\ud800"); no database can store that.
        problems.append("comment: contains an invalid character (half of a UTF-16 pair)")
    both = sorted(set(data["worked"]) & set(data["not_worked"]))
    if both:
        problems.append(f"not_worked: {', '.join(both)} also listed in worked; a chip is one or "
                        "the other")
    interview = data["interview"]
    if interview is not None:
        if data["mode"] != SessionMode.INTERVIEW:
            problems.append(f"interview: must be null in a {data['mode']} session")
        if interview["questions_answered"] > interview["questions_asked"]:
            problems.append("interview.questions_answered: more than questions_asked")
        for name, value in interview.items():
            # Python's json module reads NaN and Infinity, which JSON itself does not allow.
            if isinstance(value, float) and not math.isfinite(value):
                problems.append(f"interview.{name}: must be a finite number, not {value}")
    return problems


@cache
def _schema() -> dict[str, Any]:
    text = resources.files(_SCHEMA_PACKAGE).joinpath(_SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    definitions = schema.pop("$defs", {})
    # Local references resolved once: the schema can be embedded elsewhere (OpenAPI), and
    # validation skips a reference lookup per field (half the time of checking a record).
    inlined: dict[str, Any] = _inline(schema, definitions)
    return inlined


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _inline(value, definitions) for key, value in node.items() if key != "$ref"}
    if "$ref" in node:
        target = _inline(definitions[node["$ref"].removeprefix("#/$defs/")], definitions)
        result = {**target, **result}
    return result


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _describe(error: jsonschema.ValidationError) -> str:
    """``field: what is wrong``, in words staff and station developers can act on."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        # "is not valid under any of the given schemas" helps nobody: name the closest miss.
        return _describe(jsonschema.exceptions.best_match(error.context))
    where = _dotted(error.absolute_path)
    value: Any = error.validator_value
    instance: Any = error.instance
    match error.validator:
        case "required":
            missing = [k for k in value if isinstance(instance, dict) and k not in instance]
            return f"{where}: missing field {', '.join(repr(k) for k in missing)}"
        case "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))  # type: ignore[union-attr]  # no bool schemas in ours
            extra = sorted(k for k in instance if k not in allowed)
            return (f"{where}: unknown field {', '.join(repr(k) for k in extra)} "
                    f"(allowed: {', '.join(allowed)})")
        case "type":
            expected = " or ".join(value) if isinstance(value, list) else value
            return f"{where}: should be {expected}, not {_kind(instance)}"
        case "enum":
            return f"{where}: {_short(instance)} is not one of {', '.join(map(str, value))}"
        case "const":
            return f"{where}: must be {value!r}, not {_short(instance)}"
        case "pattern":
            description = error.schema.get("description")  # type: ignore[union-attr]  # no bool schemas in ours
            hint = f" ({description})" if description else ""
            return f"{where}: {_short(instance)} is not allowed here{hint}"
        case "minimum" | "maximum":
            word = "at least" if error.validator == "minimum" else "at most"
            return f"{where}: must be {word} {value}, not {_short(instance)}"
        case "maxLength":
            return f"{where}: may have at most {value} characters, has {len(instance)}"
        case "maxItems":
            return f"{where}: may have at most {value} entries, has {len(instance)}"
        case "uniqueItems":
            return f"{where}: lists the same chip twice"
    return f"{where}: {error.message}"


def _dotted(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "record"


def _kind(instance: Any) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return "true/false"
    if isinstance(instance, float) and not math.isfinite(instance):
        return str(instance)
    return {dict: "an object", list: "a list", str: "text", int: "a whole number",
            float: "a number"}.get(type(instance), type(instance).__name__)


def _short(instance: Any) -> str:
    text = repr(instance)
    return text if len(text) <= 60 else text[:57] + "…"


def _whole(value: Any) -> Any:
    """JSON Schema counts 5.0 as an integer; keep Python's ints whole."""
    return int(value) if isinstance(value, float) else value
