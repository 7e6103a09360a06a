"""The speech gate the calibrated thresholds are made for: what ``vad_threshold_dbfs`` means.

Audio is cut into 30 ms frames; a frame is *loud* when its RMS level is at or above the
threshold. The gate opens when 3 of the last 5 frames are loud (a click or a knock is shorter
than that) and closes after ``end_of_speech_silence_s`` without a loud frame. A segment keeps
a little audio before the first loud frame and after the last, where soft consonants sit
below the threshold.

States (one at a time): QUIET → (3 of 5 frames loud) → SPEAKING → (silence for
end_of_speech_silence_s) → QUIET. Pure: levels in, segments out, so an engine can feed it
frame by frame from its audio queue.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum

from calibration.levels import FRAME_S, Samples, frame_levels_dbfs

ONSET_FRAMES = 3
ONSET_WINDOW_FRAMES = 5
PRE_ROLL_S = 0.2
POST_ROLL_S = 0.2


class GateState(StrEnum):
    """Whether the gate hears speech (SPEAKING) or only the room (QUIET)."""

    QUIET = "quiet"
    SPEAKING = "speaking"


@dataclass(frozen=True)
class SpeechSegment:
    """A stretch of speech the gate found, in s from the start of the audio, with pre- and post-roll."""

    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        """How long the segment lasts, in s."""
        return self.end_s - self.start_s


class SpeechGate:
    """Feed frame levels in order; collect finished segments from ``feed`` and ``finish``."""

    def __init__(self, vad_threshold_dbfs: float, end_of_speech_silence_s: float,
                 frame_s: float = FRAME_S):
        self.threshold_dbfs = vad_threshold_dbfs
        self.frame_s = frame_s
        self._silence_frames = max(1, round(end_of_speech_silence_s / frame_s))
        self._recent: deque[bool] = deque(maxlen=ONSET_WINDOW_FRAMES)
        self._frame = 0
        self.state = GateState.QUIET
        self._start_frame = 0
        self._last_loud_frame = 0

    @property
    def silence_s(self) -> float:
        """How long the speech has been silent, in s (0 while QUIET: no speech to end).

        Reaches ``end_of_speech_silence_s`` in the frame that closes the segment.
        """
        if self.state is not GateState.SPEAKING:
            return 0.0
        return (self._frame - 1 - self._last_loud_frame) * self.frame_s

    def feed(self, level_dbfs: float) -> SpeechSegment | None:
        """One frame's level; returns the segment that this frame ended, if any."""
        index = self._frame
        self._frame += 1
        loud = level_dbfs >= self.threshold_dbfs
        self._recent.append(loud)
        if self.state is GateState.QUIET:
            if sum(self._recent) >= ONSET_FRAMES:
                self.state = GateState.SPEAKING
                first_loud = index - len(self._recent) + 1 + list(self._recent).index(True)
                self._start_frame = first_loud
                self._last_loud_frame = index
            return None
        if loud:
            self._last_loud_frame = index
            return None
        if index - self._last_loud_frame >= self._silence_frames:
            return self._close()
        return None

    def finish(self) -> SpeechSegment | None:
        """The end of the audio: closes an open segment."""
        return self._close() if self.state is GateState.SPEAKING else None

    def _close(self) -> SpeechSegment:
        self.state = GateState.QUIET
        self._recent.clear()
        start = max(0.0, self._start_frame * self.frame_s - PRE_ROLL_S)
        end = min(self._frame * self.frame_s, (self._last_loud_frame + 1) * self.frame_s + POST_ROLL_S)
        return SpeechSegment(round(start, 3), round(end, 3))


def speech_segments(samples: Samples, rate_hz: float, vad_threshold_dbfs: float,
                    end_of_speech_silence_s: float) -> list[SpeechSegment]:
    """Where the gate finds speech in a whole recording."""
    frame_s = max(1, round(FRAME_S * rate_hz)) / rate_hz  # whole samples per frame
    gate = SpeechGate(vad_threshold_dbfs, end_of_speech_silence_s, frame_s)
    segments = []
    for level in frame_levels_dbfs(samples, rate_hz, frame_s):
        segment = gate.feed(float(level))
        if segment is not None:
            segments.append(segment)
    last = gate.finish()
    if last is not None:
        segments.append(last)
    return segments
