"""``vr-station run --mode auto`` takes the headset when the runtime answers."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from tests.xr.conftest import RuntimeSession


def test_auto_mode_runs_the_station_in_xr_when_the_runtime_answers(
        xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    client = session.station(mode="auto")
    opened = client.opened()
    assert opened["mode"] == "xr", opened
    client.focused()
    # Stopped like a service (systemd sends SIGTERM): the session ends the OpenXR way.
    (pid,) = session.station_pids()
    os.kill(pid, signal.SIGTERM)
    summary = client.finish()
    assert client.process.returncode == 0
    assert summary["final_state"] == "closed" and summary["lost_reason"] is None
    assert summary["phases"][-4:] == ["STOPPING", "IDLE", "EXITING", "ENDED"], summary["phases"]
    assert "SIGTERM: ending the station" in client.log_path.read_text()


def test_auto_mode_without_the_runtime_says_why(xr_session: Callable[..., RuntimeSession]) -> None:
    """No service and no display: headless (which runs the demo visitor, not started here)."""
    session = xr_session()
    session.stop()
    script = ("from vr_station.modes import choose_mode; c = choose_mode('auto'); "
              "print(c.mode, '|', ' / '.join(c.notices))")
    done = session.run("python", "-c", script, timeout_s=60)
    assert done.returncode == 0, done.stderr[-2000:]
    mode, notices = done.stdout.strip().splitlines()[-1].split(" | ")
    assert mode == "headless", "no runtime and no display: headless"
    assert "no headset" in notices and "OpenXR" in notices, notices
