"""How long each kiosk step may take, and how long a visitor may be inactive in it.

All limits count active time (a paused station does not run out of time). A time limit first
asks the step to wrap up (the tour finishes its sentence, the interviewer says goodbye); after
the grace period the flow moves on by itself. Inactivity means no button, pointer, controller,
head movement or speech: the visitor has most likely left, and the session is wiped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vr_station.kiosk.flow import KioskState


@dataclass(frozen=True)
class StepLimits:
    """The time limits of one kiosk step (active seconds)."""

    time_limit_s: float | None = None
    """Active time after which the step is asked to wrap up; None: no limit."""
    wrap_up_grace_s: float = 0.0
    """How long a step may take to wrap up before the flow moves on without it."""
    inactivity_s: float | None = None
    """Inactive time after which the session is abandoned; None: never."""


def _default_limits() -> dict[str, StepLimits]:
    return {
        "attract": StepLimits(),
        "language": StepLimits(inactivity_s=60),
        # Two questions; a visitor who cannot manage them in 3 minutes goes on with the
        # station's defaults (and captions) rather than being stuck.
        "quick_check": StepLimits(time_limit_s=3 * 60, wrap_up_grace_s=2, inactivity_s=60),
        "menu": StepLimits(inactivity_s=90),
        "occupation": StepLimits(inactivity_s=90),
        # Looking around counts as activity, so a visitor listening to the narration is never
        # inactive; 15 min covers five stops with every hotspot opened.
        "tour": StepLimits(time_limit_s=15 * 60, wrap_up_grace_s=30, inactivity_s=180),
        # Speaking counts as activity. The grace lets the interviewer finish and say goodbye.
        "interview": StepLimits(time_limit_s=25 * 60, wrap_up_grace_s=90, inactivity_s=180),
        "report": StepLimits(time_limit_s=10 * 60, inactivity_s=120),
        "feedback": StepLimits(time_limit_s=5 * 60, inactivity_s=90),
        "thanks": StepLimits(time_limit_s=12),
        # No limit: the wipe must finish before the next visitor comes.
        "wipe": StepLimits(),
    }


@dataclass(frozen=True)
class KioskTimings:
    """Every step's limits, the inactivity warning and how long a headset may be off."""

    steps: Mapping[str, StepLimits] = field(default_factory=_default_limits)
    """Kiosk state name → its limits."""
    inactivity_warning_s: float = 20.0
    """Show "Are you still there?" this long before an inactive session is ended."""
    headset_off_abandon_s: float = 120.0
    """A headset left off this long ends the session (the visitor has gone)."""

    def for_state(self, state: KioskState) -> StepLimits:
        """The limits of ``state``; no limits for a step without an entry."""
        return self.steps.get(str(state), StepLimits())
