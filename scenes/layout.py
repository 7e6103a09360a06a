"""A workplace's layout as typed, frozen objects, read from its validated YAML (no Panda3D).

The layout file (content/workplaces/ID.yaml) is checked by its JSON Schema and by
``scenes.layout_check`` before it gets here, so this module trusts shapes and names and only
fills in defaults. Units are metres and degrees; origin at the centre of the floor, x to the
right, y away from the entrance, z up. Headings are compass angles (0 = +y, 90 = +x).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from calibration.body import SEATED_EYE_HEIGHT_M, STANDING_EYE_HEIGHT_M
from scenes.materials import Rgb, parse_colour

EYE_HEIGHT_STANDING_M = STANDING_EYE_HEIGHT_M
"""Eye height of a standing adult visitor where no headset reports the real one."""
EYE_HEIGHT_SEATED_M = SEATED_EYE_HEIGHT_M
"""Eye height of a seated visitor (interview chair, wheelchair users)."""

SURFACE_MATERIALS = (
    "tiles",
    "paint",
    "linoleum",
    "wood",
    "concrete",
    "epoxy",
    "carpet",
    "rubber",
    "acoustic-tiles",
    "brick",
    "panels",
)
"""What floors, walls and ceilings can be made of; the schema lists the same names."""

_SURFACE_DEFAULTS: dict[str, tuple[str, float]] = {
    # material: (colour, tile or plank size in metres)
    "tiles": ("#e9e9e4", 0.2),
    "paint": ("#ece9e1", 1.0),
    "linoleum": ("#b9b4a6", 1.0),
    "wood": ("#b8895a", 0.18),
    "concrete": ("#9a9a96", 1.0),
    "epoxy": ("#7d8288", 1.0),
    "carpet": ("#5b6370", 0.5),
    "rubber": ("#6f9ac7", 0.5),
    "acoustic-tiles": ("#efefeb", 0.625),
    "brick": ("#a9583c", 0.25),
    "panels": ("#f2f2f0", 1.0),
}

LIGHT_KINDS = ("panel", "batten", "pendant", "high-bay", "spot", "point")
"""Ceiling fixtures (drawn) and ``point`` (light only, no fixture)."""

LIGHT_COLOURS: dict[str, Rgb] = {
    "warm": (1.0, 0.86, 0.7),
    "neutral": (1.0, 0.96, 0.9),
    "cool": (0.9, 0.95, 1.0),
    "daylight": (0.88, 0.94, 1.0),
}
"""Light colour names (colour temperature in staff words)."""


@dataclass(frozen=True)
class Surface:
    """How a room surface looks: material, sRGB colour and the size of its pattern."""

    material: str
    colour: Rgb
    tile_size_m: float
    """Tile, plank or panel size where the material has one."""


@dataclass(frozen=True)
class Room:
    """The room's size in metres, its surfaces and how bright its bounced light is."""

    width_m: float
    depth_m: float
    height_m: float
    floor: Surface
    walls: Surface
    ceiling: Surface
    wall_lower: Surface | None
    """A different surface on the lower part of the walls (kitchen tiles to 2 m)."""
    wall_lower_height_m: float
    ambient: float
    """Brightness of the light bouncing around the room, 0..1."""


@dataclass(frozen=True)
class PropPlacement:
    """One prop in the room: its type, position, heading, scale and options."""

    type: str
    position_m: tuple[float, float, float]
    heading_deg: float
    scale: tuple[float, float, float]
    options: Mapping[str, Any]
    index: int
    """Its entry in the file's ``props`` list (for messages)."""


@dataclass(frozen=True)
class LightFixture:
    """A ceiling light or lamp: kind, position in metres, colour and brightness."""

    kind: str
    position_m: tuple[float, float, float]
    colour: Rgb
    brightness: float
    """Relative to a standard office panel (1.0)."""
    heading_deg: float


@dataclass(frozen=True)
class ViewpointPose:
    """Where the visitor stands or sits at a viewpoint, and the way they face."""

    id: str
    position_m: tuple[float, float]
    heading_deg: float
    posture: str
    """standing or seated."""

    @property
    def eye_height_m(self) -> float:
        """Eye height above the floor for the posture, where no headset reports it."""
        return EYE_HEIGHT_SEATED_M if self.posture == "seated" else EYE_HEIGHT_STANDING_M


@dataclass(frozen=True)
class InterviewerSeat:
    """Where the interviewer sits in an interview room: the chair's floor position."""

    position_m: tuple[float, float]
    heading_deg: float
    """Where the interviewer faces."""


@dataclass(frozen=True)
class SceneLayout:
    """Everything the layout file says about a workplace's room."""

    id: str
    room: Room
    props: tuple[PropPlacement, ...]
    lights: tuple[LightFixture, ...]
    viewpoints: Mapping[str, ViewpointPose]
    anchors: Mapping[str, tuple[float, float, float]]
    interviewer: InterviewerSeat | None


