"""Files and folders that hold visitor data are readable by the station's own user only.

POSIX: files 0600, folders 0700, set with ``chmod`` after creation so the process umask (which
only ever removes bits, and may be 0 or 077 under a service manager) cannot change the result.
Windows has no mode bits: ``icacls`` removes the inherited entries and grants full control to
the station's user alone; a folder's entry is inherited by what is later created in it (SQLite's
``-wal`` and ``-shm`` files, for instance).
"""

from __future__ import annotations

import getpass
import logging
import os
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
_ICACLS_TIMEOUT_S = 30.0


def icacls_command(path: Path, user: str, *, directory: bool) -> list[str]:
    """The ``icacls`` call that leaves ``user`` the only one with access to ``path``.

    ``/inheritance:r`` drops the entries inherited from the parent folder (Users, Authenticated
    Users); ``/grant:r`` replaces any explicit entry of ``user``. ``(OI)(CI)`` makes a folder's
    entry apply to the files and folders created in it later.
    """
    rights = "(OI)(CI)F" if directory else "F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:{rights}"]


def restrict(path: Path, *, directory: bool = False) -> None:
    """Make an existing ``path`` private to the station's user; OSError when that fails."""
    if sys.platform == "win32":
        command = icacls_command(path, _windows_user(), directory=directory)
        done = subprocess.run(command, capture_output=True, text=True, timeout=_ICACLS_TIMEOUT_S,
                              check=False)
        if done.returncode != 0:
            raise OSError(f"{path}: icacls could not make it private: "
                          f"{(done.stdout + done.stderr).strip()}")
        return
    os.chmod(path, DIR_MODE if directory else FILE_MODE)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) if missing and make it private; returns it."""
    path.mkdir(parents=True, exist_ok=True)
    restrict(path, directory=True)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty if missing, private from the first byte; an existing file is made private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    restrict(path)


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically and durably; the file is private before it holds a byte."""
    temporary = path.with_name(path.name + ".part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        restrict(temporary)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            fd = -1
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if fd >= 0:
            os.close(fd)
    temporary.replace(path)


def _windows_user() -> str:
    domain = os.environ.get("USERDOMAIN")
    user = getpass.getuser()
    return f"{domain}\\{user}" if domain else user
