"""What every request handler needs, built once per server process and handed to the app."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, text

from center.labels import Labels
from center.settings import ServerSettings


@dataclass(frozen=True)
class Center:
    settings: ServerSettings
    engine: Engine
    timezone: ZoneInfo
    labels: Labels

    def check_database(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
