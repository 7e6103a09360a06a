"""``vr-station config show|path``: the station's effective configuration."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from vr_station.config import default_config_file, load_config


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station config show|path`` to ``subparsers``."""
    parser = subparsers.add_parser("config", help="show the station's configuration")
    commands = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = commands.add_parser("show", help="print every setting and where its value came from")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)
    path = commands.add_parser("path", help="print the configuration file's path")
    path.set_defaults(handler=lambda args: print(default_config_file()))


def _show(args: argparse.Namespace) -> int:
    config = load_config()
    values = _plain(asdict(config))
    sources = values.pop("sources")
    if args.json:
        print(json.dumps({"settings": values, "sources": sources}, indent=2, ensure_ascii=False))
        return 0
    exists = "" if config.paths.config_file.exists() else " (not present: defaults apply)"
    print(f"# {config.paths.config_file}{exists}")
    for key, value in _flatten(values):
        origin = sources.get(key, "")
        print(f"{key:<20} {value!s:<50} {origin}")
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def _flatten(values: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows = []
    for key, value in values.items():
        if isinstance(value, dict):
            rows += _flatten(value, f"{prefix}{key}.")
        else:
            rows.append((f"{prefix}{key}", value))
    return rows
