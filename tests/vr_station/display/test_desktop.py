"""The desktop display in a real X window (Xvfb, started by this test): mouse-look, the mouse
as a pointer, key turns, and a closed window reported instead of ending the process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from tests.waiting import THREAD_TIMEOUT_S


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb; scripts/debian/test.txt)")
    number = next(n for n in range(91, 160) if not os.path.exists(f"/tmp/.X11-unix/X{n}")
                  and not os.path.exists(f"/tmp/.X{n}-lock"))
    display = f":{number}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        if server.poll() is not None:
            pytest.skip(f"Xvfb did not start on {display} (it exited with {server.returncode})")
        if time.monotonic() - started > THREAD_TIMEOUT_S:
            server.kill()
            pytest.fail(f"waited {THREAD_TIMEOUT_S:.0f} s (the limit) for Xvfb to open {display}")
        time.sleep(0.05)
    yield display
    server.terminate()
    server.wait(5)


@pytest.fixture(scope="module")
def measured(xvfb: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("desktop-station")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VR_STATION_")}
    env.update(DISPLAY=xvfb, VR_STATION_CONFIG=str(root / "station.yaml"),
               VR_STATION_DATA_DIR=str(root / "data"), VR_STATION_CACHE_DIR=str(root / "cache"),
               VR_STATION_MODELS_DIR=str(root / "models"))
    done = subprocess.run([sys.executable, "-m", "tests.vr_station.display.desktop_child"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_real_window_shows_the_scene(measured):
    assert measured["window"] != "GraphicsBuffer"
    assert measured["card_in_centre"]


def test_the_mouse_points_like_a_controller_ray(measured):
    assert measured["centre_ray_forward"] > 0.99
    assert measured["right_ray_x"] > 0.5
    assert measured["pressed_before_click"] is False
    assert measured["pressed_while_held"] is True


def test_dragging_with_the_right_button_turns_the_head(measured):
    assert measured["heading_after_drag"] < -5, "dragging right looks right"


def test_arrow_keys_ask_for_snap_turns(measured):
    assert measured["turn_request"] == -1.0


def test_closing_the_window_is_reported_not_fatal(measured):
    assert measured["closed_state"] == "closed"
    assert measured["process_alive_after_close"] and measured["closed_twice"]


def test_the_station_runs_in_the_window_and_the_mouse_chooses(measured):
    assert measured["after_first_click"] == "language"
    assert measured["after_clicking_english"] == "quick_check"
    assert measured["language"] == "en"
    assert measured["staff_help_shown"] is True
    assert measured["station_closed"] == "closed"
