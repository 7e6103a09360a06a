"""Hands without controllers against Monado: XR_EXT_hand_tracking through the station's code.

Monado 25's remote driver simulates a hand at each controller's grip pose from five finger
curls (``r_device.c``: u_hand_sim for Index controllers) and offers it through
XR_EXT_hand_tracking. With the right controller put down (inactive) and its hand tracked, the
station draws the hand's ray from the shoulder through the index knuckle; the test moves the
hand so that the ray crosses "English", closes thumb and index finger (curls 1: tips 0.9 cm
apart) and the pinch chooses the button, through the real hand trackers, ``HandPointer`` and
the app's pointing. The station reports that the visitor now chooses with a hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from calibration.body import Pose
from tests.xr.conftest import RuntimeSession
from tests.xr.remote import OPEN_HAND, PINCH, Controller, RemoteRig, panda_to_openxr
from vr_station.xr.hands import shoulder

HAND_AT = (0.2, 1.3, -0.4)
"""Where the right hand starts (OpenXR: x right, y up, -z forward)."""
REACH_M = 0.45
"""How far from the shoulder the knuckle is placed: an arm half stretched out."""


def _event(kind: str, **expected: Any) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e["event"] == kind and all(e.get(k) == v for k, v in expected.items())


def test_a_pinch_chooses_what_the_hands_ray_points_at(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session("--driver", "remote")
    client = session.station()
    opened = client.wait_for(_event("opened"), timeout_s=90, what="the station to open")
    info = opened["info"]
    assert info["hand_tracking"] is True, info
    # Monado's null compositor offers one rate, 20 Hz, outside 72–120 Hz: the station leaves it.
    assert info["refresh_rates_hz"] == [20.0] and info["refresh_rate_hz"] is None, info
    client.wait_for(lambda e: e.get("phase") == "FOCUSED", timeout_s=90, what="FOCUSED")
    client.send("key f6")
    languages = client.wait_for(lambda e: e["event"] == "targets" and e["state"] == "language",
                                timeout_s=30, what="the language buttons")
    english = next(t for t in languages["targets"] if t["id"] == "lang:en")["centre_m"]
    client.send("head-every 10")
    head_event = client.wait_for(_event("head"), timeout_s=20, what="a head pose")
    head = Pose(tuple(head_event["position_m"]), (1.0, 0.0, 0.0, 0.0))
    assert abs(head_event["heading_deg"]) < 1.0

    with RemoteRig(session.remote_port) as rig:
        # The controller is put down; the hand is tracked where it was, fingers open.
        rig.set_controller("right", Controller(HAND_AT, active=False, hand_tracking=True,
                                               curls=OPEN_HAND))
        client.frames(5, "the station to see the tracked hand", poke=rig.send)
        seen = client.wait_for(_event("input", hand="right", source="hand", select=False),
                               timeout_s=15, what="the right hand, tracked without its controller")
        # The ray starts at the index knuckle; it sits at a fixed offset from the grip pose.
        at = panda_from_openxr(HAND_AT)
        offset = [k - a for k, a in zip(seen["aim_position_m"], at, strict=True)]
        assert math.dist(seen["aim_position_m"], at) < 0.15, seen
        # Move the hand so that the knuckle lies on the line from the shoulder to "English".
        s = shoulder(head, "right")
        towards = [t - o for t, o in zip(english, s, strict=True)]
        length = math.sqrt(sum(v * v for v in towards))
        knuckle = [o + REACH_M * v / length for o, v in zip(s, towards, strict=True)]
        grip = panda_to_openxr(tuple(k - d for k, d in zip(knuckle, offset, strict=True)))
        pointing = Controller(grip, active=False, hand_tracking=True, curls=OPEN_HAND)
        rig.set_controller("right", pointing)
        client.frames(8, "the hand's ray to rest on 'English'", poke=rig.send)
        client.wait_for(_event("input_method", method="hand"), timeout_s=15,
                        what="the station telling the visitor they choose with a hand")
        rig.set_controller("right", Controller(grip, active=False, hand_tracking=True, curls=PINCH))
        client.frames(6, "the pinch held", poke=rig.send)
        client.wait_for(_event("input", hand="right", source="hand", select=True), timeout_s=10,
                        what="the pinch as select")
        rig.set_controller("right", pointing)
        client.frames(5, "the pinch let go", poke=rig.send)
    choice = client.wait_for(_event("choice"), timeout_s=15, what="a button chosen by the pinch")
    assert choice["target"] == "lang:en"
    client.wait_for(lambda e: e["event"] == "kiosk" and e["new"] == "quick_check", timeout_s=20,
                    what="the step after the language choice")
    client.send("exit")
    summary = client.finish(timeout_s=60)
    assert summary["final_state"] == "closed"
    assert not [e for e in client.events if e["event"] == "choice" and e["target"] != "lang:en"]


def panda_from_openxr(point: tuple[float, float, float]) -> tuple[float, float, float]:
    x, y, z = point
    return (x, -z, y)
