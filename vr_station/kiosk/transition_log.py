"""The station's recent kiosk transitions, kept within a bound.

A kiosk runs for months; a list of every transition grew by about a dozen entries a visit for
as long as the process lived (found by the soak benchmark, issue 18). The log keeps the newest
``keep`` transitions and counts all of them, so a reader that remembers the count it has seen
(the event stream, the demo waiting for the wipe) still gets exactly the new ones.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import islice

from vr_station.kiosk.flow import Transition

KEEP = 100
"""About nine visits: far more than a reader falls behind between two frames, and few enough
that the log is full within the soak's warm-up."""


class TransitionLog:
    """The newest transitions (oldest first) and how many there were in all."""

    def __init__(self, keep: int = KEEP) -> None:
        self._kept: deque[Transition] = deque(maxlen=keep)
        self.total = 0
        """Transitions appended since the station started, kept or not."""

    def append(self, transition: Transition) -> None:
        """One more transition; the oldest goes once ``keep`` are kept."""
        self._kept.append(transition)
        self.total += 1

    def since(self, total: int) -> list[Transition]:
        """The transitions after the first ``total`` (those still kept), oldest first."""
        new = min(max(self.total - total, 0), len(self._kept))
        return list(islice(self._kept, len(self._kept) - new, None))

    def __iter__(self) -> Iterator[Transition]:
        """The kept transitions, oldest first."""
        return iter(self._kept)

    def __len__(self) -> int:
        """How many are kept (at most ``keep``); ``total`` counts all."""
        return len(self._kept)
