r"""The station's configuration: one YAML file with defaults, overridable by environment.

The file lives in the platform's config directory (Linux: ``~/.config/vr-station/station.yaml``,
Windows: ``%APPDATA%\vr-station\station.yaml``); ``VR_STATION_CONFIG`` names another.
Every setting can be overridden by an environment variable ``VR_STATION_<NAME>`` (see ``ENV``).
Data, caches and speech models go to the platform's data and cache directories, never into
the repository. Only the entry point calls ``load_config``; everything else is handed the
frozen ``StationConfig``.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from calibration.profile import PROFILE_FILE_NAME
from catalog.files import default_content_dir
from catalog.problems import ContentError, Problem
from catalog.schema import check_schema
from catalog.yaml_loader import YamlDocument, load_yaml_file
from speech.recognizer_settings import Backend, LanguageRecognizer, SpeechSettings, WhisperSettings

APP_NAME = "vr-station"
MODES = ("auto", "xr", "desktop", "headless")

ENV: Mapping[str, tuple[str, ...]] = {
    "VR_STATION_STATION_ID": ("station_id",),
    "VR_STATION_LANGUAGES": ("languages",),
    "VR_STATION_DEFAULT_LANGUAGE": ("default_language",),
    "VR_STATION_MODE": ("mode",),
    "VR_STATION_CENTER_URL": ("center", "url"),
    "VR_STATION_CENTER_TOKEN_FILE": ("center", "token_file"),
    "VR_STATION_CENTER_CA_FILE": ("center", "ca_file"),
    "VR_STATION_CENTER_PROXY": ("center", "proxy"),
    "VR_STATION_CENTER_CONTENT_POLL_INTERVAL_S": ("center", "content_poll_interval_s"),
    "VR_STATION_DATA_DIR": ("paths", "data_dir"),
    "VR_STATION_CACHE_DIR": ("paths", "cache_dir"),
    "VR_STATION_MODELS_DIR": ("paths", "models_dir"),
    "VR_STATION_CONTENT_DIR": ("paths", "content_dir"),
    "VR_STATION_WHISPER_DEVICE": ("speech", "whisper", "device"),
}
"""Environment variable → setting it overrides. ``VR_STATION_CONFIG`` names the file."""
_WHOLE_NUMBERS = {("center", "content_poll_interval_s")}
"""Settings whose variable is read as an integer (the schema then checks its range)."""


@dataclass(frozen=True)
class StationPaths:
    """Where the station keeps its configuration, data, caches, speech models and content."""

    config_file: Path
    data_dir: Path
    """Outbox database, reports a visitor chose to keep."""
    cache_dir: Path
    """Synthesized speech and other things that can be rebuilt."""
    models_dir: Path
    """Speech-recognition models."""
    content_dir: Path

    @property
    def profile_file(self) -> Path:
        """The station profile that ``vr-station calibrate`` writes, beside the config file."""
        return self.config_file.parent / PROFILE_FILE_NAME


@dataclass(frozen=True)
class CenterSettings:
    """The center this station delivers its anonymous feedback to, and how it gets there."""

    url: str | None
    """The center server, e.g. https://center.example:8443; None keeps records local."""
    token_file: Path | None
    """A file holding this station's token for the center."""
    ca_file: Path | None
    """A CA bundle for a center with its own certificate authority."""
    proxy: str | None
    content_poll_interval_s: float = 300.0
    """Seconds between two asks for newly published content (a poll is usually one 304)."""


@dataclass(frozen=True)
class OutboxSettings:
    """How long the outbox keeps records that no center collects."""

    retention_days: int = 30
    """A station without a center deletes a record this many days after the visit (and logs it)."""

    @property
    def retention_s(self) -> float:
        """``retention_days`` in seconds."""
        return self.retention_days * 86400.0


