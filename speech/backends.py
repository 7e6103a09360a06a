"""Choose the recognizer for a session's language, never one of another language.

Order: Vosk with the language's model (content/languages.yaml ``vosk_model``) if installed;
for English, PocketSphinx's bundled model (with a notice: less accurate); otherwise typed
answers (with a notice and the command that installs the model). Choosing only checks files;
models load on the first answer, on the session's recognition thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from speech.recognition import Recognizer
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from speech.vosk_models import ModelManager, missing_message


class Backend(StrEnum):
    """What recognizes answers; AUTO takes the best one installed for the language."""

    AUTO = "auto"
    VOSK = "vosk"
    POCKETSPHINX = "pocketsphinx"
    TYPED = "typed"


POCKETSPHINX_LANGUAGE = "en"
"""The only language PocketSphinx's bundled model speaks."""


@dataclass(frozen=True)
class RecognizerChoice:
    """The recognizer chosen for a session's language, and why, when a fallback was taken."""

    backend: Backend
    """What will recognize answers: vosk, pocketsphinx or typed."""
    recognizer: Recognizer | None
    """None for typed answers."""
    notice: str | None
    """Key of a visitor notice in content/interview.yaml ``notices`` (a fallback was taken)."""
    message: str | None
    """For staff and logs: why, and the command that installs the missing model."""


def choose_recognizer(language: str, language_name: str, vosk_model: str | None,
                      models_dir: Path, want: Backend = Backend.AUTO) -> RecognizerChoice:
    """Vosk for ``language`` if its model is installed, else PocketSphinx for English, else typed.

    ``want`` asks for one backend: TYPED always gives typed answers; a backend that cannot serve
    the language falls back as AUTO does. Only files are checked: models load on the first answer.
    """
    manager = ModelManager(models_dir)
    missing = None
    if want in (Backend.AUTO, Backend.VOSK):
        if vosk_model and manager.installed(vosk_model):
            from speech.vosk_recognizer import VoskRecognizer

            return RecognizerChoice(Backend.VOSK, VoskRecognizer(manager.path(vosk_model), language),
                                    None, None)
        missing = missing_message(language_name, vosk_model or "none configured", models_dir,
                                  manager.spec(language))
    if want == Backend.TYPED:
        return RecognizerChoice(Backend.TYPED, None, None, None)
    if language == POCKETSPHINX_LANGUAGE:
        from speech.pocketsphinx_recognizer import PocketSphinxRecognizer

        message = f"{missing} Using PocketSphinx (less accurate) meanwhile." if missing else None
        return RecognizerChoice(Backend.POCKETSPHINX, PocketSphinxRecognizer(),
                                "recognizer_pocketsphinx" if missing else None, message)
    if want == Backend.POCKETSPHINX:
        missing = (f"PocketSphinx only recognizes English; it will not be run on {language_name} "
                   "speech (it would report words that were never said).")
    return RecognizerChoice(Backend.TYPED, None, "recognizer_typed",
                            f"{missing} Answers are typed meanwhile.")


SPEECH_CACHE = "speech"
"""The speech cache's folder in the station's cache directory."""


def station_speech_out(cache_dir: Path) -> SpeechOut:
    """The station's speech output: pyttsx3 in its worker process, cached under ``cache_dir``.

    Create one at station start and share it between sessions; ``close`` it at exit.
    """
    from speech.pyttsx3_synthesizer import Pyttsx3Synthesizer

    return SpeechOut(Pyttsx3Synthesizer(), SpeechCache(cache_dir / SPEECH_CACHE))
