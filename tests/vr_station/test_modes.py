"""Choosing the display mode: a missing runtime or display is a one-line notice, not a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

from vr_station.modes import choose_mode, has_display, probe_xr


def no_display_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(extra)
    return env


def test_probe_without_runtime_says_why(tmp_path: Path) -> None:
    manifest = tmp_path / "broken_runtime.json"
    manifest.write_text(json.dumps({"file_format_version": "1.0.0", "runtime": {
        "library_path": str(tmp_path / "libmissing_runtime.so")}}), encoding="utf-8")
    answer = probe_xr(no_display_env(XR_RUNTIME_JSON=str(manifest)))
    assert not answer.ok
    assert "no OpenXR runtime answered" in answer.reason


def test_auto_falls_back_to_headless_with_notices(tmp_path: Path) -> None:
    choice = choose_mode("auto", no_display_env(XR_RUNTIME_JSON=str(tmp_path / "none.json")))
    assert choice.mode == "headless"
    assert len(choice.notices) == 2
    assert choice.notices[0].startswith("no headset: ")
    assert choice.notices[1].startswith("no display: ")


def test_auto_takes_a_display_when_there_is_one(tmp_path: Path) -> None:
    env = no_display_env(XR_RUNTIME_JSON=str(tmp_path / "none.json"), DISPLAY=":99")
    assert choose_mode("auto", env).mode == "desktop"


def test_explicit_mode_is_taken_as_asked() -> None:
    assert choose_mode("headless").mode == "headless"
    assert choose_mode("headless").notices == ()


def test_display_detection_per_platform() -> None:
    assert has_display({}, platform="win32")
    assert not has_display({}, platform="linux")
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"}, platform="linux")
