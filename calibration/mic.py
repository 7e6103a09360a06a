"""Microphone calibration: room noise, active speech level, SNR, the speech gate's threshold.

Staff record a few seconds of the quiet room, then someone reads a sentence shown on screen.
From that: the noise floor (RMS over the quiet part), the active speech level (ITU-T P.56
method B), their difference (SNR), whether the input clips, how to change the gain, and the
level threshold the speech gate uses to tell speech from room noise (``vad.py`` defines it).

Pure: samples in, figures out. Recording lives in ``speech.devices``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from calibration.levels import Samples, clipping, frame_levels_dbfs, rms_dbfs
from calibration.p56 import active_speech_level

NOISE_S = 3.0
"""The quiet phase: room noise is measured over this long."""
MIN_SPEECH_S = 1.0
SNR_MIN_DB = 15.0
"""Below this, recognisers make many more mistakes (and P.56 itself reads low: it counts noise
above its threshold as speech)."""
TARGET_SPEECH_DBFS = -26.0
"""ITU-T's nominal active speech level (P.56, G.191): loud enough, with 20+ dB of headroom."""
SPEECH_TOO_QUIET_DBFS = -36.0
SPEECH_TOO_LOUD_DBFS = -16.0
GATE_ABOVE_NOISE_PEAK_DB = 3.0
"""The gate stays this far above the loudest noise frames (their 99th percentile)."""
GATE_BELOW_SPEECH_DB = 6.0
"""…and at least this far below the active speech level, so soft syllables still open it."""
NOISE_BURST_DB = 12.0
"""A noise frame this far above the median frame means something happened in the quiet phase."""
DEFAULT_END_OF_SPEECH_SILENCE_S = 1.5


@dataclass(frozen=True)
class MicWarning:
    """A problem with a microphone measurement, worded for staff in each language."""

    code: str
    """low_snr, clipping, too_quiet, too_loud, no_speech or noise_not_steady."""
    texts: Mapping[str, str] = field(compare=False)
    """The warning for staff, per language code (de, en)."""

    def text(self, language: str) -> str:
        """The warning in ``language``; English where it has no text in that language."""
        return self.texts.get(language) or self.texts["en"]


@dataclass(frozen=True)
class MicMeasurement:
    """One microphone calibration: room noise, speech level, SNR, clipping, gate threshold, advice."""

    noise_floor_dbfs: float
    """RMS over the quiet phase."""
    noise_peak_dbfs: float
    """The 99th percentile of 30 ms frame levels in the quiet phase."""
    speech_level_dbfs: float | None
    """Active speech level (P.56 method B); None when no speech was found."""
    activity_factor: float
    """Share of the speech phase P.56 counted as speech."""
    snr_db: float | None
    """speech_level_dbfs − noise_floor_dbfs."""
    clipping: bool
    clipped_samples: int
    peak_dbfs: float
    vad_threshold_dbfs: float | None
    """Frames (30 ms RMS) at or above this level count as speech; None without speech."""
    end_of_speech_silence_s: float
    """An answer ends after this long below the threshold."""
    gain_change_db: float
    """Advised change of the input gain: + raise, − lower, 0 leave as it is."""
    warnings: tuple[MicWarning, ...]

    @property
    def usable(self) -> bool:
        """Good enough to save as the station's thresholds."""
        return self.vad_threshold_dbfs is not None and not self.clipping

    def as_dict(self) -> dict[str, object]:
        """The figures for JSON output: levels rounded to 0.01 dB, warnings in English."""
        return {
            "noise_floor_dbfs": _round(self.noise_floor_dbfs),
            "noise_peak_dbfs": _round(self.noise_peak_dbfs),
            "speech_level_dbfs": _round(self.speech_level_dbfs),
            "activity_factor": round(self.activity_factor, 3),
            "snr_db": _round(self.snr_db),
            "clipping": self.clipping,
            "clipped_samples": self.clipped_samples,
            "peak_dbfs": _round(self.peak_dbfs),
            "vad_threshold_dbfs": _round(self.vad_threshold_dbfs),
            "end_of_speech_silence_s": self.end_of_speech_silence_s,
            "gain_change_db": self.gain_change_db,
            "warnings": [{"code": w.code, "message": w.text("en")} for w in self.warnings],
        }


