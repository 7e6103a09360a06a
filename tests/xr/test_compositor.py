"""Monado's real compositor on Xvfb: the GLX binding, the staff mirror window, and what the
headset would show, read back from the X server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tests.xr.conftest import REPO, RuntimeSession
from tests.xr.xwd import read_xwd, write_png

BACK_WALL = np.array([204, 115, 51])
"""The greybox's back wall (0.80, 0.45, 0.20) as Panda3D writes it. A linear swapchain would
make the compositor encode it once more: about (231, 180, 124), the washed-out look."""
DOCS_SCREENSHOT = REPO / "docs" / "xr" / "monado-compositor.png"
MIRROR_TITLE = "VR-Berufe-Station – Spiegelbild für das Personal"


def _share_near(image: np.ndarray, colour: np.ndarray, tolerance: int = 12) -> float:
    return float((np.abs(image.astype(int) - colour).max(axis=2) <= tolerance).mean())


def _dump_window(session: RuntimeSession, name: str, file: str) -> np.ndarray:
    done = session.run("sh", "-c", f'xwd -silent -name "{name}" > /run/session/out/{file}', timeout_s=60)
    assert done.returncode == 0, f"xwd of window {name!r} failed: {done.stderr[-1500:]}"
    return read_xwd(session.out / file)


def test_compositor_shows_both_eyes_with_true_colours(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session("--display")
    client = session.client("--seconds", "90", "--commands", "--head-every", "5", "--focus-timeout", "60")
    opened = client.wait_for(lambda e: e["event"] == "opened", timeout_s=60, what="mode opened")
    assert opened["info"]["graphics"].startswith("glx"), "on an X display the GLX binding is used"
    assert opened["info"]["mirror"] == "window"
    client.wait_for(lambda e: e["event"] == "head" and e["frame"] >= 15, timeout_s=90,
                    what="15 frames composited")

    monado = _dump_window(session, "Monado", "monado.xwd")
    width = monado.shape[1]
    halves = monado[:, : width // 2], monado[:, width // 2:]
    for eye, half in enumerate(halves):
        assert _share_near(half, BACK_WALL) > 0.15, (
            f"eye {eye}: the back wall's colour is missing from the composited picture "
            "(washed out by a second sRGB encoding, or not drawn)")
        assert len(np.unique(half.reshape(-1, 3), axis=0)) > 50
    assert np.abs(halves[0].astype(int) - halves[1].astype(int)).mean() > 0.5, "two distinct eye views"

    mirror = _dump_window(session, MIRROR_TITLE, "mirror.xwd")
    assert _share_near(mirror, BACK_WALL) > 0.05, "the staff mirror shows the visitor's view"

    client.send("exit")
    summary = client.finish(timeout_s=60)
    assert summary["ok"], summary["reason"]
    assert summary["final_state"] == "closed"

    write_png(monado, session.out / "monado-compositor.png")
    if os.environ.get("VR_STATION_UPDATE_DOCS") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(session.out / "monado-compositor.png", DOCS_SCREENSHOT)


def test_docs_screenshot_is_small_and_present() -> None:
    assert DOCS_SCREENSHOT.is_file(), "regenerate with VR_STATION_UPDATE_DOCS=1 make test-xr"
    assert DOCS_SCREENSHOT.stat().st_size < 300_000
    assert Path(DOCS_SCREENSHOT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
