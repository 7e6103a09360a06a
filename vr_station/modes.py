"""Choose how the station renders: ``xr`` (headset), ``desktop`` (a window) or ``headless``.

``auto`` takes xr when an OpenXR runtime answers with a headset, else desktop when a display
exists, else headless. Each fallback is one line saying why, never a crash.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

PROBE_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class ModeChoice:
    """The display mode the station runs in, and why the ones before it were passed over."""

    mode: str
    """xr, desktop or headless."""
    notices: tuple[str, ...]
    """One line per mode that was passed over, saying why."""


@dataclass(frozen=True)
class XrProbe:
    """Whether an OpenXR runtime answered with a headset; ``reason`` names it or says why not."""

    ok: bool
    reason: str


def probe_xr(environ: Mapping[str, str] = os.environ, timeout_s: float = PROBE_TIMEOUT_S) -> XrProbe:
    """Ask an OpenXR runtime for a headset, in a child process with a time limit."""
    try:
        done = subprocess.run([sys.executable, "-m", "vr_station.xr.probe"], env=dict(environ),
                              capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return XrProbe(False, f"the OpenXR runtime did not answer within {timeout_s:.0f} s")
    except OSError as exc:
        return XrProbe(False, f"cannot start the OpenXR probe: {exc.strerror}")
    answer = _last_json_object(done.stdout)
    if not answer:
        return XrProbe(False, f"the OpenXR probe failed (exit status {done.returncode})")
    if answer.get("ok"):
        return XrProbe(True, f"{answer.get('runtime')}: {answer.get('system')}")
    return XrProbe(False, str(answer.get("reason")))


def _last_json_object(text: str) -> dict[str, object]:
    """The probe's answer: the last JSON object line (runtimes log to stdout too)."""
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                answer = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(answer, dict) and "ok" in answer:
                return answer
    return {}


def has_display(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether a window can be shown: on Windows and macOS, or with DISPLAY or WAYLAND_DISPLAY set."""
    if platform.startswith(("win", "darwin")):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def choose_mode(requested: str, environ: Mapping[str, str] = os.environ) -> ModeChoice:
    """The mode for ``requested``; ``auto`` tries xr, then desktop, then headless (see the module)."""
    if requested != "auto":
        return ModeChoice(requested, ())
    notices = []
    xr_answer = probe_xr(environ)
    if xr_answer.ok:
        return ModeChoice("xr", ())
    notices.append(f"no headset: {xr_answer.reason}")
    if has_display(environ):
        return ModeChoice("desktop", tuple(notices))
    notices.append("no display: DISPLAY and WAYLAND_DISPLAY are not set")
    return ModeChoice("headless", tuple(notices))
