"""``vr-station models``: list, verify and fetch with clear messages (the bundled models are real)."""

from __future__ import annotations

import json

import pytest

from tests.speech.loopback import build_zip, serve
from vr_station.cli import main


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    with serve(root) as base:
        yield root, base


def test_list_shows_whisper_and_vosk_models_not_installed(capsys):
    assert main(["models", "list", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["vosk-model-small-de-0.15"]["languages"] == ["de"]
    assert not rows["vosk-model-small-de-0.15"]["installed"]
    assert rows["vosk-model-small-en-us-0.15"]["download_bytes"] == 41_205_931
    assert rows["whisper-base"]["bundled"] and rows["whisper-base"]["languages"] == []
    assert rows["whisper-small"]["engine"] == "whisper" and rows["whisper-small"]["download_bytes"] > 4e8


def test_fetch_installs_the_bundled_whisper_base_and_verify_checks_it(station_dirs, capsys):
    assert main(["models", "fetch", "whisper-base", "--no-progress"]) == 0
    assert "installed whisper-base" in capsys.readouterr().err
    assert main(["models", "verify"]) == 0
    assert capsys.readouterr().out.strip() == "whisper-base: ok"
    (station_dirs / "models" / "whisper-base" / "config.json").write_text("{}")
    assert main(["models", "verify", "whisper-base"]) == 1
    out = capsys.readouterr().out
    assert "whisper-base: DAMAGED" in out and "config.json: size changed" in out


def test_verify_without_models_says_how_to_install(capsys):
    assert main(["models", "verify"]) == 1
    assert "no models installed" in capsys.readouterr().err  # and names whisper-base


def test_fetch_of_a_file_that_is_not_the_official_model_installs_nothing(server, station_dirs, capsys):
    root, base = server
    (root / "fake.zip").write_bytes(build_zip("vosk-model-small-de-0.15"))
    code = main(["models", "fetch", "de", "--url", f"{base}/fake.zip", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1
    assert "expected 46499967: the file is incomplete or not the official model; nothing was installed" in err
    models = station_dirs / "models"
    assert not models.exists() or list(models.iterdir()) == []


def test_fetch_unknown_language_and_missing_archive(tmp_path, capsys):
    assert main(["models", "fetch", "tr"]) == 1
    assert main(["models", "fetch", "de", "--archive", str(tmp_path / "none.zip")]) == 1
    err = capsys.readouterr().err
    assert "no known speech model 'tr'" in err and "cannot read" in err
