"""What the service runs: the station's command line, its environment and working folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SERVICE_NAME = "vr-station"
DESCRIPTION = "VR career station (kiosk)"

RESTART_DELAY_S = 2
"""Pause before a restart: long enough for the headset runtime to notice the old session ended."""
START_LIMIT_BURST = 5
START_LIMIT_INTERVAL_S = 300
"""At most ``START_LIMIT_BURST`` starts in this many seconds: a station that crashes at every
start (a broken installation) stops being restarted instead of looping, and staff see it in
``vr-station service status``."""
STOP_TIMEOUT_S = 30
"""SIGTERM ends the headset session and wipes the visit; after this the process is killed."""


@dataclass(frozen=True)
class ServiceSpec:
    """The station as a service starts it."""

    command: tuple[str, ...]
    """The program and its arguments."""
    working_dir: Path
    environment: Mapping[str, str] = field(default_factory=dict)
    """Variables set for the station (its ``VR_STATION_*`` settings, a display)."""


def station_spec(*, mode: str | None = None, fullscreen: bool = True,
                 extra_env: Sequence[str] = (), environ: Mapping[str, str] | None = None,
                 python: str = sys.executable) -> ServiceSpec:
    """``vr-station run`` with this Python, as a kiosk (full screen), in ``mode`` if given.

    The ``VR_STATION_*`` variables of ``environ`` (default: this process's, i.e. the installing
    shell's) go into the service, so
    it uses the same configuration; ``extra_env`` adds ``NAME=VALUE`` pairs (a ``DISPLAY``).
    ValueError for a pair without ``=``.
    """
    command = [python, "-m", "vr_station", "run"]
    if mode:
        command += ["--mode", mode]
    if fullscreen:
        command.append("--fullscreen")
    source = os.environ if environ is None else environ
    environment = {k: v for k, v in sorted(source.items()) if k.startswith("VR_STATION_")}
    for pair in extra_env:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"--env {pair!r}: expected NAME=VALUE")
        environment[name] = value
    return ServiceSpec(tuple(command), Path.home(), environment)
