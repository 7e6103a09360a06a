"""``vr-station models``: list, verify and fetch with clear messages (no real model in CI)."""

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


def test_list_shows_both_official_models_not_installed(capsys):
    assert main(["models", "list", "--json"]) == 0
    rows = {r["language"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["de"]["name"] == "vosk-model-small-de-0.15" and not rows["de"]["installed"]
    assert rows["en"]["download_bytes"] == 41_205_931


def test_verify_without_models_says_how_to_install(capsys):
    assert main(["models", "verify"]) == 1
    assert "no models installed" in capsys.readouterr().err


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
    assert "no known Vosk model for 'tr'" in err and "cannot read" in err
