"""The runtime dies under a running station: the kiosk resets, the station keeps running and
finds the runtime again when it is back; without a runtime at start, one clear line."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

import numpy as np
import pytest

from tests.xr.conftest import STARTUP_TIMEOUT_S, Client, RuntimeSession

LOST_WITHIN_S = 5.0


def test_killed_runtime_resets_the_kiosk_and_the_station_reconnects(
        xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    client = session.station("--xr", "reconnect_interval_s=1")
    client.focused()
    client.send("key f6")  # a visitor's session is under way
    client.wait_for(lambda e: e["event"] == "kiosk" and e["new"] == "language",
                    what="a session in the language choice")
    running_mirror = _mirror(session, client)
    killed_at = time.monotonic()
    session.kill_service()

    # The station and this test share the kernel's monotonic clock.
    lost = client.wait_for(lambda e: e.get("state") == "lost", what="state LOST")
    assert lost["t_s"] - killed_at < LOST_WITHIN_S
    wipe = client.wait_for(lambda e: e["event"] == "kiosk" and e["new"] == "wipe",
                           what="the kiosk wiping the session")
    assert wipe["end_reason"] == "display_lost" and wipe["cause"] == "DisplayLost"
    client.wait_for(lambda e: e["event"] == "kiosk" and e["new"] == "attract",
                    what="the attract loop after the wipe")
    # A few reconnection attempts (one a second on the station's clock) against a runtime
    # that is not there: the station logs the first (then every 20th); the OpenXR loader
    # reports each one.
    client.wait_for_log("not reachable (attempt 1,", "the first reconnection attempt")
    client.wait_for_log("xrCreateInstance failed", "a second reconnection attempt", count=2)
    assert client.process.poll() is None, f"the station must keep running; log:\n{client.log_tail()}"
    # Staff see on the mirror why the headset shows nothing: a red status line at the top.
    assert _status_share(_mirror(session, client)) > 0.01
    assert _status_share(running_mirror) < 0.001

    session.start()  # monado-service is back (a restarted SteamVR, a replugged headset)
    back = client.wait_after(lost, lambda e: e.get("phase") == "FOCUSED", timeout_s=STARTUP_TIMEOUT_S,
                             what="FOCUSED again after the runtime came back")
    client.wait_after(back, lambda e: e.get("state") == "running", what="running again")
    stats = client.stats()
    assert stats["reconnects"] == 1
    later = client.frames(11, "frames of the new session", counter="frames_rendered")
    assert later["frames_rendered"] > stats["frames_rendered"] + 10, "frames reach the new session"

    client.send("exit")
    summary = client.finish()
    assert client.process.returncode == 0, "a vanished runtime is handled, not a crash"
    phases = summary["phases"]
    lost_at = phases.index("LOST")
    assert phases[lost_at - 1] == "FOCUSED"
    assert phases[lost_at + 1:lost_at + 7] == ["NO_SESSION", "IDLE", "READY", "SYNCHRONIZED",
                                               "VISIBLE", "FOCUSED"], phases
    assert phases[-1] == "ENDED" and summary["final_state"] == "closed"
    reason = summary["lost_reason"]
    assert any(word in reason for word in ("InstanceLost", "RuntimeFailure", "SessionLost")), reason
    session.stop()
    assert session.processes() == [], "service and station are gone; nothing hangs"
    with open("/proc/mounts") as mounts:
        assert str(session.dir) not in mounts.read(), "nothing is mounted in the host's namespace"


def _mirror(session: RuntimeSession, client: Client) -> np.ndarray:
    """A screenshot of the staff mirror (an offscreen buffer here), RGB, top row first."""
    from panda3d.core import PNMImage

    before = len(client.of("mirror"))
    client.send("mirror")
    shot = client.wait_for(lambda e: e["event"] == "mirror" and len(client.of("mirror")) > before,
                           what="a mirror screenshot")
    image = PNMImage()
    assert image.read(str(session.out / shot["file"]))
    return np.array([[image.getXel(x, y) for x in range(image.getXSize())]
                     for y in range(image.getYSize())]) * 255


def _status_share(mirror: np.ndarray) -> float:
    """How much of the mirror's upper quarter is the status line's red card."""
    top = mirror[: mirror.shape[0] // 4]
    red, green, blue = top[..., 0], top[..., 1], top[..., 2]
    return float(((red > 90) & (red > 2.5 * green) & (red > 2.5 * blue)).mean())


def test_no_runtime_at_start_is_one_clear_line(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    session.stop()
    client = session.station()
    try:
        client.process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        client.kill()
        pytest.fail(f"waited 90 s (the limit) for the station without a runtime to give up; "
                    f"log:\n{client.log_tail()}")
    assert client.process.returncode == 1
    errors = [line for line in client.log_tail().splitlines() if "cannot open the xr display" in line]
    assert len(errors) == 1 and "xrCreateInstance" in errors[0], client.log_tail()
    assert "Traceback" not in client.log_path.read_text()