def split_recording(samples: Samples, rate_hz: float, noise_s: float = NOISE_S) -> tuple[Samples, Samples]:
    """A recording of ``noise_s`` of room noise followed by speech → (noise, speech).

    Raises ValueError saying what is missing when the recording is too short.
    """
    x = np.asarray(samples, dtype=np.float64)
    cut = round(noise_s * rate_hz)
    need = cut + round(MIN_SPEECH_S * rate_hz)
    if x.size < need:
        raise ValueError(f"the recording is {x.size / rate_hz:.1f} s long; it needs {noise_s:g} s of "
                         f"room noise followed by at least {MIN_SPEECH_S:g} s of speech")
    return x[:cut], x[cut:]


def analyse(noise: Samples, speech: Samples, rate_hz: float,
            end_of_speech_silence_s: float = DEFAULT_END_OF_SPEECH_SILENCE_S) -> MicMeasurement:
    """Measure a quiet phase and a speech phase recorded with the same gain."""
    raw_quiet = np.asarray(noise, dtype=np.float64)
    raw_talk = np.asarray(speech, dtype=np.float64)
    clip = clipping(np.concatenate([raw_quiet, raw_talk]))
    # A converter's DC offset is neither noise nor speech. Room noise averages to zero, so the
    # quiet phase's mean is the offset; speech does not (voiced sounds are lopsided), so the
    # speech phase's own mean would be the wrong thing to take off.
    offset = float(np.mean(raw_quiet)) if raw_quiet.size else 0.0
    quiet = raw_quiet - offset
    talk = raw_talk - offset
    noise_floor = rms_dbfs(quiet)
    frames = frame_levels_dbfs(quiet, rate_hz)
    noise_peak = float(np.percentile(frames, 99)) if frames.size else noise_floor
    noise_median = float(np.median(frames)) if frames.size else noise_floor
    level = active_speech_level(talk, rate_hz, noise=quiet)
    speech_level = level.active_level_dbfs
    warnings: list[MicWarning] = []
    if frames.size and float(frames.max()) > noise_median + NOISE_BURST_DB:
        warnings.append(_noise_not_steady(float(frames.max()) - noise_median))
    if speech_level is None or speech_level < noise_peak + GATE_ABOVE_NOISE_PEAK_DB:
        # Nothing in the speech phase stands out from the room: no one spoke, or wrong device.
        warnings.append(_no_speech())
        return MicMeasurement(noise_floor, noise_peak, None, level.activity_factor, None,
                              clip.clipping, clip.clipped_samples, clip.peak_dbfs, None,
                              end_of_speech_silence_s, 0.0, tuple(warnings))
    snr = speech_level - noise_floor
    threshold = choose_vad_threshold(noise_floor, noise_peak, speech_level)
    gain = gain_advice_db(speech_level, clip.peak_dbfs, clip.clipping)
    if snr < SNR_MIN_DB:
        warnings.append(_low_snr(snr))
    if clip.clipping:
        warnings.append(_clipping(clip.clipped_samples, gain))
    elif gain > 0:
        warnings.append(_too_quiet(speech_level, gain))
    elif gain < 0:
        warnings.append(_too_loud(speech_level, gain))
    return MicMeasurement(noise_floor, noise_peak, speech_level, level.activity_factor, snr,
                          clip.clipping, clip.clipped_samples, clip.peak_dbfs, threshold,
                          end_of_speech_silence_s, gain, tuple(warnings))


def choose_vad_threshold(noise_floor_dbfs: float, noise_peak_dbfs: float, speech_level_dbfs: float) -> float:
    """Halfway (in dB) between room noise and speech, clear of the loudest noise frames.

    Halfway leaves the same margin on both sides: noise frames scatter a few dB around the
    floor, speech frames from ~20 dB below the active level (soft consonants) to ~10 dB above
    (vowels). Where the two bounds cross (SNR too low) rejecting noise wins: a gate that
    opens on the air conditioning never lets an answer end.
    """
    lowest = noise_peak_dbfs + GATE_ABOVE_NOISE_PEAK_DB
    highest = speech_level_dbfs - GATE_BELOW_SPEECH_DB
    halfway = 0.5 * (noise_floor_dbfs + speech_level_dbfs)
    if lowest >= highest:
        return round(lowest, 1)
    return round(min(max(halfway, lowest), highest), 1)


