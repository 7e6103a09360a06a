"""How long to wait after failed deliveries: exponential, capped, with jitter.

Jitter spreads out the stations of a center that all come back when the WLAN does, so they do
not hit the server in lock-step ("equal jitter": at least half the exponential delay, so a
station never retries at once; https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    """Delays after failed deliveries: ``first_delay_s``, growing by ``factor`` up to ``max_delay_s``."""

    first_delay_s: float = 5.0
    max_delay_s: float = 900.0
    factor: float = 2.0

    def delay_s(self, failures: int, rng: random.Random, retry_after_s: float | None = None) -> float:
        """The wait after ``failures`` failed attempts in a row (1 = the first failure)."""
        exponent = min(max(failures - 1, 0), 64)
        ceiling = min(self.max_delay_s, self.first_delay_s * self.factor ** exponent)
        delay = ceiling / 2 + rng.uniform(0, ceiling / 2)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, self.max_delay_s))
        return delay
