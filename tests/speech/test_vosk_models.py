"""The Vosk model manager against a real HTTP server on loopback, with a small zip built here.

The official models cannot be downloaded in CI; the same code path runs with a catalog entry
whose size and SHA-256 are those of the test zip."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from speech.vosk_models import (
    MANIFEST,
    OFFICIAL_MODELS,
    ModelError,
    ModelManager,
    ModelSpec,
    layout_problem,
    missing_message,
    vocabulary_gaps,
)
from tests.speech.loopback import MODEL_FILES, build_zip, serve


def spec_for(data: bytes, url: str, name: str = "vosk-model-test-de-0.1") -> ModelSpec:
    return ModelSpec(name, "de", url, len(data), hashlib.sha256(data).hexdigest())


@pytest.fixture
def server(tmp_path):
    """A real HTTP server on 127.0.0.1 serving tmp_path/www."""
    root = tmp_path / "www"
    root.mkdir()
    with serve(root) as base:
        yield root, base


def test_official_models_are_known_with_size_and_checksum():
    names = {s.language: s for s in OFFICIAL_MODELS}
    assert names["de"].name == "vosk-model-small-de-0.15" and names["de"].size_bytes == 46_499_967
    assert names["en"].name == "vosk-model-small-en-us-0.15" and names["en"].size_bytes == 41_205_931
    assert all(len(s.sha256) == 64 and s.url.startswith("https://alphacephei.com/") for s in OFFICIAL_MODELS)


def test_fetch_downloads_checks_and_installs_atomically(tmp_path, server):
    root, base = server
    data = build_zip("vosk-model-test-de-0.1")
    (root / "model.zip").write_bytes(data)
    spec = spec_for(data, f"{base}/model.zip")
    manager = ModelManager(tmp_path / "models", [spec])
    lines: list[str] = []
    path = manager.fetch("de", progress=False, log_line=lines.append)
    assert path == tmp_path / "models" / spec.name and manager.installed(spec.name)
    assert (path / "am" / "final.mdl").read_bytes() == MODEL_FILES["am/final.mdl"]
    assert manager.manifest_sha256(spec.name) == spec.sha256
    assert manager.verify(spec.name) == []
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [spec.name]  # no leftovers
    assert lines[-1].startswith("installed")
    # Again: nothing to do. With force: replaced in place.
    manager.fetch("de", progress=False, log_line=lines.append)
    assert "already installed" in lines[-1]
    manager.fetch("de", progress=False, force=True, log_line=lines.append)
    assert manager.verify(spec.name) == []


def test_a_wrong_checksum_installs_nothing(tmp_path, server):
    root, base = server
    data = build_zip("vosk-model-test-de-0.1")
    (root / "model.zip").write_bytes(data)
    spec = ModelSpec("vosk-model-test-de-0.1", "de", f"{base}/model.zip", len(data), "0" * 64)
    manager = ModelManager(tmp_path / "models", [spec])
    with pytest.raises(ModelError, match=r"SHA-256 .* does not match .* nothing was installed"):
        manager.fetch("de", progress=False)
    assert list((tmp_path / "models").iterdir()) == []


def test_a_short_download_and_http_errors_are_reported(tmp_path, server):
    root, base = server
    data = build_zip("vosk-model-test-de-0.1")
    (root / "model.zip").write_bytes(data[:-100])
    manager = ModelManager(tmp_path / "models", [spec_for(data, f"{base}/model.zip")])
    with pytest.raises(ModelError, match="incomplete or not the official model"):
        manager.fetch("de", progress=False)
    missing = ModelManager(tmp_path / "models", [spec_for(data, f"{base}/nothing.zip")])
    with pytest.raises(ModelError, match="HTTP 404"):
        missing.fetch("de", progress=False)
    unreachable = ModelManager(tmp_path / "models", [spec_for(data, "http://127.0.0.1:9/model.zip")])
    with pytest.raises(ModelError, match="--archive FILE"):
        unreachable.fetch("de", progress=False)
    assert list((tmp_path / "models").iterdir()) == []


def test_a_local_archive_installs_like_a_download(tmp_path):
    data = build_zip("x", prefix="")  # a zip with the model files at its root
    archive = tmp_path / "copied.zip"
    archive.write_bytes(data)
    spec = spec_for(data, "https://unused.invalid/model.zip")
    manager = ModelManager(tmp_path / "models", [spec])
    manager.fetch(spec.name, archive=archive, progress=False)
    assert manager.installed(spec.name)


def test_unsafe_or_incomplete_archives_are_refused(tmp_path):
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../outside.txt", b"x")
    data = evil.getvalue()
    (tmp_path / "evil.zip").write_bytes(data)
    manager = ModelManager(tmp_path / "models", [spec_for(data, "https://unused.invalid/")])
    with pytest.raises(ModelError, match="unsafe path"):
        manager.fetch("de", archive=tmp_path / "evil.zip", progress=False)
    assert not (tmp_path / "outside.txt").exists()
    partial = build_zip("m", {"am/final.mdl": b"x"})
    (tmp_path / "partial.zip").write_bytes(partial)
    manager = ModelManager(tmp_path / "models", [spec_for(partial, "https://unused.invalid/")])
    with pytest.raises(ModelError, match=r"incomplete model, missing: conf/model\.conf"):
        manager.fetch("de", archive=tmp_path / "partial.zip", progress=False)


def test_verify_finds_damage_after_install(tmp_path):
    data = build_zip("m")
    (tmp_path / "m.zip").write_bytes(data)
    spec = spec_for(data, "https://unused.invalid/")
    manager = ModelManager(tmp_path / "models", [spec])
    path = manager.fetch("de", archive=tmp_path / "m.zip", progress=False)
    (path / "graph" / "Gr.fst").write_bytes(b"grammar " * 299 + b"GRAMMAR ")
    (path / "ivector" / "final.ie").write_bytes(b"short")
    assert manager.verify(spec.name) == ["graph/Gr.fst: content changed (SHA-256 differs)",
                                         "ivector/final.ie: size changed (5 bytes, expected 800)"]
    (path / "am" / "final.mdl").unlink()
    assert manager.verify(spec.name) == ["incomplete model, missing: am/final.mdl"]
    (path / MANIFEST).unlink()
    assert layout_problem(tmp_path / "nowhere") == "not installed"


def test_missing_model_message_names_the_fix(tmp_path):
    message = missing_message("German", "vosk-model-small-de-0.15", tmp_path, OFFICIAL_MODELS[0])
    assert "No Vosk speech model for German (vosk-model-small-de-0.15)" in message
    assert "vr-station models fetch de" in message and "46 MB" in message and str(tmp_path) in message


def test_vocabulary_gaps_name_terms_the_model_cannot_output(tmp_path):
    data = build_zip("m", prefix="")
    (tmp_path / "m.zip").write_bytes(data)
    spec = spec_for(data, "https://unused.invalid/")
    path = ModelManager(tmp_path / "models", [spec]).fetch("de", archive=tmp_path / "m.zip", progress=False)
    assert vocabulary_gaps(path, ["Hygiene", "HACCP", "Kombidämpfer", "küche"]) == ["Kombidämpfer"]
    assert vocabulary_gaps(tmp_path, ["x"]) is None
