"""Staff accounts, roles and login sessions.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended
profile). Five failed logins in a row under one user name lock that name for 15 minutes, whether
or not an account of that name exists, so the lock tells nobody which accounts exist. The
attempt is counted in one statement before the password is checked (``_count_attempt``): of any
number of parallel attempts, only five get a password checked (issue 17: 80 got through). A login
session lives in the database (any server instance can serve the next request), is known to the
browser only by a random cookie whose SHA-256 is stored, ends after 8 hours without activity and
12 hours after the login at the latest, and carries its own CSRF token that every form must send
back.

Roles, each with the rights of the one before:
- viewer: the dashboard's figures and the CSV export without comments;
- content_editor: also the visitors' comments (they improve tours and questions from them);
- admin: also stations, staff accounts and the center's settings.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, case, delete, insert, literal, null, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from center.database import WRITE
from center.tables import UtcDateTime, login_failures, login_sessions, staff_users

MIN_PASSWORD_CHARS = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
FAILURES_FORGOTTEN_AFTER = timedelta(days=1)
"""Failed logins longer ago than this no longer count towards a lock."""
SESSION_IDLE_TIMEOUT = timedelta(hours=8)
SESSION_MAX_AGE = timedelta(hours=12)
"""However active: a login ends this long after it began (a forgotten browser on a shared PC)."""
LOCKED_MESSAGE = "Zu viele Fehlversuche. Bitte versuchen Sie es in 15 Minuten erneut."
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified when the user name is unknown, so a wrong name takes as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


class Role(StrEnum):
    """What a staff member may see and do on the dashboard."""

    VIEWER = "viewer"
    CONTENT_EDITOR = "content_editor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The role's German name on the admin page."""
        return {"viewer": "Betrachtung", "content_editor": "Inhaltspflege",
                "admin": "Verwaltung"}[self.value]

    @property
    def may_read_comments(self) -> bool:
        """Whether the role sees the visitors' comments."""
        return self in (Role.CONTENT_EDITOR, Role.ADMIN)

    @property
    def may_edit_content(self) -> bool:
        """Whether the role edits and publishes the stations' content (issue 16)."""
        return self in (Role.CONTENT_EDITOR, Role.ADMIN)

    @property
    def may_administer(self) -> bool:
        """Whether the role manages stations, staff accounts and settings."""
        return self is Role.ADMIN

    @classmethod
    def parse(cls, text: str) -> Role:
        """A role from its name as typed (``Content-Editor``, ``content_editor`` …); else StaffError."""
        try:
            return cls(text.strip().lower().replace("-", "_"))
        except ValueError:
            raise StaffError(f"Unbekannte Rolle „{text}“. Möglich sind: viewer, content-editor "
                             "und admin.") from None


class StaffError(ValueError):
    """A staff account cannot be made or changed; the message is German, for the page."""


@dataclass(frozen=True)
class StaffUser:
    """A staff member's account."""

    id: int
    username: str
    role: Role
    created_at: datetime
    disabled: bool


@dataclass(frozen=True)
class LoginSession:
    """A logged-in staff member and the CSRF token their forms must send back."""

    user: StaffUser
    csrf_token: str


class LoginRefused(Exception):
    """Login failed; ``message`` says why, in German, for the login form."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_password_rules(password: str) -> None:
    """Raise StaffError for a password under the minimum length or over 1024 characters."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise StaffError(f"Das Passwort muss mindestens {MIN_PASSWORD_CHARS} Zeichen haben.")
    if len(password) > 1024:
        raise StaffError("Das Passwort darf höchstens 1024 Zeichen haben.")


def add_user(engine: Engine, username: str, password: str, role: Role) -> StaffUser:
    """Create an account; StaffError for a bad or taken user name or a weak password."""
    if not _USERNAME.match(username):
        raise StaffError(f"Benutzername „{username}“: Erlaubt sind Buchstaben, Ziffern und die "
                         "Zeichen „.“, „_“, „@“ und „-“ (höchstens 64 Zeichen).")
    check_password_rules(password)
    now = datetime.now(UTC)
    try:
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            user_id = connection.execute(insert(staff_users).values(
                username=username, password_hash=_hasher.hash(password), role=role.value,
                created_at=now).returning(staff_users.c.id)).scalar_one()
    except IntegrityError:
        raise StaffError(f"Ein Konto „{username}“ gibt es bereits.") from None
    return StaffUser(user_id, username, role, now, disabled=False)


def list_users(engine: Engine) -> list[StaffUser]:
    """Every staff account, by user name."""
    with engine.connect() as connection:
        rows = connection.execute(select(
            staff_users.c.id, staff_users.c.username, staff_users.c.role, staff_users.c.created_at,
            staff_users.c.disabled_at).order_by(staff_users.c.username)).all()
    return [StaffUser(r.id, r.username, Role(r.role), r.created_at, r.disabled_at is not None)
            for r in rows]


def set_role(engine: Engine, username: str, role: Role) -> None:
    """Give ``username`` another role."""
    _update_user(engine, username, role=role.value)


def set_password(engine: Engine, username: str, password: str) -> None:
    """Set a new password, unlock the account and end its login sessions."""
    check_password_rules(password)
    _update_user(engine, username, password_hash=_hasher.hash(password))
    _forget_failures(engine, username)
    _end_sessions_of(engine, username)


def set_disabled(engine: Engine, username: str, disabled: bool) -> None:
    """Disable or re-enable an account; disabling ends its login sessions."""
    _update_user(engine, username, disabled_at=datetime.now(UTC) if disabled else None)
    if disabled:
        _end_sessions_of(engine, username)


