"""Microphone calibration: accuracy over a grid of talker and room levels, and analysis time.

    .venv/bin/python -m bench.calibration_accuracy [--seeds 5]

For each talker level (ITU-T P.56 active level of real espeak-ng speech) and room noise
level, several noise seeds and both test languages: 3.5 s of room noise, a sentence, 1.5 s of
room noise, through ``calibration.mic.analyse``. Prints the worst and mean absolute errors of
noise floor and speech level, and how long one analysis of a 16 kHz recording takes.
"""

from __future__ import annotations

import argparse
import statistics
import time

from calibration.mic import analyse, split_recording
from tests.calibration.audio import RATE_HZ, SENTENCE_A, SENTENCE_DE, recording

SPEECH_DBFS = (-20.0, -26.0, -32.0, -38.0)
SNR_DB = (10.0, 12.0, 15.0, 20.0, 30.0, 40.0)


def main() -> None:
    """Analyse every talker level, noise level, seed and language; print the errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print(f"{'SNR dB':>7} {'cases':>6} {'noise max|err|':>15} {'speech max|err|':>16} "
          f"{'speech mean err':>16} {'low_snr warned':>15}")
    timings = []
    for snr in SNR_DB:
        noise_errors, speech_errors, signed, warned = [], [], [], 0
        for speech_dbfs in SPEECH_DBFS:
            for language, sentence in (("en", SENTENCE_A), ("de", SENTENCE_DE)):
                for seed in range(args.seeds):
                    made = recording([("pause", 3.5), (sentence, 0), ("pause", 1.5)], speech_dbfs,
                                     speech_dbfs - snr, language=language, seed=seed)
                    started = time.perf_counter()
                    m = analyse(*split_recording(made.samples, RATE_HZ), RATE_HZ)
                    timings.append((time.perf_counter() - started, made.samples.size / RATE_HZ))
                    assert m.speech_level_dbfs is not None
                    noise_errors.append(abs(m.noise_floor_dbfs - (speech_dbfs - snr)))
                    speech_errors.append(abs(m.speech_level_dbfs - speech_dbfs))
                    signed.append(m.speech_level_dbfs - speech_dbfs)
                    warned += any(w.code == "low_snr" for w in m.warnings)
        print(f"{snr:>7.0f} {len(signed):>6} {max(noise_errors):>15.2f} {max(speech_errors):>16.2f} "
              f"{statistics.mean(signed):>+16.2f} {warned:>8}/{len(signed)}")
    seconds = statistics.median(t for t, _ in timings)
    length = statistics.median(d for _, d in timings)
    print(f"analysis time: median {1000 * seconds:.0f} ms for {length:.1f} s of 16 kHz audio")


if __name__ == "__main__":
    main()
