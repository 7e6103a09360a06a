"""Light fixtures drawn where a layout puts its lights: panels, battens, pendants, high bays."""

from __future__ import annotations

from scenes.materials import MATERIALS
from scenes.mesh import MeshBuilder, PropMesh

_FRAME = MATERIALS["aluminium"]
_LAMP = MATERIALS["lamp"]


def fixture_mesh(kind: str, drop_m: float) -> PropMesh:
    """A fixture hanging ``drop_m`` below the ceiling, drawn from its light-emitting face up."""
    m = MeshBuilder()
    if kind == "panel":
        m.span((-0.31, -0.31, 0.0), (0.31, 0.31, 0.02), _FRAME)
        m.span((-0.29, -0.29, -0.004), (0.29, 0.29, 0.0), _LAMP)
    elif kind == "batten":
        m.span((-0.65, -0.08, 0.0), (0.65, 0.08, 0.07), MATERIALS["painted-metal"], (0.93, 0.93, 0.92))
        m.span((-0.62, -0.06, -0.02), (0.62, 0.06, 0.0), _LAMP)
    elif kind in ("pendant", "high-bay"):
        size = 0.22 if kind == "pendant" else 0.3
        m.rod((0, 0, size * 0.8), (0, 0, size * 0.8 + drop_m), 0.004, MATERIALS["rubber"])
        m.lathe(
            [
                (size, 0.0),
                (size * 0.95, 0.02),
                (size * 0.35, size * 0.7),
                (0.04, size * 0.8),
                (0.0, size * 0.8),
            ],
            MATERIALS["painted-metal"] if kind == "pendant" else _FRAME,
            (0.2, 0.22, 0.24) if kind == "pendant" else None,
            segments=16,
        )
        m.cylinder((0, 0, 0.01), size * 0.9, 0.01, _LAMP, segments=16)
    elif kind == "spot":
        m.cylinder((0, 0, 0.0), 0.05, 0.03, _LAMP, segments=10)
        m.cylinder(
            (0, 0, 0.0), 0.07, 0.06, MATERIALS["painted-metal"], (0.93, 0.93, 0.92), segments=12, caps=False
        )
    return m.build()
