"""``vr-station run``: start the station in the best available mode.

``--mode headless`` (and ``auto`` on a machine with neither headset nor display) runs the
scripted demo visitor, since nobody could use a headless station: it walks through a whole
session, saves a screenshot of every step and the interview report, and exits 0.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from vr_station.config import MODES, StationConfig, load_config
from vr_station.content.catalog import load_catalog
from vr_station.content.model import Catalog
from vr_station.modes import choose_mode, has_display

log = logging.getLogger("vr_station.run")

DEFAULT_DEMO_OUT = Path("out") / "demo"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="start the station")
    parser.add_argument("--mode", choices=MODES, help="how to render (default: from config, auto)")
    parser.add_argument("--demo", action="store_true",
                        help="run the scripted demo visitor (headless mode) and exit")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help=f"where the demo saves screenshots and the report "
                             f"(default: {DEFAULT_DEMO_OUT})")
    parser.add_argument("--language", metavar="CODE",
                        help="the language the demo visitor chooses (default: the station's)")
    parser.add_argument("--occupation", metavar="ID", help="the occupation the demo visitor tours")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    config = load_config()
    requested = "headless" if args.demo and not args.mode else (args.mode or config.mode)
    choice = choose_mode(requested)
    for notice in choice.notices:
        log.info("%s", notice)
    if args.demo and choice.mode != "headless":
        log.info("the demo runs headless (it was asked for with --mode %s)", choice.mode)
    log.info("station %s: mode %s, languages %s", config.station_id, choice.mode,
             ", ".join(config.languages))
    catalog, skipped = load_catalog(config.paths.content_dir)
    log.info("content %s: %d occupation(s), %d problem(s) skipped", catalog.content_dir,
             len(catalog.occupations), len(skipped))
    if not catalog.occupations:
        log.error("no valid occupation in %s: run 'vr-station content validate'",
                  catalog.content_dir)
        return 2
    if choice.mode == "headless" or args.demo:
        if not args.demo:
            log.info("headless: nobody can use the station without a display; running the "
                     "scripted demo visitor")
        return _demo(config, catalog, args)
    return _interactive(config, catalog, choice.mode)


def _demo(config: StationConfig, catalog: Catalog, args: argparse.Namespace) -> int:
    from vr_station.clock import SteppedClock
    from vr_station.demo import DemoStuck, DemoVisitor, DemoVoice, demo_script, write_summary
    from vr_station.display.headless import HeadlessDisplay
    from vr_station.station import Station, StationParts

    out_dir: Path = args.out or DEFAULT_DEMO_OUT
    language = args.language or config.default_language
    if language not in catalog.ui:
        log.error("no interface texts for language %r (content/ui/%s.yaml)", language, language)
        return 2
    if args.occupation and args.occupation not in catalog.occupations:
        log.error("no occupation %r (there are: %s)", args.occupation,
                  ", ".join(catalog.occupations))
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("[0-9][0-9]-*.png"):
        old.unlink()
    clock = SteppedClock()
    display = HeadlessDisplay()
    station = Station(display, config, catalog, clock=clock,
                      parts=StationParts(demo=demo_script(language), microphone=DemoVoice()))
    station.start()
    try:
        visitor = DemoVisitor(station, display, clock, out_dir, language=language,
                              occupation_id=args.occupation)
        result = visitor.run()
    except DemoStuck as exc:
        log.error("the demo visitor got stuck: %s", exc)
        return 1
    finally:
        station.close()
    write_summary(result)
    print(result.summary())
    sys.stdout.flush()
    return 0


def _interactive(config: StationConfig, catalog: Catalog, mode: str) -> int:
    from vr_station.display.factory import create_display
    from vr_station.display.settings import DisplaySettings
    from vr_station.station import Station

    choice = create_display(mode, DisplaySettings(), has_display=has_display())
    if choice.notice:
        log.info("%s", choice.notice)
    if choice.display.name == "headless":
        return 0
    station = Station(choice.display, config, catalog)
    try:
        station.start()
    except Exception as exc:
        log.error("cannot open the %s display: %s", choice.display.name, exc)
        choice.display.close()
        return 1
    try:
        station.run()
    finally:
        station.close()
    return 0
