"""Install, remove and report the station's service.

systemd on Linux, a scheduled task on Windows. The system tools (``systemctl``, ``schtasks``)
run through one ``Runner``, so a unit test can check the calls without changing the machine.
"""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vr_station.service import systemd, windows
from vr_station.service.spec import ServiceSpec

Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]
_TOOL_TIMEOUT_S = 60.0


class ServiceError(RuntimeError):
    """A system tool refused; the message names the command and what it said."""


def run_tool(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a system tool, its output captured."""
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S,
                              check=False)
    except FileNotFoundError as exc:
        raise ServiceError(f"{command[0]} is not installed: {exc}") from exc


@dataclass(frozen=True)
class ServiceStatus:
    """What ``vr-station service status`` shows."""

    installed: bool
    where: str
    """The unit file or the task's name."""
    report: str
    """The service manager's own words (``systemctl status``, ``schtasks /Query``)."""


class ServiceManager(ABC):
    """The platform's way to run the station as a service."""

    def __init__(self, runner: Runner = run_tool) -> None:
        self._runner = runner

    @abstractmethod
    def definition(self, spec: ServiceSpec) -> str:
        """The unit file or task XML for ``spec`` (what ``install --print`` shows)."""

    @abstractmethod
    def install(self, spec: ServiceSpec, *, start: bool) -> str:
        """Install (or replace) the service, enable it at boot/login, start it if ``start``.

        Returns where it was installed.
        """

    @abstractmethod
    def uninstall(self) -> str:
        """Stop and remove the service; returns what was removed."""

    @abstractmethod
    def status(self) -> ServiceStatus:
        """Whether the service is installed, and its state in the manager's words."""

    def _run(self, command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = self._runner(command)
        if check and done.returncode != 0:
            raise ServiceError(f"{' '.join(command)} failed ({done.returncode}): "
                               f"{(done.stderr or done.stdout).strip()}")
        return done


class SystemdService(ServiceManager):
    """A systemd user unit (the kiosk account's session) or system unit (``user`` at boot)."""

    def __init__(self, *, system: bool = False, user: str | None = None,
                 environ: Mapping[str, str] = os.environ, runner: Runner = run_tool) -> None:
        super().__init__(runner)
        self.system = system
        self.user = user
        self.path = systemd.unit_path(system=system, environ=environ)

    def definition(self, spec: ServiceSpec) -> str:
        """The unit file's text."""
        return systemd.systemd_unit(spec, system=self.system, user=self.user)

    def install(self, spec: ServiceSpec, *, start: bool) -> str:
        """Write the unit, reload systemd, enable it (and start or restart it); returns its path."""
        text = self.definition(spec)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".part")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.path)
        self._systemctl("daemon-reload")
        self._systemctl("enable", *(["--now"] if start else []), systemd.UNIT_NAME)
        if start:
            # enable --now leaves a running station alone: restart it onto the new unit.
            self._systemctl("restart", systemd.UNIT_NAME)
        return str(self.path)

    def uninstall(self) -> str:
        """Disable and stop the unit, remove its file, reload systemd; returns the file's path."""
        if self.path.exists():
            self._systemctl("disable", "--now", systemd.UNIT_NAME)
            self.path.unlink()
            self._systemctl("daemon-reload")
        return str(self.path)

    def status(self) -> ServiceStatus:
        """Whether the unit file is there, and ``systemctl status``."""
        done = self._run(systemd.systemctl("status", "--no-pager", "--lines=20",
                                           systemd.UNIT_NAME, system=self.system), check=False)
        return ServiceStatus(self.path.exists(), str(self.path), (done.stdout + done.stderr).strip())

    def _systemctl(self, *args: str) -> None:
        self._run(systemd.systemctl(*args, system=self.system))


class WindowsTask(ServiceManager):
    """A scheduled task that starts the station at ``user``'s logon."""

    def __init__(self, user: str, runner: Runner = run_tool) -> None:
        super().__init__(runner)
        self.user = user

    def definition(self, spec: ServiceSpec) -> str:
        """The task's XML."""
        return windows.task_xml(spec, self.user)

    def install(self, spec: ServiceSpec, *, start: bool) -> str:
        """Register the task (replacing an old one) and run it now if ``start``; returns its name."""
        text = self.definition(spec)
        # schtasks reads the XML in the encoding its declaration names (UTF-16).
        with tempfile.TemporaryDirectory() as folder:
            xml_file = Path(folder) / f"{windows.TASK_NAME}.xml"
            xml_file.write_text(text, encoding="utf-16")
            self._run(windows.create_command(xml_file))
        if start:
            self._run(windows.run_command())
        return windows.TASK_NAME

    def uninstall(self) -> str:
        """End the running station and delete the task; returns its name."""
        self._run(windows.end_command(), check=False)  # not running is fine
        self._run(windows.delete_command())
        return windows.TASK_NAME

    def status(self) -> ServiceStatus:
        """``schtasks /Query``: installed when the task exists."""
        done = self._run(windows.query_command(), check=False)
        return ServiceStatus(done.returncode == 0, windows.TASK_NAME,
                             (done.stdout + done.stderr).strip())


def service_manager(*, system: bool = False, user: str | None = None,
                    platform: str = sys.platform) -> ServiceManager:
    """The service manager of this platform: systemd on Linux, Task Scheduler on Windows."""
    if platform == "win32":
        domain = os.environ.get("USERDOMAIN")
        name = user or getpass.getuser()
        return WindowsTask(f"{domain}\\{name}" if domain and "\\" not in name else name)
    if platform.startswith("linux"):
        return SystemdService(system=system, user=user)
    raise ServiceError(f"no service support on {platform}: start 'vr-station run' with the "
                       "system's own autostart")
