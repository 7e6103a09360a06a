"""The Stationen page and the help calls in a real headless Chromium, against the real server.

A station's reporter (the station's own code, real HTTP on loopback) sends heartbeats and a
help call; the call shows on the overview and the Stationen page with station and step; a
team leader acknowledges it there and the station hears so in the answer to its next
heartbeat. A station whose last heartbeat is 20 minutes old is flagged as silent; a viewer may
look but not acknowledge.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from catalog.files import default_content_dir
from center import content_store as store
from center.database import make_engine, migrate
from center.health import Heartbeat, record_heartbeat
from center.help import open_help_calls
from center.staff import Role, add_user
from center.stations import add_station
from tests.center.servers import CenterProcess
from tests.center.test_dashboard_browser import PASSWORD
from tests.chromium import chromium
from tests.waiting import wait_for_thread
from vr_station.feedback.health_transport import HttpsHealthTransport
from vr_station.feedback.help_queue import HELP_QUEUE_FILE
from vr_station.feedback.station_health import DisplaySnapshot, HealthReporter, HelpState
from vr_station.jobs import BackgroundJobs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[CenterProcess, Engine, str]]:
    directory = tmp_path_factory.mktemp("stations")
    url = f"sqlite:///{directory / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "leitung", PASSWORD, Role.ADMIN)
    add_user(engine, "empfang", PASSWORD, Role.VIEWER)
    token = add_station(engine, "biz-nord")
    add_station(engine, "biz-sued")
    add_station(engine, "biz-neu")  # never reported
    # Version 1 is published; biz-nord reports it below, biz-sued only a digest of its folder.
    store.seed_if_empty(engine, default_content_dir(), datetime.now(UTC))
    # biz-sued went quiet 20 minutes ago (opening hours are set to the whole week below).
    record_heartbeat(engine, "biz-sued", Heartbeat("0.1.0", "sha256:abc", "desktop", "none",
                                                   True, 0, None),
                     datetime.now(UTC) - timedelta(minutes=20))
    server = CenterProcess(url, directory).start()
    yield server, engine, token
    server.stop()
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _page(browser, server, user):
    context = browser.new_context(locale="de-DE", base_url=server.base_url)
    page = context.new_page()
    page.console_problems = []  # type: ignore[attr-defined]  # the test's notes on the page
    page.on("console", lambda m: page.console_problems.append(m.text)  # type: ignore[attr-defined]  # the test's notes
            if m.type in ("error", "warning") else None)
    page.goto("/stationen")
    page.get_by_label("Benutzername").fill(user)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("#stations")
    return context, page


def _round(reporter: HealthReporter, jobs: BackgroundJobs, now_s: float) -> None:
    before = reporter.rounds
    reporter.tick(now_s)
    wait_for_thread(lambda: reporter.rounds > before, "a heartbeat round on the network lane",
                    step=jobs.drain, detail=jobs.pending_names)


def test_stations_page_help_call_and_acknowledgement(browser, site, tmp_path):
    server, engine, token = site
    newest = store.latest_version(engine)
    assert newest is not None
    jobs = BackgroundJobs()
    reporter = HealthReporter(
        "biz-nord", jobs, transport=lambda: HttpsHealthTransport(server.base_url, token),
        queue_path=tmp_path / HELP_QUEUE_FILE, content_dir=default_content_dir(),
        display=lambda: DisplaySnapshot("xr", "running"), microphone_present=lambda: True,
        outbox_pending=lambda: 0, content_version=lambda: newest.label)
    context, page = _page(browser, server, "leitung")
    try:
        _round(reporter, jobs, 0.0)
        # The whole week open, so that biz-sued's 20 quiet minutes count whenever this runs.
        for box in page.locator("#hours input[name=weekday]").all():
            box.check()
        page.fill("#hours input[name=opens]", "00:00")
        page.fill("#hours input[name=closes]", "23:59")
        page.get_by_role("button", name="Speichern").click()
        page.wait_for_selector("text=Die Öffnungszeiten wurden gespeichert.")
        assert "Mo–So 00:00–23:59 Uhr" in page.inner_text("#hours")

        nord = page.locator("tr[data-station=biz-nord]")
        assert nord.get_attribute("data-light") == "gruen"
        assert "In Betrieb" in nord.inner_text()
        assert "Brille (VR), Brille aufgesetzt, läuft" in nord.inner_text()
        assert "Uhr" in nord.inner_text()  # zuletzt gesehen, local time
        sued = page.locator("tr[data-station=biz-sued]")
        assert sued.get_attribute("data-light") == "rot"
        assert "Still seit 20 Minuten" in sued.inner_text()
        assert "Bitte nachsehen" in sued.inner_text()
        assert f"Inhalte {newest.label}" in nord.inner_text()
        assert "nicht aktuell" not in nord.inner_text()
        assert "Inhalte sha256:abc nicht aktuell" in sued.inner_text()
        assert "Noch nie gemeldet" in page.inner_text("tr[data-station=biz-neu]")
        assert page.locator("#help-calls").count() == 0

        reporter.call_help("interview", 5.0)
        wait_for_thread(lambda: reporter.rounds >= 2, "the help call's round", step=jobs.drain)
        assert reporter.last_problem is None
        page.goto("/")
        calls = page.locator("#help-calls")
        assert "Station biz-nord · Vorstellungsgespräch" in calls.inner_text()
        page.screenshot(path=str(tmp_path / "overview-help.png"), full_page=True)

        viewer_context, viewer = _page(browser, server, "empfang")
        try:
            assert "Station biz-nord" in viewer.inner_text("#help-calls")
            assert viewer.locator("#help-calls button").count() == 0
            call_id = open_help_calls(engine)[0].call_id
            refused = viewer.request.post(f"/hilfe/{call_id}/quittieren", form={
                "csrf_token": viewer.locator("form[action$=logout] input[name=csrf_token]")
                .get_attribute("value")}, headers={"Origin": server.base_url})
            assert refused.status == 403
        finally:
            viewer_context.close()
        # A form without the CSRF token is refused, whatever the role.
        forged = page.request.post(f"/hilfe/{call_id}/quittieren", form={"csrf_token": "x"},
                                   headers={"Origin": server.base_url})
        assert forged.status == 403

        page.goto("/stationen")
        page.screenshot(path=str(tmp_path / "stations.png"), full_page=True)
        page.get_by_role("button", name="Ich gehe hin").click()
        page.wait_for_selector("text=Der Hilferuf ist quittiert.")
        assert page.locator("#help-calls").count() == 0
        assert "quittiert" in page.inner_text("#answered") and "leitung" in page.inner_text(
            "#answered")
        _round(reporter, jobs, 20.0)
        assert reporter.help_state is HelpState.ON_THE_WAY
        assert page.console_problems == []  # no CSP violation, no broken resource
    finally:
        context.close()
        jobs.shutdown()
        reporter.close()
