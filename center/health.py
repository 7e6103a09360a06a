"""Stations' heartbeats, the center's opening hours, and how each station is doing.

A station sends a heartbeat at start and about once a minute; the center keeps only the newest
per station (``station_health``). The *Stationen* page turns that into a status light and flags
a station that has been silent for more than ``SILENT_LIMIT`` of opening time: a station that
goes quiet at night is switched off, one that goes quiet at 10:00 on a Tuesday needs a look.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from center.database import WRITE
from center.formatting import de_count
from center.tables import center_settings, station_health, stations

SILENT_LIMIT = timedelta(minutes=15)
"""Opening time without a heartbeat after which a station is flagged as silent (issue 16)."""
LATE_AFTER = timedelta(minutes=3)
"""Three missed heartbeats (one a minute): the light turns amber before the station is flagged."""
RUNTIME_MODES = ("xr", "desktop", "headless")
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Heartbeat:
    """What a station reports about itself; no personal data."""

    app_version: str
    content_version: str
    """The content version the station runs: a published version's label (``7:ab12…``), else a
    digest of its content folder (``sha256:`` and 16 hex digits)."""
    runtime_mode: str
    """xr, desktop or headless."""
    headset_state: str
    """The display's state: running, paused (headset off), lost, none (no headset mode)."""
    microphone_present: bool
    outbox_pending: int
    """Visit records waiting on the station for delivery."""
    last_error: str | None
    """The station's last error message (log line), if any."""


@dataclass(frozen=True)
class OpeningHours:
    """When the center expects its stations to run: weekdays (0 = Monday) and a daily span."""

    weekdays: frozenset[int] = frozenset(range(5))
    opens: time = time(8, 0)
    closes: time = time(18, 0)

    def describe(self) -> str:
        """The hours as staff write them: "Mo–Fr 08:00–18:00 Uhr"."""
        days = sorted(self.weekdays)
        if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            day_text = f"{WEEKDAYS[days[0]]}–{WEEKDAYS[days[-1]]}"
        else:
            day_text = ", ".join(WEEKDAYS[d] for d in days) or "an keinem Tag"
        return f"{day_text} {self.opens:%H:%M}–{self.closes:%H:%M} Uhr"

    def open_time_between(self, start: datetime, end: datetime, timezone: ZoneInfo) -> timedelta:
        """How much of the span from ``start`` to ``end`` fell in opening hours (local time)."""
        if end <= start:
            return timedelta()
        total = timedelta()
        day = start.astimezone(timezone).date() - timedelta(days=1)
        last = end.astimezone(timezone).date()
        while day <= last:
            if day.weekday() in self.weekdays:
                opens = datetime.combine(day, self.opens, timezone)
                closes = datetime.combine(day, self.closes, timezone)
                overlap = min(end, closes) - max(start, opens)
                if overlap > timedelta():
                    total += overlap
            day += timedelta(days=1)
        return total


class HoursError(ValueError):
    """Opening hours that cannot be stored; the message is German, for the page."""


def parse_opening_hours(weekdays: list[str], opens: str, closes: str) -> OpeningHours:
    """Opening hours from the form: weekday numbers ("0" = Monday) and two "HH:MM" times."""
    try:
        days = frozenset(int(d) for d in weekdays)
    except ValueError:
        raise HoursError("Bitte wählen Sie die Wochentage aus der Liste.") from None
    if not days <= set(range(7)):
        raise HoursError("Bitte wählen Sie die Wochentage aus der Liste.")
    times = []
    for label, text in (("Beginn", opens), ("Ende", closes)):
        match = _TIME.match(text.strip())
        if match is None:
            raise HoursError(f"{label}: bitte eine Uhrzeit wie 08:00 eingeben, nicht {text!r}.")
        times.append(time(int(match[1]), int(match[2])))
    if times[0] >= times[1]:
        raise HoursError("Das Ende der Öffnungszeit muss nach ihrem Beginn liegen.")
    return OpeningHours(days, times[0], times[1])


