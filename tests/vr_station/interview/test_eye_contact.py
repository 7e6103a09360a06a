"""Eye contact from head pose: a cone around the direction to the interviewer's face."""

from __future__ import annotations

import math

import pytest

from vr_station.interview.eye_contact import EyeContactMeter, Talk

HEAD = (0.0, 0.0, 1.2)
FACE = (0.0, 1.5, 1.25)


def forward(yaw_deg: float) -> tuple[float, float, float]:
    rad = math.radians(yaw_deg)
    return (math.sin(rad), math.cos(rad), 0.0)


def test_looking_within_the_cone_counts_and_beyond_it_does_not():
    meter = EyeContactMeter(cone_deg=15)
    assert meter.looking_at(HEAD, forward(0), FACE)
    assert meter.looking_at(HEAD, forward(12), FACE)
    assert not meter.looking_at(HEAD, forward(25), FACE)
    assert not meter.looking_at(HEAD, (0.0, 0.0, -1.0), FACE), "looking at the floor"


def test_shares_are_kept_apart_for_listening_and_answering():
    meter = EyeContactMeter()
    for _ in range(60):
        meter.update(Talk.LISTENING, HEAD, forward(0), FACE, 0.1)
    for i in range(100):
        meter.update(Talk.ANSWERING, HEAD, forward(0 if i < 40 else 40), FACE, 0.1)
    figures = meter.figures()
    assert figures.listening_share == pytest.approx(1.0)
    assert figures.answering_share == pytest.approx(0.4)
    assert figures.overall_share == pytest.approx((6.0 + 4.0) / 16.0)


def test_no_time_measured_gives_no_share_rather_than_zero():
    figures = EyeContactMeter().figures()
    assert figures.listening_share is None and figures.overall_share is None


def test_each_answer_gets_its_own_share_for_the_engine():
    from vr_station.interview.eye_contact import TurnEyeContact

    turn = TurnEyeContact()
    turn.add(1.0, True)  # nobody answers yet: not counted
    assert turn.finish() is None
    turn.start(3)
    for i in range(40):
        turn.add(0.05, i % 4 != 0)
    assert turn.finish() == (3, pytest.approx(0.75))
    assert turn.finish() is None, "reported once"
    turn.start(4)
    assert turn.finish() is None, "no time measured: no figure rather than 0 %"
