"""Monado's real compositor on Xvfb: the station with the GLX binding and its staff mirror
window, and what the headset would show, read back from the X server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tests.xr.conftest import REPO, RuntimeSession
from tests.xr.xwd import read_xwd, write_png

DOCS_SCREENSHOT = REPO / "docs" / "xr" / "monado-compositor.png"
MIRROR_TITLE = "VR-Berufestation – Spiegelbild für das Personal"


def _share_near(image: np.ndarray, colour: np.ndarray, tolerance: int = 12) -> float:
    return float((np.abs(image.astype(int) - colour).max(axis=-1) <= tolerance).mean())


def _encoded_twice(colour: np.ndarray) -> np.ndarray:
    """What an sRGB colour becomes when a compositor takes its bytes for linear values and
    encodes them again (an RGBA8 instead of an sRGB swapchain): the washed-out look."""
    linear = colour / 255.0
    encoded = np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)
    return np.round(encoded * 255)


def _dump_window(session: RuntimeSession, name: str, file: str) -> np.ndarray:
    done = session.run("sh", "-c", f'xwd -silent -name "{name}" > /run/session/out/{file}', timeout_s=60)
    assert done.returncode == 0, f"xwd of window {name!r} failed: {done.stderr[-1500:]}"
    return read_xwd(session.out / file)


def test_compositor_shows_both_eyes_with_true_colours(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session("--display")
    client = session.station()
    opened = client.opened()
    assert opened["info"]["graphics"].startswith("glx"), "on an X display the GLX binding is used"
    assert opened["info"]["mirror"] == "window"
    client.focused()
    capture = client.capture()
    eye = np.load(session.out / capture["files"][0])[..., :3]
    # The colour covering most of the eye's picture (the lobby's floor or sky), as the
    # swapchain image holds it.
    colours, counts = np.unique(eye.reshape(-1, 3), axis=0, return_counts=True)
    main = colours[np.argmax(counts)].astype(int)
    assert counts.max() / counts.sum() > 0.05, "one colour covers a good part of the view"

    monado = _dump_window(session, "Monado", "monado.xwd")
    width = monado.shape[1]
    halves = monado[:, : width // 2], monado[:, width // 2:]
    for index, half in enumerate(halves):
        near, washed = _share_near(half, main, 6), _share_near(half, _encoded_twice(main), 6)
        assert near > 0.02 and near > 5 * washed, (
            f"eye {index}: the station's colour {main} covers {near:.1%} of the composited picture, "
            f"its washed-out variant {washed:.1%}")
        assert len(np.unique(half.reshape(-1, 3), axis=0)) > 50
    assert np.abs(halves[0].astype(int) - halves[1].astype(int)).mean() > 0.5, "two distinct eye views"

    mirror = _dump_window(session, MIRROR_TITLE, "mirror.xwd")
    assert _share_near(mirror, main, 6) > 0.02, "the staff mirror shows the visitor's view"

    client.send("exit")
    summary = client.finish()
    assert client.process.returncode == 0
    assert summary["final_state"] == "closed"

    write_png(monado, session.out / "monado-compositor.png")
    if os.environ.get("VR_STATION_UPDATE_DOCS") == "1":
        DOCS_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(session.out / "monado-compositor.png", DOCS_SCREENSHOT)


def test_docs_screenshot_is_small_and_present() -> None:
    assert DOCS_SCREENSHOT.is_file(), "regenerate with VR_STATION_UPDATE_DOCS=1 make test-xr"
    assert DOCS_SCREENSHOT.stat().st_size < 300_000
    assert Path(DOCS_SCREENSHOT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
