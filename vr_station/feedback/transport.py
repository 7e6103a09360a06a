"""How a batch of session records reaches the center: one small interface, one method.

``HttpsTransport`` (https_transport.py) is the real one; tests hand in their own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Accepted:
    """The center stored the batch (all of it, atomically)."""

    new: int
    duplicates: int
    """Records the center already had: a resend after an answer that never arrived."""
    expired: int = 0
    """Records older than the center's retention period: confirmed, not stored."""


class RefusalKind(StrEnum):
    """Why the center did not take a batch, which decides what the sender does next."""

    UNREACHABLE = "unreachable"
    """Network down, timeout, the center overloaded or restarting (429, 502, 503, 504): try the
    whole batch again later."""
    UNAUTHORIZED = "unauthorized"
    """The center does not accept this station's token: staff must fix it; try again later."""
    INVALID = "invalid"
    """The center says the batch holds an invalid record: resending it will not help."""
    TOO_LARGE = "too_large"
    """The batch exceeds the center's request size limit: send fewer records at once."""
    FAILED = "failed"
    """The center answered but failed on the batch without naming a record (HTTP 500, a 4xx
    that is not about the records): perhaps one record makes it fail; split the batch to see."""


@dataclass(frozen=True)
class Refused:
    """The center did not take the batch; nothing of it was stored."""

    kind: RefusalKind
    message: str
    """What went wrong, for the log and ``vr-station outbox status``."""
    retry_after_s: float | None = None
    """The center asked to wait this long before the next attempt."""


DeliveryOutcome = Accepted | Refused


class FeedbackTransport(ABC):
    """Carries one batch of records to the center and says how it was received."""

    @abstractmethod
    def deliver(self, records_json: Sequence[str]) -> DeliveryOutcome:
        """Send the records (each a JSON text) to the center as one batch."""

    def close(self) -> None:  # noqa: B027 - optional hook: most transports hold nothing to close
        """Release connections; the default holds none."""
