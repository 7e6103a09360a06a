"""How the interviewer moves: gaze, blinks, mouth and idle motion, as a pure model.

The avatar node asks this model for a FacePose each frame. Timings follow what makes a face
read as alive in conversation: a blink every 2–6 s lasting about 0.15 s, small gaze shifts
(micro-saccades) every second or two, the head following the eyes with a lag, breathing at
about 15 breaths a minute, and a mouth that opens fast and closes a little slower than the
speech envelope, so 60 Hz amplitude updates look like speech rather than flicker.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class FacePose:
    """How the interviewer's head and face are posed at one moment (angles in degrees)."""

    head_heading_deg: float
    """Compass-style: positive turns the face to its right (+x of the figure)."""
    head_pitch_deg: float
    """Positive looks up."""
    head_roll_deg: float
    eye_heading_deg: float
    """Eyes relative to the head."""
    eye_pitch_deg: float
    lid_closure: float
    """0 open .. 1 closed."""
    mouth_open: float
    """0 closed .. 1 wide open."""
    breath: float
    """−1 .. 1 through each breath."""
    brow_raise: float
    """0 .. 1."""


BLINK_INTERVAL_S = (2.0, 6.0)
BLINK_DURATION_S = 0.16
SACCADE_INTERVAL_S = (0.7, 2.4)
BREATH_PERIOD_S = 4.2
EYE_LIMIT_DEG = (30.0, 22.0)
"""How far the eyes turn in the head (heading, pitch) before the head must follow."""
HEAD_LIMIT_DEG = (50.0, 25.0)
MOUTH_ATTACK_S = 0.025
MOUTH_RELEASE_S = 0.07


def _approach(current: float, target: float, dt: float, time_constant_s: float) -> float:
    if time_constant_s <= 0:
        return target
    return target + (current - target) * math.exp(-dt / time_constant_s)


def _clamp(value: float, limit: float) -> float:
    return max(-limit, min(limit, value))


class InterviewerMotion:
    """Advance with ``update(dt)``; feed it the gaze target and the speech amplitude."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._time = 0.0
        self._target = (0.0, 0.0)
        self._saccade = (0.0, 0.0)
        self._next_saccade = rng.uniform(*SACCADE_INTERVAL_S)
        self._next_blink = rng.uniform(*BLINK_INTERVAL_S)
        self._blink_started: float | None = None
        self._amplitude = 0.0
        self._mouth = 0.0
        self._speech_energy = 0.0
        self._eyes = (0.0, 0.0)
        self._head = (0.0, 0.0)
        self.blinks = 0
        """How many blinks started so far."""

    def set_gaze_target(self, heading_deg: float, pitch_deg: float) -> None:
        """Where to look, relative to the body's forward direction (from between the eyes)."""
        self._target = (heading_deg, pitch_deg)

    def set_mouth_open(self, amplitude: float) -> None:
        """Speech amplitude, 0..1 (the TTS envelope). Out-of-range values are clamped."""
        self._amplitude = 0.0 if math.isnan(amplitude) else min(1.0, max(0.0, amplitude))

    def update(self, dt: float) -> FacePose:
        """Advance the motion by ``dt`` seconds and return the pose to show."""
        dt = min(max(dt, 0.0), 0.25)  # a stalled frame must not fling the head around
        self._time += dt
        t = self._time
        # Mouth: open fast, close a little slower.
        wanted = self._amplitude**0.8
        tau = MOUTH_ATTACK_S if wanted > self._mouth else MOUTH_RELEASE_S
        self._mouth = _approach(self._mouth, wanted, dt, tau)
        self._speech_energy = _approach(self._speech_energy, self._mouth, dt, 0.6)
        # Small gaze shifts, and now and then a short glance aside while talking.
        if t >= self._next_saccade:
            aside = self._rng.random() < 0.12 and self._speech_energy > 0.1
            spread = (9.0, 5.0) if aside else (2.2, 1.4)
            self._saccade = (
                self._rng.uniform(-spread[0], spread[0]),
                self._rng.uniform(-spread[1], spread[1]),
            )
            self._next_saccade = t + (0.6 if aside else self._rng.uniform(*SACCADE_INTERVAL_S))
        gaze = (self._target[0] + self._saccade[0], self._target[1] + self._saccade[1])
        # The head turns part of the way, slowly; the eyes do the rest, fast.
        idle = (
            1.6 * math.sin(t * 0.83) + 0.7 * math.sin(t * 1.97 + 1.0),
            1.0 * math.sin(t * 0.61 + 2.0) + 1.8 * self._speech_energy * math.sin(t * 5.3),
        )
        head_goal = (
            _clamp(self._target[0] * 0.6, HEAD_LIMIT_DEG[0]) + idle[0],
            _clamp(self._target[1] * 0.5, HEAD_LIMIT_DEG[1]) + idle[1],
        )
        self._head = (
            _approach(self._head[0], head_goal[0], dt, 0.45),
            _approach(self._head[1], head_goal[1], dt, 0.45),
        )
        eye_goal = (
            _clamp(gaze[0] - self._head[0], EYE_LIMIT_DEG[0]),
            _clamp(gaze[1] - self._head[1], EYE_LIMIT_DEG[1]),
        )
        self._eyes = (
            _approach(self._eyes[0], eye_goal[0], dt, 0.035),
            _approach(self._eyes[1], eye_goal[1], dt, 0.035),
        )
        return FacePose(
            head_heading_deg=self._head[0],
            head_pitch_deg=self._head[1],
            head_roll_deg=1.2 * math.sin(t * 0.37 + 0.5),
            eye_heading_deg=self._eyes[0],
            eye_pitch_deg=self._eyes[1],
            lid_closure=self._blink(t),
            mouth_open=self._mouth,
            breath=math.sin(2 * math.pi * t / BREATH_PERIOD_S),
            brow_raise=min(1.0, self._speech_energy * 1.5),
        )

    def _blink(self, t: float) -> float:
        if self._blink_started is None and t >= self._next_blink:
            self._blink_started = t
            self.blinks += 1
        if self._blink_started is None:
            return 0.0
        phase = (t - self._blink_started) / BLINK_DURATION_S
        if phase >= 1.0:
            self._blink_started = None
            self._next_blink = t + self._rng.uniform(*BLINK_INTERVAL_S)
            return 0.0
        # Lids close in about a third of the blink and reopen more slowly.
        return phase / 0.35 if phase < 0.35 else 1.0 - (phase - 0.35) / 0.65
