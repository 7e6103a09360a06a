"""What a center decides while it runs: its rating target and how long it keeps records.

Stored in the database (table center_settings), so every server instance sees the same and an
admin changes it on the dashboard's admin page without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select

from center.database import WRITE
from center.tables import center_settings

MIN_RETENTION_DAYS = 1
MAX_RETENTION_DAYS = 3650


@dataclass(frozen=True)
class CenterPolicy:
    """The center's rating target and how long it keeps records."""

    target_top_share: float = 0.8
    """Share (0–1) of rated sessions the center wants rated 4 or 5 stars."""
    retention_days: int = 365
    """Records whose session started longer ago are deleted."""


class PolicyError(ValueError):
    """A policy value out of range; the message is German, for the admin page."""


def load_policy(engine: Engine) -> CenterPolicy:
    """The stored policy, with defaults for what was never saved."""
    with engine.connect() as connection:
        values = dict(connection.execute(select(center_settings.c.key, center_settings.c.value)).all())
    default = CenterPolicy()
    return CenterPolicy(
        target_top_share=float(values.get("target_top_share", default.target_top_share)),
        retention_days=int(values.get("retention_days", default.retention_days)))


def save_policy(engine: Engine, policy: CenterPolicy) -> None:
    """Check ``policy`` and store it for every server instance."""
    check_policy(policy)
    values = {"target_top_share": repr(policy.target_top_share),
              "retention_days": str(policy.retention_days)}
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(delete(center_settings).where(center_settings.c.key.in_(values)))
        connection.execute(insert(center_settings), [{"key": k, "value": v} for k, v in values.items()])


def check_policy(policy: CenterPolicy) -> None:
    """Raise PolicyError when the target or the retention period is out of range."""
    if not 0 < policy.target_top_share <= 1:
        raise PolicyError("Das Ziel muss zwischen 1 und 100 % liegen.")
    if not MIN_RETENTION_DAYS <= policy.retention_days <= MAX_RETENTION_DAYS:
        raise PolicyError(f"Die Aufbewahrungsfrist muss zwischen {MIN_RETENTION_DAYS} und "
                          f"{MAX_RETENTION_DAYS} Tagen liegen.")
