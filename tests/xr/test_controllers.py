"""Head and controllers driven through Monado's remote driver (Valve Index controllers): the
trigger starts a session and chooses a button it points at, the B button is the menu, the
thumbstick snap-turns and teleports, all through the station's real OpenXR action bindings and
the app's own pointing and comfort code."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.xr.conftest import REPO, Client, RuntimeSession
from tests.xr.remote import Controller, RemoteRig, aim_at, panda_to_openxr

RIGHT_HAND = (0.2, 1.3, -0.5)
"""Monado's default right controller position (OpenXR: x right, y up, -z forward)."""
DOWN_FORWARD = (math.sin(math.radians(-35) / 2), 0.0, 0.0, math.cos(math.radians(-35) / 2))
"""Pointing 35° below straight ahead: a teleport arc lands a few metres in front."""


@pytest.fixture
def remote(xr_session: Callable[..., RuntimeSession]) -> Iterator[tuple[RuntimeSession, Client, RemoteRig]]:
    session = xr_session("--driver", "remote")
    client = session.station()
    client.focused()
    with RemoteRig(session.remote_port) as rig:
        yield session, client, rig
    client.kill()


def _input(hand: str, **expected: Any) -> Callable[[dict[str, Any]], bool]:
    def match(event: dict[str, Any]) -> bool:
        return event["event"] == "input" and event["hand"] == hand and all(
            event[key] == value for key, value in expected.items())
    return match


def _kiosk(new: str) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e["event"] == "kiosk" and e["new"] == new


def _targets(state: str) -> Callable[[dict[str, Any]], bool]:
    return lambda e: e["event"] == "targets" and e["state"] == state


def _hold(client: Client, rig: RemoteRig, state: Controller, shown: Callable[[dict[str, Any]], bool],
          what: str) -> dict[str, Any]:
    """Put the right controller in ``state`` and keep sending it until the station shows it: the
    station samples the controllers once a frame, and a loaded machine runs few frames."""
    rig.set_controller("right", state)
    return client.wait_after(client.last(), shown, what=what, poke=rig.send)


def _press(client: Client, rig: RemoteRig, state: Controller, pressed: Controller, what: str) -> None:
    """Press (held until the station saw it), then let go (until it saw that too)."""
    button = {"select": pressed.trigger} if pressed.trigger else {"menu": pressed.menu}
    _hold(client, rig, pressed, _input("right", **button), f"{what} pressed")
    _hold(client, rig, state, _input("right", **{key: False for key in button}), f"{what} let go")


