"""The staff pages over real HTTP: login, CSRF, roles, logout, export (real server, SQLite)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine

from center.database import make_engine, migrate
from center.staff import Role, add_user
from tests.center.ingest_helpers import store
from tests.center.servers import STAFF_PASSWORD, CenterProcess, login
from tests.vr_station.feedback.records import make_record

PASSWORD = STAFF_PASSWORD


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[CenterProcess, Engine]]:
    directory = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{directory / 'center.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    for name, role in (("viewer", Role.VIEWER), ("editor", Role.CONTENT_EDITOR),
                       ("admin", Role.ADMIN)):
        add_user(engine, name, PASSWORD, role)
    now = datetime.now(UTC)
    store(engine, [make_record(started_at=now - timedelta(hours=2), comment="Sehr hilfreich!"),
                   make_record(started_at=now - timedelta(hours=1), rating=2,
                               comment="<script>alert('x')</script>")])
    server = CenterProcess(url, directory).start()
    yield server, engine
    server.stop()
    engine.dispose()


def csrf_of(page: httpx.Response) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]  # the page has one


def test_pages_need_a_login(site):
    server, _engine = site
    for path in ("/", "/export.csv", "/verwaltung", "/konto"):
        response = httpx.get(server.base_url + path)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


def test_login_sets_a_hardened_cookie_and_shows_the_dashboard(site):
    server, _engine = site
    client, response = login(server, "viewer")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = client.get("/")
    assert page.status_code == 200
    assert "Durchschnittliche Bewertung" in page.text and "Sitzungen pro Tag" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_wrong_password_and_forged_login_are_refused(site):
    server, _engine = site
    _client, wrong = login(server, "viewer", "falsches-Passwort")
    assert wrong.status_code == 401 and "Benutzername oder Passwort ist falsch" in wrong.text
    # A login form posted from another site (login CSRF): refused even with right credentials.
    _client, forged = login(server, "viewer", origin="https://evil.example")
    assert forged.status_code == 403 and "vrc_session" not in forged.headers.get("set-cookie", "")
    without = httpx.post(f"{server.base_url}/login",
                         data={"username": "viewer", "password": PASSWORD})
    assert without.status_code == 403


def test_forms_without_the_sessions_csrf_token_are_refused(site):
    server, _engine = site
    client, _ = login(server, "admin")
    page = client.get("/verwaltung")
    assert page.status_code == 200
    forged = client.post("/verwaltung/stationen", data={"name": "biz-evil", "csrf_token": "x"},
                         headers={"Origin": server.base_url})
    assert forged.status_code == 403
    cross_site = client.post("/verwaltung/stationen",
                             data={"name": "biz-evil", "csrf_token": csrf_of(page)},
                             headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    accepted = client.post("/verwaltung/stationen",
                           data={"name": "biz-web-1", "csrf_token": csrf_of(page)},
                           headers={"Origin": server.base_url})
    assert accepted.status_code == 200 and "Token für Station „biz-web-1“" in accepted.text
    assert re.search(r'class="token">vrc_[A-Za-z0-9_-]{40,}<', accepted.text)


def test_roles_decide_what_a_staff_member_sees(site):
    server, _engine = site
    viewer, _ = login(server, "viewer")
    assert "Sehr hilfreich!" not in viewer.get("/").text
    assert viewer.get("/verwaltung").status_code == 403
    export = viewer.get("/export.csv")
    assert export.status_code == 200 and "Kommentar" not in export.text.splitlines()[0]
    raw = viewer.get("/export.csv", params={"format": "raw"})
    assert raw.status_code == 200 and "comment" not in raw.text.splitlines()[0]
    editor, _ = login(server, "editor")
    assert "Sehr hilfreich!" in editor.get("/").text
    assert editor.get("/verwaltung").status_code == 403
    rows = list(csv.DictReader(editor.get("/export.csv").text.lstrip("\ufeff").splitlines(),
                               delimiter=";"))
    assert "Sehr hilfreich!" in [r["Kommentar"] for r in rows]
    admin, _ = login(server, "admin")
    assert admin.get("/verwaltung").status_code == 200


def test_logout_ends_the_session_on_the_server(site):
    server, _engine = site
    client, _response = login(server, "viewer")
    cookie = client.cookies.get("vrc_session")
    page = client.get("/")
    assert client.post("/logout", data={"csrf_token": csrf_of(page)},
                       headers={"Origin": server.base_url}).status_code == 303
    stolen = httpx.get(f"{server.base_url}/", cookies={"vrc_session": cookie or ""})
    assert stolen.status_code == 303  # the old cookie is worthless now


def test_open_redirects_after_login_are_not_possible(site):
    server, _engine = site
    client = httpx.Client(base_url=server.base_url)
    form = client.get("/login?next=https://evil.example/")
    assert 'name="next" value="/"' in form.text
    response = client.post("/login", data={"csrf_token": csrf_of(form), "username": "viewer",
                                           "password": PASSWORD, "next": "//evil.example/"},
                           headers={"Origin": server.base_url})
    assert response.headers["location"] == "/"


def test_admin_changes_settings_and_manages_accounts(site):
    server, _engine = site
    admin, _ = login(server, "admin")
    page = admin.get("/verwaltung")
    token = csrf_of(page)
    saved = admin.post("/verwaltung/einstellungen", headers={"Origin": server.base_url},
                       data={"csrf_token": token, "target_percent": "85", "retention_days": "180"})
    assert saved.status_code == 303
    assert 'value="85"' in admin.get("/verwaltung").text
    assert "Ziel von 85" in admin.get("/").text
    invalid = admin.post("/verwaltung/einstellungen", headers={"Origin": server.base_url},
                         data={"csrf_token": token, "target_percent": "150", "retention_days": "1"})
    assert invalid.status_code == 422 and "zwischen 1 und 100" in invalid.text
    added = admin.post("/verwaltung/konten", headers={"Origin": server.base_url},
                       data={"csrf_token": token, "username": "neu", "role": "viewer",
                             "password": "Noch-ein-langes-Passwort"})
    assert added.status_code == 303
    _client, response = login(server, "neu", "Noch-ein-langes-Passwort")
    assert response.status_code == 303
    disabled = admin.post("/verwaltung/konten/neu/deaktivieren", headers={"Origin": server.base_url},
                          data={"csrf_token": token})
    assert disabled.status_code == 303
    _client, response = login(server, "neu", "Noch-ein-langes-Passwort")
    assert response.status_code == 401 and "deaktiviert" in response.text
    self_demotion = admin.post("/verwaltung/konten/admin/rolle", headers={"Origin": server.base_url},
                               data={"csrf_token": token, "role": "viewer"})
    assert self_demotion.status_code == 422


def test_comments_are_shown_as_text_never_as_markup(site):
    server, _engine = site
    editor, _ = login(server, "editor")
    page = editor.get("/").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
