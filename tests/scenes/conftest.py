"""Fixtures for scene tests: workplace documents written on the fly and an offscreen renderer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog import build
from catalog.model import Workplace
from catalog.yaml_loader import parse_yaml_text

MakeWorkplace = Callable[..., Workplace]


def workplace_data(**overrides: Any) -> dict[str, Any]:
    """A small valid workplace document: a 6 × 5 m room with one viewpoint."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "test-room",
        "titles": {"de": "Testraum", "en": "Test room"},
        "room": {"width_m": 6, "depth_m": 5, "height_m": 3},
        "viewpoints": [{"id": "middle", "position": [0, -1.5], "heading_deg": 0}],
        "anchors": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_workplace(tmp_path: Path) -> MakeWorkplace:
    """Build a Workplace from a document, as the content loader would."""

    def make(**overrides: Any) -> Workplace:
        path = tmp_path / "workplaces" / "test-room.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(workplace_data(**overrides), sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return build.workplace(parse_yaml_text(path, text))

    return make


@pytest.fixture(scope="module")
def renderer() -> Iterator[Any]:
    """A small real offscreen renderer (Mesa llvmpipe in CI), shared by a module's tests."""
    from scenes.panda.offscreen import OffscreenRenderer

    with OffscreenRenderer(192, 108) as offscreen:
        yield offscreen
