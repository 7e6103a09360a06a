"""What every request handler needs, built once per server process and handed to the app."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from center.labels import Labels
from center.settings import ServerSettings


@dataclass(frozen=True)
class Center:
    """The server's settings, database engine, local time zone and display labels."""

    settings: ServerSettings
    engine: Engine
    timezone: ZoneInfo
    labels: Labels

    def check_database(self) -> None:
        """Raise the database driver's error when the database does not answer."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
