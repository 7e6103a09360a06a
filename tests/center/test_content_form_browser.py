"""The content editing forms in a real headless Chromium against the real server (SQLite).

A content editor changes a tour narration in German and Arabic in the form, sees the check's
problems in German at their fields (an empty title, a salary year out of range), fixes them,
publishes, and the published bundle holds the change; list fields gain and lose entries; a
viewer may not open the forms.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from catalog.files import default_content_dir
from catalog.yaml_loader import parse_yaml_text
from center import content_store as store
from center.database import make_engine, migrate
from center.staff import Role, add_user
from tests.center.servers import STAFF_PASSWORD, CenterProcess, login
from tests.chromium import chromium

pytestmark = pytest.mark.slow

KOCH = "occupations/koch.yaml"
KOCH_AR = "translations/ar/occupations/koch.yaml"
FORM = "/inhalte/formular/beruf/koch"
SAVE = "Als Entwurf speichern und prüfen"
NEW_DE = "Willkommen in unserer Küche! Gleich beginnt der Mittagsservice, schauen Sie sich um."
NEW_AR = "أهلاً بكم في مطبخنا! بعد قليل تبدأ خدمة الغداء، انظروا حولكم."
SHOTS = Path("/tmp/content-form-shots")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[CenterProcess, Engine]]:
    directory = tmp_path_factory.mktemp("content-form")
    url = f"sqlite:///{directory / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "redaktion", STAFF_PASSWORD, Role.CONTENT_EDITOR)
    add_user(engine, "ansicht", STAFF_PASSWORD, Role.VIEWER)
    server = CenterProcess(url, directory).start()
    yield server, engine
    server.stop()
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def open_form(browser, server: CenterProcess, path: str):
    context = browser.new_context(locale="de-DE", base_url=server.base_url,
                                  viewport={"width": 1400, "height": 900})
    context.set_default_timeout(240_000)  # every save checks the whole tree: a minute when busy
    page = context.new_page()
    page.goto(f"/login?next={path}")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("#content-form")
    return context, page


def row(page, heading: str, label: str):
    """The form row ``label`` below the group ``heading`` (labels repeat across groups)."""
    return page.locator("tbody", has=page.locator("tr.group th", has_text=heading)).locator(
        "tr[data-row]", has=page.locator("th.label", has_text=label))


def save(page):
    with page.expect_navigation():
        page.get_by_role("button", name=SAVE).click()


def shot(page, name: str, tmp_path: Path) -> None:
    for folder in (tmp_path, SHOTS):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / name), full_page=name.startswith("full"))


def test_edit_narration_see_german_problems_at_fields_fix_and_publish(browser, site, tmp_path):
    server, engine = site
    context, page = open_form(browser, server, f"{FORM}?teil=beruf")
    title = row(page, "Allgemein", "Berufsbezeichnung")
    year = row(page, "Vergütung in der Ausbildung", "Jahr der Angaben")
    assert title.get_by_label("Allgemein: Berufsbezeichnung – Deutsch").input_value() == "Koch/Köchin"
    headers = page.locator("table.fields thead th").all_inner_texts()
    assert headers[:3] == ["Feld", "Deutsch (de)", "Englisch (en)"]
    assert "Arabisch (ar)" in headers
    # Two bad values: each problem appears at its own field, in German.
    title.get_by_label("Allgemein: Berufsbezeichnung – Deutsch").fill("")
    year.locator("input").fill("1999")
    save(page)
    assert title.locator("td[lang=de] ul.field-problems").inner_text() == \
        "Das Feld darf nicht leer sein."
    assert year.locator("ul.field-problems").inner_text() == \
        "Der Wert muss mindestens 2015 sein, nicht 1999."
    assert title.locator("td[lang=en] ul.field-problems").count() == 0
    assert "must" not in page.inner_text("#content-form")  # no English message left over
    assert "2 Probleme" in page.inner_text("#problem-summary")
    shot(page, "1-probleme-am-feld.png", tmp_path)
    year.scroll_into_view_if_needed()
    shot(page, "1b-jahr-ausserhalb.png", tmp_path)
    # Fixed: the check finds nothing.
    title.get_by_label("Allgemein: Berufsbezeichnung – Deutsch").fill("Koch/Köchin")
    year.locator("input").fill("2026")
    save(page)
    assert "keine Probleme" in page.inner_text("#problem-summary")
    assert page.locator("ul.field-problems").count() == 0
    # The tour narration in German and Arabic; the Arabic field is written right to left.
    page.get_by_role("link", name="Rundgang").click()
    narration = row(page, "„welcome“", "Erzählung")
    arabic = narration.locator("td[lang=ar] textarea")
    assert arabic.get_attribute("dir") == "rtl"
    assert narration.locator("td[lang=de] textarea").get_attribute("dir") == "ltr"
    narration.locator("td[lang=de] textarea").fill(NEW_DE)
    arabic.fill(NEW_AR)
    save(page)
    assert "Der Entwurf wurde gespeichert." in page.inner_text("p.notice")
    assert "keine Probleme" in page.inner_text("#problem-summary")
    assert row(page, "„welcome“", "Erzählung").locator("td[lang=ar] textarea").input_value() == NEW_AR
    shot(page, "2-rundgang.png", tmp_path)
    assert sorted(d.path for d in store.drafts(engine)) == [KOCH, KOCH_AR]
    # Only the narration changed in the file: comments and every other line stay as they were.
    shipped = (default_content_dir() / KOCH).read_text(encoding="utf-8")
    draft = store.file_text(engine, KOCH)
    assert draft is not None and draft.startswith(shipped.splitlines()[0])
    assert "# greeting" in draft
    changed = [line for line in draft.splitlines() if line not in shipped.splitlines()]
    assert changed and all("Willkommen in unserer Küche" in line or "Mittagsservice" in line
                           or "schauen Sie sich um" in line for line in changed), changed
    # Publish from the overview; the bundle the stations download holds the new texts.
    page.get_by_role("link", name="← Alle Inhalte").click()
    page.get_by_label("Kommentar (was wurde geändert?)").fill("Begrüßung in der Küche, de und ar")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_selector("text=Die Inhalte wurden veröffentlicht.")
    version = store.latest_version(engine)
    assert version is not None and version.number == 2 and version.published_by == "redaktion"
    with zipfile.ZipFile(io.BytesIO(store.bundle(engine, version))) as archive:
        base = parse_yaml_text(Path(KOCH), archive.read(KOCH).decode("utf-8")).data
        overlay = parse_yaml_text(Path(KOCH_AR), archive.read(KOCH_AR).decode("utf-8")).data
    assert base["tour"]["stops"][0]["narration"]["de"] == NEW_DE
    assert overlay["tour"]["stops"]["welcome"]["narration"] == NEW_AR
    assert base["titles"]["de"] == "Koch/Köchin" and base["salary"]["training"]["year"] == 2026
    context.close()


def test_list_fields_gain_and_lose_entries(browser, site, tmp_path):
    server, engine = site
    context, page = open_form(browser, server, f"{FORM}?teil=fragen")
    cues = row(page, "„greeting-arrival“", "Starke Antwort 1: Stichwörter").locator("td[lang=de]")
    before = [i.input_value() for i in cues.locator("input[type=text]").all()]
    assert before[:2] == ["ja", "danke*"]
    cues.get_by_role("button", name=re.compile("Eintrag hinzufügen")).click()
    cues.locator("input[type=text]").last.fill("herzlich")
    cues.get_by_role("button", name=re.compile(r"Eintrag 1 entfernen")).click()
    shot(page, "3-stichwoerter.png", tmp_path)
    save(page)
    assert "keine Probleme" in page.inner_text("#problem-summary")
    text = store.file_text(engine, KOCH)
    assert text is not None
    data = parse_yaml_text(Path(KOCH), text).data
    assert data["interview"]["questions"][0]["strong_answer"][0]["cues"]["de"] == \
        [*before[1:], "herzlich"]
    store.discard_draft(engine, KOCH)
    context.close()


def test_shared_texts_form_and_a_screenshot_of_the_arabic_column(browser, site, tmp_path):
    server, _engine = site
    context, page = open_form(browser, server, "/inhalte/formular/gemeinsam")
    chip = row(page, "Was hat funktioniert?", "„easy_to_use“")
    assert chip.locator("td[lang=de] input").input_value() == "Einfach zu bedienen"
    assert chip.locator("td[lang=ar] input").get_attribute("dir") == "rtl"
    assert row(page, "Gesprächsphrasen", "Verabschiedung").locator("td[lang=ar]").inner_text() == "–"
    shot(page, "full-4-gemeinsam.png", tmp_path)
    context.close()


def test_a_viewer_cannot_open_or_post_the_forms(site):
    server, _engine = site
    client, response = login(server, "ansicht")
    assert response.status_code in (200, 303)
    for path in (FORM, "/inhalte/formular/gemeinsam"):
        assert client.get(path).status_code == 403
        refused = client.post(path, data={"teil": "beruf"}, headers={"Origin": server.base_url})
        assert refused.status_code == 403
    client.close()
