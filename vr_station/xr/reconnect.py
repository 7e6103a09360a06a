"""When to look for the OpenXR runtime again after it went away (pure logic, no pyopenxr).

A station runs for days; SteamVR or monado-service may crash or be restarted, a headset may
be unplugged and plugged in again. After a loss the XR mode keeps the station (and its staff
mirror) running and tries to create a new instance every ``interval_s``. The first failed
attempt is logged as a warning, later ones only now and then, so a station left without its
runtime does not fill the log.
"""

from __future__ import annotations

from dataclasses import dataclass

LOG_EVERY_ATTEMPTS = 20
"""After the first failed attempt, log one in this many (one a minute at 3 s)."""


@dataclass
class ReconnectSchedule:
    """When the next attempt to reach the runtime is due, and how many failed (``interval_s`` apart)."""

    interval_s: float
    next_attempt_s: float | None = None
    """Monotonic seconds of the next attempt; None while connected (or not yet lost)."""
    failed_attempts: int = 0
    reconnects: int = 0
    """Successful reconnections since the station started."""

    @property
    def waiting(self) -> bool:
        """Whether the runtime is lost and no attempt is running (one is due at ``next_attempt_s``)."""
        return self.next_attempt_s is not None

    def lost(self, now_s: float) -> None:
        """The runtime went away: first attempt after one interval (let it shut down)."""
        self.next_attempt_s = now_s + self.interval_s
        self.failed_attempts = 0

    def due(self, now_s: float) -> bool:
        """Whether an attempt should start at ``now_s`` (monotonic seconds)."""
        return self.next_attempt_s is not None and now_s >= self.next_attempt_s

    def started(self) -> None:
        """An attempt is under way: none is due until it has ended."""
        self.next_attempt_s = None

    def failed(self, now_s: float) -> bool:
        """The attempt failed; returns whether this failure is worth a log line."""
        self.failed_attempts += 1
        self.next_attempt_s = now_s + self.interval_s
        return self.failed_attempts == 1 or self.failed_attempts % LOG_EVERY_ATTEMPTS == 0

    def succeeded(self) -> None:
        """The runtime is back: no attempt is due, and one more reconnection is counted."""
        self.next_attempt_s = None
        self.failed_attempts = 0
        self.reconnects += 1
