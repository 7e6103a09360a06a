"""``vr-station run``: start the station in the best available mode."""

from __future__ import annotations

import argparse
import logging

from vr_station.config import MODES, load_config
from vr_station.content.catalog import load_catalog
from vr_station.modes import choose_mode

log = logging.getLogger("vr_station.run")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="start the station")
    parser.add_argument("--mode", choices=MODES, help="how to render (default: from config, auto)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    config = load_config()
    choice = choose_mode(args.mode or config.mode)
    for notice in choice.notices:
        log.info("%s", notice)
    log.info("station %s: mode %s, languages %s", config.station_id, choice.mode,
             ", ".join(config.languages))
    catalog, skipped = load_catalog(config.paths.content_dir)
    log.info("content %s: %d occupation(s), %d problem(s) skipped", catalog.content_dir,
             len(catalog.occupations), len(skipped))
    return 0
