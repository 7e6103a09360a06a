"""Issue 17's attacks over real HTTP on loopback: parallel logins, dates out of range, HSTS."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from center.staff import LOCKED_MESSAGE, Role, add_user
from center.stations import add_station
from tests.center.servers import CenterProcess
from tests.vr_station.feedback.records import make_record

PASSWORD = "Ein-sehr-langes-Passwort"
WRONG = "Benutzername oder Passwort ist falsch."
PARALLEL = 40


def login_form(server: CenterProcess) -> tuple[httpx.Client, str]:
    """A browser that has opened the login page: its client and the form's CSRF token."""
    client = httpx.Client(base_url=server.base_url, timeout=120)
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None, "no CSRF token on the login page"
    return client, token[1]


def post_login(client: httpx.Client, token: str, server: CenterProcess, username: str,
               password: str) -> httpx.Response:
    return client.post("/login", data={"csrf_token": token, "username": username,
                                       "password": password, "next": "/"},
                       headers={"Origin": server.base_url})


def parallel_logins(server: CenterProcess, username: str, passwords: list[str]) -> list[str]:
    """Post the passwords at once from separate browsers; what each answer said."""
    browsers = [login_form(server) for _ in passwords]
    start = threading.Barrier(len(passwords))

    def attempt(index: int) -> str:
        client, token = browsers[index]
        start.wait()
        answer = post_login(client, token, server, username, passwords[index])
        client.close()
        if answer.status_code == 303:
            return "angemeldet"
        assert answer.status_code == 401, answer.status_code
        return WRONG if WRONG in answer.text else LOCKED_MESSAGE \
            if LOCKED_MESSAGE in answer.text else answer.text

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(attempt, range(len(passwords))))


def test_parallel_logins_get_five_tries_whether_or_not_the_account_exists(engine, center_server):
    """Issue 17: of 40 parallel wrong passwords 80 were checked, and the right one as the 40th
    logged in; only existing accounts said "Zu viele Fehlversuche"."""
    add_user(engine, "erika", PASSWORD, Role.VIEWER)
    for name in ("erika", "niemand"):
        answers = parallel_logins(center_server, name, ["falsch-falsch-falsch"] * (PARALLEL - 1)
                                  + [PASSWORD])
        # Counted before the password is checked: five answers say "wrong", all others are
        # locked out. Only if the right password came among the first five does it log in; its
        # success may then forget the wrong ones counted before it (at most four).
        assert answers.count("angemeldet") <= (1 if name == "erika" else 0)
        checked = answers.count(WRONG) + answers.count("angemeldet")
        assert checked == 5 if "angemeldet" not in answers else 5 <= checked <= 10, answers
        assert answers.count(LOCKED_MESSAGE) == PARALLEL - checked
        client, token = login_form(center_server)
        after = post_login(client, token, center_server, name, PASSWORD)
        client.close()
        assert after.status_code == 401 and LOCKED_MESSAGE in after.text


def test_dates_out_of_range_are_a_message_or_422_never_500(engine, center_server):
    add_user(engine, "leitung", PASSWORD, Role.VIEWER)
    client, token = login_form(center_server)
    assert post_login(client, token, center_server, "leitung", PASSWORD).status_code == 303
    try:
        page = client.get("/", params={"to": "0001-01-01"})
        assert page.status_code == 200
        assert "Das „Bis“-Datum 01.01.0001 liegt außerhalb der Jahre 2000 bis 2099" in page.text
        export = client.get("/export.csv", params={"to": "0001-01-01"})
        assert export.status_code == 200 and export.text.startswith("\ufeff")
        for bad in ("9999-12-31", "99999-01-01", "2025-02-30", "x"):
            assert client.get("/", params={"from": bad}).status_code == 200, bad
    finally:
        client.close()
    station_token = add_station(engine, "biz-1")
    record = make_record(station_id="biz-1").to_json()
    for field, value in (("started_at", "9999-12-31T23:30:00Z"), ("ended_at", "9999-12-31T23:30:00Z"),
                         ("started_at", "0000-01-01T00:00:00Z")):
        answer = httpx.post(f"{center_server.base_url}/api/v1/sessions",
                            json=[{**record, field: value}], timeout=30,
                            headers={"Authorization": f"Bearer {station_token}"})
        assert answer.status_code == 422, (field, value, answer.status_code, answer.text)
        assert field in answer.text


def test_plain_http_answers_carry_no_hsts(center_server):
    answer = httpx.get(f"{center_server.base_url}/login", timeout=30)
    assert answer.status_code == 200 and "strict-transport-security" not in answer.headers
