"""The attract loop's occupation signs float above the welcome panel, never behind it.

Issue 15 found the welcome panel covering the signs; they were moved up to a fixed height. The
panel has grown since (a hint for hands without a controller), and its top covered the lower
line of "Elektroniker/Elektronikerin – Energie- und Gebäudetechnik" in the layout gallery. The
signs now stand by the panel's top as the layout placed it. Measured in the real station's scene
graph, from the eye: every sign's lowest corner against the panel's highest.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from panda3d.core import NodePath, Point3

from calibration import StationProfile
from tests.vr_station.station_fixtures import make_station
from vr_station.kiosk.flow import KioskState
from vr_station.steps.attract import SIGN_GAP_DEG, AttractStep

pytestmark = pytest.mark.slow


def elevations_deg(node: NodePath, render: NodePath, eye: tuple[float, float, float]) -> list[float]:
    """How far above the eye line (degrees) each corner of ``node``'s bounds is seen."""
    low, high = node.getTightBounds(node)
    angles = []
    for x in (low[0], high[0]):
        for y in (low[1], high[1]):
            for z in (low[2], high[2]):
                p = render.getRelativePoint(node, Point3(x, y, z))
                dx, dy, dz = p[0] - eye[0], p[1] - eye[1], p[2] - eye[2]
                angles.append(math.degrees(math.atan2(dz, math.hypot(dx, dy))))
    return angles


def test_every_occupation_sign_is_seen_above_the_welcome_panel(tmp_path: Path) -> None:
    rig = make_station(language="de", profile=StationProfile(), size_px=(640, 360))
    station, visitor = rig.station, rig.visitor
    try:
        visitor.wait_state(KioskState.ATTRACT)
        visitor.settle(0.3)
        step = station.step
        assert isinstance(step, AttractStep)
        render = station.base.render
        eye = station.rig.head_position()
        welcome = render.find("**/panel-attract")
        signs = render.findAllMatches("**/carousel/panel-card-*")
        assert not welcome.isEmpty() and signs.getNumPaths() >= 10
        rig.display.screenshot(tmp_path / "attract.png")
        panel_top = max(elevations_deg(welcome, render, eye))
        lowest = min(min(elevations_deg(sign, render, eye)) for sign in signs)
        # The gap less a little: a sign tilts back (8°) and the carousel's centre is the stage.
        assert lowest >= panel_top + SIGN_GAP_DEG * 0.5, (
            f"a sign's lower edge is seen at {lowest:.1f}°, the welcome panel's top at "
            f"{panel_top:.1f}°: the panel covers it")
    finally:
        rig.close()
