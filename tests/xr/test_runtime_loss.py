"""The runtime dies under a running session: the station notices, reports LOST and closes."""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.xr.conftest import RuntimeSession

LOST_WITHIN_S = 5.0


def test_killed_runtime_turns_the_display_lost_without_a_crash(
        xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    client = session.client("--until-lost", "--seconds", "60", "--focus-timeout", "40")
    client.wait_for(lambda e: e.get("phase") == "FOCUSED", timeout_s=60, what="FOCUSED")
    client.wait_for(lambda e: e["event"] == "head", timeout_s=20, what="frames after FOCUSED")
    killed_at = time.monotonic()
    session.kill_service()

    # The selftest and this test share the kernel's monotonic clock.
    lost = client.wait_for(lambda e: e.get("state") == "lost", timeout_s=30, what="state LOST")
    assert lost["t_s"] - killed_at < LOST_WITHIN_S
    summary = client.finish(timeout_s=30)
    assert client.process.returncode == 0, "a vanished runtime is handled, not a crash"
    assert summary["ok"], summary["reason"]
    assert summary["phases"][-2:] == ["FOCUSED", "LOST"], summary["phases"]
    assert "InstanceLost" in summary["lost_reason"] or "RuntimeFailure" in summary["lost_reason"] \
        or "SessionLost" in summary["lost_reason"], summary["lost_reason"]
    assert summary["final_state"] == "closed"
    assert session.processes() == [], "service and client are gone; nothing hangs"


def test_runtime_gone_before_start_is_a_clear_notice(xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    session.stop()
    client = session.client("--seconds", "10")
    client.process.wait(timeout=60)
    assert client.process.returncode == 2
    unavailable = client.of("unavailable")
    assert unavailable and "xrCreateInstance" in unavailable[0]["reason"], client.log_tail()