def gain_advice_db(speech_level_dbfs: float, peak_dbfs: float, clipped: bool) -> float:
    """Whole dB to change the input gain by; 0 when the level is in the comfortable range."""
    if clipped:
        # The measured level is too low by an unknown amount once the top is cut off.
        return float(min(-6, round(TARGET_SPEECH_DBFS - speech_level_dbfs)))
    if SPEECH_TOO_QUIET_DBFS <= speech_level_dbfs <= SPEECH_TOO_LOUD_DBFS:
        return 0.0
    change = TARGET_SPEECH_DBFS - speech_level_dbfs
    if change > 0:
        # Keep the loudest peak 1 dB below full scale after the change.
        change = max(0.0, min(change, -1.0 - peak_dbfs))
    return float(round(change))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _low_snr(snr: float) -> MicWarning:
    return MicWarning("low_snr", {
        "en": f"Speech is only {snr:.1f} dB above the room noise (at least {SNR_MIN_DB:.0f} dB "
              "needed): recognition will make mistakes. Make the room quieter or bring the "
              "microphone closer to the speaker's mouth; more gain does not help.",
        "de": f"Die Sprache liegt nur {snr:.1f} dB über dem Raumgeräusch (mindestens "
              f"{SNR_MIN_DB:.0f} dB sind nötig): Die Spracherkennung wird Fehler machen. Sorgen "
              "Sie für mehr Ruhe im Raum oder bringen Sie das Mikrofon näher an den Mund; mehr "
              "Verstärkung hilft nicht.",
    })


def _clipping(samples: int, gain: float) -> MicWarning:
    return MicWarning("clipping", {
        "en": f"The input clips ({samples} samples at full scale): lower the microphone gain by "
              f"{-gain:.0f} dB and measure again.",
        "de": f"Das Mikrofonsignal übersteuert ({samples} Abtastwerte am Anschlag): Verringern "
              f"Sie die Mikrofonverstärkung um {-gain:.0f} dB und messen Sie erneut.",
    })


def _too_quiet(level: float, gain: float) -> MicWarning:
    return MicWarning("too_quiet", {
        "en": f"Speech is quiet ({level:.1f} dBFS, aim for about {TARGET_SPEECH_DBFS:.0f} dBFS): "
              f"raise the microphone gain by {gain:.0f} dB.",
        "de": f"Die Sprache ist leise ({level:.1f} dBFS, Ziel etwa {TARGET_SPEECH_DBFS:.0f} dBFS): "
              f"Erhöhen Sie die Mikrofonverstärkung um {gain:.0f} dB.",
    })


def _too_loud(level: float, gain: float) -> MicWarning:
    return MicWarning("too_loud", {
        "en": f"Speech is loud ({level:.1f} dBFS, aim for about {TARGET_SPEECH_DBFS:.0f} dBFS): "
              f"lower the microphone gain by {-gain:.0f} dB.",
        "de": f"Die Sprache ist laut ({level:.1f} dBFS, Ziel etwa {TARGET_SPEECH_DBFS:.0f} dBFS): "
              f"Verringern Sie die Mikrofonverstärkung um {-gain:.0f} dB.",
    })


def _no_speech() -> MicWarning:
    return MicWarning("no_speech", {
        "en": "No speech found after the quiet phase: was the sentence read aloud, and is the "
              "right microphone selected (and not muted)?",
        "de": "Nach der Ruhephase wurde keine Sprache gefunden: Wurde der Satz laut vorgelesen, "
              "und ist das richtige Mikrofon ausgewählt (und nicht stummgeschaltet)?",
    })


def _noise_not_steady(above_db: float) -> MicWarning:
    return MicWarning("noise_not_steady", {
        "en": f"The quiet phase was not quiet: a sound {above_db:.0f} dB above the room noise "
              "(a door, a voice?). Measure again when the room is quiet.",
        "de": f"Die Ruhephase war nicht ruhig: ein Geräusch {above_db:.0f} dB über dem "
              "Raumgeräusch (eine Tür, eine Stimme?). Messen Sie erneut, wenn es ruhig ist.",
    })
