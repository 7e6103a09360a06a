"""The hashed lock both platforms install from (requirements/station.txt).

It must name exactly the versions pyproject.toml pins, and every package a Windows station
needs must exist as a win_amd64 (or pure-Python) wheel with the locked hash, so that
scripts/windows/install.ps1 needs no compiler. The registry checks need PyPI (marker
``network``) and skip where it cannot be reached.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "station.txt"
WINDOWS = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
           "platform_machine": "AMD64", "python_version": "3.11", "python_full_version": "3.11.9",
           "implementation_name": "cpython", "platform_python_implementation": "CPython"}
SDIST_ONLY = {"srt"}
"""Pure-Python packages published without a wheel (srt: subtitles for vosk); pip builds them on
Windows without a compiler. Checked by downloading their locked sdist."""
LINUX = {**WINDOWS, "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
         "platform_machine": "x86_64"}


def locked_entries() -> list[tuple[str, str, str]]:
    """(name, version, the whole entry with its hashes and marker) for each package in the lock."""
    text = LOCK.read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n(?=\S)", text):
        if not block.strip() or block.startswith("#"):
            continue
        requirement = Requirement(block.split("\\")[0].strip())
        (pin,) = requirement.specifier
        entries.append((canonicalize_name(requirement.name), pin.version, block.strip()))
    return entries


def for_platform(environment: dict[str, str]) -> list[str]:
    """The lock's entries whose marker holds on ``environment``, marker removed (pip would
    evaluate it against the machine it runs on, not the target platform)."""
    chosen = []
    for _name, _version, entry in locked_entries():
        head, _, hashes = entry.partition("\\")
        requirement, _, marker = head.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate(environment):
            continue
        chosen.append(f"{requirement.strip()} \\{hashes}")
    return chosen


def test_the_lock_holds_the_versions_pyproject_pins() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = {name: version for name, version, _ in locked_entries()}
    for dependency in project["dependencies"]:
        requirement = Requirement(dependency)
        assert locked.get(canonicalize_name(requirement.name)) in requirement.specifier, (
            f"{dependency} in pyproject.toml, {locked.get(canonicalize_name(requirement.name))} "
            "in requirements/station.txt: regenerate the lock (command in its header)")
    assert all("--hash=sha256:" in entry for _, _, entry in locked_entries())
    assert {"pywin32", "comtypes"} <= {line.split("==")[0] for line in for_platform(WINDOWS)}
    assert "pywin32" not in {line.split("==")[0] for line in for_platform(LINUX)}


def _registry_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


def _pip(*args: str, requirements: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    listed = tmp_path / "requirements.txt"
    listed.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "--no-input",
         "--require-hashes", "--no-deps", "-r", str(listed)],
        capture_output=True, text=True, timeout=900, check=False)


@pytest.mark.network
@pytest.mark.slow
def test_every_windows_package_of_the_lock_is_a_wheel_on_pypi(tmp_path: Path) -> None:
    if not _registry_reachable():
        pytest.skip("PyPI cannot be reached (offline)")
    entries = for_platform(WINDOWS)
    wheels_wanted = [e for e in entries if canonicalize_name(e.split("==")[0]) not in SDIST_ONLY]
    sdists_wanted = [e for e in entries if canonicalize_name(e.split("==")[0]) in SDIST_ONLY]
    result = _pip("download", "--dest", str(tmp_path / "wheels"), "--only-binary=:all:",
                  "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
                  "--abi", "cp311", requirements=wheels_wanted, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    wheels = sorted(p.name for p in (tmp_path / "wheels").iterdir())
    assert len(wheels) == len(wheels_wanted), wheels
    assert all(w.endswith(("-win_amd64.whl", "-none-any.whl")) for w in wheels), wheels
    result = _pip("download", "--dest", str(tmp_path / "sdists"), "--no-binary=:all:",
                  requirements=sdists_wanted, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert len(list((tmp_path / "sdists").iterdir())) == len(sdists_wanted)


@pytest.mark.network
@pytest.mark.slow
def test_the_lock_installs_on_linux(tmp_path: Path) -> None:
    if not _registry_reachable():
        pytest.skip("PyPI cannot be reached (offline)")
    result = _pip("install", "--dry-run", "--ignore-installed", "--quiet", "--target",
                  str(tmp_path / "target"), requirements=for_platform(LINUX), tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