def load_opening_hours(engine: Engine) -> OpeningHours:
    """The stored opening hours (center_settings), the default (Mo–Fr 8–18 Uhr) where unset."""
    with engine.connect() as connection:
        values = dict(connection.execute(select(center_settings.c.key, center_settings.c.value)
                                         .where(center_settings.c.key.like("opening_%"))).all())
    return _hours(values)


def _hours(values: Mapping[str, str]) -> OpeningHours:
    default = OpeningHours()
    try:
        days = values.get("opening_weekdays")
        return OpeningHours(
            frozenset(int(d) for d in days.split(",") if d) if days is not None else default.weekdays,
            time.fromisoformat(values["opening_opens"]) if "opening_opens" in values
            else default.opens,
            time.fromisoformat(values["opening_closes"]) if "opening_closes" in values
            else default.closes)
    except ValueError:  # a hand-edited row: the default beats an unusable page
        return default


def save_opening_hours(engine: Engine, hours: OpeningHours) -> None:
    """Store the opening hours for every server instance."""
    values = {"opening_weekdays": ",".join(str(d) for d in sorted(hours.weekdays)),
              "opening_opens": hours.opens.strftime("%H:%M"),
              "opening_closes": hours.closes.strftime("%H:%M")}
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(delete(center_settings).where(center_settings.c.key.in_(values)))
        connection.execute(insert(center_settings),
                           [{"key": k, "value": v} for k, v in values.items()])


def record_heartbeat(engine: Engine, station: str, heartbeat: Heartbeat, now: datetime) -> None:
    """Keep ``heartbeat`` as the station's newest (replacing the one before)."""
    row: dict[str, Any] = {"station": station, "received_at": now,
                           "app_version": _text(heartbeat.app_version, 40),
                           "content_version": _text(heartbeat.content_version, 80),
                           "runtime_mode": heartbeat.runtime_mode,
                           "headset_state": _text(heartbeat.headset_state, 32),
                           "microphone_present": heartbeat.microphone_present,
                           "outbox_pending": heartbeat.outbox_pending,
                           "last_error": _text(heartbeat.last_error, 300) or None}
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(station_health).values(row)
    statement = statement.on_conflict_do_update(
        index_elements=["station"], set_={k: statement.excluded[k] for k in row if k != "station"})
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(statement)
        connection.execute(update(stations).where(stations.c.name == station)
                           .values(last_seen_at=now))


def _text(value: str | None, limit: int) -> str:
    # PostgreSQL refuses NUL in text (a 500 for a station's odd error message); nobody reads it.
    return (value or "").replace("\x00", "")[:limit]


class Light(StrEnum):
    """A station's status light on the *Stationen* page."""

    GREEN = "gruen"
    """Heartbeats arrive and nothing is wrong."""
    AMBER = "gelb"
    """Late (a few heartbeats missed), or it reports a problem (no microphone, headset lost, an
    error, visit records waiting)."""
    RED = "rot"
    """Silent for more than ``SILENT_LIMIT`` of opening time."""
    GREY = "grau"
    """Never heard of, blocked, or quiet outside opening hours (switched off for the night)."""


@dataclass(frozen=True)
class StationHealth:
    """One line of the *Stationen* page: the light, when the station was last seen, and why."""

    name: str
    light: Light
    verdict: str
    """The light in words ("In Betrieb", "Seit 42 Minuten still" …)."""
    last_seen_at: datetime | None
    silent: bool
    """Silent for more than ``SILENT_LIMIT`` of opening time."""
    notes: tuple[str, ...]
    """Problems the heartbeat reports, in a team leader's words."""
    heartbeat: Heartbeat | None
    outdated: bool = False
    """Its last heartbeat names another content version than the newest published one."""


MODE_WORDS = {"xr": "Brille (VR)", "desktop": "Bildschirm ohne Brille",
              "headless": "ohne Anzeige (Testbetrieb)"}
