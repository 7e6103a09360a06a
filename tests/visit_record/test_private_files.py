"""Files that hold visitor data are private: 0600/0700 whatever the umask, a user-only ACL on
Windows (the icacls call is checked here; it cannot run on Linux)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from visit_record import private_files
from visit_record.private_files import create_private_file, icacls_command, restrict
from vr_station.privacy import keep_report, prepare_scratch

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX mode bits")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Each test runs under a permissive and the usual umasks: the result may not depend on it."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@posix_only
def test_a_kept_report_and_its_folder_are_private(tmp_path: Path, umask: int):
    path = keep_report(tmp_path, "K7P3R", json.dumps({"items": []}))
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


@posix_only
def test_the_session_folder_is_private(tmp_path: Path, umask: int):
    folder = prepare_scratch(tmp_path / "cache")
    assert mode(folder) == 0o700


@posix_only
def test_an_existing_readable_file_is_made_private(tmp_path: Path, umask: int):
    path = tmp_path / "old.sqlite3"
    path.write_bytes(b"x")
    path.chmod(0o644)
    create_private_file(path)
    assert mode(path) == 0o600 and path.read_bytes() == b"x"


def test_the_windows_acl_leaves_only_the_station_user():
    assert icacls_command(Path(r"C:\data\outbox.sqlite3"), r"KIOSK\station", directory=False) == [
        "icacls", r"C:\data\outbox.sqlite3", "/inheritance:r", "/grant:r", r"KIOSK\station:F"]
    assert icacls_command(Path(r"C:\data"), r"KIOSK\station", directory=True) == [
        "icacls", r"C:\data", "/inheritance:r", "/grant:r", r"KIOSK\station:(OI)(CI)F"]


def test_on_windows_restrict_runs_icacls_and_reports_its_refusal(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    calls: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        return subprocess.CompletedProcess(command, 5 if len(calls) > 1 else 0,
                                           "", "Access is denied.")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("USERDOMAIN", "KIOSK")
    monkeypatch.setattr(private_files.getpass, "getuser", lambda: "station")
    monkeypatch.setattr(private_files.subprocess, "run", fake_run)
    restrict(tmp_path, directory=True)
    assert calls == [["icacls", str(tmp_path), "/inheritance:r", "/grant:r",
                      r"KIOSK\station:(OI)(CI)F"]]
    with pytest.raises(OSError, match="Access is denied"):
        restrict(tmp_path / "x")
