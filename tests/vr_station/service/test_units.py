"""The service definitions: the systemd unit passes ``systemd-analyze verify`` (user and system),
the Windows task XML says what Task Scheduler needs (it cannot run here: checked as XML), and
install/uninstall call the system tools in the right order (a recording runner)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from vr_station.cli import main
from vr_station.service import windows
from vr_station.service.manager import ServiceError, SystemdService, WindowsTask
from vr_station.service.spec import ServiceSpec, station_spec
from vr_station.service.systemd import systemd_unit

TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


class RecordingRunner:
    """Answers every tool call with ``returncode`` and remembers the calls."""

    def __init__(self, returncode: int = 0, output: str = "") -> None:
        self.calls: list[list[str]] = []
        self.returncode = returncode
        self.output = output

    def __call__(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(command)
        return subprocess.CompletedProcess(command, self.returncode, self.output, "")


def spec(**environment: str) -> ServiceSpec:
    return station_spec(mode="desktop", extra_env=[f"{k}={v}" for k, v in environment.items()],
                        environ={"VR_STATION_CONFIG": "/home/kiosk/station.yaml", "HOME": "/x"})


def verify(tmp_path: Path, text: str, *, user: bool) -> subprocess.CompletedProcess[str]:
    unit = tmp_path / "vr-station.service"
    unit.write_text(text, encoding="utf-8")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))
    return subprocess.run(["systemd-analyze", *(["--user"] if user else []), "verify",
                           "--man=no", str(unit)],
                          env=env, capture_output=True, text=True, timeout=60, check=False)


needs_verify = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                  reason="systemd-analyze is not installed (apt-get install systemd)")


def test_the_unit_restarts_on_failure_with_a_limit_and_logs_to_the_journal():
    text = systemd_unit(spec(DISPLAY=":0"), system=False)
    lines = text.splitlines()
    for line in ("Restart=on-failure", "RestartSec=2", "StartLimitBurst=5",
                 "StartLimitIntervalSec=300", "StandardOutput=journal", "StandardError=journal",
                 "WantedBy=graphical-session.target", "Environment=DISPLAY=:0",
                 "Environment=VR_STATION_CONFIG=/home/kiosk/station.yaml", "UMask=0077"):
        assert line in lines
    assert f"ExecStart={sys.executable} -m vr_station run --mode desktop --fullscreen" in lines
    assert not any(line.startswith("Environment=HOME") for line in lines), "only VR_STATION_*"


def test_unit_words_are_quoted_and_escaped():
    odd = ServiceSpec(("/opt/VR Station/python", "-m", "vr_station", "run", "100%", "$HOME"),
                      Path("/srv/kiosk home"), {"NOTE": 'say "hi" at 50% $x'})
    lines = systemd_unit(odd, system=False).splitlines()
    assert 'ExecStart="/opt/VR Station/python" -m vr_station run 100%% "$$HOME"' in lines
    assert "WorkingDirectory=/srv/kiosk home" in lines
    assert 'Environment="NOTE=say \\"hi\\" at 50%% $x"' in lines


@needs_verify
def test_systemd_reads_the_quoted_words_as_meant(tmp_path: Path):
    folder = tmp_path / "VR Station 100%"
    folder.mkdir()
    (folder / "python").symlink_to(sys.executable)
    odd = ServiceSpec((str(folder / "python"), "-m", "vr_station", "run"), folder,
                      {"NOTE": 'say "hi" at 50% $x'})
    done = verify(tmp_path, systemd_unit(odd, system=True, user="root"), user=False)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_a_system_unit_runs_as_the_named_account_at_boot():
    lines = systemd_unit(spec(), system=True, user="kiosk").splitlines()
    assert "User=kiosk" in lines and "WantedBy=graphical.target" in lines
    with pytest.raises(ValueError, match="needs the account"):
        systemd_unit(spec(), system=True)


@needs_verify
@pytest.mark.parametrize("system", [False, True], ids=["user", "system"])
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path, system: bool):
    text = systemd_unit(spec(DISPLAY=":0"), system=system, user="root" if system else None)
    done = verify(tmp_path, text, user=not system)
    # verify exits 0 on a line it ignores: it must say nothing at all.
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@needs_verify
def test_verify_would_catch_a_broken_unit(tmp_path: Path):
    broken = systemd_unit(spec(), system=True, user="root").replace(
        "Restart=on-failure", "Restart=sometimes")
    done = verify(tmp_path, broken, user=False)
    assert "Failed to parse service restart specifier" in done.stderr


def test_install_writes_the_unit_then_reloads_enables_and_restarts(tmp_path: Path):
    runner = RecordingRunner()
    service = SystemdService(environ={"XDG_CONFIG_HOME": str(tmp_path)}, runner=runner)
    where = service.install(spec(), start=True)
    assert where == str(tmp_path / "systemd" / "user" / "vr-station.service")
    assert Path(where).read_text(encoding="utf-8") == service.definition(spec())
    assert runner.calls == [["systemctl", "--user", "daemon-reload"],
                            ["systemctl", "--user", "enable", "--now", "vr-station.service"],
                            ["systemctl", "--user", "restart", "vr-station.service"]]
    runner.calls.clear()
    service.uninstall()
    assert not Path(where).exists()
    assert runner.calls == [["systemctl", "--user", "disable", "--now", "vr-station.service"],
                            ["systemctl", "--user", "daemon-reload"]]


def test_a_refusing_systemctl_is_an_error_that_names_the_command(tmp_path: Path):
    service = SystemdService(system=True, user="kiosk", runner=RecordingRunner(1, "Access denied"))
    service.path = tmp_path / "vr-station.service"
    with pytest.raises(ServiceError, match=r"systemctl daemon-reload failed .*Access denied"):
        service.install(spec(), start=False)


def test_the_windows_task_starts_at_logon_and_restarts_on_failure():
    task = ServiceSpec(("C:\\Program Files\\VR\\pythonw.exe", "-m", "vr_station", "run",
                        "--fullscreen"), Path("C:\\Users\\kiosk"))
    root = ET.fromstring(windows.task_xml(task, "KIOSK\\station&co").replace(
        'encoding="UTF-16"', ""))
    assert root.find(f"{TASK}Triggers/{TASK}LogonTrigger/{TASK}UserId").text == "KIOSK\\station&co"
    restart = root.find(f"{TASK}Settings/{TASK}RestartOnFailure")
    assert restart.find(f"{TASK}Interval").text == "PT1M"
    assert restart.find(f"{TASK}Count").text == "5"
    assert root.find(f"{TASK}Settings/{TASK}ExecutionTimeLimit").text == "PT0S"
    assert root.find(f"{TASK}Principals/{TASK}Principal/{TASK}LogonType").text == "InteractiveToken"
    action = root.find(f"{TASK}Actions/{TASK}Exec")
    assert action.find(f"{TASK}Command").text == "C:\\Program Files\\VR\\pythonw.exe"
    assert action.find(f"{TASK}Arguments").text == "-m vr_station run --fullscreen"
    with pytest.raises(ValueError, match="cannot set environment variables"):
        windows.task_xml(spec(DISPLAY=":0"), "station")


def test_the_windows_task_is_registered_from_utf16_xml_with_schtasks():
    runner = RecordingRunner()
    seen: list[str] = []

    def read_xml(command: list[str]) -> subprocess.CompletedProcess[str]:
        if command[:2] == ["schtasks", "/Create"]:
            seen.append(Path(command[command.index("/XML") + 1]).read_text(encoding="utf-16"))
        return runner(command)

    task = WindowsTask("KIOSK\\station", runner=read_xml)
    plain = ServiceSpec(("pythonw.exe", "-m", "vr_station", "run"), Path("C:\\Users\\kiosk"))
    assert task.install(plain, start=True) == "vr-station"
    assert [call[:2] for call in runner.calls] == [["schtasks", "/Create"], ["schtasks", "/Run"]]
    assert runner.calls[0][-1] == "/F" and seen == [task.definition(plain)]
    runner.calls.clear()
    task.uninstall()
    assert runner.calls == [["schtasks", "/End", "/TN", "vr-station"],
                            ["schtasks", "/Delete", "/TN", "vr-station", "/F"]]


def test_service_install_print_shows_the_unit_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    if sys.platform != "linux":
        pytest.skip("prints the systemd unit on Linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["service", "install", "--print", "--mode", "desktop", "--env", "DISPLAY=:0"]) == 0
    out = capsys.readouterr().out
    assert "Restart=on-failure" in out and "Environment=DISPLAY=:0" in out
    assert "Environment=VR_STATION_DATA_DIR=" in out  # this shell's configuration goes along
    assert not (tmp_path / "systemd").exists()
    assert main(["service", "install", "--print", "--env", "NODISPLAY"]) == 1
    assert "expected NAME=VALUE" in capsys.readouterr().err