def test_trigger_pointing_menu_snap_turn_and_teleport_through_the_action_system(
        remote: tuple[RuntimeSession, Client, RemoteRig]) -> None:
    _session, client, rig = remote
    right = Controller(RIGHT_HAND)
    rig.set_controller("right", right)  # Monado's default pose: maybe reported already
    idle = client.wait_for(_input("right", select=False), what="the right controller", poke=rig.send)
    # The aim pose arrives in rig coordinates (Panda: x right, y forward, z up), 0.5 m ahead.
    assert idle["aim_position_m"] == pytest.approx([0.2, 0.5, 1.3], abs=0.01)
    assert idle["aim_forward"] == pytest.approx([0.0, 1.0, 0.0], abs=0.02)

    # In the attract loop a trigger press anywhere starts a session, once the loop is shown
    # (the station reports a step's buttons when it has faded in; a loaded machine takes long).
    client.wait_for(_targets("attract"), what="the attract loop, faded in")
    _press(client, rig, right, Controller(RIGHT_HAND, trigger=True), "select (trigger click)")
    client.wait_for(_kiosk("language"), what="the session started by the trigger")
    languages = client.wait_for(_targets("language"), what="the language buttons")

    # Point at "English" and pull the trigger: the app's pointing chooses it.
    english = next(t for t in languages["targets"] if t["id"] == "lang:en")
    pointing = Controller(RIGHT_HAND, aim_at(RIGHT_HAND, panda_to_openxr(english["centre_m"])))
    rig.set_controller("right", pointing)
    # The aim is not an event of its own: a few frames with it, then the press.
    client.frames(3, "the station to see the controller point at 'English'", poke=rig.send)
    _press(client, rig, pointing, Controller(RIGHT_HAND, pointing.orientation_xyzw, trigger=True),
           "select on 'English'")
    client.wait_for(lambda e: e["event"] == "choice" and e["target"] == "lang:en",
                    what="'lang:en' chosen with the controller")
    assert client.wait_for(_kiosk("quick_check"), what="the quick check")["cause"] == "language en"
    client.send("key f6")  # staff skip: the quick check (height, hearing) → the main menu
    client.wait_for(_kiosk("menu"), what="the main menu")
    client.wait_for(_targets("menu"), what="the menu buttons")

    _press(client, rig, right, Controller(RIGHT_HAND, menu=True), "menu (B button)")

    # Stick right, held: exactly one 30° turn to the right; back to the centre re-arms it.
    start = client.of("rig")[-1]
    stick_right = Controller(RIGHT_HAND, thumbstick=(1.0, 0.0))
    turned = _hold(client, rig, stick_right, lambda e: e["event"] == "rig" and e["t_s"] > start["t_s"],
                   "a snap turn")
    assert turned["heading_deg"] == pytest.approx(start["heading_deg"] - 30.0)
    client.frames(15, "the stick held right after the turn", poke=rig.send)
    _hold(client, rig, right, _input("right", thumbstick=[0.0, 0.0]), "stick centred")
    assert [e for e in client.of("rig") if e["t_s"] > turned["t_s"]] == [], "held: one turn only"
    back = _hold(client, rig, Controller(RIGHT_HAND, thumbstick=(-1.0, 0.0)),
                 lambda e: e["event"] == "rig" and e["t_s"] > turned["t_s"], "a turn back")
    assert back["heading_deg"] == pytest.approx(start["heading_deg"])
    _hold(client, rig, right, _input("right", thumbstick=[0.0, 0.0]), "stick centred again")

    # In a workplace: stick forward aims the teleport arc, letting go jumps there.
    client.send("key f6")  # staff skip: menu → occupation
    client.wait_for(_targets("occupation"), what="the occupation choice")
    client.send("key f6")  # → the tour of the first occupation
    client.wait_for(_targets("tour"), timeout_s=120, what="the tour")
    before = client.of("rig")[-1]
    aiming = Controller(RIGHT_HAND, DOWN_FORWARD)
    _hold(client, rig, Controller(RIGHT_HAND, DOWN_FORWARD, thumbstick=(0.0, 0.9)),
          _input("right", thumbstick=[0.0, 0.9]), "the stick pushed forward (aiming)")
    client.frames(3, "the teleport arc aimed", poke=rig.send)
    jumped = _hold(client, rig, aiming, lambda e: e["event"] == "rig" and e["t_s"] > before["t_s"],
                   "a teleport")
    moved = math.dist(jumped["position_m"][:2], before["position_m"][:2])
    assert moved > 0.5, f"teleported {moved:.2f} m along the arc"
    assert jumped["heading_deg"] == pytest.approx(before["heading_deg"]), "a teleport does not turn"


def test_head_pose_from_the_runtime_turns_the_view(remote: tuple[RuntimeSession, Client, RemoteRig],
                                                   tmp_path: Path) -> None:
    session, client, rig = remote
    client.send("head-every 3")
    ahead = client.capture()
    rig.set_head(yaw_left_deg=90.0, position_m=(0.3, 1.5, 0.0))
    head = client.wait_for(lambda e: e["event"] == "head" and abs(e["heading_deg"] - 90.0) < 1.0,
                           what="head turned 90° left", poke=rig.send)
    # OpenXR (0.3, 1.5, 0) → rig coordinates (0.3, 0, 1.5).
    assert head["position_m"] == pytest.approx([0.3, 0.0, 1.5], abs=0.01)
    left, right = (np.array(e["position_m"]) for e in head["eyes"])
    assert right[1] > left[1], "facing -x after the turn, the right eye lies towards +y"
    assert abs(right[0] - left[0]) < 0.01
    turned = client.capture()
    records = [json.loads((session.out / f"capture{c['index']}.json").read_text()) for c in (ahead, turned)]
    images = [np.load(session.out / r["eyes"][0]["file"]) for r in records]
    # The view turned with the head: what was ahead (the attract panel) is out of sight.
    assert np.abs(images[0][..., :3].astype(int) - images[1][..., :3].astype(int)).mean() > 5
    # And the picture is the scene seen from the turned eye, as a headless render shows it.
    done = subprocess.run([sys.executable, "-m", "tests.xr.reference_render",
                           str(session.out / f"capture{turned['index']}.json"), str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    reference = np.load(tmp_path / "reference-eye0.npy")
    assert np.abs(images[1][..., :3].astype(int) - reference[..., :3].astype(int)).mean() < 2.0
