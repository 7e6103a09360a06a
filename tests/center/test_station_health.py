"""Heartbeats and help calls between a real station reporter and the real center on loopback.

The station's ``HealthReporter`` runs on real job lanes with the real HTTPS transport (plain
HTTP on loopback) against ``vr-center serve`` on SQLite and PostgreSQL. With the center down, a
help call waits in the station's queue on disk and goes out when the center is back; the
center's acknowledgement reaches the station in the answer to its next heartbeat.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from catalog.files import default_content_dir
from center.health import Light, OpeningHours, load_opening_hours, station_overview
from center.help import acknowledge, open_help_calls
from center.stations import add_station
from tests.waiting import wait_for_thread
from vr_station.feedback.health_transport import HttpsHealthTransport
from vr_station.feedback.help_queue import HELP_QUEUE_FILE, HelpQueue
from vr_station.feedback.station_health import DisplaySnapshot, HealthReporter, HelpState
from vr_station.jobs import BackgroundJobs

BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    """The station's clock, moved by the test."""

    def __init__(self) -> None:
        self.now_s = 0.0


def _reporter(server, token, tmp_path, jobs, states):
    return HealthReporter(
        "biz-1", jobs, transport=lambda: HttpsHealthTransport(server.base_url, token),
        queue_path=tmp_path / HELP_QUEUE_FILE, content_dir=default_content_dir(),
        display=lambda: DisplaySnapshot("xr", "running"), microphone_present=lambda: False,
        outbox_pending=lambda: 3, on_change=states.append)


def _round(reporter, jobs, now_s):
    before = reporter.rounds
    reporter.tick(now_s)
    wait_for_thread(lambda: reporter.rounds > before, "a heartbeat round on the network lane",
                    step=jobs.drain, detail=jobs.pending_names)


def test_heartbeat_help_call_offline_and_acknowledged(center_server, engine, tmp_path):
    token = add_station(engine, "biz-1")
    jobs = BackgroundJobs()
    states: list[HelpState] = []
    reporter = _reporter(center_server, token, tmp_path, jobs, states)
    try:
        _round(reporter, jobs, 0.0)  # the heartbeat at start
        assert reporter.last_problem is None
        now = datetime.now(UTC)
        [health] = station_overview(engine, now, BERLIN, OpeningHours(frozenset(range(7))))
        assert health.heartbeat is not None
        assert health.heartbeat.runtime_mode == "xr"
        assert health.heartbeat.content_version.startswith("sha256:")
        assert health.light is Light.AMBER  # no microphone, records waiting
        assert any("Kein Mikrofon" in n for n in health.notes)
        assert "3\u00a0Rückmeldungen warten auf die Übertragung." in health.notes

        # Nothing is due before a minute of the station's clock has passed.
        reporter.tick(30.0)
        assert jobs.pending == 0

        center_server.stop()
        reporter.call_help("tour", 31.0)
        wait_for_thread(lambda: reporter.rounds == 2, "the help call's round", step=jobs.drain)
        assert reporter.help_state is HelpState.CALLED
        assert reporter.last_problem is not None and "cannot reach" in reporter.last_problem
        queue = HelpQueue(tmp_path / HELP_QUEUE_FILE)
        assert [c.step for c in queue.undelivered(datetime.now(UTC))] == ["tour"]
        queue.close()

        center_server.start()
        reporter.tick(40.0)  # not yet: a waiting call brings the next round 10 s after the last
        assert jobs.pending == 0
        _round(reporter, jobs, 41.0)
        [call] = open_help_calls(engine)
        assert (call.station, call.step, call.step_words) == ("biz-1", "tour", "Rundgang")
        assert reporter.help_state is HelpState.CALLED

        assert acknowledge(engine, call.call_id, "leitung", datetime.now(UTC))
        assert not acknowledge(engine, call.call_id, "leitung", datetime.now(UTC))
        _round(reporter, jobs, 51.0)
        assert reporter.help_state is HelpState.ON_THE_WAY
        assert states == [HelpState.CALLED, HelpState.ON_THE_WAY]
        assert open_help_calls(engine) == []
        reporter.forget_visit()
        assert reporter.help_state is HelpState.IDLE
    finally:
        jobs.shutdown()
        reporter.close()


