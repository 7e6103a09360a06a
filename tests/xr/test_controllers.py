"""Head and controllers driven through Monado's remote driver (Valve Index controllers):
select, menu, snap turn and aim go through the station's real OpenXR action bindings."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from tests.xr.conftest import Client, RuntimeSession
from tests.xr.remote import Controller, RemoteRig

RIGHT_HAND = (0.2, 1.3, -0.5)
"""Monado's default right controller position (OpenXR: x right, y up, -z forward)."""


@pytest.fixture
def remote(xr_session: Callable[..., RuntimeSession]) -> Iterator[tuple[RuntimeSession, Client, RemoteRig]]:
    session = xr_session("--driver", "remote")
    client = session.client("--seconds", "60", "--head-every", "3", "--focus-timeout", "40", "--commands")
    client.wait_for(lambda e: e.get("phase") == "FOCUSED", timeout_s=60, what="FOCUSED")
    with RemoteRig(session.remote_port) as rig:
        yield session, client, rig
    client.kill()


def _send_for(rig: RemoteRig, seconds: float) -> None:
    """The hub keeps the latest packet; send a few so one lands between two frames."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        rig.send()
        time.sleep(0.05)


def _input(hand: str, **expected: Any) -> Callable[[dict[str, Any]], bool]:
    def match(event: dict[str, Any]) -> bool:
        return event["event"] == "input" and event["hand"] == hand and all(
            event[key] == value for key, value in expected.items())
    return match


def test_select_menu_and_snap_turn_through_the_action_system(
        remote: tuple[RuntimeSession, Client, RemoteRig]) -> None:
    _session, client, rig = remote
    right = Controller(RIGHT_HAND)
    rig.set_controller("right", right)
    _send_for(rig, 0.3)
    idle = client.wait_for(_input("right", select=False), timeout_s=10, what="right controller")
    # Aim pose arrives in rig coordinates (Panda: x right, y forward, z up), 0.5 m ahead.
    assert idle["aim_position_m"] == pytest.approx([0.2, 0.5, 1.3], abs=0.01)

    rig.set_controller("right", Controller(RIGHT_HAND, trigger=True))
    _send_for(rig, 0.3)
    client.wait_for(_input("right", select=True), timeout_s=10, what="select pressed (trigger click)")
    rig.set_controller("right", right)
    _send_for(rig, 0.3)
    client.wait_for(lambda e: _input("right", select=False)(e) and e["t_s"] > idle["t_s"] + 0.2,
                    timeout_s=10, what="select released")

    rig.set_controller("right", Controller(RIGHT_HAND, menu=True))
    _send_for(rig, 0.3)
    client.wait_for(_input("right", menu=True), timeout_s=10, what="menu (B button)")
    rig.set_controller("right", right)

    # Stick right, held: exactly one 30° turn to the right; back to centre re-arms.
    rig.set_controller("right", Controller(RIGHT_HAND, thumbstick=(1.0, 0.0)))
    _send_for(rig, 0.3)
    client.wait_for(lambda e: e["event"] == "snap_turn", timeout_s=10, what="snap turn to the right")
    _send_for(rig, 0.7)  # still held: no second turn
    rig.set_controller("right", right)
    _send_for(rig, 0.3)
    centred = client.wait_for(lambda e: _input("right", thumbstick=[0.0, 0.0])(e) and e["t_s"] > idle["t_s"]
                              and any(t["t_s"] < e["t_s"] for t in client.of("snap_turn")),
                              timeout_s=10, what="stick back in the centre")
    rig.set_controller("right", Controller(RIGHT_HAND, thumbstick=(-1.0, 0.0)))
    _send_for(rig, 0.3)
    client.wait_for(lambda e: e["event"] == "snap_turn" and e["t_s"] > centred["t_s"], timeout_s=10,
                    what="snap turn to the left")
    rig.set_controller("right", right)
    _send_for(rig, 0.3)
    turns = [e["turn_deg"] for e in client.of("snap_turn")]
    assert turns == [-30.0, 30.0], turns
    assert client.of("snap_turn")[0]["rig_heading_deg"] == pytest.approx(-30.0)


def test_head_pose_from_the_runtime_turns_the_view(remote: tuple[RuntimeSession, Client, RemoteRig]) -> None:
    session, client, rig = remote
    rig.set_head(yaw_left_deg=90.0, position_m=(0.3, 1.5, 0.0))
    _send_for(rig, 0.5)
    head = client.wait_for(lambda e: e["event"] == "head" and abs(e["heading_deg"] - 90.0) < 1.0,
                           timeout_s=15, what="head turned 90° left")
    # OpenXR (0.3, 1.5, 0) → rig coordinates (0.3, 0, 1.5).
    assert head["position_m"] == pytest.approx([0.3, 0.0, 1.5], abs=0.01)
    left, right = (np.array(e["position_m"]) for e in head["eyes"])
    assert right[1] > left[1], "facing -x after the turn, the right eye lies towards +y"
    assert abs(right[0] - left[0]) < 0.01
    client.send("capture")
    capture = client.wait_for(lambda e: e["event"] == "capture", timeout_s=15, what="a capture")
    record = json.loads((session.out / f"capture{capture['index']}.json").read_text())
    image = np.load(session.out / record["eyes"][0]["file"])
    # Looking left from the entrance: the green left wall fills the middle of the picture.
    h, w = image.shape[:2]
    centre = image[h // 3: 2 * h // 3, w // 3: 2 * w // 3, :3].reshape(-1, 3).astype(int)
    green = (centre[:, 1] > centre[:, 0] + 40) & (centre[:, 1] > centre[:, 2] + 40)
    assert green.mean() > 0.5, f"only {green.mean():.0%} of the centre is the green left wall"
