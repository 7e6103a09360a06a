"""Text to speech for tour narration and hotspots.

``Synthesizer`` is the seam: one blocking method, always called on the speech lane of
``BackgroundJobs`` (never on the render thread). ``default_synthesizer`` picks a backend:
- Linux: ``EspeakNgSynthesizer`` runs espeak-ng in a child process with a time limit. pyttsx3
  2.99's espeak driver was measured to return before its WAV file is written and, in a soak
  run, to hang the speech lane for good; a child process can always be stopped.
- elsewhere (Windows, SAPI5): ``Pyttsx3Synthesizer``.

STAND-IN: the interview engine (issue 3) brings its own speech-out adapter with PCM and a 60 Hz
envelope; on merge, these backends should give way to an adapter around it so the station has
one text-to-speech backend.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vr_station.speech.clip import SpeechClip, with_envelope

log = logging.getLogger(__name__)


class SpeechUnavailable(RuntimeError):
    """No voice could be used; the station shows captions only."""


def _wait_for_file(path: Path, timeout_s: float) -> None:
    """Until ``path`` exists and its size stops changing (the writer closed it)."""
    deadline = time.monotonic() + timeout_s
    last_size = -1
    while time.monotonic() < deadline:
        if path.is_file():
            size = path.stat().st_size
            if size == last_size and size > 44:  # more than a bare WAV header
                return
            last_size = size
        time.sleep(0.01)


class Synthesizer(ABC):
    @abstractmethod
    def synthesize(self, text: str, voices: Sequence[str], rate_wpm: float) -> SpeechClip:
        """Speak ``text`` with the first of ``voices`` that exists. Blocking; worker thread only."""


class EspeakNgSynthesizer(Synthesizer):
    """espeak-ng as a child process: text on stdin, a WAV stream on stdout, nothing on disk."""

    def __init__(self, executable: str = "espeak-ng", timeout_s: float = 20.0) -> None:
        self._executable = executable
        self._timeout_s = timeout_s
        self._voices: dict[str, str] | None = None

    def synthesize(self, text: str, voices: Sequence[str], rate_wpm: float) -> SpeechClip:
        voice = self._pick_voice(voices)
        try:
            done = subprocess.run(
                [self._executable, "-v", voice, "-s", str(int(rate_wpm)), "-b", "1", "--stdout"],
                input=text.encode("utf-8"), capture_output=True, timeout=self._timeout_s,
                check=False)
        except subprocess.TimeoutExpired:
            raise SpeechUnavailable(f"espeak-ng took longer than {self._timeout_s:.0f} s") from None
        except OSError as exc:
            raise SpeechUnavailable(f"cannot run {self._executable}: {exc.strerror}") from None
        if done.returncode != 0:
            raise SpeechUnavailable(f"espeak-ng failed: {done.stderr.decode(errors='replace')[:200]}")
        pcm, rate = _wav_stream(done.stdout)
        return with_envelope(pcm, rate, text)

    def _pick_voice(self, wanted: Sequence[str]) -> str:
        if self._voices is None:
            self._voices = _espeak_voices(self._executable)
        for name in wanted:
            found = self._voices.get(name.lower())
            if found is not None:
                return found
        raise SpeechUnavailable(f"none of the voices {', '.join(wanted)} is installed "
                                "(content/languages.yaml: speech.tts_voices)")


def _espeak_voices(executable: str) -> dict[str, str]:
    """Language codes, voice names and files of espeak-ng's voices → the name to pass to -v."""
    try:
        listing = subprocess.run([executable, "--voices"], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechUnavailable(f"cannot run {executable} (on Debian: apt-get install "
                                f"espeak-ng): {exc}") from None
    voices: dict[str, str] = {}
    for line in listing.splitlines()[1:]:
        columns = line.split()
        if len(columns) >= 5:
            language, name, file = columns[1], columns[3], columns[4]
            for key in (file, language, name):
                voices.setdefault(key.lower(), file)
    return voices


def _wav_stream(data: bytes) -> tuple[bytes, int]:
    """PCM and sample rate of a WAV written to a pipe (its length fields are placeholders)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SpeechUnavailable("espeak-ng wrote no WAV audio")
    position, rate = 12, 0
    while position + 8 <= len(data):
        chunk, size = data[position:position + 4], int.from_bytes(data[position + 4:position + 8],
                                                                   "little")
        if chunk == b"fmt ":
            channels = int.from_bytes(data[position + 10:position + 12], "little")
            rate = int.from_bytes(data[position + 12:position + 16], "little")
            bits = int.from_bytes(data[position + 22:position + 24], "little")
            if channels != 1 or bits != 16:
                raise SpeechUnavailable("espeak-ng wrote audio in an unexpected format")
        elif chunk == b"data":
            pcm = data[position + 8:]
            return pcm[: len(pcm) - len(pcm) % 2], rate
        position += 8 + size
    raise SpeechUnavailable("espeak-ng wrote no audio data")


def default_synthesizer(scratch_dir: Path) -> Synthesizer:
    executable = shutil.which("espeak-ng")
    if executable is not None:
        return EspeakNgSynthesizer(executable)
    return Pyttsx3Synthesizer(scratch_dir)


class Pyttsx3Synthesizer(Synthesizer):
    """pyttsx3 writing to a temporary WAV file in the cache directory, read back at once."""

    def __init__(self, scratch_dir: Path) -> None:
        self._scratch_dir = scratch_dir
        self._engine: Any = None
        self._thread: int | None = None
        self._voice_ids: dict[str, str] = {}

    def synthesize(self, text: str, voices: Sequence[str], rate_wpm: float) -> SpeechClip:
        engine = self._engine_for_this_thread()
        engine.setProperty("voice", self._pick_voice(engine, voices))
        engine.setProperty("rate", int(rate_wpm))
        self._scratch_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self._scratch_dir, prefix="tts-") as folder:
            path = Path(folder) / "speech.wav"
            engine.save_to_file(text, str(path))
            # pyttsx3's espeak driver prints "Audio saved to …" on stdout; the station's
            # stdout is for its own summary. Only this short call is affected.
            with contextlib.redirect_stdout(io.StringIO()):
                engine.runAndWait()
                # pyttsx3 2.99's espeak driver may return before espeak-ng's last callback
                # has written the file (its run loop ends as soon as the queue is empty);
                # wait for the file on this worker thread rather than lose the speech.
                _wait_for_file(path, timeout_s=2.0 + len(text) / 40.0)
            if not path.is_file():
                raise SpeechUnavailable(f"the speech engine wrote no audio for {text[:40]!r}")
            with wave.open(str(path), "rb") as audio:
                if audio.getsampwidth() != 2 or audio.getnchannels() != 1:
                    raise SpeechUnavailable("the speech engine wrote audio in an unexpected format")
                pcm = audio.readframes(audio.getnframes())
                rate = audio.getframerate()
        return with_envelope(pcm, rate, text)

    def _engine_for_this_thread(self) -> Any:
        if self._engine is None:
            try:
                import pyttsx3

                self._engine = pyttsx3.init()
            except Exception as exc:
                raise SpeechUnavailable(f"no text-to-speech engine: {exc} (on Debian: "
                                        "apt-get install espeak-ng)") from exc
            self._thread = threading.get_ident()
        elif self._thread != threading.get_ident():
            raise RuntimeError("pyttsx3 must be used from one thread only (the speech lane)")
        return self._engine

    def _pick_voice(self, engine: Any, wanted: Sequence[str]) -> str:
        key = "|".join(wanted)
        if key in self._voice_ids:
            return self._voice_ids[key]
        available = list(engine.getProperty("voices"))
        for name in wanted:
            for voice in available:
                if voice.id == name or name.lower() in str(voice.name).lower():
                    self._voice_ids[key] = voice.id
                    return str(voice.id)
        raise SpeechUnavailable(f"none of the voices {', '.join(wanted)} is installed "
                                "(content/languages.yaml: speech.tts_voices)")
