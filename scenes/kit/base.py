"""What a prop type is: a name in the visitor's words, options with defaults, and a builder.

A builder draws the prop with a MeshBuilder in its own frame: standing on the floor at the
origin, its front (where a person stands to use it) facing −y, its back towards +y. The layout
places it with a position and a compass heading, so ``heading_deg: 0`` puts the back against the
far wall (+y), 90 against the right wall, −90 against the left wall and 180 against the wall
with the entrance.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from scenes.materials import MATERIALS, Material, Rgb, colour_problem, parse_colour
from scenes.mesh import MeshBuilder, PropMesh


@dataclass(frozen=True)
class OptionSpec:
    """One setting of a prop type that a layout file may change."""

    name: str
    kind: str
    """number, integer, boolean, colour, choice or material."""
    default: Any
    description: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def problem(self, value: Any) -> str | None:
        """Why ``value`` does not fit this option, or None when it does."""
        if self.kind in ("number", "integer"):
            whole = self.kind == "integer"
            if isinstance(value, bool) or not isinstance(value, int if whole else int | float):
                return f"should be {'a whole number' if whole else 'a number'}, not {value!r}"
            if not math.isfinite(value):  # NaN passes both comparisons below
                return f"must be a finite number, not {value}"
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {self.minimum:g}, not {value:g}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum:g}, not {value:g}"
            return None
        if self.kind == "boolean":
            return None if isinstance(value, bool) else f"should be true or false, not {value!r}"
        if self.kind == "colour":
            return colour_problem(value)
        if self.kind == "material":
            if isinstance(value, str) and value in MATERIALS:
                return None
            return f"{value!r} is not a material (known: {', '.join(sorted(MATERIALS))})"
        if isinstance(value, str) and value in self.choices:
            return None
        return f"{value!r} is not one of: {', '.join(self.choices)}"


def number(name: str, default: float, minimum: float, maximum: float, description: str) -> OptionSpec:
    """An option for a number from ``minimum`` to ``maximum`` (units as its name says)."""
    return OptionSpec(name, "number", default, description, minimum, maximum)


def integer(name: str, default: int, minimum: int, maximum: int, description: str) -> OptionSpec:
    """An option for a whole number from ``minimum`` to ``maximum``."""
    return OptionSpec(name, "integer", default, description, minimum, maximum)


def flag(name: str, default: bool, description: str) -> OptionSpec:
    """An on/off option."""
    return OptionSpec(name, "boolean", default, description)


def colour(
    name: str, default: str, description: str = "main colour (#rrggbb or a colour name)"
) -> OptionSpec:
    """An option for a colour: ``#rrggbb`` or a colour name."""
    return OptionSpec(name, "colour", default, description)


def choice(name: str, default: str, choices: Iterable[str], description: str) -> OptionSpec:
    """An option for one of a few named ``choices``."""
    return OptionSpec(name, "choice", default, description, choices=tuple(choices))


def material(name: str, default: str, description: str = "surface material") -> OptionSpec:
    """An option for a material from ``MATERIALS``."""
    return OptionSpec(name, "material", default, description)


class PropOptions:
    """A prop's options with the layout's values filled in over the defaults."""

    def __init__(self, specs: Mapping[str, OptionSpec], values: Mapping[str, Any]):
        self._values = {name: spec.default for name, spec in specs.items()}
        self._values.update(values)

    def num(self, name: str) -> float:
        """Option ``name`` as a number."""
        return float(self._values[name])

    def int(self, name: str) -> int:
        """Option ``name`` as a whole number."""
        return int(self._values[name])

    def flag(self, name: str) -> bool:
        """Option ``name`` as true or false."""
        return bool(self._values[name])

    def text(self, name: str) -> str:
        """Option ``name`` as text (a choice)."""
        return str(self._values[name])

    def rgb(self, name: str) -> Rgb:
        """Option ``name`` as an sRGB colour; ValueError when it names none."""
        parsed = parse_colour(str(self._values[name]))
        if parsed is None:
            raise ValueError(f"option {name}: {self._values[name]!r} is not a colour")
        return parsed

    def material(self, name: str) -> Material:
        """Option ``name`` as a material from ``MATERIALS``."""
        return MATERIALS[str(self._values[name])]


Builder = Callable[[MeshBuilder, PropOptions], None]


@dataclass(frozen=True)
class PropType:
    """A kind of prop staff can place: ``type: stove``."""

    name: str
    title_de: str
    """What a German visitor would call it (for staff documentation)."""
    description: str
    category: str
    options: Mapping[str, OptionSpec]
    builder: Builder = field(repr=False)
    seat: bool = False
    """Something to sit on: a seated viewpoint may be placed on it."""

    def build(self, values: Mapping[str, Any] | None = None) -> PropMesh:
        """The prop's mesh in its own frame. Raises ValueError for options that do not fit."""
        values = dict(values or {})
        for name, value in values.items():
            spec = self.options.get(name)
            if spec is None:
                raise ValueError(f"unknown option '{name}' for {self.name}")
            problem = spec.problem(value)
            if problem:
                raise ValueError(f"option {name}: {problem}")
        builder = MeshBuilder()
        self.builder(builder, PropOptions(self.options, values))
        return builder.build()


class Kit:
    """Prop types of one domain, collected by the ``prop`` decorator."""

    def __init__(self, category: str):
        self.category = category
        self.types: dict[str, PropType] = {}

    def prop(
        self, name: str, title_de: str, description: str, *options: OptionSpec, seat: bool = False
    ) -> Callable[[Builder], Builder]:
        """Register the decorated function as the builder of prop type ``name``.

        ``title_de`` and ``description`` are what staff read; ``seat`` marks something to sit on.
        ValueError when the kit declares ``name`` twice.
        """
        def register(builder: Builder) -> Builder:
            if name in self.types:
                raise ValueError(f"prop type {name} declared twice")
            self.types[name] = PropType(
                name, title_de, description, self.category, {o.name: o for o in options}, builder, seat
            )
            return builder

        return register
