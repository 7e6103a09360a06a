"""``vr-station service install|uninstall|status``: the station starts and restarts itself.

It starts at boot or login and restarts after a crash (systemd on Linux, a scheduled task on
Windows).
"""

from __future__ import annotations

import argparse
import sys

from vr_station.config import MODES


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``service`` with its actions install, uninstall and status."""
    parser = subparsers.add_parser(
        "service", help="install the station as a service that starts and restarts itself")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser("install", help="install, enable and start the service")
    install.add_argument("--system", action="store_true",
                         help="Linux: a system unit started at boot (needs --user-name and root); "
                              "default: a user unit started with your graphical session")
    install.add_argument("--user-name", metavar="NAME",
                         help="the account that runs the station (system unit; Windows: the user "
                              "whose logon starts it, default: you)")
    install.add_argument("--mode", choices=MODES, help="display mode (default: from config)")
    install.add_argument("--windowed", action="store_true",
                         help="a window instead of the full screen (desktop mode)")
    install.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                         help="an environment variable for the station, e.g. DISPLAY=:0 "
                              "(repeatable; VR_STATION_* variables are taken from here)")
    install.add_argument("--no-start", action="store_true",
                         help="only enable it; it starts at the next boot or login")
    install.add_argument("--print", action="store_true",
                         help="print the unit file (Windows: the task XML) and change nothing")
    for name, text in (("uninstall", "stop and remove the service"),
                       ("status", "show whether the service is installed and running")):
        action = actions.add_parser(name, help=text)
        action.add_argument("--system", action="store_true", help="the system unit (Linux)")
    parser.set_defaults(handler=_service)


def _service(args: argparse.Namespace) -> int:
    from vr_station.service.manager import ServiceError, service_manager
    from vr_station.service.spec import station_spec

    try:
        manager = service_manager(system=args.system, user=getattr(args, "user_name", None))
        if args.action == "install":
            # A scheduled task has no environment of its own (see service/windows.py).
            spec = station_spec(mode=args.mode, fullscreen=not args.windowed,
                                extra_env=args.env,
                                environ={} if sys.platform == "win32" else None)
            if args.print:
                print(manager.definition(spec), end="")
                return 0
            where = manager.install(spec, start=not args.no_start)
            print(f"installed {where}" + ("" if args.no_start else "; the station is starting"))
        elif args.action == "uninstall":
            print(f"removed {manager.uninstall()}")
        else:
            status = manager.status()
            print(f"{status.where}: {'installed' if status.installed else 'not installed'}")
            if status.report:
                print(status.report)
            return 0 if status.installed else 3
    except (ServiceError, ValueError) as exc:
        print(f"vr-station service: {exc}", file=sys.stderr)
        return 1
    return 0
