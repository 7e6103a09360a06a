"""Station configuration: defaults, one YAML file, environment overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.problems import ContentError
from tests.conftest import CONTENT, REPO
from vr_station.config import default_config_file, load_config


def write_config(station_dirs: Path, text: str) -> Path:
    path = station_dirs / "config" / "station.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(station_dirs: Path) -> None:
    config = load_config()
    # Every visitor language of the shipped content (issue 15); German first and the default.
    assert config.languages == ("de", "en", "uk", "ar", "tr", "ru", "de-x-ls")
    assert config.default_language == "de"
    assert config.mode == "auto" and config.center.url is None
    assert config.paths.content_dir == CONTENT
    assert config.paths.data_dir == station_dirs / "data"
    assert config.sources["mode"] == "default"
    assert config.sources["paths.data_dir"] == "$VR_STATION_DATA_DIR"


def test_platform_config_dir_is_used_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VR_STATION_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/etc/kiosk-home/.config")
    path = default_config_file()
    assert path == Path("/etc/kiosk-home/.config/vr-station/station.yaml")
    assert not path.is_relative_to(REPO)


def test_file_values_and_their_source(station_dirs: Path) -> None:
    path = write_config(station_dirs, (
        "station_id: biz-nuernberg-1\nlanguages: [de, en]\ndefault_language: en\nmode: headless\n"
        "center:\n  url: https://center.example:8443\n  token_file: ~/token\n"))
    config = load_config()
    assert config.station_id == "biz-nuernberg-1" and config.default_language == "en"
    assert config.center.url == "https://center.example:8443"
    assert config.center.token_file == Path("~/token").expanduser()
    assert config.sources["station_id"] == str(path)


def test_environment_overrides_the_file(station_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(station_dirs, "mode: desktop\nlanguages: [de]\n")
    monkeypatch.setenv("VR_STATION_MODE", "headless")
    monkeypatch.setenv("VR_STATION_LANGUAGES", "de, en")
    config = load_config()
    assert config.mode == "headless" and config.languages == ("de", "en")
    assert config.sources["mode"] == "$VR_STATION_MODE"


def test_file_errors_name_file_and_line(station_dirs: Path) -> None:
    path = write_config(station_dirs, "station_id: biz 1\nmode: vr\ncentre:\n  url: x\n")
    with pytest.raises(ContentError) as caught:
        load_config()
    lines = [str(p) for p in caught.value.problems]
    assert f"{path}:1:13: station_id: 'biz 1' is not allowed here" in lines
    assert any(line.startswith(f"{path}:2:7: mode: 'vr' is not one of: auto, xr") for line in lines)
    assert any(line.startswith(f"{path}:3:1: (top level): unknown field 'centre'") for line in lines)


def test_broken_yaml_in_config(station_dirs: Path) -> None:
    path = write_config(station_dirs, "mode: [\n")
    with pytest.raises(ContentError) as caught:
        load_config()
    assert str(caught.value.problems[0]).startswith(f"{path}:2:1: YAML syntax error")


def test_environment_errors_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VR_STATION_MODE", "3d")
    monkeypatch.setenv("VR_STATION_CENTER_URL", "ftp://center")
    with pytest.raises(ContentError) as caught:
        load_config()
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "VR_STATION_MODE: '3d' is not one of" in text
    assert "VR_STATION_CENTER_URL: 'ftp://center' is not allowed here" in text


def test_default_language_must_be_offered(station_dirs: Path) -> None:
    write_config(station_dirs, "languages: [de]\ndefault_language: en\n")
    with pytest.raises(ContentError) as caught:
        load_config()
    assert "default_language 'en' is not in languages" in str(caught.value)


def test_speech_recognizer_per_language_and_whisper_settings(station_dirs: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from speech.backends import Backend, LanguageRecognizer

    assert load_config().speech.recognizers == {} and load_config().speech.whisper.device == "auto"
    path = write_config(station_dirs, (
        "speech:\n"
        "  recognizers:\n"
        "    de: {engine: whisper, model: whisper-small}\n"
        "    en: {engine: vosk}\n"
        "  whisper: {beam_size: 1, cpu_threads: 2}\n"))
    monkeypatch.setenv("VR_STATION_WHISPER_DEVICE", "cpu")
    config = load_config()
    assert config.speech.recognizers == {"de": LanguageRecognizer(Backend.WHISPER, "whisper-small"),
                                         "en": LanguageRecognizer(Backend.VOSK, None)}
    whisper = config.speech.whisper
    assert (whisper.device, whisper.beam_size, whisper.cpu_threads) == ("cpu", 1, 2)
    assert config.sources["speech.recognizers.de.model"] == str(path)
    assert config.sources["speech.whisper.device"] == "$VR_STATION_WHISPER_DEVICE"
    write_config(station_dirs, "speech:\n  recognizers:\n    de: {engine: kaldi}\n  whisper: {device: tpu}\n")
    with pytest.raises(ContentError) as caught:
        load_config()
    assert "speech.recognizers.de.engine: 'kaldi' is not one of" in str(caught.value)
    assert "speech.whisper.device: 'tpu' is not one of" in str(caught.value)


def test_outbox_retention_is_30_days_unless_the_file_says_otherwise(station_dirs: Path) -> None:
    assert load_config().outbox.retention_days == 30
    path = write_config(station_dirs, "outbox:\n  retention_days: 7\n")
    config = load_config()
    assert config.outbox.retention_days == 7 and config.outbox.retention_s == 7 * 86400
    assert config.sources["outbox.retention_days"] == str(path)
    write_config(station_dirs, "outbox:\n  retention_days: 0\n")
    with pytest.raises(ContentError, match="retention_days"):
        load_config()


def test_content_poll_interval_is_a_setting_with_a_range(station_dirs: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config().center.content_poll_interval_s == 300.0
    path = write_config(station_dirs, "center:\n  content_poll_interval_s: 60\n")
    config = load_config()
    assert config.center.content_poll_interval_s == 60.0
    assert config.sources["center.content_poll_interval_s"] == str(path)
    monkeypatch.setenv("VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S", "900")
    config = load_config()
    assert config.center.content_poll_interval_s == 900.0
    assert config.sources["center.content_poll_interval_s"] == \
        "$VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S"
    # Out of range, or not a whole number: the problem names the file and line, or the variable.
    for value, expected in (("5", "must be at least 30, not 5"),
                            ("fünf", "should be a whole number, not the text 'fünf'")):
        monkeypatch.setenv("VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S", value)
        with pytest.raises(ContentError) as caught:
            load_config()
        [problem] = caught.value.problems
        assert str(problem).startswith("environment: VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S:")
        assert expected in str(problem)
    monkeypatch.delenv("VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S")
    path = write_config(station_dirs, "center:\n  content_poll_interval_s: 172800\n")
    with pytest.raises(ContentError) as caught:
        load_config()
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{path}:2:")
    assert str(problem).endswith("center.content_poll_interval_s: must be at most 86400, not 172800")


def test_the_poll_interval_reaches_the_content_sync(station_dirs: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from vr_station.content_sync import start_following

    token_file = station_dirs / "token"
    token_file.write_text("not-a-real-token\n")
    # Nothing listens on the discard port: the first poll fails at once and the station runs on.
    monkeypatch.setenv("VR_STATION_CENTER_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("VR_STATION_CENTER_TOKEN_FILE", str(token_file))
    monkeypatch.setenv("VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S", "45")
    follower = start_following(load_config())
    assert follower is not None
    try:
        assert follower.interval_s == 45.0
    finally:
        follower.stop()
