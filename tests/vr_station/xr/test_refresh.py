"""The display refresh rate: the smoothest one the measured frame time allows."""

from __future__ import annotations

import pytest

from vr_station.xr.refresh import RefreshRateChooser, choose_rate

QUEST_LINK = (72.0, 80.0, 90.0, 120.0)


@pytest.mark.parametrize(("offered", "frame_s", "rate"), [
    (QUEST_LINK, None, 90.0),             # nothing measured yet: 90 Hz
    ((72.0, 80.0), None, 80.0),           # ...or the nearest offered below
    ((120.0,), None, 120.0),              # ...or whatever there is
    (QUEST_LINK, 0.004, 120.0),           # 4 ms fits 120 Hz (8.3 ms) with headroom
    (QUEST_LINK, 0.0075, 90.0),           # 7.5 ms: 120 Hz would leave no headroom
    (QUEST_LINK, 0.0095, 80.0),
    (QUEST_LINK, 0.0105, 72.0),
    (QUEST_LINK, 0.030, 72.0),            # too slow for any: the slowest, never none
    ((72.00001, 90.0001, 120.0), 0.004, 120.0),
    ((60.0, 144.0), 0.004, None),         # nothing in 72–120 Hz: leave the runtime's rate
    ((), None, None),
])
def test_choose_rate(offered, frame_s, rate):
    assert choose_rate(offered, frame_s) == rate


def run(chooser: RefreshRateChooser, frame_s: float, frames: int) -> list[float]:
    return [r for r in (chooser.update(frame_s) for _ in range(frames)) if r is not None]


def test_chooser_starts_at_90_then_follows_the_measured_frame_time():
    chooser = RefreshRateChooser(QUEST_LINK, window=100)
    assert chooser.start() == 90.0
    assert run(chooser, 0.0105, 99) == []            # one look per window
    assert run(chooser, 0.0105, 1) == [72.0]         # too slow for 90 Hz: down
    assert run(chooser, 0.0105, 300) == []           # steady: no more requests
    # 7.5 ms would fit 90 Hz at 80 % of its period, but speeding up wants 65 %: 80 Hz.
    assert run(chooser, 0.0075, 100) == [80.0]
    assert run(chooser, 0.0075, 300) == []           # and no flapping between 80 and 90 Hz
    assert run(chooser, 0.004, 100) == [120.0]       # clearly fast: up to the smoothest


def test_one_slow_frame_does_not_decide():
    chooser = RefreshRateChooser(QUEST_LINK, window=100)
    chooser.start()
    frames = [0.005] * 95 + [0.050] * 5
    assert [r for r in (chooser.update(f) for f in frames) if r is not None] == [120.0]


def test_without_offered_rates_nothing_is_asked():
    chooser = RefreshRateChooser(())
    assert chooser.start() is None
    assert run(chooser, 0.001, 500) == []
