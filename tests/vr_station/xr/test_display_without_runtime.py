"""Where no OpenXR runtime answers, the XR mode says so in one line and leaves nothing open."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vr_station.display.base import DisplayState
from vr_station.xr.display import XrDisplayMode
from vr_station.xr.errors import XrUnavailable
from vr_station.xr.probe import probe
from vr_station.xr.settings import XrSettings


@pytest.fixture
def no_runtime(monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("XR_RUNTIME_JSON", str(tmp_path / "missing_runtime.json"))


def test_open_without_runtime_raises_unavailable_and_cleans_up(no_runtime: None) -> None:
    mode = XrDisplayMode(XrSettings(mirror="offscreen"))
    with pytest.raises(XrUnavailable) as info:
        mode.open()
    assert "runtime" in str(info.value).lower()
    assert mode.state() is DisplayState.CLOSED
    mode.close()  # safe twice
    import builtins
    assert not hasattr(builtins, "base"), "no ShowBase was left behind"


def test_probe_reports_why(no_runtime: None) -> None:
    answer = probe()
    assert answer["ok"] is False
    assert "OpenXR" in str(answer["reason"])


def test_probe_process_prints_one_json_line(no_runtime: None) -> None:
    done = subprocess.run([sys.executable, "-m", "vr_station.xr.probe"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0
    assert done.stdout.strip().splitlines()[-1].startswith('{"ok": false')


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="mirror"):
        XrSettings(mirror="projector")
    with pytest.raises(ValueError, match="resolution_scale"):
        XrSettings(resolution_scale=5)
