"""The center server's settings: one frozen object, built from the environment in one place.

``vr-center`` turns its options into these variables, so every worker process of
``vr-center serve --workers N`` (and every instance behind a load balancer) reads the same.
What staff change while the center runs (the rating target, the retention period) lives in the
database instead (``policy.py``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from catalog.files import default_content_dir

APP_NAME = "vr-center"

ENV_DB = "VR_CENTER_DB"
ENV_TIMEZONE = "VR_CENTER_TIMEZONE"
ENV_CONTENT_DIR = "VR_CENTER_CONTENT_DIR"
ENV_MAX_REQUEST_BYTES = "VR_CENTER_MAX_REQUEST_BYTES"
ENV_PURGE_INTERVAL_S = "VR_CENTER_PURGE_INTERVAL_S"


class SettingsError(ValueError):
    """A setting cannot work; the message names the variable or option."""


@dataclass(frozen=True)
class ServerSettings:
    """How the center server runs: database, time zone, content and request limits."""

    database_url: str
    """SQLAlchemy URL: sqlite:///PATH (default) or postgresql+psycopg://USER@HOST/DB."""
    timezone: str = "Europe/Berlin"
    """The center's local time: which day a session counts for on the dashboard."""
    content_dir: Path | None = None
    """Content whose occupation titles and chip labels the dashboard shows."""
    max_request_bytes: int = 2 * 1024 * 1024
    max_batch_records: int = 1000
    """Records per POST /api/v1/sessions; stations send 200."""
    purge_interval_s: float = 3600.0
    """How often the server deletes records past the retention period."""


def default_database_url() -> str:
    """A SQLite file in the user's data directory (``center.sqlite3``)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "center.sqlite3"
    return f"sqlite:///{path}"


def settings_from_env(environ: Mapping[str, str] = os.environ) -> ServerSettings:
    """The settings from the ``VR_CENTER_*`` variables; SettingsError names a bad one."""
    timezone = environ.get(ENV_TIMEZONE) or ServerSettings.timezone
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"{ENV_TIMEZONE}: unbekannte Zeitzone „{timezone}“ (z. B. Europe/Berlin)"
                            ) from None
    content = environ.get(ENV_CONTENT_DIR)
    return ServerSettings(
        database_url=environ.get(ENV_DB) or default_database_url(),
        timezone=timezone,
        content_dir=Path(content) if content else default_content_dir(),
        max_request_bytes=_number(environ, ENV_MAX_REQUEST_BYTES, ServerSettings.max_request_bytes),
        purge_interval_s=_number(environ, ENV_PURGE_INTERVAL_S, ServerSettings.purge_interval_s),
    )


def _number(environ: Mapping[str, str], name: str, default: float) -> int:
    raw = environ.get(name)
    if not raw:
        return int(default)
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}: erwartet eine ganze Zahl, nicht „{raw}“.") from None
    if value <= 0:
        raise SettingsError(f"{name}: muss größer als 0 sein, nicht {value}.")
    return value
