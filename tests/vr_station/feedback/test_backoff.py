"""Backoff: doubles up to a cap, jittered, never shorter than half, honours Retry-After."""

import random

from vr_station.feedback.backoff import Backoff


def test_delays_grow_exponentially_within_jitter_bounds_and_are_capped():
    backoff = Backoff(first_delay_s=2, max_delay_s=60, factor=2)
    rng = random.Random(7)
    for failures, ceiling in [(1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (50, 60), (10_000, 60)]:
        for _ in range(50):
            delay = backoff.delay_s(failures, rng)
            assert ceiling / 2 <= delay <= ceiling


def test_jitter_spreads_stations_that_fail_together():
    backoff = Backoff(first_delay_s=10, max_delay_s=600)
    delays = {round(backoff.delay_s(4, random.Random(seed)), 3) for seed in range(20)}
    assert len(delays) == 20


def test_retry_after_is_honoured_up_to_the_cap():
    backoff = Backoff(first_delay_s=1, max_delay_s=300)
    rng = random.Random(1)
    assert backoff.delay_s(1, rng, retry_after_s=120) == 120
    assert backoff.delay_s(1, rng, retry_after_s=10_000) == 300
