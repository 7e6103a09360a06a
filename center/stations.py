"""Stations and their tokens.

A token is shown once when it is made; the database keeps only its SHA-256. A slow password hash
is not needed here: a token is 256 random bits, not a password a person chose, and hashing it
fast keeps every delivery cheap.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from center.database import WRITE
from center.tables import stations

TOKEN_PREFIX = "vrc_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class StationError(ValueError):
    """A station cannot be added or changed; the message is German, for staff."""


@dataclass(frozen=True)
class Station:
    """A registered station: when it was added, revoked (if it was) and last delivered."""

    name: str
    created_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None


def token_hash(token: str) -> str:
    """The SHA-256 of a token, as the database keeps it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh station token: a prefix and 256 random bits."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def check_name(name: str) -> None:
    """Raise StationError unless ``name`` could be a station's ``station_id``."""
    if not _NAME.match(name):
        raise StationError(f"Stationsname „{name}“: Erlaubt sind Buchstaben, Ziffern und die "
                           "Zeichen „.“, „_“ und „-“ (höchstens 64 Zeichen), genau wie im Namen, "
                           "den die Station in ihrer Konfiguration trägt.")


def add_station(engine: Engine, name: str) -> str:
    """Register a station; returns its token (shown once, never stored)."""
    check_name(name)
    token = new_token()
    try:
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            connection.execute(insert(stations).values(
                name=name, token_hash=token_hash(token), created_at=datetime.now(UTC)))
    except IntegrityError:
        raise StationError(f"Die Station {name!r} gibt es bereits; 'vr-center stations rotate "
                           f"{name}' gibt ihr ein neues Token.") from None
    return token


def rotate_token(engine: Engine, name: str) -> str:
    """A new token for a station (the old one stops working at once); re-enables a revoked one."""
    token = new_token()
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        changed = connection.execute(update(stations).where(stations.c.name == name).values(
            token_hash=token_hash(token), revoked_at=None)).rowcount
    if not changed:
        raise StationError(f"Eine Station {name!r} gibt es nicht; 'vr-center stations add {name}' "
                           "legt sie an.")
    return token


def revoke_station(engine: Engine, name: str) -> None:
    """Block a station: its token stops working at once."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        changed = connection.execute(update(stations).where(stations.c.name == name).values(
            revoked_at=datetime.now(UTC))).rowcount
    if not changed:
        raise StationError(f"Eine Station {name!r} gibt es nicht.")


def list_stations(engine: Engine) -> list[Station]:
    """Every registered station, by name."""
    with engine.connect() as connection:
        rows = connection.execute(select(stations.c.name, stations.c.created_at,
                                         stations.c.revoked_at, stations.c.last_seen_at)
                                  .order_by(stations.c.name)).all()
    return [Station(*row) for row in rows]


def station_for_token(engine: Engine, token: str) -> str | None:
    """The name of the active station holding ``token``, else None."""
    with engine.connect() as connection:
        return connection.execute(select(stations.c.name).where(
            stations.c.token_hash == token_hash(token), stations.c.revoked_at.is_(None))
        ).scalar_one_or_none()
