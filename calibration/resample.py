"""Change the sample rate of a recording (e.g. espeak-ng's 22 050 Hz or a 48 kHz microphone
to the 16 kHz recognisers expect).

Band-limited in the frequency domain: the spectrum is cut (or zero-padded) at the new Nyquist
frequency. For whole recordings of a few seconds this is exact up to the cut and needs no
filter design; a live stream would use a polyphase filter instead.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def resample(samples: npt.ArrayLike, from_hz: int, to_hz: int) -> npt.NDArray[np.float64]:
    x = np.asarray(samples, dtype=np.float64)
    if from_hz == to_hz or x.size == 0:
        return x.copy()
    n = x.size
    m = max(1, round(n * to_hz / from_hz))
    spectrum = np.fft.rfft(x)
    kept = min(spectrum.size, m // 2 + 1)
    out = np.zeros(m // 2 + 1, dtype=complex)
    out[:kept] = spectrum[:kept]
    if m % 2 == 0 and kept == m // 2 + 1:
        out[-1] = out[-1].real  # the new Nyquist bin of an even length is real
    return np.fft.irfft(out, m) * (m / n)
