"""Choose the recognizer for a session's language, never one of another language.

Order (``Backend.AUTO``): the model station.yaml names for the language (``speech.recognizers``),
if installed; else the best installed model for the language by ``model_catalog`` rank (a
larger Whisper model, then Vosk with the language's model from content/languages.yaml, then
the bundled Whisper base); for English, PocketSphinx's bundled model (with a notice: less
accurate); otherwise typed answers (with a notice and the command that installs a model).
Choosing only checks files; models load on the first answer, on the session's recognition
thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from speech.model_catalog import BUNDLED_WHISPER, Engine, ModelSpec
from speech.models import ModelManager, missing_message
from speech.recognition import Recognizer
from speech.recognizer_settings import DEFAULT_SPEECH, Backend, LanguageRecognizer, SpeechSettings
from speech.speech_cache import SpeechCache
from speech.speech_out import SpeechOut
from speech.whisper_recognizer import whisper_supports

__all__ = ["Backend", "LanguageRecognizer", "RecognizerChoice", "SpeechSettings", "choose_recognizer",
           "station_speech_out"]


POCKETSPHINX_LANGUAGE = "en"
"""The only language PocketSphinx's bundled model speaks."""
_VOSK_CONTENT_RANK = 20
"""Rank of a Vosk model that content names but the catalog does not know (like the official small ones)."""


@dataclass(frozen=True)
class RecognizerChoice:
    """The recognizer chosen for a session's language, and why, when a fallback was taken."""

    backend: Backend
    """What will recognize answers: whisper, vosk, pocketsphinx or typed."""
    recognizer: Recognizer | None
    """None for typed answers."""
    notice: str | None
    """Key of a visitor notice in content/interview.yaml ``notices`` (a fallback was taken)."""
    message: str | None
    """For staff and logs: why, and the command that installs the missing model."""


def choose_recognizer(language: str, language_name: str, vosk_model: str | None, models_dir: Path,
                      want: Backend = Backend.AUTO, *, speech: SpeechSettings = DEFAULT_SPEECH,
                      recognition_prompt: str | None = None) -> RecognizerChoice:
    """The recognizer for ``language`` (see the module for the order).

    ``want`` asks for one backend (the command line's ``--backend``); AUTO follows station.yaml
    (``speech``). TYPED always gives typed answers; a backend that cannot serve the language
    falls back as AUTO does. ``vosk_model`` is the language's Vosk model in content;
    ``recognition_prompt`` its filler sentence for Whisper. Only files are checked.
    """
    if want == Backend.TYPED:
        return RecognizerChoice(Backend.TYPED, None, None, None)
    manager = ModelManager(models_dir)
    configured = speech.recognizers.get(language, LanguageRecognizer())
    engine = configured.engine if want == Backend.AUTO else want
    problems: list[str] = []
    if configured.model and engine in (Backend.AUTO, configured.engine):
        if not _serves(manager, configured.model, language):
            problems.append(f"The model '{configured.model}' that station.yaml names for {language_name} "
                            f"does not recognize {language_name}.")
        elif manager.installed(configured.model):
            return _choice(manager, configured.model, language, speech, recognition_prompt, None)
        else:
            problems.append(f"The model '{configured.model}' that station.yaml names for {language_name} "
                            f"is not installed in {models_dir} (run 'vr-station models fetch "
                            f"{configured.model}').")
    best = _best_installed(manager, language, vosk_model, engine)
    if best is not None:
        message = " ".join([*problems, f"Using {best} instead."]) if problems else None
        return _choice(manager, best, language, speech, recognition_prompt, message)
    problems.append(_missing(manager, language, language_name, vosk_model, engine))
    missing = " ".join(problems)
    if language == POCKETSPHINX_LANGUAGE:
        from speech.pocketsphinx_recognizer import PocketSphinxRecognizer

        if engine == Backend.POCKETSPHINX:
            return RecognizerChoice(Backend.POCKETSPHINX, PocketSphinxRecognizer(), None, None)
        return RecognizerChoice(Backend.POCKETSPHINX, PocketSphinxRecognizer(), "recognizer_limited",
                                f"{missing} Using PocketSphinx (less accurate) meanwhile.")
    if engine == Backend.POCKETSPHINX:
        missing = (f"PocketSphinx only recognizes English; it will not be run on {language_name} "
                   "speech (it would report words that were never said).")
    return RecognizerChoice(Backend.TYPED, None, "recognizer_typed",
                            f"{missing} Answers are typed meanwhile.")


def _serves(manager: ModelManager, name: str, language: str) -> bool:
    """A known model serves the languages it lists (Whisper: those Whisper knows); another, any."""
    spec = manager.spec(name)
    if spec is None or spec.name != name:
        return manager.engine_of(name) is not Engine.WHISPER or whisper_supports(language)
    return spec.serves(language) and (spec.engine is not Engine.WHISPER or whisper_supports(language))


def _best_installed(manager: ModelManager, language: str, vosk_model: str | None,
                    engine: Backend) -> str | None:
    """The folder name of the best installed model of ``engine`` (AUTO: of any) for the language."""
    ranked: list[tuple[int, str]] = []
    if engine in (Backend.AUTO, Backend.WHISPER):
        whisper = manager.best_installed(Engine.WHISPER, language, whisper_supports)
        if whisper is not None:
            ranked.append((whisper.rank, whisper.name))
    if engine in (Backend.AUTO, Backend.VOSK):
        if vosk_model and manager.installed(vosk_model, Engine.VOSK):
            spec = manager.spec(vosk_model, Engine.VOSK)
            ranked.append((spec.rank if spec else _VOSK_CONTENT_RANK, vosk_model))
        else:
            vosk = manager.best_installed(Engine.VOSK, language)
            if vosk is not None:
                ranked.append((vosk.rank, vosk.name))
    return max(ranked)[1] if ranked else None


def _missing(manager: ModelManager, language: str, language_name: str, vosk_model: str | None,
             engine: Backend) -> str:
    if engine == Backend.VOSK or (engine != Backend.WHISPER and not whisper_supports(language)):
        model = vosk_model or "none configured"
        return missing_message(language_name, model, manager.models_dir,
                               manager.spec(vosk_model or language, Engine.VOSK))
    spec: ModelSpec | None = manager.spec(BUNDLED_WHISPER)
    return missing_message(language_name, BUNDLED_WHISPER, manager.models_dir, spec)


def _choice(manager: ModelManager, name: str, language: str, speech: SpeechSettings,
            recognition_prompt: str | None, message: str | None) -> RecognizerChoice:
    path = manager.path(name)
    if manager.engine_of(name) is Engine.WHISPER:
        from speech.whisper_recognizer import WhisperRecognizer

        return RecognizerChoice(Backend.WHISPER, WhisperRecognizer(
            path, language, settings=speech.whisper, recognition_prompt=recognition_prompt), None, message)
    from speech.vosk_recognizer import VoskRecognizer

    return RecognizerChoice(Backend.VOSK, VoskRecognizer(path, language), None, message)


SPEECH_CACHE = "speech"
"""The speech cache's folder in the station's cache directory."""


def station_speech_out(cache_dir: Path) -> SpeechOut:
    """The station's speech output: pyttsx3 in its worker process, cached under ``cache_dir``.

    Create one at station start and share it between sessions; ``close`` it at exit.
    """
    from speech.pyttsx3_synthesizer import Pyttsx3Synthesizer

    return SpeechOut(Pyttsx3Synthesizer(), SpeechCache(cache_dir / SPEECH_CACHE))
