"""The visitor's view leaves the station (headset taken off, or the runtime shows another app):
the session drops out of FOCUSED, the kiosk pauses its session, and resumes it on return.

Monado 25 has no proximity sensor on its simulated headset and no XR_EXT_user_presence, but it
hands the headset to the session that began last: a second station takes the view away from
the first, exactly as a runtime's own menu or another app would.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.xr.conftest import RuntimeSession


def test_losing_the_view_pauses_the_session_and_getting_it_back_resumes_it(
        xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    station = session.station()
    station.focused()
    station.send("key f6")
    started = station.wait_for(lambda e: e["event"] == "kiosk" and e["new"] == "language",
                               what="a visitor's session")

    other = session.station("--xr", "resolution_scale=0.2")
    other.focused("the other app FOCUSED")
    away = station.wait_after(started, lambda e: e.get("state") == "paused",
                              what="the first station paused")
    phase = [e["phase"] for e in station.of("phase") if e["t_s"] <= away["t_s"]][-1]
    assert phase in ("VISIBLE", "SYNCHRONIZED"), phase
    paused = station.wait_after(started, lambda e: e["event"] == "pause", what="kiosk paused")
    assert paused["reasons"] == ["headset_off"]

    station.frames(15, "the first station to run on without the view")
    assert [e for e in station.of("state") if e["t_s"] > away["t_s"]] == [], \
        "paused for as long as the other app has the view"

    other.send("exit")
    other.finish()
    station.wait_after(away, lambda e: e.get("state") == "running",
                       what="the first station focused again")
    resumed = station.wait_after(paused, lambda e: e["event"] == "pause", what="kiosk resumed")
    assert resumed["reasons"] == []
    # The visitor may choose a language by gaze before or after the absence (the simulated
    # headset looks straight at the first button); what must not happen is the session's end.
    later = [e for e in station.of("kiosk") if e["t_s"] > started["t_s"]]
    assert [e for e in later if e["session"] != started["session"] or e["end_reason"]
            or e["new"] == "attract"] == [], \
        "a short absence keeps the visitor's session (it is wiped only after the timeout)"
    station.send("exit")
    summary = station.finish()
    assert station.process.returncode == 0 and summary["final_state"] == "closed"
