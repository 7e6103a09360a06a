"""The prop kit: every prop type staff can place in a layout, by name.

Props are built from code (numpy meshes, no downloaded assets); see ``scenes.kit.base`` for how
a prop stands in its own frame and which options it takes.
"""

from __future__ import annotations

from collections.abc import Mapping

from scenes.kit import (
    building,
    care,
    daycare,
    electrical,
    fittings,
    garage,
    joinery,
    kitchen,
    office,
    office_extras,
    people,
    practice,
    shipping,
    warehouse,
    workshop,
)
from scenes.kit.base import OptionSpec, PropOptions, PropType

__all__ = ["PROP_TYPES", "OptionSpec", "PropOptions", "PropType", "prop_type"]


def _merge(*kits: Mapping[str, PropType]) -> dict[str, PropType]:
    merged: dict[str, PropType] = {}
    for kit in kits:
        for name, prop in kit.items():
            if name in merged:
                raise ValueError(
                    f"prop type {name} is declared by {merged[name].category} and {prop.category}"
                )
            merged[name] = prop
    return dict(sorted(merged.items()))


PROP_TYPES: Mapping[str, PropType] = _merge(
    building.KIT.types,
    care.KIT.types,
    daycare.KIT.types,
    electrical.KIT.types,
    fittings.KIT.types,
    garage.KIT.types,
    joinery.KIT.types,
    kitchen.KIT.types,
    office.KIT.types,
    office_extras.KIT.types,
    people.KIT.types,
    practice.KIT.types,
    shipping.KIT.types,
    warehouse.KIT.types,
    workshop.KIT.types,
)
"""Every prop type, by the name a layout uses (``type: stove``)."""


def prop_type(name: str) -> PropType:
    """The prop type called ``name``; KeyError lists the known names."""
    try:
        return PROP_TYPES[name]
    except KeyError:
        raise KeyError(f"unknown prop type '{name}' (known: {', '.join(PROP_TYPES)})") from None
