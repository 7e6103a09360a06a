"""The staff dashboard in a real headless Chromium (Debian's), against the real server.

Playwright drives /usr/bin/chromium; its own browser downloads are not used (and not possible
offline). Skipped with the reason where Chromium is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from center.database import make_engine, migrate
from center.staff import Role, add_user
from tests.center.ingest_helpers import store
from tests.center.servers import CenterProcess
from tests.chromium import chromium
from tests.vr_station.feedback.records import interview_summary, make_record
from visit_record.record import SessionMode

PASSWORD = "Ein-sehr-langes-Passwort"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[CenterProcess, Engine]]:
    directory = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{directory / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "leitung", PASSWORD, Role.ADMIN)
    now = datetime.now(UTC)
    records = [make_record(station_id="biz-nord", started_at=now - timedelta(hours=h), rating=r,
                           worked=("easy_to_use",), not_worked=nw, comment=c)
               for h, r, nw, c in [(1, 5, (), "Sehr anschaulich, danke!"), (2, 4, (), None),
                                   (3, 2, ("felt_dizzy",), "Mir wurde schwindelig."),
                                   (26, 5, (), None)]]
    records += [make_record(station_id="biz-sued", started_at=now - timedelta(hours=h), rating=3,
                            worked=(), language="en") for h in (5, 30)]
    # Unrated: an interview practice (its figures per occupation) and a visit without occupation.
    records += [make_record(station_id="biz-nord", started_at=now - timedelta(hours=6), rating=None,
                            mode=SessionMode.INTERVIEW, interview=interview_summary()),
                make_record(station_id="biz-nord", started_at=now - timedelta(hours=7), rating=None,
                            occupation_id=None)]
    store(engine, records)
    server = CenterProcess(url, directory).start()
    yield server, engine
    server.stop()
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser, site, tmp_path):
    server, _engine = site
    context = browser.new_context(locale="de-DE", accept_downloads=True, base_url=server.base_url)
    page = context.new_page()
    page.requests_elsewhere = []  # type: ignore[attr-defined]  # the test's notes on the page
    page.console_problems = []  # type: ignore[attr-defined]  # the test's notes on the page
    page.on("request", lambda r: None if r.url.startswith(server.base_url)
            else page.requests_elsewhere.append(r.url))  # type: ignore[attr-defined]  # the test's notes
    page.on("console", lambda m: page.console_problems.append(m.text)  # type: ignore[attr-defined]  # the test's notes
            if m.type in ("error", "warning") else None)
    yield page
    context.close()


def log_in(page) -> None:
    page.goto("/")
    assert "/login" in page.url
    page.get_by_label("Benutzername").fill("leitung")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("#kpi-sessions")


def test_dashboard_shows_the_centers_figures(page, tmp_path):
    log_in(page)
    assert page.inner_text("#kpi-sessions .value") == "8"
    assert page.inner_text("#kpi-rating .value").startswith("3,7")  # (5+4+2+5+3+3) / 6
    assert page.inner_text("#kpi-target .value") == "50\u00a0%"
    assert "Ziel von 80\u00a0% verfehlt" in page.inner_text("#kpi-target")
    # Every chart is real SVG with content, drawn without any script.
    bars = page.locator("#per-day svg rect")
    assert bars.count() == 30
    assert page.locator("#per-station svg rect").count() == 2
    assert "Einfach zu bedienen" in page.inner_text("#worked")
    assert "Mir wurde schwindelig" in page.inner_text("#not-worked")
    assert "Sehr anschaulich, danke!" in page.inner_text("#comments")
    assert page.locator("#occupations td").first.inner_text() == "Koch/Köchin"
    # A team leader's words (issue 17): smileys, not stars; no occupation is not a rank.
    assert "Anteil „gut“ oder „sehr gut“" in page.inner_text("#kpi-target")
    assert "Sehr gut" in page.inner_text("#ratings") and "Gar nicht" in page.inner_text("#ratings")
    assert "Bewertung „sehr gut“" in page.inner_text("#comments")
    assert "Stern" not in page.inner_text("main")
    assert "Prozentangaben: Anteil an allen Sitzungen" in page.inner_text("#per-station")
    assert page.locator("#occupations tbody tr").count() == 1
    assert "Außerdem 1 Sitzung, in der kein Beruf" in page.inner_text("#without-occupation")
    assert "7 Erkundungen, 1 Gesprächstraining" in page.inner_text("#kpi-sessions")
    assert "Anteil an allen Sitzungen" in page.inner_text("#chips-note")
    interviews = page.inner_text("#interviews")
    assert "Koch/Köchin" in interviews and "Füllwörter pro Minute" in interviews
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert page.requests_elsewhere == []  # offline-safe: nothing fetched from elsewhere
    assert page.console_problems == []  # no CSP violation, no broken resource


def test_filters_and_csv_export(page):
    log_in(page)
    page.select_option("select[name=station]", "biz-sued")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_url("**station=biz-sued**")
    assert page.inner_text("#kpi-sessions .value") == "2"
    page.select_option("select[name=station]", "")
    page.select_option("select[name=language]", "en")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_url("**language=en**")
    assert page.inner_text("#kpi-sessions .value") == "2"
    with page.expect_download() as download:
        page.click("#export")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Schema-Version;Sitzungs-ID;Station;App-Version;Beginn")
    assert len(lines) == 3 and all(";biz-sued;" in line for line in lines[1:])
    assert all(";Englisch;" in line for line in lines[1:])
    with page.expect_download() as download:
        page.click("#export-raw")
    assert download.value.suggested_filename.endswith("_rohdaten.csv")
    raw = Path(download.value.path()).read_text(encoding="utf-8-sig").strip().splitlines()
    assert raw[0].startswith("schema_version;session_id;station_id") and len(raw) == 3
    page.fill("input[name=from]", "2001-01-01")
    page.fill("input[name=to]", "2001-01-31")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_selector("#empty")
    assert "keine Sitzungen" in page.inner_text("#empty")
    assert page.console_problems == []


def test_admin_registers_a_station_and_logs_out(page):
    log_in(page)
    page.get_by_role("link", name="Verwaltung").click()
    page.get_by_label("Name der Station").fill("biz-west-3")
    page.get_by_role("button", name="Station anlegen").click()
    token = page.inner_text("#new-token .token")
    assert token.startswith("vrc_")
    assert "biz-west-3" in page.inner_text("#stations")
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url("**/login?abgemeldet=1")
    assert "Sie wurden abgemeldet." in page.inner_text("main")
    page.goto("/")
    assert "/login" in page.url