def parse_layout(data: Mapping[str, Any]) -> SceneLayout:
    """The typed layout of a workplace document that passed its schema and checks."""
    room_data = data["room"]
    room = Room(
        width_m=float(room_data["width_m"]),
        depth_m=float(room_data["depth_m"]),
        height_m=float(room_data["height_m"]),
        floor=surface(room_data.get("floor"), "tiles"),
        walls=surface(room_data.get("walls"), "paint"),
        ceiling=surface(room_data.get("ceiling"), "paint"),
        wall_lower=surface(room_data["wall_lower"], "tiles") if "wall_lower" in room_data else None,
        wall_lower_height_m=float(room_data.get("wall_lower", {}).get("height_m", 0.0)),
        ambient=float(room_data.get("ambient", 0.5)),
    )
    props = tuple(p for i, entry in enumerate(data.get("props", [])) for p in placements(i, entry))
    lights = tuple(light(entry, room.height_m) for entry in data.get("lights", [])) or default_lights(room)
    viewpoints = {
        v["id"]: ViewpointPose(
            v["id"],
            (float(v["position"][0]), float(v["position"][1])),
            float(v["heading_deg"]),
            v.get("posture", "standing"),
        )
        for v in data["viewpoints"]
    }
    anchors = {
        a["id"]: (float(a["position"][0]), float(a["position"][1]), float(a["position"][2]))
        for a in data.get("anchors", [])
    }
    seat = data.get("interviewer")
    interviewer = (
        None
        if seat is None
        else InterviewerSeat(
            (float(seat["position"][0]), float(seat["position"][1])), float(seat["heading_deg"])
        )
    )
    return SceneLayout(data["id"], room, props, lights, viewpoints, anchors, interviewer)


def surface(data: Mapping[str, Any] | None, default_material: str) -> Surface:
    """A room surface from its layout entry, with the material's defaults filled in."""
    data = data or {}
    material = data.get("material", default_material)
    default_colour, default_size = _SURFACE_DEFAULTS[material]
    colour = parse_colour(data.get("color", default_colour)) or parse_colour(default_colour)
    assert colour is not None
    return Surface(material, colour, float(data.get("tile_size_m", default_size)))


def placements(index: int, entry: Mapping[str, Any]) -> list[PropPlacement]:
    """The props one ``props`` entry places (several with ``repeat``)."""
    x, y, *rest = (float(v) for v in entry["position"])
    z = rest[0] if rest else 0.0
    raw_scale = entry.get("scale", 1.0)
    scale = (
        (float(raw_scale),) * 3
        if isinstance(raw_scale, int | float)
        else (float(raw_scale[0]), float(raw_scale[1]), float(raw_scale[2]))
    )
    heading = float(entry.get("heading_deg", 0.0))
    repeat = entry.get("repeat", {"count": 1, "step_m": [0.0, 0.0]})
    step = repeat["step_m"]
    return [
        PropPlacement(
            entry["type"],
            (x + k * float(step[0]), y + k * float(step[1]), z),
            heading,
            scale,
            dict(entry.get("options", {})),
            index,
        )
        for k in range(int(repeat["count"]))
    ]


def light(data: Mapping[str, Any], ceiling_m: float) -> LightFixture:
    """A light fixture from its layout entry; without a height it hangs from the ceiling."""
    x, y, *rest = (float(v) for v in data["position"])
    kind = data.get("type", "panel")
    hang = {"pendant": 0.9, "high-bay": 1.5}.get(kind, 0.0)
    z = rest[0] if rest else ceiling_m - hang
    colour_name = data.get("color", "neutral")
    colour = LIGHT_COLOURS.get(colour_name) or parse_colour(colour_name) or LIGHT_COLOURS["neutral"]
    return LightFixture(
        kind, (x, y, z), colour, float(data.get("brightness", 1.0)), float(data.get("heading_deg", 0.0))
    )


def default_lights(room: Room) -> tuple[LightFixture, ...]:
    """Ceiling panels on a grid of about 2.5 m, for a room whose file lists no lights."""
    columns = max(1, math.ceil(room.width_m / 2.5))
    rows = max(1, math.ceil(room.depth_m / 2.5))
    return tuple(
        LightFixture(
            "panel",
            (
                -room.width_m / 2 + (i + 0.5) * room.width_m / columns,
                -room.depth_m / 2 + (j + 0.5) * room.depth_m / rows,
                room.height_m,
            ),
            LIGHT_COLOURS["neutral"],
            1.0,
            0.0,
        )
        for i in range(columns)
        for j in range(rows)
    )
