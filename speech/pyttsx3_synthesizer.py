"""pyttsx3 (espeak-ng on Linux, SAPI5 on Windows) in a dedicated worker process.

``synthesize`` blocks until the audio is there; ``SpeechOut`` calls it from its one worker
thread. A worker that does not answer within ``timeout_s`` is killed and started afresh for
the next request, so a hung speech engine costs one utterance, not the station.
"""

from __future__ import annotations

import logging
import sys
import threading

from speech.audio import PcmClip, read_wav
from speech.synthesis import SynthesisError, Synthesizer, VoiceInfo
from speech.worker_process import Message, WorkerError, WorkerProcess, WorkerTimeout

log = logging.getLogger(__name__)


class Pyttsx3Synthesizer(Synthesizer):
    """pyttsx3 speaking in its worker process (``python`` runs it).

    ``timeout_s``: the most the engine may take to load or to speak one text.
    """

    engine = f"pyttsx3-{sys.platform}"

    def __init__(self, timeout_s: float = 30.0, python: str = sys.executable):
        self.timeout_s = timeout_s
        self._worker = WorkerProcess("speech.pyttsx3_worker", "speech worker", python)
        self._lock = threading.Lock()
        self._voices: tuple[VoiceInfo, ...] | None = None

    def synthesize(self, text: str, voice: str | None, rate_wpm: float) -> PcmClip:
        """Speak ``text`` in the worker; blank text is 0.1 s of silence. Raises SynthesisError."""
        if not text.strip():
            return PcmClip(bytes(2 * 2205), 22050)
        payload = self._call({"cmd": "say", "text": text, "voice": voice,
                              "rate": round(rate_wpm)}).payload
        try:
            clip = read_wav(payload)
        except ValueError as exc:
            raise SynthesisError(f"the speech engine returned no usable audio ({exc})") from None
        if not clip.pcm:
            log.warning("speech engine returned no audio (%d bytes of WAV) for %r", len(payload), text[:40])
            raise SynthesisError(f"the speech engine returned silence for {text[:40]!r}")
        return clip

    def voices(self) -> tuple[VoiceInfo, ...]:
        """The engine's installed voices, asked for once."""
        if self._voices is None:
            header = self._call({"cmd": "voices"}).header
            self._voices = tuple(VoiceInfo(v["id"], v["name"], tuple(v["languages"]))
                                 for v in header["voices"])
        return self._voices

    def close(self) -> None:
        """Stop the worker process."""
        with self._lock:
            self._worker.stop()

    def _call(self, request: dict[str, object]) -> Message:
        with self._lock:
            try:
                self._worker.ensure_started(self.timeout_s)
                self._worker.send(request)
                reply = self._worker.receive(self.timeout_s, f"the reply to {request['cmd']!r}")
            except WorkerTimeout as exc:
                self._worker.kill()
                raise SynthesisError(f"{exc}; it was stopped and starts afresh with the next "
                                     "utterance") from None
            except WorkerError as exc:
                self._worker.stop()
                raise SynthesisError(f"{exc}; it starts afresh with the next utterance (is "
                                     "pyttsx3 installed and espeak-ng / SAPI5 available?)") from None
        if "error" in reply.header:
            raise SynthesisError(f"speech engine error: {reply.header['error']}")
        return reply
