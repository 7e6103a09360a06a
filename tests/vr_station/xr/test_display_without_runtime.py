"""Where no OpenXR runtime answers, the XR mode says so in one line and leaves nothing open."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vr_station.cli import main
from vr_station.display.base import DisplayState
from vr_station.display.settings import DisplaySettings
from vr_station.xr.display import XrDisplayMode
from vr_station.xr.errors import XrUnavailable
from vr_station.xr.probe import probe
from vr_station.xr.settings import XrSettings


@pytest.fixture
def no_runtime(monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("XR_RUNTIME_JSON", str(tmp_path / "missing_runtime.json"))


def test_open_without_runtime_raises_unavailable_and_cleans_up(no_runtime: None) -> None:
    mode = XrDisplayMode(DisplaySettings(), XrSettings(mirror="offscreen"))
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


def test_run_xr_without_runtime_or_display_is_one_clear_line(
        no_runtime: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    caplog.set_level("INFO")
    assert main(["run", "--mode", "xr"]) == 1
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "cannot open the xr display" in errors[0].getMessage()
    assert "\n" not in errors[0].getMessage()


def test_run_names_a_bad_xr_setting(caplog: pytest.LogCaptureFixture) -> None:
    assert main(["run", "--mode", "xr", "--xr", "play_space=ceiling"]) == 2
    assert "play_space must be stage or local" in caplog.text
    assert main(["run", "--mode", "xr", "--xr", "warp=9"]) == 2
    assert "NAME one of" in caplog.text and "resolution_scale" in caplog.text


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="mirror"):
        XrSettings(mirror="projector")
    with pytest.raises(ValueError, match="resolution_scale"):
        XrSettings(resolution_scale=5)
