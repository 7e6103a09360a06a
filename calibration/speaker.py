"""Speaker check: a test tone or a spoken test sentence at the station's volume.

The sound is built here as samples (so it can be played on the chosen device or written to a
file for a look); speech comes from espeak-ng, the same synthesiser the station speaks with
on Linux. NOTE for the lead: ``synthesize_espeak`` is a small stand-in until the interview
engine's synthesiser interface exists; then the test sentence should come from there.
"""

from __future__ import annotations

import math
import shutil
import subprocess

import numpy as np
import numpy.typing as npt

from calibration.wav import WavError, parse_wav

TONE_FREQUENCY_HZ = 1000.0
"""The usual reference tone for level checks."""
TONE_LEVEL_DBFS = -12.0
"""Tone RMS at 100 % volume: loud and clear, well below clipping (sine peak at −9 dBFS)."""
TONE_DURATION_S = 1.5
FADE_S = 0.02
"""Raised-cosine fade in and out, so the tone starts and stops without a click."""
TONE_RATE_HZ = 48000
ESPEAK_TIMEOUT_S = 30.0

TEST_SENTENCES = {
    "de": "Guten Tag! Das ist ein Lautsprechertest. Können Sie mich gut verstehen?",
    "en": "Hello! This is a speaker test. Can you understand me clearly?",
}
ESPEAK_VOICES = {"de": "de", "en": "en-us"}


class SpeechOutputUnavailable(RuntimeError):
    """espeak-ng is missing or failed; the message says what to install or check."""


def speaker_test_tone(rate_hz: int = TONE_RATE_HZ, frequency_hz: float = TONE_FREQUENCY_HZ,
                      duration_s: float = TONE_DURATION_S,
                      level_dbfs: float = TONE_LEVEL_DBFS) -> npt.NDArray[np.float64]:
    """The test tone at 100 % volume: a sine of ``level_dbfs`` RMS, faded in and out without a click."""
    t = np.arange(round(duration_s * rate_hz)) / rate_hz
    amplitude = math.sqrt(2.0) * 10.0 ** (level_dbfs / 20.0)  # RMS → sine peak
    tone = amplitude * np.sin(2.0 * math.pi * frequency_hz * t)
    fade = min(round(FADE_S * rate_hz), tone.size // 2)
    if fade:
        ramp = 0.5 - 0.5 * np.cos(np.linspace(0.0, math.pi, fade))
        tone[:fade] *= ramp
        tone[-fade:] *= ramp[::-1]
    return tone


def apply_volume(samples: npt.ArrayLike, volume_percent: float) -> npt.NDArray[np.float64]:
    """Scale the amplitude by ``volume_percent`` / 100 (as pyttsx3's volume does)."""
    if not 0.0 <= volume_percent <= 100.0:
        raise ValueError(f"volume must be 0–100 %, not {volume_percent}")
    return np.asarray(samples, dtype=np.float64) * (volume_percent / 100.0)


def synthesize_espeak(text: str, language: str, *, voice: str | None = None,
                      words_per_minute: int | None = None) -> tuple[npt.NDArray[np.float64], int]:
    """``text`` spoken by espeak-ng in ``language`` (de, en): (samples −1..1, rate).

    ``voice`` picks another espeak-ng voice (e.g. ``en-us+f2``) than the language's default.
    """
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise SpeechOutputUnavailable("espeak-ng is not installed (Debian: apt install espeak-ng)")
    voice = voice or ESPEAK_VOICES.get(language, language)
    command = [binary, "-v", voice, "--stdout", "--stdin"]
    if words_per_minute is not None:
        command += ["-s", str(words_per_minute)]
    try:
        # The text goes in on stdin: a sentence starting with '-' must not read as an option.
        done = subprocess.run(command, input=text.encode("utf-8"),
                              capture_output=True, timeout=ESPEAK_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise SpeechOutputUnavailable(f"espeak-ng did not finish within {ESPEAK_TIMEOUT_S:.0f} s") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise SpeechOutputUnavailable(f"espeak-ng failed for voice '{voice}': {message}")
    try:
        return parse_wav(done.stdout, "espeak-ng output")
    except WavError as exc:
        raise SpeechOutputUnavailable(str(exc)) from None