HEADSET_WORDS = {"running": "aufgesetzt, läuft", "paused": "abgesetzt",
                 "lost": "Verbindung verloren", "closed": "beendet", "none": "keine Brille"}


def station_overview(engine: Engine, now: datetime, timezone: ZoneInfo,
                     hours: OpeningHours, newest_content: str | None = None
                     ) -> list[StationHealth]:
    """Every registered station with its light, by name.

    ``newest_content`` is the label of the newest published content version (what a station
    that follows it reports); a station that reports another is ``outdated``.
    """
    with engine.connect() as connection:
        rows = connection.execute(
            select(stations.c.name, stations.c.revoked_at, stations.c.last_seen_at,
                   station_health).outerjoin(station_health,
                                             station_health.c.station == stations.c.name)
            .order_by(stations.c.name)).all()
    found = []
    for row in rows:
        heartbeat = None if row.received_at is None else Heartbeat(
            row.app_version, row.content_version, row.runtime_mode, row.headset_state,
            row.microphone_present, row.outbox_pending, row.last_error)
        health = _health(row.name, row.revoked_at, row.last_seen_at, heartbeat, now, timezone,
                         hours)
        if newest_content is not None and heartbeat is not None and \
                heartbeat.content_version != newest_content:
            health = replace(health, outdated=True)
        found.append(health)
    return found


def _health(name: str, revoked_at: datetime | None, last_seen_at: datetime | None,
            heartbeat: Heartbeat | None, now: datetime, timezone: ZoneInfo,
            hours: OpeningHours) -> StationHealth:
    notes = _notes(heartbeat) if heartbeat is not None else ()
    if revoked_at is not None:
        return StationHealth(name, Light.GREY, "Gesperrt", last_seen_at, False, (), heartbeat)
    if last_seen_at is None:
        return StationHealth(name, Light.GREY, "Noch nie gemeldet", None, False, (), heartbeat)
    quiet = now - last_seen_at
    silent = hours.open_time_between(last_seen_at, now, timezone) > SILENT_LIMIT
    if silent:
        return StationHealth(name, Light.RED, f"Still seit {_span(quiet)}", last_seen_at, True,
                             notes, heartbeat)
    if quiet > LATE_AFTER:
        light = Light.AMBER if hours.open_time_between(last_seen_at, now, timezone) \
            else Light.GREY
        verdict = f"Meldet sich seit {_span(quiet)} nicht" if light is Light.AMBER \
            else "Außerhalb der Öffnungszeit aus"
        return StationHealth(name, light, verdict, last_seen_at, False, notes, heartbeat)
    if notes:
        return StationHealth(name, Light.AMBER, "In Betrieb, mit Hinweisen", last_seen_at, False,
                             notes, heartbeat)
    return StationHealth(name, Light.GREEN, "In Betrieb", last_seen_at, False, notes, heartbeat)


def _notes(heartbeat: Heartbeat) -> tuple[str, ...]:
    notes = []
    if heartbeat.runtime_mode == "xr" and heartbeat.headset_state == "lost":
        notes.append("Die Brille hat die Verbindung verloren.")
    if not heartbeat.microphone_present:
        notes.append("Kein Mikrofon gefunden: das Vorstellungsgespräch geht nur mit Tastatur.")
    if heartbeat.outbox_pending:
        waiting = heartbeat.outbox_pending
        notes.append(f"{de_count(waiting, 'Rückmeldung', 'Rückmeldungen')} "
                     f"{'wartet' if waiting == 1 else 'warten'} auf die Übertragung.")
    if heartbeat.last_error:
        notes.append(f"Letzter Fehler: {heartbeat.last_error}")
    return tuple(notes)


def _span(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} Minuten" if minutes != 1 else "1 Minute"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} Stunden" if hours != 1 else "1 Stunde"
    return f"{hours // 24} Tagen"

