"""The content pages in a real headless Chromium against the real server (SQLite): edit a tour
narration, see the check's problems at their lines, publish, diff, roll back, upload a workplace."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from catalog.files import default_content_dir
from center import content_store as store
from center.database import make_engine, migrate
from center.staff import Role, add_user
from tests.center.servers import CenterProcess
from tests.center.test_dashboard_browser import PASSWORD
from tests.chromium import chromium

pytestmark = pytest.mark.slow

KOCH = "occupations/koch.yaml"
WELCOME = "Willkommen in einer Restaurantküche."
SHOTS = Path("/tmp/content-pages-shots")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[CenterProcess, Engine]]:
    directory = tmp_path_factory.mktemp("content-browser")
    url = f"sqlite:///{directory / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    add_user(engine, "redaktion", PASSWORD, Role.CONTENT_EDITOR)
    add_user(engine, "ansicht", PASSWORD, Role.VIEWER)
    server = CenterProcess(url, directory).start()
    yield server, engine
    server.stop()
    engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def open_page(browser, server: CenterProcess, user: str):
    context = browser.new_context(locale="de-DE", base_url=server.base_url)
    context.set_default_timeout(120_000)  # every save checks the whole tree: seconds when busy
    page = context.new_page()
    page.goto("/login?next=/inhalte")
    page.get_by_label("Benutzername").fill(user)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    return context, page


def shot(page, name: str, tmp_path: Path) -> None:
    for folder in (tmp_path, SHOTS):
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / name), full_page=True)


def test_edit_check_publish_diff_and_roll_back(browser, site, tmp_path):
    server, engine = site
    context, page = open_page(browser, server, "redaktion")
    page.wait_for_selector("#files")
    assert "Version 1" in page.inner_text("#published")
    files = page.inner_text("#files")
    assert KOCH in files and "in Ordnung" in files and "Problem" not in files
    shot(page, "1-inhalte.png", tmp_path)
    page.get_by_role("link", name=KOCH, exact=True).click()  # not its translations' files
    text = page.locator("textarea#text")
    original = text.input_value()
    assert WELCOME in original
    # A typo in a key: the problem appears at its line, in the file and on the overview.
    page.fill("textarea#text", original.replace("summary:", "summry:", 1))
    page.get_by_role("button", name="Als Entwurf speichern und prüfen").click()
    page.wait_for_selector("#lines")
    line = original.splitlines().index(next(x for x in original.splitlines()
                                            if x.startswith("summary:"))) + 1
    problems = page.inner_text("ul.problems")
    assert f"Zeile {line}, Spalte 1" in problems and "summry" in problems
    assert f"{line:4d}  summry:" in page.inner_text("#lines")
    shot(page, "2-problem.png", tmp_path)
    # Fixed, with a new narration: no problem, publish with a comment.
    page.fill("textarea#text", original.replace(WELCOME, "Willkommen in unserer Restaurantküche."))
    page.get_by_role("button", name="Als Entwurf speichern und prüfen").click()
    page.wait_for_selector("text=Die Prüfung hat keine Probleme gefunden.")
    page.get_by_role("link", name="← Alle Inhalte").click()
    assert KOCH in page.inner_text("#drafts")
    page.get_by_label("Kommentar (was wurde geändert?)").fill("Begrüßung der Küche")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.wait_for_selector("text=Die Inhalte wurden veröffentlicht.")
    assert "Version 2" in page.inner_text("#published")
    assert store.latest_version(engine).number == 2  # type: ignore[union-attr]
    page.get_by_role("link", name="Alle Versionen, Unterschiede und Zurücksetzen").click()
    page.get_by_role("link", name="Unterschiede zu 1").click()
    diff = page.inner_text("#diff")
    assert KOCH in diff and "+" in diff and "unserer Restaurantküche" in page.inner_text("pre.diff ins")
    shot(page, "3-diff.png", tmp_path)
    page.get_by_role("link", name="← Alle Versionen").click()
    page.locator("form[action$='/inhalte/versionen/1/zurueck'] button").click()
    page.wait_for_selector("text=Die ältere Version wurde erneut veröffentlicht.")
    assert "Zurück auf Version 1" in page.inner_text("#versions")
    shot(page, "4-versionen.png", tmp_path)
    latest = store.latest_version(engine)
    assert latest is not None and latest.number == 3 and latest.restored_from == 1
    context.close()


def test_upload_a_workplace_layout_and_see_its_problems(browser, site, tmp_path):
    server, _engine = site
    context, page = open_page(browser, server, "redaktion")
    shipped = (default_content_dir() / "workplaces/restaurant-kitchen.yaml").read_text()
    upload = tmp_path / "testkueche.yml"
    upload.write_text(shipped.replace("restaurant-kitchen", "testkueche").replace(
        "schema_version: 1", "schema_version: 1\nunbekannt: 3", 1), encoding="utf-8")
    page.select_option("select[name=ordner]", "workplaces")
    page.set_input_files("input[name=datei]", str(upload))
    page.get_by_role("button", name="Hochladen und prüfen").click()
    page.wait_for_selector("#editor")
    assert "workplaces/testkueche.yaml" in page.inner_text("#editor h2")
    assert "unbekannt" in page.inner_text("ul.problems")
    shot(page, "5-upload.png", tmp_path)
    page.get_by_role("link", name="← Alle Inhalte").click()
    page.locator("#drafts form button", has_text="Verwerfen").click()
    page.wait_for_selector("text=Der Entwurf wurde verworfen.")
    context.close()


def test_an_occupations_texts_side_by_side(browser, site, tmp_path):
    server, engine = site
    overlay = "schema_version: 1\nlanguage: uk\nreview: machine-assisted\ntitles: Кухар / кухарка\n"
    store.save_draft(engine, "translations/uk/occupations/koch.yaml", overlay.encode(), "inhalt",
                     datetime.now(UTC))
    context, page = open_page(browser, server, "redaktion")
    page.locator("#files tr", has_text=KOCH).get_by_role("link", name="Texte nebeneinander").click()
    headers = page.locator("table.texts th").all_inner_texts()
    assert headers[:4] == ["Feld", "Zeile", "de", "en"]
    assert set(headers[4:]) == {"uk", "ar", "tr", "ru", "de-x-ls"}  # every shipped translation
    first = page.locator("table.texts tbody tr").first.inner_text()
    assert "Koch/Köchin" in first and "Cook / chef" in first and "Кухар / кухарка" in first
    assert "fehlt" in page.inner_text("table.texts")
    shot(page, "6-texte.png", tmp_path)
    store.discard_draft(engine, "translations/uk/occupations/koch.yaml")
    context.close()


def test_a_viewer_may_not_edit_content(browser, site):
    server, _engine = site
    context, page = open_page(browser, server, "ansicht")
    assert "den Rollen „Inhaltspflege“ und „Verwaltung“ vorbehalten" in page.inner_text("main")
    assert page.locator("nav a", has_text="Inhalte").count() == 0
    context.close()
