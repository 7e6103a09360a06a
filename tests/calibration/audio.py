"""Test recordings with known levels: calibrated room noise and real espeak-ng speech.

Room noise is Gaussian with a pink (1/f) spectrum from 50 Hz up, like ventilation and traffic
through a window, scaled to an exact RMS. Speech is espeak-ng's, resampled to 16 kHz and
scaled so that its ITU-T P.56 active level (of the clean speech) is the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from calibration.p56 import active_speech_level
from calibration.speaker import synthesize_espeak
from speech.audio import resample as resample_pcm

RATE_HZ = 16000
Audio = npt.NDArray[np.float64]

SENTENCE_A = "Please tell me about your last job and what you learned there."
SENTENCE_B = "I have worked in a restaurant for three years."
SENTENCE_DE = ("Guten Tag, ich möchte gern als Koch in einem Restaurant arbeiten, "
               "weil ich gern für andere Menschen koche.")
# espeak-ng's female variant f2 at 140 words per minute is the voice pocketsphinx's en-us model
# understands best (measured over 8 voices and 2 speeds).
VOICE_EN = "en-us+f2"
WORDS_PER_MINUTE = 140


def room_noise(samples: int, level_dbfs: float, seed: int) -> Audio:
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.normal(size=samples))
    frequencies = np.fft.rfftfreq(samples, 1.0 / RATE_HZ)
    shape = np.where(frequencies >= 50.0, 1.0 / np.sqrt(np.maximum(frequencies, 1.0)), 0.0)
    noise = np.fft.irfft(spectrum * shape, samples)
    return noise * (10.0 ** (level_dbfs / 20.0) / np.sqrt(np.mean(noise ** 2)))


def resample(samples: Audio, from_hz: int, to_hz: int) -> Audio:
    """Through the station's own resampler (``speech.audio``, 16-bit PCM): lossless on the way
    in for espeak-ng's 16-bit samples; the way out adds rounding noise at about −101 dBFS."""
    pcm = np.round(np.clip(samples, -1.0, 32767.0 / 32768.0) * 32768.0).astype("<i2").tobytes()
    return np.frombuffer(resample_pcm(pcm, from_hz, to_hz), dtype="<i2") / 32768.0


@cache
def _speech(text: str, language: str, voice: str | None) -> Audio:
    """Remembered per process, read-only: espeak-ng run as a command keeps nothing between runs,
    so the same text gives the same samples every time (test_espeak_ng_is_repeatable), and
    remembering them changes nothing but the time the tests take."""
    samples, rate = synthesize_espeak(text, language, voice=voice, words_per_minute=WORDS_PER_MINUTE)
    clean = resample(samples, rate, RATE_HZ)
    clean.setflags(write=False)
    return clean


def speech(text: str, level_dbfs: float, language: str = "en", voice: str | None = VOICE_EN) -> Audio:
    """Real espeak-ng speech at 16 kHz whose P.56 active level is ``level_dbfs``."""
    clean = _speech(text, language, voice if language == "en" else None)
    measured = active_speech_level(clean, RATE_HZ).active_level_dbfs
    assert measured is not None
    return clean * 10.0 ** ((level_dbfs - measured) / 20.0)


@dataclass(frozen=True)
class Recording:
    samples: Audio
    speech_intervals_s: tuple[tuple[float, float], ...]
    """Where each sentence's audible part lies."""


def recording(parts: list[tuple[str, float]], speech_level_dbfs: float, noise_level_dbfs: float,
              *, language: str = "en", seed: int = 1) -> Recording:
    """Room noise throughout; ("pause", seconds) or (sentence, 0) in order."""
    pieces: list[Audio] = []
    intervals = []
    at = 0
    for what, seconds in parts:
        if what == "pause":
            piece = np.zeros(round(seconds * RATE_HZ))
        else:
            piece = speech(what, speech_level_dbfs, language)
            audible = np.flatnonzero(np.abs(piece) > 1e-3 * np.abs(piece).max())
            intervals.append(((at + audible[0]) / RATE_HZ, (at + audible[-1]) / RATE_HZ))
        pieces.append(piece)
        at += piece.size
    clean = np.concatenate(pieces)
    return Recording(clean + room_noise(clean.size, noise_level_dbfs, seed), tuple(intervals))
