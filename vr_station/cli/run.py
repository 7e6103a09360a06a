"""``vr-station run``: start the station in the best available mode.

``--mode headless`` (and ``auto`` on a machine with neither headset nor display) runs the
scripted demo visitor, since nobody could use a headless station: it walks through a whole
session, saves a screenshot of every step and the interview report, and exits 0.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.loading import load_catalog
from catalog.model import Catalog
from scenes.content_checks import CONTENT_CHECKS
from vr_station.config import MODES, StationConfig, load_config
from vr_station.content_sync import content_dir, start_following, station_versions
from vr_station.logs import LOG_DIR, log_to_file
from vr_station.modes import choose_mode, has_display

log = logging.getLogger("vr_station.run")

DEFAULT_DEMO_OUT = Path("out") / "demo"
DEFAULT_CAPTURE_OUT = Path("out") / "captures"

if TYPE_CHECKING:
    from vr_station.display.base import DisplayMode
    from vr_station.events import StationEvents
    from vr_station.station import Station, StationParts


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``run`` command and its options to the command line."""
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
    parser.add_argument("--xr", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting of the xr mode, e.g. resolution_scale=0.7, play_space=local, "
                             "mirror=offscreen (repeatable; see vr_station/xr/settings.py)")
    parser.add_argument("--events", metavar="FILE",
                        help="write what happens (session states, kiosk steps, input, frames) as "
                             "JSON lines to FILE ('-': stdout), for tools and the XR tests")
    parser.add_argument("--fullscreen", action="store_true",
                        help="desktop mode: fill the screen (a kiosk; the service starts it so)")
    parser.add_argument("--commands", action="store_true",
                        help="with --events: read commands from stdin (capture, exit, key F6, …); "
                             "captures go to --out (default: out/captures)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    config = load_config()
    with log_to_file(config.paths.data_dir / LOG_DIR) as log_file:
        log.debug("logging to %s", log_file)
        return _start(config, args)


def _start(config: StationConfig, args: argparse.Namespace) -> int:
    requested = "headless" if args.demo and not args.mode else (args.mode or config.mode)
    choice = choose_mode(requested)
    for notice in choice.notices:
        log.info("%s", notice)
    if args.demo and choice.mode != "headless":
        log.info("the demo runs headless (it was asked for with --mode %s)", choice.mode)
    log.info("station %s: mode %s, languages %s", config.station_id, choice.mode,
             ", ".join(config.languages))
    # The newest version the center published and this station verified, else the shipped one.
    content = content_dir(station_versions(config), config.paths.content_dir)
    catalog, skipped = load_catalog(content, extra_checks=CONTENT_CHECKS)
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
    return _interactive(config, catalog, choice.mode, args)


def _demo(config: StationConfig, catalog: Catalog, args: argparse.Namespace) -> int:
    from timebase import SimulatedClock
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
    clock = SimulatedClock()
    display = HeadlessDisplay()
    station = Station(display, config, catalog, clock=clock,
                      parts=StationParts(demo=demo_script(catalog.interview_language(language).code),
                                         microphone=DemoVoice()))
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


def _interactive(config: StationConfig, catalog: Catalog, mode: str,
                 args: argparse.Namespace) -> int:
    from vr_station.display.factory import create_display
    from vr_station.display.settings import DisplaySettings
    from vr_station.station import StationParts
    from vr_station.xr.settings import parse_overrides

    try:
        xr_settings = parse_overrides(args.xr)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    choice = create_display(mode, DisplaySettings(fullscreen=args.fullscreen),
                            has_display=has_display(), xr_settings=xr_settings)
    if choice.notice:
        log.info("%s", choice.notice)
    if choice.display.name == "headless":
        return 0
    follower = start_following(config)
    parts = StationParts(content_updates=follower.take_update if follower else None,
                         content_version=follower.content_version if follower else None)
    try:
        return _serve(config, catalog, choice.display, parts, args)
    finally:
        if follower is not None:
            follower.stop()


def _serve(config: StationConfig, catalog: Catalog, display: DisplayMode, parts: StationParts,
           args: argparse.Namespace) -> int:
    from vr_station.display.factory import create_display
    from vr_station.display.settings import DisplaySettings
    from vr_station.station import Station

    station = Station(display, config, catalog, parts=parts)
    try:
        station.start()
    except Exception as exc:
        display.close()
        if display.name != "xr" or not has_display():
            log.error("cannot open the %s display: %s", display.name, exc)
            return 1
        # The runtime answered the probe but not the session (or went away in between).
        log.info("no headset: %s; using desktop", exc)
        station = Station(create_display("desktop", DisplaySettings(fullscreen=args.fullscreen),
                                         has_display=True).display,
                          config, catalog, parts=parts)
        station.start()
    log.info("station %s is up (%s display)", config.station_id, station.display.name)
    events = _watch(station, args) if args.events else None
    with _exit_on_signals(station.display.request_exit):
        try:
            station.run()
        finally:
            if events is not None:
                events.stop()
            station.close()
            if events is not None:
                events.summary()
    return 0


def _watch(station: Station, args: argparse.Namespace) -> StationEvents:
    from vr_station.events import CommandReader, EventWriter, StationEvents

    writer = EventWriter(sys.stdout) if args.events == "-" else \
        EventWriter(open(args.events, "a", encoding="utf-8"), owns_stream=True)  # noqa: SIM115 (the EventWriter owns the stream and closes it with the station)
    events = StationEvents(station, writer, CommandReader(sys.stdin) if args.commands else None,
                           args.out or DEFAULT_CAPTURE_OUT)
    events.start()
    return events


@contextmanager
def _exit_on_signals(request_exit: Callable[[], None]) -> Iterator[None]:
    """Let SIGTERM (systemd, a test) and Ctrl-C end the station in order.

    The headset session ends
    the OpenXR way, the visitor's session is wiped, then the process exits 0.
    """
    def handler(signum: int, frame: object) -> None:
        log.info("%s: ending the station", signal.Signals(signum).name)
        request_exit()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
