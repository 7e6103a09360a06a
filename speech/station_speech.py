"""The station's one text-to-speech path: the interview engine's speech output.

Tour narration, hotspots and the interviewer all speak through one ``SpeechOut``
(``speech``): pyttsx3 in a worker process of its own (espeak-ng on Linux,
SAPI5 on Windows; a hung engine is killed and restarted, never the station), in front of a
disk cache keyed by (engine, voice, rate, text), so a stop or a question heard before costs
no synthesis. The station makes one at start (``station_speech``) and closes it at exit.

``StationSpeech.synthesize`` blocks: the narrator calls it on the speech lane of
``BackgroundJobs``, never on the render thread. The interview adapter hands the same
``SpeechOut`` to the engine's ``InterviewSession``, which has its own worker threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from speech.backends import SPEECH_CACHE, station_speech_out
from speech.clip import SpeechClip
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from speech.synthesis import SynthesisError, Synthesizer, pick_voice

log = logging.getLogger(__name__)

SPEAK_TIMEOUT_S = 20.0
"""Longer than any sentence of content takes to synthesize; the narrator gives up sooner."""


class SpeechUnavailable(RuntimeError):
    """No voice could be used; the station shows captions only."""


def station_speech(cache_dir: Path, synthesizer: Synthesizer | None = None) -> StationSpeech:
    """The station's speech output, cached in ``cache_dir/speech``.

    ``synthesizer`` None: pyttsx3 in its worker process (tests pass a fake).
    """
    if synthesizer is None:
        return StationSpeech(station_speech_out(cache_dir))
    return StationSpeech(SpeechOut(synthesizer, SpeechCache(cache_dir / SPEECH_CACHE)))


class StationSpeech:
    """``SpeechOut`` with the voices of the content's languages (``tts_voices``) resolved."""

    def __init__(self, speech_out: SpeechOut) -> None:
        self.speech_out = speech_out
        self._voices: dict[tuple[str, ...], str | None] = {}
        self._lock = threading.Lock()

    def voice_for(self, candidates: Sequence[str]) -> str | None:
        """The engine's voice id for the first of ``candidates`` it has (None: its default voice).

        Blocks the first time (asks the engine): worker threads only.
        """
        key = tuple(candidates)
        with self._lock:
            if key in self._voices:
                return self._voices[key]
        try:
            voices = self.speech_out.synthesizer.voices()
        except SynthesisError as exc:
            raise SpeechUnavailable(f"no text-to-speech engine: {exc} (on Debian: apt-get "
                                    "install espeak-ng)") from exc
        voice = pick_voice(voices, key)
        if voice is None:
            log.warning("none of the voices %s is installed (content/languages.yaml: "
                        "speech.tts_voices): narration in this language shows captions only; "
                        "install the voice (espeak-ng, or the Windows language pack with its "
                        "SAPI5 voice)", ", ".join(key))
        with self._lock:
            self._voices[key] = voice
        return voice

    @property
    def chosen_voices(self) -> dict[tuple[str, ...], str | None]:
        """Each voice list asked for so far and the installed voice that speaks it (None: none)."""
        with self._lock:
            return dict(self._voices)

    @property
    def missing_voices(self) -> list[tuple[str, ...]]:
        """The voice lists asked for so far that no installed voice answers (staff diagnostics)."""
        with self._lock:
            return [key for key, voice in self._voices.items() if voice is None]

    def synthesize(self, text: str, voices: Sequence[str], rate_wpm: float) -> SpeechClip:
        """Speak ``text`` (from the cache when said before). Blocking; worker thread only.

        Raises SpeechUnavailable when none of ``voices`` is installed: the engine's default
        voice would read Ukrainian or Arabic text with English or German sounds, which nobody
        understands, so the narrator shows captions only.
        """
        voice = self.voice_for(voices)
        if voice is None:
            raise SpeechUnavailable(f"no voice installed for {', '.join(voices)}")
        try:
            audio = self.speech_out.speak(text, voice, rate_wpm, timeout_s=SPEAK_TIMEOUT_S)
        except (SynthesisError, FutureTimeout) as exc:
            raise SpeechUnavailable(str(exc) or "the speech engine did not answer") from exc
        return SpeechClip.from_audio(audio)

    def close(self) -> None:
        """Stop the speech worker (station exit)."""
        self.speech_out.close()
