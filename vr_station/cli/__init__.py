"""``vr-station``: one command with sub-commands for visitors' station, staff and developers.

Each sub-command lives in its own module here with a ``register(subparsers)`` function that
adds its parser and sets ``handler``. Heavy libraries (Panda3D, speech) are imported by the
handlers, so ``vr-station content validate`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from catalog.problems import ContentError
from vr_station import __version__

_COMMAND_MODULES = (
    "run",
    "content",
    "config",
    "interview",
    "analyze",
    "models",
    "speech",
    "calibrate",
    "outbox",
    "render",
    "service",
    "report",
)
"""Modules of ``vr_station.cli`` that each register one sub-command."""

log = logging.getLogger("vr_station")


def build_parser() -> argparse.ArgumentParser:
    """The ``vr-station`` parser with every sub-command of ``_COMMAND_MODULES`` registered."""
    parser = argparse.ArgumentParser(
        prog="vr-station",
        description="VR career station: explore occupations and practise job interviews.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of unexpected errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _COMMAND_MODULES:
        importlib.import_module(f"vr_station.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``vr-station`` with ``argv`` (default: the process's arguments); returns the exit status.

    Content problems print one line each and exit 2; an unexpected error prints one line (the
    traceback with ``--debug``) and exits 1; Ctrl-C exits 130.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s" if args.verbose else "%(message)s",
        stream=sys.stderr)
    try:
        return int(args.handler(args) or 0)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vr-station: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"vr-station: unexpected error: {type(exc).__name__}: {exc} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return 1
