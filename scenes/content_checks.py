"""The scenes' checks of content, for the entry points that validate it.

The catalog cannot import the scenes (they stand above it), so ``vr-station content
validate``, the station's start and the renderer hand these to ``catalog.check_content`` /
``catalog.load_catalog`` as ``extra_checks``: every workplace is laid out as the scene would
build it (props, colours, viewpoints, anchors), and every persona's avatar look is checked.
"""

from __future__ import annotations

from collections.abc import Mapping

from catalog.loading import DocumentCheck
from scenes.avatar.looks import persona_look_problems
from scenes.layout_check import layout_problems

CONTENT_CHECKS: Mapping[str, DocumentCheck] = {
    "workplace": layout_problems,
    "personas": persona_look_problems,
}
"""Schema name → the scenes' check of each document of that schema."""
