"""Run as root inside a private mount namespace (``unshare -m``): a real systemd user manager
supervises the station that ``vr-station service install`` set up; the station is killed
(SIGKILL) and the time until systemd has it running again is measured.

The namespace gets its own ``/run`` (a tmpfs with ``/run/systemd/system``, the mark systemd
checks for "booted with systemd"), so nothing outside it sees this manager. Prints one JSON
line with the measurements; any failure exits non-zero with the reason on stderr.

Arguments: the work folder, the X display the station renders to.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO

UP_LINE = "is up (desktop display)"
START_TIMEOUT_S = 240.0
"""A station start on a busy two-core machine took 16 s; a lot of margin for a slower one."""
POLL_S = 0.05


def wait_for(done: Callable[[], bool], what: str, timeout_s: float) -> float:
    """Seconds until ``done()``; exits the process with a message after ``timeout_s``."""
    started = time.monotonic()
    while not done():
        if time.monotonic() - started > timeout_s:
            sys.exit(f"waited {timeout_s:.0f} s (the limit) for {what}")
        time.sleep(POLL_S)
    return time.monotonic() - started


def main() -> None:
    work, display = Path(sys.argv[1]), sys.argv[2]
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    runtime = Path(f"/run/user/{os.getuid()}")
    Path("/run/systemd/system").mkdir(parents=True)
    runtime.mkdir(parents=True, mode=0o700)
    env = {key: value for key, value in os.environ.items() if not key.startswith("VR_STATION_")}
    env.update(XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(work / "config-home"),
               VR_STATION_CONFIG=str(work / "station.yaml"),
               VR_STATION_DATA_DIR=str(work / "data"), VR_STATION_CACHE_DIR=str(work / "cache"),
               VR_STATION_MODELS_DIR=str(work / "models"))
    manager = subprocess.Popen(["/lib/systemd/systemd", "--user"], env=env,
                               stdout=subprocess.DEVNULL, stderr=open(work / "systemd.log", "w"))  # noqa: SIM115
    try:
        result = supervise(work, display, env)
    finally:
        manager.send_signal(signal.SIGTERM)
        manager.wait(60)
    print(json.dumps(result), flush=True)


def supervise(work: Path, display: str, env: dict[str, str]) -> dict[str, object]:
    def systemctl(*args: str) -> str:
        return subprocess.run(["systemctl", "--user", *args], env=env, capture_output=True,
                              text=True, check=False).stdout.strip()

    def show(prop: str) -> str:
        return systemctl("show", "vr-station.service", "-p", prop, "--value")

    wait_for(lambda: systemctl("is-system-running") in ("running", "degraded"),
             "the systemd user manager to run", 60.0)
    station = [sys.executable, "-m", "vr_station", "service"]
    install = subprocess.run([*station, "install", "--mode", "desktop", "--env", f"DISPLAY={display}",
                              "--env", f"PYTHONPATH={REPO}"],
                             env=env, capture_output=True, text=True, check=False)
    if install.returncode != 0:
        sys.exit(f"service install failed: {install.stdout}{install.stderr}")
    unit_file = work / "config-home" / "systemd" / "user" / "vr-station.service"
    log_file = work / "data" / "logs" / "station.log"

    def ups() -> int:
        return log_file.read_text(encoding="utf-8").count(UP_LINE) if log_file.exists() else 0

    first_start_s = wait_for(lambda: ups() == 1, f"the station's first '{UP_LINE}' log line",
                             START_TIMEOUT_S)
    old_pid = int(show("MainPID"))
    os.kill(old_pid, signal.SIGKILL)
    killed = time.monotonic()

    def running_again() -> bool:
        pid = show("MainPID")
        return pid not in ("0", str(old_pid)) and show("ActiveState") == "active"

    process_back_s = wait_for(running_again, "systemd to restart the killed station", 60.0)
    new_pid = int(show("MainPID"))
    command_line = Path(f"/proc/{new_pid}/cmdline").read_bytes().split(b"\0")
    wait_for(lambda: ups() == 2, "the restarted station's 'is up' line", START_TIMEOUT_S)
    ready_again_s = time.monotonic() - killed
    restarts = show("NRestarts")
    unit = unit_file.read_text(encoding="utf-8")
    status = subprocess.run([*station, "status"], env=env, capture_output=True, text=True,
                            check=False)
    uninstall = subprocess.run([*station, "uninstall"], env=env, capture_output=True, text=True,
                               check=False)
    return {
        "unit": unit,
        "first_start_s": round(first_start_s, 2),
        "process_back_s": round(process_back_s, 2),
        "ready_again_s": round(ready_again_s, 2),
        "n_restarts": int(restarts),
        "old_pid": old_pid, "new_pid": new_pid,
        "new_command": [part.decode() for part in command_line if part],
        "status_rc": status.returncode, "status": status.stdout,
        "uninstall_rc": uninstall.returncode, "unit_left": unit_file.exists(),
        "active_after_uninstall": show("ActiveState"),
        "log": log_file.read_text(encoding="utf-8")[-4000:],
    }


if __name__ == "__main__":
    main()
