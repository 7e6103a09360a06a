"""What the station tells the center besides visit records: its heartbeat and help calls.

Frozen messages, JSON as ``POST /api/v1/heartbeat`` and ``POST /api/v1/help-calls`` take
them (center/health_api.py). None carries personal data: a help call names the station and the
kiosk step, never who asked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class HeartbeatReport:
    """How the station is doing; sent at start and about once a minute."""

    station_id: str
    app_version: str
    content_version: str
    """The content version the station runs: the published label (``7:ab12…``) while it follows
    the center, else a digest of its content folder (``content_digest``)."""
    runtime_mode: str
    """xr, desktop or headless."""
    headset_state: str
    """The display's state (running, paused, lost, closed), "none" without a headset."""
    microphone_present: bool
    outbox_pending: int
    """Visit records waiting in the outbox for the center."""
    last_error: str | None
    """The station's last error log line (personal data redacted), if any."""
    awaiting_help: tuple[str, ...] = ()
    """Ids of this station's delivered help calls that staff have not acknowledged yet."""

    def to_json(self) -> str:
        """The body of ``POST /api/v1/heartbeat``."""
        return json.dumps({
            "station_id": self.station_id, "app_version": self.app_version,
            "content_version": self.content_version, "runtime_mode": self.runtime_mode,
            "headset_state": self.headset_state, "microphone_present": self.microphone_present,
            "outbox_pending": self.outbox_pending, "last_error": self.last_error,
            "awaiting_help": list(self.awaiting_help)})


@dataclass(frozen=True)
class HelpCall:
    """A visitor (or staff, with the key) asked for help at this station, in this kiosk step."""

    call_id: str
    """A random UUID: the center stores a call it receives twice once."""
    station_id: str
    step: str
    """The kiosk state's name (``tour``, ``interview`` …)."""
    called_at: datetime
    """Aware, UTC."""

    def to_json(self) -> str:
        """The body of ``POST /api/v1/help-calls``."""
        return json.dumps({"call_id": self.call_id, "station_id": self.station_id,
                           "step": self.step, "called_at": self.called_at.isoformat()})
