"""Put records straight into a center database (the same code path the API uses)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from center.ingest import IngestResult, store_records
from visit_record.record import SessionRecord

BERLIN = ZoneInfo("Europe/Berlin")


def store(engine: Engine, records: Sequence[SessionRecord], now: datetime | None = None,
          retention_days: int = 3650) -> IngestResult:
    return store_records(engine, records[0].station_id if records else "biz-1",
                         [r.to_json() for r in records], now or datetime.now(UTC),
                         retention_days, BERLIN)
