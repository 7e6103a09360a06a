"""The station's log file: rotated, bounded in size, private.

A station runs for months: its log is rotated at ``MAX_BYTES`` and keeps ``BACKUPS`` old files,
so it never holds more than ``MAX_BYTES * (BACKUPS + 1)`` (5 MB). Under systemd the same lines
also reach the journal (stderr), which journald bounds itself. Log lines hold session ids and
states, never what a visitor said; the files are private all the same (0600).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from visit_record.private_files import FILE_MODE, private_dir, restrict

LOG_DIR = "logs"
LOG_FILE = "station.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A ``RotatingFileHandler`` whose every file (the first and each after a rollover) is 0600."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        os.close(fd)
        restrict(Path(self.baseFilename))
        return super()._open()


@contextmanager
def log_to_file(folder: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS,
                logger: logging.Logger | None = None) -> Iterator[Path]:
    """Log to the rotating file in ``folder`` inside the ``with`` block; yields its path.

    Through ``logger`` (default: the root logger). ``vr-station run`` wraps the station in it.
    """
    path = private_dir(folder) / LOG_FILE
    target = logger or logging.getLogger()
    handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                         encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    target.addHandler(handler)
    try:
        yield path
    finally:
        target.removeHandler(handler)
        handler.close()
