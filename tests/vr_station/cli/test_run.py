"""`vr-station run`: which display comes up, and one-line notices instead of crashes."""

from __future__ import annotations

import sys
import types

import pytest

from vr_station.cli import main
from vr_station.display.base import DisplayMode
from vr_station.display.factory import create_display, load_xr_display
from vr_station.display.headless import HeadlessDisplay
from vr_station.display.settings import DisplaySettings


def test_xr_is_the_openxr_mode_with_the_shared_and_its_own_settings():
    from vr_station.xr.display import XrDisplayMode
    from vr_station.xr.settings import XrSettings

    choice = create_display("xr", DisplaySettings(size_px=(800, 450)), has_display=False,
                            xr_settings=XrSettings(play_space="local"))
    assert isinstance(choice.display, XrDisplayMode) and choice.notice is None
    choice.display.close()  # never opened: nothing to release


def test_xr_without_the_xr_mode_falls_back_with_one_line(monkeypatch: pytest.MonkeyPatch):
    from vr_station.display import factory

    def missing(settings, where=factory.XR_DISPLAY, xr_settings=None):
        raise ImportError("the xr display mode is not available (no pyopenxr)")

    monkeypatch.setattr(factory, "load_xr_display", missing)
    choice = create_display("xr", DisplaySettings(), has_display=False)
    assert isinstance(choice.display, HeadlessDisplay)
    assert choice.notice is not None and "\n" not in choice.notice
    assert "xr display mode is not available" in choice.notice
    assert choice.notice.endswith("using headless")
    with pytest.raises(ImportError, match="xr display mode is not available"):
        load_xr_display(DisplaySettings(), "vr_station.no_such_module:XrDisplayMode")


def test_the_xr_mode_is_loaded_by_import(monkeypatch: pytest.MonkeyPatch):
    module = types.ModuleType("fake_xr_display")

    class FakeXr(HeadlessDisplay):
        name = "xr"

    module.XrDisplayMode = FakeXr  # type: ignore[attr-defined]  # patched for the test
    monkeypatch.setitem(sys.modules, "fake_xr_display", module)
    display = load_xr_display(DisplaySettings(), "fake_xr_display:XrDisplayMode")
    assert isinstance(display, DisplayMode) and display.name == "xr"
    with pytest.raises(ImportError, match="not a DisplayMode"):
        module.NotADisplay = object  # type: ignore[attr-defined]  # patched for the test
        load_xr_display(DisplaySettings(), "fake_xr_display:NotADisplay")


def test_headless_runs_the_demo_and_auto_without_display_or_headset_is_headless(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture):
    from vr_station.cli import run
    from vr_station.modes import XrProbe

    calls = []
    monkeypatch.setattr(run, "_demo", lambda config, catalog, args: calls.append(args) or 0)
    monkeypatch.setattr("vr_station.modes.probe_xr",
                        lambda environ=None, timeout_s=0: XrProbe(False, "no runtime"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    caplog.set_level("INFO")
    assert main(["run", "--mode", "auto"]) == 0
    assert len(calls) == 1
    err = caplog.text
    assert "no headset: no runtime" in err and "no display" in err
    assert "running the scripted demo visitor" in err


def test_an_unknown_demo_language_is_a_clear_error(caplog: pytest.LogCaptureFixture):
    assert main(["run", "--demo", "--language", "xx"]) == 2
    assert "no interface texts for language 'xx'" in caplog.text
