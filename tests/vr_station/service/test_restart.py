"""The station under a real systemd: ``vr-station service install`` sets up a user unit in a
real systemd user manager (in a private mount namespace, so nothing outside sees it), the
station process is killed with SIGKILL, and systemd has it running again within 10 s.

Needs root (for the namespace and its ``/run``), systemd and Xvfb; skipped with the reason
otherwise. The station runs in desktop mode on the test's Xvfb, as at a kiosk without headset.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.vr_station.display.test_desktop import xvfb  # noqa: F401 - the fixture

RESTART_BOUND_S = 10.0
"""The issue's bound: a killed station is back under its supervisor within 10 s."""
CHILD_TIMEOUT_S = 600.0


def _can_run_systemd() -> str | None:
    if sys.platform != "linux":
        return "systemd is Linux only"
    if os.geteuid() != 0:
        return "needs root: the test mounts its own /run in a private mount namespace"
    if not Path("/lib/systemd/systemd").exists() or shutil.which("systemctl") is None:
        return "systemd is not installed (Debian: apt-get install systemd)"
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is not installed"
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"],
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return f"cannot make a mount namespace here: {probe.stderr.strip()}"
    return None


@pytest.mark.skipif(_can_run_systemd() is not None, reason=str(_can_run_systemd()))
def test_a_killed_station_is_back_within_10_s_under_systemd(xvfb: str,  # noqa: F811
                                                             tmp_path: Path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("VR_STATION_")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        ["unshare", "-m", "--propagation", "private", sys.executable, "-m",
         "tests.vr_station.service.systemd_child", str(tmp_path), xvfb],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    systemd_log = tmp_path / "systemd.log"
    assert done.returncode == 0, (done.stderr[-3000:], systemd_log.read_text()[-3000:]
                                  if systemd_log.exists() else "")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"first start {result['first_start_s']} s; killed station running again after "
          f"{result['process_back_s']} s, up (window open) after {result['ready_again_s']} s")
    assert "Restart=on-failure" in result["unit"]
    assert result["new_pid"] != result["old_pid"] and result["n_restarts"] == 1
    assert result["new_command"][1:5] == ["-m", "vr_station", "run", "--mode"]
    assert result["process_back_s"] <= RESTART_BOUND_S
    assert result["status_rc"] == 0 and "active (running)" in result["status"]
    assert result["uninstall_rc"] == 0 and not result["unit_left"]
    assert result["active_after_uninstall"] == "inactive"
    # The restarted station logged to the same rotating file; SIGTERM at uninstall ended it
    # the orderly way.
    assert result["log"].count("is up (desktop display)") == 2
    assert "SIGTERM: ending the station" in result["log"]
