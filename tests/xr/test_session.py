"""The XR mode against Monado's simulated headset: session, eye images, head tracking, exit."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from tests.xr.conftest import REPO, RuntimeSession

CAPTURE_FRAMES = ("15", "45")


def _reference(capture_json: Path, out: Path) -> list[np.ndarray]:
    """The same views rendered by plain offscreen Panda3D on the host (no OpenXR)."""
    done = subprocess.run([sys.executable, "-m", "tests.xr.reference_render", str(capture_json), str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return [np.load(out / f"reference-eye{eye}.npy") for eye in (0, 1)]


def _differs(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Mean absolute difference (0-255) and the share of pixels off by more than 16 levels."""
    d = np.abs(a[..., :3].astype(int) - b[..., :3].astype(int))
    return float(d.mean()), float((d.max(axis=2) > 16).mean())


def test_session_focuses_and_both_eyes_receive_the_scene(xr_session: Callable[..., RuntimeSession],
                                                        tmp_path: Path) -> None:
    session = xr_session()
    client = session.client("--capture-after", *CAPTURE_FRAMES, "--seconds", "12", "--head-every", "5")
    summary = client.finish(timeout_s=90)
    assert summary["ok"], summary["reason"]
    phases = summary["phases"]
    assert phases[:6] == ["NO_SESSION", "IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED"], phases
    opened = client.of("opened")[0]["info"]
    assert opened["graphics"].startswith("egl"), opened
    assert opened["play_space"] == "stage"
    assert opened["swapchain_format"] == 0x8C43, "eye images must go to sRGB swapchains"
    assert "/interaction_profiles/bytedance/pico4_controller" in opened["profiles_suggested"]

    stats = summary["stats"]
    # Monado's null compositor paces the loop (20 Hz in Monado 25); every waited frame but the
    # last reached the runtime.
    assert 0 < stats["predicted_period_ns"] <= 50_000_000
    assert stats["frames_submitted"] >= stats["frames_waited"] - 1 > 100
    assert stats["frames_rendered"] >= 0.95 * stats["frames_submitted"]

    assert summary["captures"] == len(CAPTURE_FRAMES)
    for index in range(len(CAPTURE_FRAMES)):
        record = json.loads((session.out / f"capture{index}.json").read_text())
        eyes = [np.load(session.out / e["file"]) for e in record["eyes"]]
        references = _reference(session.out / f"capture{index}.json", tmp_path / f"ref{index}")
        for eye, (image, reference) in enumerate(zip(eyes, references, strict=True)):
            mean, share = _differs(image, reference)
            assert mean < 2.0 and share < 0.01, (
                f"capture {index} eye {eye}: swapchain image differs from the offscreen render of "
                f"the same view (mean {mean:.2f}, {share:.1%} of pixels off)")
            # A real scene, not a clear colour: floor, walls and blocks in many colours.
            assert len(np.unique(image[..., :3].reshape(-1, 3), axis=0)) > 20
        # Left and right images differ (6 cm apart), and each matches its own eye best.
        assert _differs(eyes[0], references[1])[0] > _differs(eyes[0], references[0])[0] + 0.5
        assert _differs(eyes[1], references[0])[0] > _differs(eyes[1], references[1])[0] + 0.5
        left_x, right_x = (e["world_position_m"][0] for e in record["eyes"])
        assert 0.055 < right_x - left_x < 0.075, "eyes must be an IPD apart, left eye at -x"


def test_head_tracking_moves_the_eye_cameras(xr_session: Callable[..., RuntimeSession]) -> None:
    """Monado's simulated headset wobbles by itself: the head node and eye cameras follow."""
    session = xr_session()
    client = session.client("--seconds", "6", "--head-every", "4")
    summary = client.finish(timeout_s=60)
    assert summary["ok"], summary["reason"]
    heads = client.of("head")
    assert len(heads) >= 15
    headings = [h["heading_deg"] for h in heads]
    heights = [h["position_m"][2] for h in heads]
    assert max(headings) - min(headings) > 2.0, headings
    assert max(heights) - min(heights) > 0.02, heights
    assert all(1.4 < z < 1.8 for z in heights), "STAGE space: the head is 1.6 m above the floor"
    for head in heads:
        left, right = (np.array(e["position_m"]) for e in head["eyes"])
        centre = (left + right) / 2
        assert np.linalg.norm(centre - np.array(head["position_m"])) < 0.01
        assert math.isclose(np.linalg.norm(right - left), 0.063, abs_tol=0.008)


def test_local_play_space_puts_the_floor_an_eye_height_below(
        xr_session: Callable[..., RuntimeSession]) -> None:
    """Without STAGE: LOCAL (its origin where the head was at the start) lowered by the assumed
    eye height, here 1.2 m (the simulated head starts at 1.6 m above Monado's STAGE floor)."""
    session = xr_session()
    client = session.client("--seconds", "3", "--head-every", "5", "--play-space", "local",
                            "--eye-height", "1.2")
    summary = client.finish(timeout_s=60)
    assert summary["ok"], summary["reason"]
    assert client.of("opened")[0]["info"]["play_space"] == "local"
    heights = [h["position_m"][2] for h in client.of("head")]
    assert heights and all(abs(z - 1.2) < 0.1 for z in heights), heights


def test_exit_request_runs_the_lifecycle_to_the_end(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    client = session.client("--exit-after", "20", "--seconds", "30")
    summary = client.finish(timeout_s=60)
    assert client.process.returncode == 0
    assert summary["ok"], summary["reason"]
    # close(): xrRequestExitSession → the runtime steps down → STOPPING → xrEndSession →
    # IDLE → EXITING → xrDestroySession.
    assert summary["phases"][-7:] == ["FOCUSED", "VISIBLE", "SYNCHRONIZED", "STOPPING", "IDLE",
                                      "EXITING", "ENDED"], summary["phases"]
    assert summary["final_state"] == "closed"
    assert summary["lost_reason"] is None
    assert [e["state"] for e in client.of("state")][-1] == "running", "running until close()"


def test_auto_mode_picks_xr_when_the_runtime_answers(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    script = ("from vr_station.modes import choose_mode; c = choose_mode('auto'); "
              "print(c.mode, '|', ' / '.join(c.notices))")
    done = session.run("python", "-c", script, timeout_s=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1].startswith("xr |"), done.stdout

    session.stop()
    done = session.run("python", "-c", script, timeout_s=60)
    assert done.returncode == 0, done.stderr[-2000:]
    mode, notices = done.stdout.strip().splitlines()[-1].split(" | ")
    assert mode == "headless", "no runtime and no display: headless"
    assert "no headset" in notices and "OpenXR" in notices, notices


def test_stopped_session_leaves_no_process_or_mount(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    client = session.client("--seconds", "30")
    client.wait_for(lambda e: e.get("phase") == "FOCUSED", timeout_s=60, what="FOCUSED")
    assert len(session.processes()) >= 2, "service and client run in namespaces with the session mounted"
    session.stop()
    assert session.processes() == []
    with open("/proc/mounts") as mounts:
        assert str(session.dir) not in mounts.read(), "nothing is mounted in the host's namespace"
