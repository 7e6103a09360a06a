"""What station.yaml says about speech recognition (``speech``), as frozen settings.

Plain dataclasses without a speech library or numpy, so the station's configuration loads fast
(``vr_station.config`` builds them; ``backends`` and the Whisper recognizer read them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Backend(StrEnum):
    """What recognizes answers; AUTO takes the best one installed for the language."""

    AUTO = "auto"
    WHISPER = "whisper"
    VOSK = "vosk"
    POCKETSPHINX = "pocketsphinx"
    TYPED = "typed"


@dataclass(frozen=True)
class SegmentPolicy:
    """Where an answer is cut into segments for Whisper, and whether to decode at every pause.

    Measured on the benchmark's espeak-ng answers (README, "Measured"): cutting at every
    pause lost words (German word error rate 0.27 against 0.22), one window per answer lost
    the head start and looped on long answers.
    """

    pause_s: float = 0.35
    """A pause this long may end a segment (and starts a speculative decode)."""
    min_segment_s: float = 12.0
    """A segment ends at the first such pause once it is this long."""
    max_segment_s: float = 25.0
    """A segment that reaches this length is cut at its quietest frame (Whisper hears 30 s)."""
    speculate: bool = True
    """Decode the open segment at every pause, in case the answer ends there."""


@dataclass(frozen=True)
class WhisperSettings:
    """How Whisper runs on this station (station.yaml ``speech.whisper``)."""

    device: str = "auto"
    """auto (CUDA when ctranslate2 sees a GPU), cpu or cuda."""
    beam_size: int = 5
    """5 hears best (German word error rate 0.22 against 0.28 with 1); 1 is about twice as fast."""
    cpu_threads: int = 0
    """Threads on the CPU; 0: as many as the machine has cores, at most 4."""
    policy: SegmentPolicy = field(default_factory=SegmentPolicy)


@dataclass(frozen=True)
class LanguageRecognizer:
    """What station.yaml says about one language's recognizer (``speech.recognizers.<code>``)."""

    engine: Backend = Backend.AUTO
    model: str | None = None
    """A model folder in the models directory; None: the best installed one of ``engine``."""


@dataclass(frozen=True)
class SpeechSettings:
    """The station's speech-recognition settings (station.yaml ``speech``)."""

    recognizers: Mapping[str, LanguageRecognizer] = field(default_factory=dict)
    """Per language code; a language not named takes the best installed recognizer."""
    whisper: WhisperSettings = field(default_factory=WhisperSettings)


DEFAULT_SPEECH = SpeechSettings()
"""No station.yaml ``speech`` section: the best installed recognizer, Whisper as above."""
