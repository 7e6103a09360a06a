"""The headset's refresh rate, where the runtime lets the app choose it (pure; no pyopenxr).

XR_FB_display_refresh_rate (offered by Meta Quest Link, and by Monado) lists the rates the
display can run at and lets the app ask for one. Quest 2/3 over Link run at 72, 80, 90 or
120 Hz. A higher rate is smoother, but only while every frame is ready in time: a frame that
misses its slot is reprojected from the previous one, which judders and is worse than a lower
rate held steadily. So the station takes the highest rate whose frame period its measured frame
time fits with headroom (the compositor and the GPU's other work need the rest of the period),
and looks again every ``window`` frames.

Before anything is measured (session start) it asks for ``START_HZ`` or the nearest rate below:
90 Hz is what SteamVR and Link default to and what a PC that meets the headset's
requirements holds with the station's simple scenes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

REFRESH_RATE_EXTENSION = "XR_FB_display_refresh_rate"
WANTED_HZ = (72.0, 80.0, 90.0, 120.0)
"""The rates the station chooses among (where offered): below 72 Hz flicker and lag show."""
START_HZ = 90.0
HEADROOM = 0.8
"""A frame may take up to this share of its period."""
UP_HEADROOM = 0.65
"""…and must take less than this share of the faster rate's period before the station speeds up
(hysteresis: no flapping between two rates)."""


def _candidates(offered_hz: Sequence[float]) -> list[float]:
    """The offered rates within the wanted range (rounded: runtimes report e.g. 72.00001), ascending."""
    low, high = min(WANTED_HZ) - 0.5, max(WANTED_HZ) + 0.5
    return sorted({round(rate, 2) for rate in offered_hz if low <= rate <= high})


def choose_rate(offered_hz: Sequence[float], frame_time_s: float | None,
                headroom: float = HEADROOM) -> float | None:
    """The smoothest offered rate the frame time allows; None where none is within 72–120 Hz.

    Without a measurement: ``START_HZ`` or the nearest offered rate below it (else the lowest).
    Where even the slowest rate is too fast for the frame time, the slowest.
    """
    rates = _candidates(offered_hz)
    if not rates:
        return None
    if frame_time_s is None:
        below = [rate for rate in rates if rate <= START_HZ]
        return below[-1] if below else rates[0]
    fitting = [rate for rate in rates if frame_time_s <= headroom / rate]
    return fitting[-1] if fitting else rates[0]


@dataclass
class RefreshRateChooser:
    """Chooses the rate at session start, then every ``window`` measured frames (see the module)."""

    offered_hz: tuple[float, ...]
    window: int = 180
    """Frames per look (2 s at 90 Hz): long enough that one slow frame does not decide."""
    percentile: float = 0.9
    current_hz: float | None = None
    _frames_s: deque[float] = field(default_factory=deque)

    def start(self) -> float | None:
        """The rate to ask for at session start (None: leave the runtime's)."""
        self.current_hz = choose_rate(self.offered_hz, None)
        self._frames_s.clear()
        return self.current_hz

    def update(self, frame_time_s: float) -> float | None:
        """One frame's measured time (seconds of the app's work); a new rate to ask for, or None."""
        if self.current_hz is None:
            return None
        self._frames_s.append(frame_time_s)
        if len(self._frames_s) < self.window:
            return None
        ordered = sorted(self._frames_s)
        typical = ordered[min(len(ordered) - 1, int(self.percentile * len(ordered)))]
        self._frames_s.clear()
        wanted = choose_rate(self.offered_hz, typical)
        if wanted is not None and wanted > self.current_hz:
            # Speed up only with a clear margin at the faster rate.
            wanted = choose_rate(self.offered_hz, typical, headroom=UP_HEADROOM)
            if wanted is None or wanted <= self.current_hz:
                return None
        if wanted is None or wanted == self.current_hz:
            return None
        self.current_hz = wanted
        return wanted
