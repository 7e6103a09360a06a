"""Staff accounts: Argon2 hashes, roles, lockout, login sessions (real database, in process)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from center import staff
from center.staff import (
    LOCKED_MESSAGE,
    LoginRefused,
    Role,
    StaffError,
    add_user,
    authenticate,
    csrf_matches,
    end_session,
    find_session,
    list_users,
    purge_sessions,
    set_disabled,
    set_password,
    set_role,
    start_session,
)
from center.tables import login_sessions, staff_users

PASSWORD = "Korrekt-Pferd-Batterie"


def test_passwords_are_stored_as_argon2id_hashes_only(engine):
    add_user(engine, "erika", PASSWORD, Role.VIEWER)
    with engine.connect() as connection:
        stored = connection.execute(select(staff_users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_login_with_the_right_password_and_roles(engine):
    add_user(engine, "erika", PASSWORD, Role.CONTENT_EDITOR)
    user = authenticate(engine, "erika", PASSWORD, datetime.now(UTC))
    assert user.role is Role.CONTENT_EDITOR and user.role.may_read_comments
    assert not user.role.may_administer and Role.ADMIN.may_administer
    assert not Role.VIEWER.may_read_comments
    assert Role.parse("content-editor") is Role.CONTENT_EDITOR
    with pytest.raises(StaffError, match="Unbekannte Rolle"):
        Role.parse("superuser")


def test_wrong_password_unknown_user_and_lockout(engine):
    add_user(engine, "erika", PASSWORD, Role.VIEWER)
    now = datetime.now(UTC)
    for name in ("erika", "niemand"):  # the same for an account that does not exist
        for _ in range(5):
            with pytest.raises(LoginRefused, match=r"^Benutzername oder Passwort ist falsch\.$"):
                authenticate(engine, name, "falsch-falsch-falsch", now)
        with pytest.raises(LoginRefused, match=r"^Zu viele Fehlversuche"):
            authenticate(engine, name, PASSWORD, now)  # even the right password, for now
    assert authenticate(engine, "erika", PASSWORD, now + timedelta(minutes=16)).username == "erika"
    # A success forgets the failures: five more wrong ones before the next lock.
    for _ in range(4):
        with pytest.raises(LoginRefused, match="falsch"):
            authenticate(engine, "erika", "falsch-falsch-falsch", now + timedelta(minutes=17))
    assert authenticate(engine, "erika", PASSWORD, now + timedelta(minutes=17)).username == "erika"
    # After the lock has run out, one wrong password does not lock again at once.
    later = now + timedelta(minutes=20)
    for _ in range(5):
        with pytest.raises(LoginRefused, match="falsch"):
            authenticate(engine, "niemand", "falsch-falsch-falsch", later)
    with pytest.raises(LoginRefused, match="falsch"):
        authenticate(engine, "niemand", "falsch", later + timedelta(minutes=16))


def test_parallel_logins_cannot_get_past_the_lockout(engine, monkeypatch):
    """Issue 17: 40 parallel wrong passwords got 80 checks through; the right one as the 40th
    logged in. Now exactly five passwords are checked, and the right one is refused too."""
    add_user(engine, "erika", PASSWORD, Role.VIEWER)
    checks = []
    real_verify = staff._verify

    def counting_verify(password_hash: str, password: str) -> bool:
        checks.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(staff, "_verify", counting_verify)
    now = datetime.now(UTC)
    start = threading.Barrier(39)

    def attempt(password: str) -> str:
        start.wait()
        try:
            authenticate(engine, "erika", password, now)
        except LoginRefused as refusal:
            return refusal.message
        return "angemeldet"

    with ThreadPoolExecutor(39) as pool:
        answers = list(pool.map(attempt, ["falsch-falsch-falsch"] * 39))
    assert len(checks) == 5, f"{len(checks)} passwords checked"
    assert answers.count(LOCKED_MESSAGE) == 34
    with pytest.raises(LoginRefused, match="Zu viele Fehlversuche"):
        authenticate(engine, "erika", PASSWORD, now)


def test_rules_for_names_and_passwords(engine):
    with pytest.raises(StaffError, match="mindestens 10 Zeichen"):
        add_user(engine, "erika", "kurz", Role.VIEWER)
    with pytest.raises(StaffError, match="Benutzername"):
        add_user(engine, "erika mustermann", PASSWORD, Role.VIEWER)
    add_user(engine, "erika", PASSWORD, Role.VIEWER)
    with pytest.raises(StaffError, match="gibt es bereits"):
        add_user(engine, "erika", PASSWORD, Role.ADMIN)


def test_sessions_expire_after_idle_time_and_end_on_logout(engine):
    user = add_user(engine, "erika", PASSWORD, Role.VIEWER)
    now = datetime.now(UTC)
    token = start_session(engine, user, now)
    with engine.connect() as connection:
        assert token not in str(connection.execute(select(login_sessions)).all())
    session = find_session(engine, token, now + timedelta(hours=1))
    assert session is not None and session.user.username == "erika"
    assert csrf_matches(session.csrf_token, session.csrf_token)
    assert not csrf_matches(session.csrf_token, "forged") and not csrf_matches(session.csrf_token, None)
    # Used an hour later, so idle for 7 h 59 min at this point: still valid.
    assert find_session(engine, token, now + timedelta(hours=8, minutes=59)) is not None
    assert find_session(engine, token, now + timedelta(hours=17, minutes=1)) is None
    assert find_session(engine, "not-a-token", now) is None
    second = start_session(engine, user, now)
    end_session(engine, second)
    assert find_session(engine, second, now) is None
    assert purge_sessions(engine, now + timedelta(days=1)) == 1


def test_a_login_ends_twelve_hours_after_it_began_however_active(engine):
    user = add_user(engine, "erika", PASSWORD, Role.VIEWER)
    now = datetime.now(UTC)
    token = start_session(engine, user, now)
    for hour in range(1, 12):  # a page every hour: never idle
        assert find_session(engine, token, now + timedelta(hours=hour)) is not None, hour
    assert find_session(engine, token, now + timedelta(hours=11, minutes=59)) is not None
    assert find_session(engine, token, now + timedelta(hours=12, minutes=1)) is None
    assert purge_sessions(engine, now + timedelta(hours=12, minutes=1)) == 1


def test_disabling_or_a_new_password_ends_the_users_sessions(engine):
    user = add_user(engine, "erika", PASSWORD, Role.VIEWER)
    now = datetime.now(UTC)
    token = start_session(engine, user, now)
    set_password(engine, "erika", "Ein-neues-langes-Passwort")
    assert find_session(engine, token, now) is None
    token = start_session(engine, user, now)
    set_disabled(engine, "erika", True)
    assert find_session(engine, token, now) is None
    with pytest.raises(LoginRefused, match="deaktiviert"):
        authenticate(engine, "erika", "Ein-neues-langes-Passwort", now)
    set_disabled(engine, "erika", False)
    set_role(engine, "erika", Role.ADMIN)
    assert [(u.username, u.role, u.disabled) for u in list_users(engine)] == [
        ("erika", Role.ADMIN, False)]
