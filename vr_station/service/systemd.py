"""The station's systemd unit (Linux): start at login or boot, restart on failure, journal.

A user unit (default) starts with the kiosk account's graphical session, which brings the
display and the headset runtime; a system unit starts at boot as a named account (``User=``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from vr_station.service.spec import (
    DESCRIPTION,
    RESTART_DELAY_S,
    SERVICE_NAME,
    START_LIMIT_BURST,
    START_LIMIT_INTERVAL_S,
    STOP_TIMEOUT_S,
    ServiceSpec,
)

UNIT_NAME = f"{SERVICE_NAME}.service"
SYSTEM_UNIT_DIR = Path("/etc/systemd/system")
_PLAIN = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def user_unit_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the user manager looks for the kiosk account's own units."""
    config_home = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "systemd" / "user"


def unit_path(*, system: bool, environ: Mapping[str, str] = os.environ) -> Path:
    """The unit file's path for a system or a user unit."""
    return (SYSTEM_UNIT_DIR if system else user_unit_dir(environ)) / UNIT_NAME


def systemd_unit(spec: ServiceSpec, *, system: bool, user: str | None = None) -> str:
    """The unit file's text. ``user``: the account a system unit runs the station as."""
    if system and not user:
        raise ValueError("a system unit needs the account that runs the station (--user-name)")
    target = "graphical.target" if system else "graphical-session.target"
    unit = [
        "[Unit]",
        f"Description={DESCRIPTION}",
        f"After={target}",
        # A user unit belongs to the graphical session: it stops when the kiosk user logs out.
        *([] if system else [f"PartOf={target}"]),
        f"StartLimitIntervalSec={START_LIMIT_INTERVAL_S}",
        f"StartLimitBurst={START_LIMIT_BURST}",
        "",
        "[Service]",
        "Type=exec",
        f"ExecStart={' '.join(_quote(arg) for arg in spec.command)}",
        # A path setting takes the rest of the line as it is: no quotes, only specifiers escaped.
        f"WorkingDirectory={str(spec.working_dir).replace('%', '%%')}",
        *[f"Environment={_quote(f'{name}={value}', command=False)}"
          for name, value in spec.environment.items()],
        *([f"User={user}"] if system else []),
        # Files the station creates are private even where it does not set a mode itself.
        "UMask=0077",
        # A crash (a signal, a non-zero exit) restarts; a clean stop (SIGTERM, exit 0) does not.
        "Restart=on-failure",
        f"RestartSec={RESTART_DELAY_S}",
        f"TimeoutStopSec={STOP_TIMEOUT_S}",
        "StandardOutput=journal",
        "StandardError=journal",
        f"SyslogIdentifier={SERVICE_NAME}",
        "",
        "[Install]",
        f"WantedBy={target}",
    ]
    return "\n".join(unit) + "\n"


def systemctl(*args: str, system: bool) -> list[str]:
    """A ``systemctl`` call on the system manager or the user's own."""
    return ["systemctl", *([] if system else ["--user"]), *args]


def _quote(value: str, *, command: bool = True) -> str:
    """One word of a unit file: ``%`` escaped (and ``$`` in a command line), quoted unless plain.

    ``Environment=`` does not expand ``$`` (systemd.exec(5)), a command line does
    (systemd.service(5), "Command lines"); specifiers (``%``) are expanded in both.
    """
    escaped = value.replace("%", "%%")
    if command:
        escaped = escaped.replace("$", "$$")
    if _PLAIN.fullmatch(escaped):
        return escaped
    escaped = escaped.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
