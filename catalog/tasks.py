"""Hands-on tasks (content/tasks/OCCUPATION-ID.yaml): the model, its cross-checks and building it.

A task belongs to one occupation and runs at one of its tour stops (``stop``): staff find it
beside the occupation under the same name, and the occupation file stays as it is. Its things
stand at anchors of the occupation's workplace; every reference is checked here with the
file, line and column of the value that names something missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from catalog.model import Anchor, LocalizedList, LocalizedText, Occupation
from catalog.problems import Problem
from catalog.references import anchor_ids, duplicate_ids, guarded
from catalog.translations import FallbackText
from catalog.yaml_loader import JsonPath, YamlDocument

if TYPE_CHECKING:
    from catalog.loading import ContentCheck

SCHEMA = "task"
DEFAULT_HINT_AFTER_S = 20.0
"""A pause long enough to read the instruction and look around before help appears."""
DEFAULT_TIME_LIMIT_S = 180.0


class TaskKind(StrEnum):
    """What the visitor does in a hands-on task."""

    FIND = "find"
    """Spot the things that matter in the room (hazards, mistakes, the right device)."""
    SORT = "sort"
    """Put each item where it belongs: select an item, then its place."""
    SEQUENCE = "sequence"
    """Put the steps of a routine in order."""
    CHOOSE = "choose"
    """Pick the right tool or answer for the situation."""


@dataclass(frozen=True)
class TaskItem:
    """A thing the visitor selects: a tile within reach, or (find) a marker in the room."""

    id: str
    labels: LocalizedText
    explanation: LocalizedText
    """Why it is (or is not) right: shown as the feedback when it is selected or placed."""
    right: bool = False
    """find and choose: one of the things to find or choose."""
    place: str | None = None
    """sort: the id of the target it belongs to."""
    anchor: Anchor | None = None
    """find: where the thing is in the room (resolved from the workplace)."""


@dataclass(frozen=True)
class TaskTarget:
    """sort: a place in the room an item can be put."""

    id: str
    labels: LocalizedText
    anchor: Anchor


@dataclass(frozen=True)
class HandsOnTask:
    """A task the visitor does at one tour stop, without a failure state."""

    occupation_id: str
    stop_id: str
    kind: TaskKind
    titles: LocalizedText
    instruction: LocalizedText
    """Spoken and shown when the task begins."""
    hints: LocalizedList
    """Shown one after the other when the visitor pauses for ``hint_after_s``."""
    hint_after_s: float
    time_limit_s: float
    done: LocalizedText
    time_up: LocalizedText
    items: tuple[TaskItem, ...]
    """sequence: in the right order."""
    targets: tuple[TaskTarget, ...] = ()
    focus: Anchor | None = None
    """Where the situation is in the room."""


def cross_check(check: ContentCheck) -> list[Problem]:
    """References of every task file: its occupation, tour stop, anchors, places and ids."""
    occupations = {p.stem: d for p, d in check.documents.items() if check.schemas[p] == "occupation"}
    workplaces = {p.stem: d for p, d in check.documents.items() if check.schemas[p] == "workplace"}
    problems: list[Problem] = []
    for path, document in check.documents.items():
        if check.schemas[path] == SCHEMA:
            problems += guarded(_references(document, occupations, workplaces))
    return problems


def _references(doc: YamlDocument, occupations: Mapping[str, YamlDocument],
                workplaces: Mapping[str, YamlDocument]) -> Iterator[Problem]:
    data = doc.data
    yield from duplicate_ids(doc, ("items",))
    yield from duplicate_ids(doc, ("targets",))
    occupation_id = data["occupation"]
    if occupation_id != doc.path.stem:
        yield doc.problem(("occupation",), f"occupation: '{occupation_id}' must match the file "
                          f"name ('{doc.path.stem}.yaml'): one task per occupation")
    kind = data["kind"]
    items = data["items"]
    targets = {t["id"] for t in data.get("targets", [])}
    if kind != "sort" and "targets" in data:
        yield doc.problem(("targets",), f"targets: only a 'sort' task has targets (this is '{kind}')")
    for i, item in enumerate(items):
        for key, kinds in (("anchor", ("find",)), ("right", ("find", "choose")), ("place", ("sort",))):
            if key in item and kind not in kinds:
                yield doc.problem(("items", i, key), (
                    f"items[{i}].{key}: only a {' or '.join(kinds)} task uses it (this is '{kind}')"))
        if kind == "sort" and item["place"] not in targets:
            yield doc.problem(("items", i, "place"), (
                f"items[{i}].place: no target '{item['place']}' in targets "
                f"(there are: {', '.join(sorted(targets))})"))
    if kind in ("find", "choose") and not any(item["right"] is True for item in items):
        yield doc.problem(("items",), "items: at least one item needs 'right: true'")
    occupation = occupations.get(occupation_id)
    if occupation is None:
        if not (doc.path.parent.parent / "occupations" / f"{occupation_id}.yaml").exists():
            yield doc.problem(("occupation",), f"occupation: no occupations/{occupation_id}.yaml")
        return  # a broken occupation file: its own problem says what to fix
    stops = {s["id"] for s in occupation.data["tour"]["stops"]}
    if data["stop"] not in stops:
        yield doc.problem(("stop",), f"stop: the tour of '{occupation_id}' has no stop "
                          f"'{data['stop']}' (there are: {', '.join(sorted(stops))})")
    workplace_id = occupation.data["workplace"]
    workplace = workplaces.get(workplace_id)
    if workplace is None:
        return
    anchors = anchor_ids(workplace.data)
    named: list[tuple[JsonPath, str]] = [(("focus",), data["focus"])] if "focus" in data else []
    named += [(("items", i, "anchor"), item["anchor"]) for i, item in enumerate(items) if "anchor" in item]
    named += [(("targets", i, "anchor"), t["anchor"]) for i, t in enumerate(data.get("targets", []))]
    for path, anchor in named:
        if anchor not in anchors:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
            yield doc.problem(path, f"{where}: workplace '{workplace_id}' has no anchor '{anchor}'")


def build(check: ContentCheck, occupations: Mapping[str, Occupation],
          languages: Sequence[str] = ()) -> dict[str, HandsOnTask]:
    """The valid tasks of valid occupations, by occupation id.

    A task's texts are written in German and English inline and in every other language in
    ``languages`` in its overlay (translations/<code>/tasks/, merged by the content check); a
    text no valid overlay gives is the German one marked as a fallback (``[DE]``), never silently.
    """
    tasks: dict[str, HandsOnTask] = {}
    for stem, document in sorted(check.valid_documents(SCHEMA).items()):
        occupation = occupations.get(stem)
        if occupation is not None:
            # The merge marks what overlays lack; _with_fallbacks covers content the merge did
            # not run on (no valid languages.yaml) and leaves every merged text as it is.
            merged = check.merged_document(document.path).data
            tasks[stem] = task(_with_fallbacks(merged, languages), occupation)
    return tasks


def _with_fallbacks(data: Any, languages: Sequence[str]) -> Any:
    """``data`` with each text map ({de: …, en: …}) given the marked German for ``languages``."""
    if isinstance(data, Mapping):
        if "de" in data and set(data) <= {"de", "en", *languages}:
            german = data["de"]
            marked = (tuple(FallbackText.of(t) for t in german) if isinstance(german, list | tuple)
                      else FallbackText.of(german))
            return {**{code: marked for code in languages}, **data}
        return {key: _with_fallbacks(value, languages) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_fallbacks(value, languages) for value in data]
    return data


def task(data: Mapping[str, Any], occupation: Occupation) -> HandsOnTask:
    """A task from its checked document; anchors resolve in the occupation's workplace."""
    anchors = occupation.tour.workplace.anchors
    return HandsOnTask(
        occupation_id=occupation.id,
        stop_id=data["stop"],
        kind=TaskKind(data["kind"]),
        titles=data["titles"],
        instruction=data["instruction"],
        hints={code: tuple(texts) for code, texts in data["hints"].items()},
        hint_after_s=float(data.get("hint_after_s", DEFAULT_HINT_AFTER_S)),
        time_limit_s=float(data.get("time_limit_s", DEFAULT_TIME_LIMIT_S)),
        done=data["done"],
        time_up=data["time_up"],
        items=tuple(TaskItem(
            id=item["id"], labels=item["labels"], explanation=item["explanation"],
            right=bool(item.get("right", False)), place=item.get("place"),
            anchor=anchors[item["anchor"]] if "anchor" in item else None)
            for item in data["items"]),
        targets=tuple(TaskTarget(t["id"], t["labels"], anchors[t["anchor"]])
                      for t in data.get("targets", [])),
        focus=anchors[data["focus"]] if "focus" in data else None,
    )
