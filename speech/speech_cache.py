"""The speech cache: synthesized speech on disk, keyed by (engine, voice, rate, text).

A known question costs no synthesis. Lives in the station's cache directory; it only ever
holds the interviewer's words from content, never anything the visitor said.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from speech.audio import PcmClip, read_wav, wav_bytes

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class SpeechCache:
    """WAV files under ``directory``; beyond ``max_bytes`` the least recently used go first."""

    def __init__(self, directory: Path, max_bytes: int = DEFAULT_MAX_BYTES):
        self.directory = directory
        self.max_bytes = max_bytes

    @staticmethod
    def key(engine: str, voice: str, rate_wpm: float, text: str) -> str:
        """An utterance's key: SHA-256 (hex) of engine, voice, rate (to 0.1 wpm) and text."""
        raw = json.dumps([engine, voice, round(float(rate_wpm), 1), text], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives, in a folder named after its first two characters."""
        return self.directory / key[:2] / f"{key}.wav"

    def get(self, key: str) -> PcmClip | None:
        """The cached speech for ``key``, or None; a damaged entry is deleted."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            clip = read_wav(data)
        except ValueError:
            log.warning("speech cache: dropping damaged entry %s", path)
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used entries survive pruning
        return clip

    def put(self, key: str, clip: PcmClip) -> None:
        """Write atomically (temp file + rename): a crash never leaves half a WAV."""
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(fd, "wb") as out:
                out.write(wav_bytes(clip))
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("speech cache: cannot write %s: %s (speech still works, uncached)", path, exc)
            return
        self._prune()

    def clear(self) -> None:
        """Delete every entry."""
        for entry in self._entries():
            entry.unlink(missing_ok=True)

    def size_bytes(self) -> int:
        """What the entries take on disk, in bytes."""
        return sum(e.stat().st_size for e in self._entries())

    def _entries(self) -> list[Path]:
        return list(self.directory.glob("*/*.wav")) if self.directory.is_dir() else []

    def _prune(self) -> None:
        entries = self._entries()
        sizes = {e: e.stat().st_size for e in entries}
        total = sum(sizes.values())
        if total <= self.max_bytes:
            return
        for entry in sorted(entries, key=lambda e: e.stat().st_mtime):
            entry.unlink(missing_ok=True)
            total -= sizes[entry]
            if total <= self.max_bytes * 0.8:
                break
