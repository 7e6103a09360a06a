"""The microphone through sounddevice (PortAudio): its callback only hands bytes on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from speech.sources import AudioSource, AudioSourceError, Deliver

log = logging.getLogger(__name__)


class MicrophoneSource(AudioSource):
    """The station's microphone as an audio source, delivering 16-bit mono PCM from PortAudio.

    ``device``: index or name (None: the system's default input). ``sample_rate_hz`` is asked
    for; a device that refuses it records at its own rate. ``block_s``: audio per delivery.
    """

    def __init__(self, device: int | str | None = None, sample_rate_hz: int = 16000,
                 block_s: float = 0.05):
        self.device = device
        self.sample_rate_hz = sample_rate_hz
        self.block_s = block_s
        self._stream: Any = None
        self._lost: Callable[[str], None] | None = None
        self._closing = False

    def on_lost(self, lost: Callable[[str], None]) -> None:
        """``lost(reason)`` hears when the stream ends without ``close`` (the device went away)."""
        self._lost = lost

    def _report_lost(self, reason: str) -> None:
        lost = self._lost
        if lost is not None and not self._closing:
            lost(reason)

    def start(self, deliver: Deliver) -> None:
        """Open the microphone and deliver every block; raises AudioSourceError saying what is missing."""
        try:
            import sounddevice as sd
        except (ImportError, OSError) as exc:
            raise AudioSourceError(f"no audio input available ({exc}); install PortAudio "
                                   "(libportaudio2) or answer typed (--input typed)") from None
        try:
            info = sd.query_devices(self.device, kind="input")
        except (ValueError, sd.PortAudioError) as exc:
            raise AudioSourceError(f"no microphone found ({exc}); connect one, or answer typed "
                                   "(--input typed)") from None
        rate = self.sample_rate_hz
        try:
            sd.check_input_settings(device=self.device, samplerate=rate, channels=1, dtype="int16")
        except (ValueError, sd.PortAudioError):
            rate = int(info["default_samplerate"])  # the session resamples
            log.info("microphone %s does not offer %d Hz; recording at %d Hz", info["name"],
                     self.sample_rate_hz, rate)

        def callback(indata: Any, frames: int, time: Any, status: Any) -> None:
            if status:
                log.debug("microphone: %s", status)
            try:
                deliver(bytes(indata), rate)
            except Exception as exc:  # raised here it would end PortAudio's thread, unheard
                self._report_lost(f"the audio callback failed: {type(exc).__name__}: {exc}")
                raise sd.CallbackAbort from None

        def finished() -> None:  # PortAudio ended the stream: aborted, or the device is gone
            self._report_lost("the microphone's audio stream ended")

        try:
            self._stream = sd.RawInputStream(device=self.device, samplerate=rate, channels=1,
                                             dtype="int16", blocksize=int(rate * self.block_s),
                                             callback=callback, finished_callback=finished)
            self._stream.start()
        except sd.PortAudioError as exc:
            raise AudioSourceError(f"cannot open the microphone '{info['name']}': {exc}") from None
        log.info("listening on %s at %d Hz", info["name"], rate)

    def close(self) -> None:
        """Stop and close the stream; a device that vanished already costs a debug log line."""
        self._closing = True
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:  # the device may have vanished already
                log.debug("microphone close: %s", exc)