@dataclass(frozen=True)
class StationConfig:
    """The station's effective configuration: its id, languages, display mode, center and paths."""

    station_id: str
    languages: tuple[str, ...]
    default_language: str
    mode: str
    """auto, xr, desktop or headless."""
    center: CenterSettings
    paths: StationPaths
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """Which recognizer hears each language, and how Whisper runs."""
    outbox: OutboxSettings = field(default_factory=OutboxSettings)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Setting → where its value came from (default, the file, or an environment variable)."""


def default_config_file(environ: Mapping[str, str] = os.environ) -> Path:
    """``$VR_STATION_CONFIG``, else ``station.yaml`` in the platform's config directory."""
    if environ.get("VR_STATION_CONFIG"):
        return Path(environ["VR_STATION_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "station.yaml"


def defaults() -> dict[str, Any]:
    """Every setting's default, as the configuration file would write it."""
    return {
        "station_id": _default_station_id(),
        # Every visitor language of the shipped content (content/languages.yaml); a job centre
        # lists fewer in station.yaml.
        "languages": ["de", "en", "uk", "ar", "tr", "ru", "de-x-ls"],
        "default_language": "de",
        "mode": "auto",
        "center": {"url": None, "token_file": None, "ca_file": None, "proxy": None,
                   "content_poll_interval_s": int(CenterSettings.content_poll_interval_s)},
        "outbox": {"retention_days": OutboxSettings.retention_days},
        "paths": {
            "data_dir": platformdirs.user_data_dir(APP_NAME, appauthor=False),
            "cache_dir": platformdirs.user_cache_dir(APP_NAME, appauthor=False),
            "models_dir": str(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "models"),
            "content_dir": str(default_content_dir()),
        },
        "speech": {
            "recognizers": {},
            "whisper": {"device": "auto", "beam_size": 5, "cpu_threads": 0},
        },
    }


def load_config(environ: Mapping[str, str] = os.environ) -> StationConfig:
    """Defaults, then the config file (if it exists), then the environment.

    Raises ContentError naming the file and line (or the variable) of every problem.
    """
    config_file = default_config_file(environ)
    settings = defaults()
    sources = {key: "default" for key in _leaf_keys(settings)}
    problems: list[Problem] = []
    if config_file.exists():
        try:
            document = load_yaml_file(config_file)
        except ContentError as exc:
            raise ContentError(exc.problems) from None
        if document.data is not None:
            problems += check_schema(document, "station")
            if not problems:
                _merge(settings, document.data, sources, str(config_file))
    env_values = _from_environment(environ)
    env_document = YamlDocument(Path("environment"), env_values, {}, {})
    for problem in check_schema(env_document, "station"):
        problems.append(_env_problem(problem))
    if problems:
        raise ContentError(problems)
    _merge(settings, env_values, sources, "environment")
    for variable, path in ENV.items():
        if variable in environ and environ[variable] != "":
            sources[".".join(path)] = f"${variable}"
    if settings["default_language"] not in settings["languages"]:
        where = sources["default_language"]
        raise ContentError([Problem(config_file if where == str(config_file) else Path(where),
                                    None, None, f"default_language '{settings['default_language']}'"
                                    f" is not in languages {settings['languages']}")])
    return _build(settings, config_file, sources)


def _build(s: Mapping[str, Any], config_file: Path, sources: Mapping[str, str]) -> StationConfig:
    paths, center, speech = s["paths"], s["center"], s["speech"]
    return StationConfig(
        station_id=s["station_id"],
        languages=tuple(s["languages"]),
        default_language=s["default_language"],
        mode=s["mode"],
        center=CenterSettings(
            url=center["url"],
            token_file=_path_or_none(center["token_file"]),
            ca_file=_path_or_none(center["ca_file"]),
            proxy=center["proxy"],
            content_poll_interval_s=float(center["content_poll_interval_s"])),
        paths=StationPaths(
            config_file=config_file,
            data_dir=Path(paths["data_dir"]).expanduser(),
            cache_dir=Path(paths["cache_dir"]).expanduser(),
            models_dir=Path(paths["models_dir"]).expanduser(),
            content_dir=Path(paths["content_dir"]).expanduser()),
        speech=SpeechSettings(
            recognizers={code: LanguageRecognizer(Backend(entry.get("engine", "auto")), entry.get("model"))
                         for code, entry in speech["recognizers"].items()},
            whisper=WhisperSettings(device=speech["whisper"]["device"],
                                    beam_size=speech["whisper"]["beam_size"],
                                    cpu_threads=speech["whisper"]["cpu_threads"])),
        outbox=OutboxSettings(retention_days=s["outbox"]["retention_days"]),
        sources=dict(sources),
    )


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for variable, path in ENV.items():
        raw = environ.get(variable)
        if raw is None or raw == "":
            continue
        value: Any = [part.strip() for part in raw.split(",") if part.strip()] \
            if path == ("languages",) else raw
        if path in _WHOLE_NUMBERS:
            value = _whole_number(raw)
        target = values
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    return values


def _whole_number(raw: str) -> int | str:
    """``raw`` as an integer; unchanged when it is none, so the schema names the variable."""
    try:
        return int(raw.strip())
    except ValueError:
        return raw


def _env_problem(problem: Problem) -> Problem:
    """Name the variable instead of the setting in a problem found in environment values."""
    message = problem.message
    for variable, path in ENV.items():
        dotted_path = ".".join(path)
        if message.startswith(dotted_path + ":"):
            message = variable + message[len(dotted_path):]
            break
    return Problem(Path("environment"), None, None, message)


def _merge(target: dict[str, Any], source: Mapping[str, Any], sources: dict[str, str],
           origin: str, prefix: str = "") -> None:
    for key, value in source.items():
        if isinstance(value, Mapping):
            _merge(target.setdefault(key, {}), value, sources, origin, f"{prefix}{key}.")
        else:
            target[key] = value
            sources[f"{prefix}{key}"] = origin


def _leaf_keys(settings: Mapping[str, Any], prefix: str = "") -> list[str]:
    keys = []
    for key, value in settings.items():
        if isinstance(value, Mapping):
            keys += _leaf_keys(value, f"{prefix}{key}.")
        else:
            keys.append(f"{prefix}{key}")
    return keys


def _path_or_none(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def _default_station_id() -> str:
    """The host name, trimmed to what a station id may hold."""
    name = "".join(c for c in socket.gethostname() if c.isalnum() or c in "._-")
    return (name or "station")[:64]