def test_a_station_token_posts_only_for_its_own_station(center_server, engine):
    token = add_station(engine, "biz-2")
    add_station(engine, "biz-3")
    heartbeat = {"station_id": "biz-3", "app_version": "0.1.0", "content_version": "sha256:0",
                 "runtime_mode": "headless", "headset_state": "none",
                 "microphone_present": True, "outbox_pending": 0}
    headers = {"Authorization": f"Bearer {token}"}
    url = center_server.base_url
    assert httpx.post(f"{url}/api/v1/heartbeat", json=heartbeat, headers=headers).status_code == 403
    assert httpx.post(f"{url}/api/v1/heartbeat", json=heartbeat).status_code == 401
    assert httpx.post(f"{url}/api/v1/heartbeat", json={**heartbeat, "station_id": "biz-2",
                                                       "runtime_mode": "vr"},
                      headers=headers).status_code == 422
    call = {"call_id": "0f8fad5b-d9cb-469f-a165-70867728950e", "station_id": "biz-2",
            "step": "menu", "called_at": "2026-12-07T09:00:00+00:00"}
    first = httpx.post(f"{url}/api/v1/help-calls", json=call, headers=headers)
    again = httpx.post(f"{url}/api/v1/help-calls", json=call, headers=headers)
    assert (first.json(), again.json()) == ({"new": True}, {"new": False})
    assert httpx.post(f"{url}/api/v1/help-calls", json={**call, "station_id": "biz-3"},
                      headers=headers).status_code == 403


def test_every_station_post_checks_token_then_content_type_in_its_own_words(center_server,
                                                                           engine):
    """The sessions, heartbeat and help-call endpoints share one check (token 401, then 415),
    each with the wording it always had."""
    token = add_station(engine, "biz-9")
    url = center_server.base_url
    for path, wanted in (("/api/v1/sessions", "the records as application/json"),
                         ("/api/v1/heartbeat", "application/json"),
                         ("/api/v1/help-calls", "application/json")):
        missing = httpx.post(url + path, content=b"{}")
        assert (missing.status_code, missing.json()["detail"]) == (
            401, "send the station's token as 'Authorization: Bearer TOKEN'")
        assert missing.headers["www-authenticate"] == "Bearer"
        revoked = httpx.post(url + path, content=b"{}", headers={"Authorization": "Bearer nope"})
        assert (revoked.status_code, revoked.json()["detail"]) == (
            401, "unknown or revoked station token")
        text = httpx.post(url + path, content=b"{}", headers={
            "Authorization": f"Bearer {token}", "Content-Type": "text/plain"})
        assert (text.status_code, text.json()) == (
            415, {"detail": f"send {wanted}, not text/plain", "records": []})


def test_silent_means_silent_in_opening_hours(engine):
    """Quiet for a night is switched off; quiet for 16 minutes on a Tuesday morning is flagged."""
    hours = load_opening_hours(engine)
    assert hours.describe() == "Mo–Fr 08:00–18:00 Uhr"
    tuesday_10 = datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN)
    monday_evening = datetime(2026, 12, 7, 17, 50, tzinfo=BERLIN)
    assert hours.open_time_between(monday_evening, tuesday_10, BERLIN) == timedelta(hours=2,
                                                                                     minutes=10)
    assert hours.open_time_between(datetime(2026, 12, 7, 18, 5, tzinfo=BERLIN),
                                   datetime(2026, 12, 8, 8, 10, tzinfo=BERLIN), BERLIN) \
        == timedelta(minutes=10)
    # Saturday is closed: silent all day, never flagged.
    assert hours.open_time_between(datetime(2026, 12, 12, 9, 0, tzinfo=BERLIN),
                                   datetime(2026, 12, 12, 17, 0, tzinfo=BERLIN), BERLIN) \
        == timedelta()


@pytest.mark.parametrize("minutes, light", [(2, Light.GREEN), (10, Light.AMBER), (16, Light.RED)])
def test_the_light_after_minutes_of_silence(engine, minutes, light):
    from center.health import Heartbeat, record_heartbeat

    add_station(engine, "biz-4")
    seen = datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN)
    record_heartbeat(engine, "biz-4", Heartbeat("0.1.0", "sha256:1", "desktop", "running", True,
                                                0, None), seen)
    [health] = station_overview(engine, seen + timedelta(minutes=minutes), BERLIN,
                                OpeningHours())
    assert health.light is light
    assert health.silent is (light is Light.RED)


def test_a_station_behind_the_newest_published_content_is_flagged(engine):
    """Stations report the label the center gives its published versions (``2:ab12…``); one that
    reports another, or a digest of content it was installed with, is "nicht aktuell"."""
    from center import content_store as store
    from center.health import Heartbeat, record_heartbeat

    seen = datetime(2026, 12, 8, 10, 0, tzinfo=BERLIN)
    newest = store.seed_if_empty(engine, default_content_dir(), seen)
    assert newest is not None
    reports = {"biz-5": newest.label, "biz-6": "0:000000000000", "biz-7": "sha256:1"}
    for name, label in reports.items():
        add_station(engine, name)
        record_heartbeat(engine, name, Heartbeat("0.1.0", label, "desktop", "running", True, 0,
                                                 None), seen)
    add_station(engine, "biz-8")  # never reported: nothing to compare
    overview = station_overview(engine, seen, BERLIN, OpeningHours(), newest.label)
    assert {h.name: h.outdated for h in overview} == {
        "biz-5": False, "biz-6": True, "biz-7": True, "biz-8": False}
    # Before anything is published the center has nothing to compare with.
    assert not any(h.outdated for h in station_overview(engine, seen, BERLIN, OpeningHours()))
