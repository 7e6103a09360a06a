"""An occupation's visitor texts with every language side by side, for the content pages.

German and English stand inline in ``occupations/<id>.yaml``; every further language in its
overlay ``translations/<code>/occupations/<id>.yaml`` (docs: translation format, issue 15), where
localized maps are plain values and lists of objects with an ``id`` are mappings by that id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog.problems import ContentError
from catalog.yaml_loader import parse_yaml_text

INLINE_LANGUAGES = ("de", "en")
_OVERLAY = re.compile(r"^translations/([a-z]{2,3}(?:-x-[a-z]+)?)/occupations/([a-z0-9-]+)\.yaml$")


@dataclass(frozen=True)
class TextRow:
    """One visitor text (a summary, a task, a narration …) in every language."""

    label: str
    line: int | None
    """Where the German text starts in the occupation's file."""
    values: dict[str, str]
    """Language code → text; a missing translation is absent."""


@dataclass(frozen=True)
class TextTable:
    """An occupation's visitor texts; ``overlays`` names each further language's file."""

    occupation: str
    path: str
    languages: list[str]
    overlays: dict[str, str]
    rows: list[TextRow]


def visitor_texts(tree: dict[str, bytes], occupation: str) -> TextTable | None:
    """The texts of ``occupations/<occupation>.yaml`` and its overlays; None if it is unreadable."""
    path = f"occupations/{occupation}.yaml"
    if path not in tree:
        return None
    try:
        base = parse_yaml_text(Path(path), tree[path].decode("utf-8"))
    except (ContentError, UnicodeDecodeError):
        return None
    overlays: dict[str, str] = {}
    overlay_data: dict[str, Any] = {}
    for other in sorted(tree):
        match = _OVERLAY.match(other)
        if match and match.group(2) == occupation:
            try:
                overlay_data[match.group(1)] = parse_yaml_text(
                    Path(other), tree[other].decode("utf-8")).data
                overlays[match.group(1)] = other
            except (ContentError, UnicodeDecodeError):
                continue
    data = base.data if isinstance(base.data, dict) else {}
    rows: list[TextRow] = []

    def add(label: str, json_path: tuple[Any, ...], inline: Any, overlay_path: tuple[Any, ...]) -> None:
        position = base.position((*json_path, "de"))
        values = {lang: _text(inline.get(lang)) for lang in INLINE_LANGUAGES
                  if isinstance(inline, dict) and inline.get(lang) is not None}
        for code, overlay in overlay_data.items():
            value = _dig(overlay, overlay_path)
            if value is not None:
                values[code] = _text(value)
        rows.append(TextRow(label, position[0] if position else None, values))

    add("Berufsbezeichnung", ("titles",), data.get("titles"), ("titles",))
    add("Kurzbeschreibung", ("summary",), data.get("summary"), ("summary",))
    tasks: dict[str, Any] = _mapping(data.get("tasks"))
    for i in range(len(tasks.get("de") or [])):
        inline = {lang: items[i] for lang, items in tasks.items()
                  if isinstance(items, list) and i < len(items)}
        rows.append(_task_row(base, i, inline, overlay_data))
    tour: dict[str, Any] = _mapping(data.get("tour"))
    for i, stop in enumerate(tour.get("stops") or []):
        if isinstance(stop, dict):
            sid = stop.get("id")
            add(f"Tour-Station „{sid}“: Titel", ("tour", "stops", i, "titles"), stop.get("titles"),
                ("tour", "stops", sid, "titles"))
            add(f"Tour-Station „{sid}“: Erzählung", ("tour", "stops", i, "narration"),
                stop.get("narration"), ("tour", "stops", sid, "narration"))
    for i, spot in enumerate(tour.get("hotspots") or []):
        if isinstance(spot, dict):
            hid = spot.get("id")
            add(f"Hotspot „{hid}“: Titel", ("tour", "hotspots", i, "titles"), spot.get("titles"),
                ("tour", "hotspots", hid, "titles"))
            add(f"Hotspot „{hid}“: Text", ("tour", "hotspots", i, "texts"), spot.get("texts"),
                ("tour", "hotspots", hid, "texts"))
    return TextTable(occupation, path, [*INLINE_LANGUAGES, *overlays], overlays, rows)


def _task_row(base: Any, i: int, inline: dict[str, Any], overlays: dict[str, Any]) -> TextRow:
    position = base.position(("tasks", "de", i))
    values = {lang: _text(v) for lang, v in inline.items() if lang in INLINE_LANGUAGES}
    for code, overlay in overlays.items():
        items = _dig(overlay, ("tasks",))
        if isinstance(items, list) and i < len(items):
            values[code] = _text(items[i])
    return TextRow(f"Aufgabe {i + 1}", position[0] if position else None, values)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dig(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        if isinstance(data, dict) and key in data:
            data = data[key]
        else:
            return None
    return data


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " · ".join(str(v) for v in value)
    return str(value)