def authenticate(engine: Engine, username: str, password: str, now: datetime) -> StaffUser:
    """The user with these credentials; LoginRefused with a message for the login form."""
    wrong = LoginRefused("Benutzername oder Passwort ist falsch.")
    if not _count_attempt(engine, username, now):
        raise LoginRefused(LOCKED_MESSAGE)
    with engine.connect() as connection:
        row = connection.execute(select(staff_users).where(staff_users.c.username == username)
                                 ).one_or_none()
    if row is None:
        _verify(_dummy_hash(), password)
        raise wrong
    if not _verify(row.password_hash, password):
        raise wrong
    if row.disabled_at is not None:
        raise LoginRefused("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an die Verwaltung.")
    if _hasher.check_needs_rehash(row.password_hash):
        _update_user(engine, username, password_hash=_hasher.hash(password))
    _forget_failures(engine, username, now)
    return StaffUser(row.id, row.username, Role(row.role), row.created_at, disabled=False)


def _count_attempt(engine: Engine, username: str, now: datetime) -> bool:
    """Count a login attempt under ``username``; False when the name is locked (check nothing).

    One statement, so parallel attempts are counted one after the other (SQLite's write lock,
    PostgreSQL's row lock on the conflicting row): the attempt that reaches the limit sets the
    lock, and every later one finds it. A success deletes the count unless a lock was set
    meanwhile (``_forget_failures``).
    """
    f = login_failures.c
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(login_failures).values(
        username=username, failures=1, last_attempt_at=now, locked_until=None)
    afresh = ((f.locked_until.is_not(None) & (f.locked_until <= _at(now)))
              | (f.last_attempt_at < _at(now - FAILURES_FORGOTTEN_AFTER)))
    failures = case((afresh, 1), else_=f.failures + 1)
    statement = statement.on_conflict_do_update(
        index_elements=[f.username],
        set_={"failures": failures, "last_attempt_at": now,
              "locked_until": case((failures >= MAX_FAILED_LOGINS, _at(now + LOCKOUT)),
                                   else_=null())},
        where=f.locked_until.is_(None) | (f.locked_until <= _at(now)),
    ).returning(f.failures)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        return connection.execute(statement).first() is not None


def _forget_failures(engine: Engine, username: str, now: datetime | None = None) -> None:
    """Forget the failed logins under ``username``; after a login (``now``) not a running lock.

    A right password counted before parallel wrong ones locked the name still logs in, but
    the lock stays: it must not let the guesses behind it start counting afresh.
    """
    f = login_failures.c
    which = f.username == username
    if now is not None:
        which &= f.locked_until.is_(None) | (f.locked_until <= _at(now))
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(delete(login_failures).where(which))


def _at(moment: datetime) -> Any:
    """``moment`` as a bound value stored the way the time columns store it."""
    return literal(moment, UtcDateTime())


def start_session(engine: Engine, user: StaffUser, now: datetime) -> str:
    """A new login session for ``user``; returns the cookie value."""
    token = secrets.token_urlsafe(32)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(insert(login_sessions).values(
            token_hash=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
            created_at=now, last_seen_at=now))
    return token


def find_session(engine: Engine, token: str, now: datetime) -> LoginSession | None:
    """The live session behind a cookie value; refreshes its idle timer."""
    if not token or len(token) > 100:
        return None
    key = _digest(token)
    query = (select(login_sessions.c.csrf_token, login_sessions.c.created_at,
                    login_sessions.c.last_seen_at, staff_users.c.id,
                    staff_users.c.username, staff_users.c.role, staff_users.c.created_at)
             .join(staff_users, staff_users.c.id == login_sessions.c.user_id)
             .where(login_sessions.c.token_hash == key, staff_users.c.disabled_at.is_(None)))
    with engine.connect() as connection:
        row = connection.execute(query).one_or_none()
    if row is None or now - row.last_seen_at > SESSION_IDLE_TIMEOUT \
            or now - row.created_at > SESSION_MAX_AGE:
        return None
    if now - row.last_seen_at > timedelta(minutes=1):  # one write a minute, not one per page
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            connection.execute(update(login_sessions).where(login_sessions.c.token_hash == key)
                               .values(last_seen_at=now))
    user = StaffUser(row.id, row.username, Role(row.role), row.created_at, disabled=False)
    return LoginSession(user, row.csrf_token)


def end_session(engine: Engine, token: str) -> None:
    """Log out the session behind a cookie value."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(delete(login_sessions).where(login_sessions.c.token_hash == _digest(token)))


def purge_sessions(engine: Engine, now: datetime) -> int:
    """Delete login sessions that ended (idle or too old); returns how many.

    Also forgets failed logins that no longer count, so names typed by someone guessing do not
    pile up.
    """
    s = login_sessions.c
    f = login_failures.c
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        ended = connection.execute(delete(login_sessions).where(
            (s.last_seen_at < now - SESSION_IDLE_TIMEOUT) | (s.created_at < now - SESSION_MAX_AGE)
        )).rowcount
        connection.execute(delete(login_failures).where(
            f.last_attempt_at < now - FAILURES_FORGOTTEN_AFTER,
            f.locked_until.is_(None) | (f.locked_until < now)))
    return ended


def csrf_matches(expected: str, given: str | None) -> bool:
    """Whether a form sent the expected CSRF token (compared in constant time)."""
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _update_user(engine: Engine, username: str, **values: object) -> None:
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        changed = connection.execute(update(staff_users).where(staff_users.c.username == username)
                                     .values(**values)).rowcount
    if not changed:
        raise StaffError(f"Ein Konto „{username}“ gibt es nicht.")


def _end_sessions_of(engine: Engine, username: str) -> None:
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        user_id = select(staff_users.c.id).where(staff_users.c.username == username).scalar_subquery()
        connection.execute(delete(login_sessions).where(login_sessions.c.user_id == user_id))
