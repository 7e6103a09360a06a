"""The station's scheduled task (Windows): start at the kiosk user's logon, restart on failure.

Built as Task Scheduler XML (schema 1.2) and registered with ``schtasks /Create /XML``. The
task runs in the user's interactive session (``InteractiveToken``), where the headset runtime
and the desktop are. Task Scheduler restarts a failed task at most every minute (``PT1M`` is
its smallest interval).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from vr_station.service.spec import DESCRIPTION, SERVICE_NAME, ServiceSpec

TASK_NAME = SERVICE_NAME
RESTART_INTERVAL = "PT1M"
RESTART_COUNT = 5
_NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"


def task_xml(spec: ServiceSpec, user: str) -> str:
    """The task's XML; ValueError when ``spec`` needs environment variables.

    Task Scheduler has no per-task environment: the station then reads its configuration from
    the user's profile.
    """
    if spec.environment:
        raise ValueError("a scheduled task cannot set environment variables ("
                         f"{', '.join(spec.environment)}): set them for the user instead")
    program, *arguments = spec.command
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{_NAMESPACE}">
  <RegistrationInfo>
    <Description>{escape(DESCRIPTION)}</Description>
    <URI>\\{TASK_NAME}</URI>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>{escape(user)}</UserId>
    </LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Station">
      <UserId>{escape(user)}</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>{RESTART_INTERVAL}</Interval>
      <Count>{RESTART_COUNT}</Count>
    </RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Station">
    <Exec>
      <Command>{escape(program)}</Command>
      <Arguments>{escape(subprocess.list2cmdline(arguments))}</Arguments>
      <WorkingDirectory>{escape(str(spec.working_dir))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def create_command(xml_file: Path) -> list[str]:
    """Register (or replace, ``/F``) the task from its XML file."""
    return ["schtasks", "/Create", "/TN", TASK_NAME, "/XML", str(xml_file), "/F"]


def run_command() -> list[str]:
    """Start the task now (it otherwise starts at the next logon)."""
    return ["schtasks", "/Run", "/TN", TASK_NAME]


def delete_command() -> list[str]:
    """Remove the task (a running station keeps running until it ends)."""
    return ["schtasks", "/Delete", "/TN", TASK_NAME, "/F"]


def end_command() -> list[str]:
    """Stop the running station."""
    return ["schtasks", "/End", "/TN", TASK_NAME]


def query_command() -> list[str]:
    """The task's state, last run time and last result."""
    return ["schtasks", "/Query", "/TN", TASK_NAME, "/V", "/FO", "LIST"]
