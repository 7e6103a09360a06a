"""Checks of a workplace layout that its JSON Schema cannot express (no Panda3D).

Called by the content check (``catalog.references``) for every workplace that
passed its schema, so staff see these problems in ``vr-station content validate``, in CI and at
station start, as FILE:LINE:COL: message:
- prop types and their options exist and fit (unknown names list what is known);
- colours are ``#rrggbb`` or known names;
- a room holds at most ``MAX_PROPS_PER_ROOM`` props, counting every copy a ``repeat`` places,
  checked before anything is laid out;
- props (every copy a ``repeat`` places too), lights and the interviewer's seat lie in the room;
- no viewpoint puts the visitor inside a counter, shelf or machine;
- in a furnished room, every hotspot anchor sits on or next to a prop (what it explains).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator, Mapping
from typing import Any

from catalog.problems import Problem
from catalog.schema import dotted
from catalog.yaml_loader import YamlDocument
from scenes.compose import Footprint, MeshCache, footprint, placed_prop
from scenes.kit import PROP_TYPES, PropType
from scenes.layout import LIGHT_COLOURS, PropPlacement, placements
from scenes.materials import colour_problem, parse_colour
from scenes.views import NEAR_PROP_M, nearest_prop

_CLEARANCE_M = 0.15
"""How close a visitor's viewpoint may come to a prop's outline."""

MAX_REPEAT_COUNT = 100
"""The most copies one ``repeat`` places; the workplace schema declares the same maximum."""
MAX_PROPS_PER_ROOM = 300
"""The most props one room may place, repeats included: ample for the furnished rooms (about
50 each), and a bound on the time the check and the scene take to lay them out."""


def layout_problems(doc: YamlDocument, kit: Mapping[str, PropType] = PROP_TYPES) -> Iterator[Problem]:
    """Every problem in the room, props, lights and interviewer seat of a workplace document."""
    data = doc.data
    room = data["room"]
    yield from _colours(doc)
    if _non_finite(data):
        return  # the schema check reports every NaN and infinity; nothing can be placed
    placed = _placed_count(doc)
    if placed is None:
        return  # a repeat count above its maximum, which the schema check reports
    if placed > MAX_PROPS_PER_ROOM:
        yield doc.problem(("props",), (
            f"props: the room places {placed} props (repeats counted); at most "
            f"{MAX_PROPS_PER_ROOM} keep the station's start and frame rate within bounds"))
        return
    footprints: list[tuple[Footprint, PropType]] = []
    cache: MeshCache = {}
    for i, entry in enumerate(data.get("props", [])):
        found = list(_prop(doc, i, entry, kit))
        if found:
            yield from found
            continue
        yield from _inside_room(doc, ("props", i, "position"), entry["position"], room)
        try:
            copies = placements(i, entry)
            yield from _copies_inside_room(doc, i, entry, copies, room)
            for placement in copies:
                mesh, _ = placed_prop(placement, kit, cache)
                footprints.append((footprint(placement, mesh), kit[entry["type"]]))
        except Exception as exc:  # a prop that cannot be built must not stop the station
            yield doc.problem(("props", i), f"props[{i}]: cannot build {entry['type']}: {exc}")
    for i, entry in enumerate(data.get("lights", [])):
        yield from _inside_room(doc, ("lights", i, "position"), entry["position"], room)
    seat = data.get("interviewer")
    if seat is not None:
        yield from _inside_room(doc, ("interviewer", "position"), seat["position"], room)
    yield from _blocked_viewpoints(doc, footprints)
    yield from _floating_anchors(doc, [fp for fp, _ in footprints])


def _non_finite(data: Any) -> bool:
    """Whether a number outside prop options (which ``_prop`` checks) is NaN or infinite."""
    if isinstance(data, float):
        return not math.isfinite(data)
    if isinstance(data, dict):
        return any(_non_finite(v) for k, v in data.items() if k != "options")
    if isinstance(data, list):
        return any(_non_finite(v) for v in data)
    return False


def _placed_count(doc: YamlDocument) -> int | None:
    """How many props the room places, repeats counted, known before anything is laid out.

    None when one ``repeat.count`` is above its maximum: the schema reports that, and laying
    out every copy first would take minutes (a count of a million took 96 s and 935 MB).
    """
    total = 0
    for entry in doc.data.get("props", []):
        count = entry.get("repeat", {}).get("count", 1) if isinstance(entry, dict) else 1
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            count = 1  # the schema reports it
        if count > MAX_REPEAT_COUNT:
            return None
        total += count
    return total


def _copies_inside_room(doc: YamlDocument, i: int, entry: Mapping[str, Any],
                        copies: list[PropPlacement], room: Mapping[str, Any]) -> Iterator[Problem]:
    """The copies a ``repeat`` places after the first, which ``_inside_room`` has checked."""
    for k, copy in enumerate(copies[1:], start=2):
        x, y, z = copy.position_m
        path = ("props", i, "repeat")
        position = [round(x, 3), round(y, 3), round(z, 3)] if len(entry["position"]) == 3 \
            else [round(x, 3), round(y, 3)]
        found = list(_inside_room(doc, path, position, room,
                                  what=f"props[{i}].repeat: copy {k} of {len(copies)} at"))
        if found:
            yield found[0]
            return  # one message per row is enough to move or shorten it


def _prop(
    doc: YamlDocument, i: int, entry: Mapping[str, Any], kit: Mapping[str, PropType]
) -> Iterator[Problem]:
    name = entry["type"]
    prop = kit.get(name)
    if prop is None:
        close = difflib.get_close_matches(name, list(kit), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        yield doc.problem(
            ("props", i, "type"),
            (f"props[{i}].type: unknown prop type '{name}'{hint}; known types: {', '.join(sorted(kit))}"),
        )
        return
    for key, value in entry.get("options", {}).items():
        path = ("props", i, "options", key)
        spec = prop.options.get(key)
        if spec is None:
            known = ", ".join(prop.options) or "none"
            yield doc.problem(
                path, f"{dotted(path)}: {name} has no option '{key}' (its options: {known})", key=True
            )
            continue
        problem = spec.problem(value)
        if problem:
            yield doc.problem(path, f"{dotted(path)}: {problem}")


def _inside_room(
    doc: YamlDocument, path: tuple[str | int, ...], position: list[float], room: Mapping[str, Any],
    what: str | None = None,
) -> Iterator[Problem]:
    x, y, *rest = position
    z = rest[0] if rest else 0.0
    half_w, half_d, height = room["width_m"] / 2, room["depth_m"] / 2, room["height_m"]
    if abs(x) > half_w + 1e-6 or abs(y) > half_d + 1e-6 or not -1e-6 <= z <= height + 1e-6:
        yield doc.problem(
            path,
            f"{what or dotted(path) + ':'} {position} lies outside the room "
            f"({room['width_m']} × {room['depth_m']} × {height} m, origin at the centre "
            "of the floor)",
        )


def _colours(doc: YamlDocument) -> Iterator[Problem]:
    room = doc.data["room"]
    for part in ("floor", "walls", "wall_lower", "ceiling"):
        value = room.get(part, {}).get("color")
        if value is not None and parse_colour(value) is None:
            path = ("room", part, "color")
            yield doc.problem(path, f"{dotted(path)}: {colour_problem(value)}")
    for i, entry in enumerate(doc.data.get("lights", [])):
        value = entry.get("color")
        if value is not None and value not in LIGHT_COLOURS and parse_colour(value) is None:
            light_path: tuple[str | int, ...] = ("lights", i, "color")
            yield doc.problem(
                light_path,
                f"{dotted(light_path)}: {value!r} is not a light colour: write "
                f"{', '.join(LIGHT_COLOURS)} or #rrggbb",
            )


def _blocked_viewpoints(doc: YamlDocument, footprints: list[tuple[Footprint, PropType]]) -> Iterator[Problem]:
    for i, viewpoint in enumerate(doc.data["viewpoints"]):
        x, y = viewpoint["position"]
        seated = viewpoint.get("posture") == "seated"
        for fp, prop in footprints:
            # Only what stands on the floor and is taller than a step blocks a visitor; a
            # seated visitor sits on a chair.
            if fp.bottom_m > 1.0 or fp.top_m - fp.bottom_m < 0.3 or (seated and prop.seat):
                continue
            if _distance_outside(fp, x, y) < _CLEARANCE_M:
                path = ("viewpoints", i, "position")
                yield doc.problem(
                    path,
                    (
                        f"{dotted(path)}: viewpoint '{viewpoint['id']}' puts the visitor inside "
                        f"props[{fp.index}] ({prop.name}); keep {_CLEARANCE_M:.2f} m away from it"
                    ),
                )
                break


def _distance_outside(fp: Footprint, x: float, y: float) -> float:
    a = math.radians(fp.heading_deg)
    dx, dy = x - fp.centre_m[0], y - fp.centre_m[1]
    u, v = dx * math.cos(a) - dy * math.sin(a), dx * math.sin(a) + dy * math.cos(a)
    du, dv = max(abs(u) - fp.half_size_m[0], 0.0), max(abs(v) - fp.half_size_m[1], 0.0)
    return math.hypot(du, dv)


def _floating_anchors(doc: YamlDocument, footprints: list[Footprint]) -> Iterator[Problem]:
    # A room still being drafted has no props yet; its anchors cannot be on anything.
    if not footprints:
        return
    for i, anchor in enumerate(doc.data.get("anchors", [])):
        found = nearest_prop(footprints, anchor["position"])
        if found is not None and found[1] > NEAR_PROP_M:
            path = ("anchors", i, "position")
            entry = doc.data["props"][found[0]]
            yield doc.problem(
                path,
                f"{dotted(path)}: anchor '{anchor['id']}' floats {found[1]:.2f} m away from the "
                f"nearest prop (props[{found[0]}], {entry['type']}); put it on what its hotspot "
                f"explains (at most {NEAR_PROP_M:g} m off)",
            )
