"""``vr-center``: run the center's server and look after its database.

    vr-center serve [--db URL] [--host H] [--port P] [--workers N] [--ssl-certfile F --ssl-keyfile F]
    vr-center export [--db URL] --csv FILE [--format excel|raw]
    vr-center stations add|rotate|revoke NAME, stations list
    vr-center users add NAME --role ROLE, users list|set-role|passwd|disable|enable
    vr-center purge [--older-than-days N]
    vr-center db upgrade, db rebuild-figures

``--db`` defaults to $VR_CENTER_DB, else a SQLite file in the platform's data directory.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import socket
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from center.database import make_engine, migrate, schema_revision
from center.settings import ENV_DB, ENV_TIMEZONE, SettingsError, settings_from_env
from center.staff import Role, StaffError
from center.stations import StationError
from center.version import app_version

log = logging.getLogger("center")


def build_parser() -> argparse.ArgumentParser:
    """The ``vr-center`` command line: serve, purge, stations and staff accounts."""
    parser = argparse.ArgumentParser(prog="vr-center", description=(
        "The job center's server: collects the stations' session feedback and shows staff "
        "what works."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {app_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", help="run the server (API for stations, staff dashboard)")
    _db_option(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: %(default)s; 0.0.0.0 for all)")
    serve.add_argument("--port", type=int, default=8080, help="port (default: %(default)s)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    serve.add_argument("--ssl-certfile", type=Path, help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--ssl-keyfile", type=Path, help="the certificate's private key (PEM)")
    serve.add_argument("--timezone", help="the center's time zone (default: Europe/Berlin)")
    serve.add_argument("--proxy-headers", action="store_true",
                       help="trust X-Forwarded-* from a reverse proxy on this host")
    serve.add_argument("--no-migrate", action="store_true",
                       help="do not upgrade the database schema at start")
    serve.set_defaults(handler=_serve)

    export = commands.add_parser("export", help="write every stored record to a CSV file")
    _db_option(export)
    export.add_argument("--csv", type=Path, required=True, metavar="FILE",
                        help="the CSV file to write ('-' for standard output)")
    export.add_argument("--format", choices=["excel", "raw"], default="excel",
                        help="excel: German column names, labels, local time and decimal commas "
                             "(default); raw: ids, UTC ISO times, decimal points, for scripts")
    export.set_defaults(handler=_export)

    stations = commands.add_parser("stations", help="register stations and manage their tokens")
    actions = stations.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (("add", "register a station and print its token (shown once)"),
                       ("rotate", "print a new token for a station (the old one stops working)"),
                       ("revoke", "refuse the station's token from now on")):
        action = actions.add_parser(name, help=text, parents=[_db_parent()])
        action.add_argument("name", help="the station's station_id")
        action.set_defaults(handler=_stations)
    actions.add_parser("list", help="list stations", parents=[_db_parent()]).set_defaults(
        handler=_stations, name=None)

    users = commands.add_parser("users", help="staff accounts")
    actions = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add an account (asks for the password)",
                             parents=[_db_parent()])
    add.add_argument("name")
    add.add_argument("--role", required=True, help="viewer, content-editor or admin")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from standard input (for scripts)")
    add.set_defaults(handler=_users)
    role = actions.add_parser("set-role", help="change an account's role", parents=[_db_parent()])
    role.add_argument("name")
    role.add_argument("role", help="viewer, content-editor or admin")
    role.set_defaults(handler=_users)
    passwd = actions.add_parser("passwd", help="set a new password (ends the account's logins)",
                                parents=[_db_parent()])
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    passwd.set_defaults(handler=_users)
    for name in ("disable", "enable"):
        toggle = actions.add_parser(name, help=f"{name} an account", parents=[_db_parent()])
        toggle.add_argument("name")
        toggle.set_defaults(handler=_users)
    actions.add_parser("list", help="list accounts", parents=[_db_parent()]).set_defaults(
        handler=_users)

    purge = commands.add_parser("purge", help="delete records past the retention period now")
    _db_option(purge)
    purge.add_argument("--older-than-days", type=int, metavar="N",
                       help="instead of the center's retention period")
    purge.set_defaults(handler=_purge)

    db = commands.add_parser("db", help="the database schema")
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    db_actions.add_parser("upgrade", help="apply pending migrations",
                          parents=[_db_parent()]).set_defaults(handler=_upgrade)
    db_actions.add_parser("rebuild-figures", help=(
        "sum the dashboard's daily figures afresh from the records (after restoring or editing "
        "records in the database by hand)"), parents=[_db_parent()]).set_defaults(
        handler=_rebuild_figures)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``vr-center`` with ``argv``; returns the exit status (2: a refused setting or name)."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        return int(args.handler(args) or 0)
    except (SettingsError, StationError, StaffError) as exc:
        print(f"vr-center: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"vr-center: Die Datenbank ist nicht nutzbar: {exc.orig}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _db_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    _db_option(parent)
    return parent


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="database URL: sqlite:///PATH or "
                        "postgresql://USER:PASSWORD@HOST/DATABASE (default: $VR_CENTER_DB or a "
                        "SQLite file in the data directory)")


def _engine(args: argparse.Namespace) -> Engine:
    """The database named by --db, migrated to the current schema."""
    engine = make_engine(_database_url(args))
    migrate(engine)
    return engine


def _database_url(args: argparse.Namespace) -> str:
    if args.db:
        os.environ[ENV_DB] = args.db
    return settings_from_env().database_url


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise SettingsError("--ssl-certfile und --ssl-keyfile gehören zusammen: bitte beide angeben.")
    if args.timezone:
        os.environ[ENV_TIMEZONE] = args.timezone
    if args.db:
        os.environ[ENV_DB] = args.db
    settings = settings_from_env()
    engine = make_engine(settings.database_url)
    if not args.no_migrate:
        migrate(engine)
    log.info("center: database %s at schema %s", engine.url.render_as_string(hide_password=True),
             schema_revision(engine))
    engine.dispose()
    # The settings travel to the worker processes in the environment (settings_from_env).
    config = uvicorn.Config(
        "center.app:create_app_from_env", factory=True, host=args.host, port=args.port,
        workers=args.workers, proxy_headers=args.proxy_headers,
        ssl_certfile=str(args.ssl_certfile) if args.ssl_certfile else None,
        ssl_keyfile=str(args.ssl_keyfile) if args.ssl_keyfile else None,
        timeout_graceful_shutdown=10, log_level="info", server_header=False)
    if config.workers > 1:
        _serve_in_workers(config)
        return 0
    server = uvicorn.Server(config)
    server.run()
    if not server.started:  # e.g. the port is taken; uvicorn has said why
        return 3
    return 0


def _serve_in_workers(config: Any) -> None:
    """Uvicorn's own ``--workers`` path, with the listening socket marked as TCP.

    uvicorn 0.54 binds the shared socket with ``proto=0``; asyncio then leaves Nagle's algorithm
    on for accepted connections, and every keep-alive request after the first waits ~40 ms for
    a delayed ACK (https://github.com/Kludex/uvicorn/issues/3149, measured here: 3 ms → 52 ms).
    """
    from uvicorn.supervisors import Multiprocess

    bound = config.bind_socket()
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    Multiprocess(config, sockets=[listener]).run()


def _export(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from center.export import ExcelForm, write_csv
    from center.labels import load_labels

    engine = _engine(args)
    excel = None
    if args.format == "excel":
        settings = settings_from_env(os.environ)
        excel = ExcelForm(load_labels(settings.content_dir), ZoneInfo(settings.timezone))
    if str(args.csv) == "-":
        count = write_csv(engine, sys.stdout, excel)
    else:
        with open(args.csv, "w", encoding="utf-8", newline="") as target:
            count = write_csv(engine, target, excel)
    print(f"{_records(count)} nach „{args.csv}“ geschrieben.", file=sys.stderr)
    return 0


def _stations(args: argparse.Namespace) -> int:
    from center import stations

    engine = _engine(args)
    if args.action == "list":
        for s in stations.list_stations(engine):
            state = "gesperrt" if s.revoked_at else "aktiv"
            seen = s.last_seen_at.isoformat(timespec="seconds") if s.last_seen_at else "noch nie"
            print(f"{s.name:<24} {state:<8} zuletzt geliefert: {seen}")
        return 0
    if args.action == "revoke":
        stations.revoke_station(engine, args.name)
        print(f"Station „{args.name}“ gesperrt: Ihr Token gilt ab sofort nicht mehr.", file=sys.stderr)
        return 0
    token = (stations.add_station if args.action == "add" else stations.rotate_token)(engine, args.name)
    print(token)
    print(f"Das ist das Token der Station „{args.name}“; es wird nur jetzt angezeigt. Speichern "
          "Sie es auf der Station als einzige Zeile in der Datei, die in ihrer Konfiguration "
          "unter center.token_file eingetragen ist.", file=sys.stderr)
    return 0


def _users(args: argparse.Namespace) -> int:
    from center import staff

    engine = _engine(args)
    if args.action == "list":
        for user in staff.list_users(engine):
            state = "deaktiviert" if user.disabled else "aktiv"
            print(f"{user.username:<24} {user.role.value:<15} {state}")
        return 0
    if args.action == "add":
        role = Role.parse(args.role)
        staff.add_user(engine, args.name, _password(args.password_stdin), role)
        print(f"Konto „{args.name}“ mit der Rolle „{role.label}“ angelegt.", file=sys.stderr)
    elif args.action == "set-role":
        staff.set_role(engine, args.name, Role.parse(args.role))
    elif args.action == "passwd":
        staff.set_password(engine, args.name, _password(args.password_stdin))
    else:
        staff.set_disabled(engine, args.name, args.action == "disable")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from center.retention import purge

    if args.older_than_days is not None and args.older_than_days < 1:
        raise SettingsError("--older-than-days muss mindestens 1 sein.")
    result = purge(_engine(args), datetime.now(UTC), args.older_than_days)
    print(f"{_records(result.records)} und {result.login_sessions} abgelaufene "
          f"{'Anmeldung' if result.login_sessions == 1 else 'Anmeldungen'} gelöscht.",
          file=sys.stderr)
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    engine = _engine(args)
    print(f"Die Datenbank ist auf dem Schemastand {schema_revision(engine)}.", file=sys.stderr)
    return 0


def _rebuild_figures(args: argparse.Namespace) -> int:
    from center.figures import rebuild

    def progress(first: date, last: date) -> None:
        print(f"Summiert: {first:%d.%m.%Y} bis {last:%d.%m.%Y}", file=sys.stderr)

    days = rebuild(_engine(args), progress)
    print(f"Tageszahlen für {days} {'Tag' if days == 1 else 'Tage'} neu berechnet.", file=sys.stderr)
    return 0


def _records(count: int) -> str:
    return f"{count} {'Datensatz' if count == 1 else 'Datensätze'}"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Passwort: ")
    if first != getpass.getpass("Passwort wiederholen: "):
        raise StaffError("Die beiden Passwörter stimmen nicht überein.")
    return first
