"""Issue 16's end to end: an editor changes a tour narration in the center's form in Chromium
and publishes it; a running headless station picks the version up and shows the new text in
its next visit, without a restart.

The real center on loopback (SQLite), headless Chromium driving the real form, the station's
real content sync and check, a real headless station whose visitor walks into the tour.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from catalog.files import default_content_dir
from center import content_store as store
from center.database import make_engine, migrate
from center.staff import Role, add_user
from center.stations import add_station
from tests.center.servers import STAFF_PASSWORD, CenterProcess
from tests.chromium import chromium
from tests.vr_station.test_content_sync import KOCH, NEW_WELCOME, WELCOME, following_station, welcome
from vr_station.content_sync import PollOutcome

pytestmark = pytest.mark.slow  # a whole-tree check per save, a station walking into a tour

SHOTS = Path("/tmp/content-publish-shots")
"""Where the two screenshots land for a look (the README shows copies from docs/content/)."""


@pytest.fixture
def center(tmp_path: Path) -> Iterator[tuple[CenterProcess, Engine, str]]:
    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    token = add_station(engine, "biz-1")
    add_user(engine, "redaktion", STAFF_PASSWORD, Role.CONTENT_EDITOR)
    server = CenterProcess(url, tmp_path).start()
    yield server, engine, token
    server.stop()
    engine.dispose()


def edit_and_publish_in_chromium(server: CenterProcess, narration: str, tmp_path: Path) -> None:
    """Log in as the content editor, change the first stop's German narration, publish."""
    with chromium() as browser:
        context = browser.new_context(locale="de-DE", base_url=server.base_url,
                                      viewport={"width": 1400, "height": 900})
        context.set_default_timeout(240_000)  # every save checks the whole tree: a minute when busy
        page = context.new_page()
        page.goto("/login?next=/inhalte/formular/beruf/koch?teil=rundgang")
        page.get_by_label("Benutzername").fill("redaktion")
        page.get_by_label("Passwort").fill(STAFF_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_selector("#content-form")
        field = page.locator("tbody", has=page.locator("tr.group th", has_text="„welcome“")).locator(
            "tr[data-row]", has=page.locator("th.label", has_text="Erzählung")).locator(
            "td[lang=de] textarea")
        assert WELCOME in field.input_value()
        field.fill(narration)
        with page.expect_navigation():
            page.get_by_role("button", name="Als Entwurf speichern und prüfen").click()
        assert "keine Probleme" in page.inner_text("#problem-summary")
        page.get_by_role("link", name="← Alle Inhalte").click()
        page.get_by_label("Kommentar (was wurde geändert?)").fill("Begrüßung in der Küche")
        page.get_by_role("button", name="Veröffentlichen").click()
        page.wait_for_selector("text=Die Inhalte wurden veröffentlicht.")
        page.screenshot(path=str(tmp_path / "center-published.png"))
        context.close()


def test_a_narration_edited_in_the_browser_is_shown_in_the_next_visit(center, tmp_path,
                                                                       monkeypatch):
    from vr_station.kiosk.flow import KioskState

    server, engine, _ = center
    with following_station(center, tmp_path, monkeypatch, size_px=(640, 360),
                           shots=tmp_path / "shots") as (station, visitor, sync):
        visitor.wait_state(KioskState.ATTRACT)
        station.base.messenger.send("f6")  # a visitor is in the middle of a visit meanwhile
        visitor.wait_state(KioskState.LANGUAGE)

        shipped = (default_content_dir() / KOCH).read_text(encoding="utf-8")
        assert WELCOME in shipped
        edit_and_publish_in_chromium(server, welcome(station.catalog).replace(WELCOME, NEW_WELCOME),
                                     tmp_path)
        version = store.latest_version(engine)
        assert version is not None and version.number == 2 and version.published_by == "redaktion"

        assert sync.poll_once().outcome is PollOutcome.INSTALLED  # the sync worker's next poll
        visitor.wait(0.5)
        assert WELCOME in welcome(station.catalog)  # never in the middle of a visit
        station.base.messenger.send("f5")  # that visit ends
        visitor.wait_until(lambda: station.state is KioskState.ATTRACT
                           and not station.pending_work(), "the reset after the visit")

        # The next visitor walks into the kitchen tour and hears and reads the new welcome.
        visitor.attract_and_menus()
        visitor.wait_state(KioskState.TOUR, timeout_s=120)
        visitor.wait_until(lambda: bool(station.captions.text), "the narration to begin")
        assert NEW_WELCOME in station.captions.text, station.captions.text
        assert WELCOME not in station.captions.text
        visitor.wait(0.1)  # a few frames drawn with that caption, which stays for seconds
        assert NEW_WELCOME in station.captions.text, station.captions.text
        shot = visitor.display.screenshot(tmp_path / "station-next-visit.png")
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "station-next-visit.png").write_bytes(shot.read_bytes())
        (SHOTS / "center-published.png").write_bytes(
            (tmp_path / "center-published.png").read_bytes())
