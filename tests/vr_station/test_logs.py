"""The station's log file rotates, stays under its size limit and is private."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

from vr_station.logs import LOG_FILE, log_to_file


def test_the_log_rotates_and_never_holds_more_than_its_limit(tmp_path: Path):
    logger = logging.getLogger("tests.logs.rotation")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    old_umask = os.umask(0)
    try:
        with log_to_file(tmp_path / "logs", max_bytes=20_000, backups=3, logger=logger) as path:
            for number in range(2_000):  # about 200 kB of lines, ten times the limit
                logger.info("line %05d of a station that runs for months %s", number, "x" * 40)
    finally:
        os.umask(old_umask)
    files = sorted((tmp_path / "logs").iterdir())
    assert [f.name for f in files] == [LOG_FILE, *(f"{LOG_FILE}.{n}" for n in (1, 2, 3))]
    assert sum(f.stat().st_size for f in files) <= 20_000 * 4
    assert "line 01999" in path.read_text(encoding="utf-8")
    if sys.platform != "win32":
        assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
    assert not logger.handlers, "the handler goes when the block ends"
