"""The tour guide's voice: say a text, show it as captions, tell when it is done.

Synthesis (the station's one speech path, ``synthesis.StationSpeech``: cached, so a stop heard
before starts at once) runs on the speech lane; this object only ever waits by being polled. Saying
something new cancels what was queued or playing, so a visitor who moves on is never talked
over by the previous stop. Without a voice (no espeak-ng, broken voice) the captions still
show for the time it takes to read them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from catalog.translations import FallbackText
from speech.clip import SpeechClip
from speech.station_speech import StationSpeech
from vr_station.jobs import SPEECH, BackgroundJobs, Ticket
from vr_station.sound.playback import Playing, SpeechPlayer
from vr_station.ui.captions import CaptionBar

if TYPE_CHECKING:
    from panda3d.core import NodePath

log = logging.getLogger(__name__)


SYNTHESIS_TIMEOUT_S = 12.0
"""A voice that has not come by then is given up; the captions carry the text."""


def reading_time_s(text: str) -> float:
    """How long captions stay without audio: about 2.5 words a second, at least 2.5 s."""
    return max(2.5, len(text.split()) / 2.5)


class Narrator:
    """The tour guide's voice: one text at a time, synthesized on the speech lane, played and captioned."""

    def __init__(self, jobs: BackgroundJobs, speech: StationSpeech, player: SpeechPlayer,
                 captions: CaptionBar, clock: Callable[[], float],
                 fallback_voices: Sequence[str] = ()) -> None:
        self._jobs = jobs
        self._fallback_voices = tuple(fallback_voices)
        """The German voices (content/languages.yaml): a text that fell back to German
        (``catalog.translations.FallbackText``) is spoken in German, not by a Ukrainian voice."""
        self._speech = speech
        self._player = player
        self._captions = captions
        self._clock = clock
        self._ticket: Ticket[SpeechClip] | None = None
        self._playing: Playing | None = None
        self._silent_until_s: float | None = None
        self._on_done: Callable[[], None] | None = None
        self._generation = 0
        self._asked_s = 0.0
        self._fallback: Callable[[BaseException], None] | None = None

    @property
    def speaking(self) -> bool:
        """Synthesizing, playing or showing captions of a text."""
        return self._ticket is not None or self._playing is not None \
            or self._silent_until_s is not None

    @property
    def level(self) -> float:
        """How loud the guide speaks now (0 … 1), for a speaker's mouth; 0 while silent."""
        return self._playing.level(self._clock()) if self._playing is not None else 0.0

    def say(self, text: str, voices: Sequence[str], rate_wpm: float, speaker: str, *,
            at: NodePath | None = None, on_done: Callable[[], None] | None = None,
            captions: bool = True) -> None:
        """Speak ``text``; ``captions=False`` when a panel already shows the very same text.

        Captions show the text as given (a German fallback with its [DE] mark); speech says a
        fallback without the mark, with the German voice.
        """
        spoken = text
        if isinstance(text, FallbackText) and self._fallback_voices:
            spoken, voices = text.unmarked, self._fallback_voices
        self.stop()
        self._generation += 1
        generation = self._generation
        self._on_done = on_done

        def ready(clip: SpeechClip) -> None:
            if generation != self._generation:
                return
            self._ticket = None
            now = self._clock()
            self._playing = self._player.play(clip, now, at=at, on_done=self._finished)
            if captions:
                self._captions.show_timed(speaker, text, clip.duration_s, now)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            # A staff notice: the visitor still reads every word in the captions.
            log.warning("speech unavailable, showing captions only: %s", error)
            self._ticket = None
            now = self._clock()
            duration = reading_time_s(text)
            self._silent_until_s = now + duration
            if captions:
                self._captions.show_timed(speaker, text, duration, now)

        self._asked_s = self._clock()
        self._fallback = failed
        self._ticket = self._jobs.submit(
            SPEECH, "narration", lambda: self._speech.synthesize(spoken, voices, rate_wpm),
            on_done=ready, on_error=failed)

    def update(self, now_s: float) -> None:
        """Once per frame: give up on a voice that is too late (captions carry on), end a silent caption."""
        if self._ticket is not None and now_s - self._asked_s > SYNTHESIS_TIMEOUT_S \
                and self._fallback is not None:
            self._ticket.cancel()
            self._fallback(TimeoutError(f"no speech after {SYNTHESIS_TIMEOUT_S:.0f} s"))
        if self._silent_until_s is not None and now_s >= self._silent_until_s:
            self._silent_until_s = None
            self._finished()

    def stop(self) -> None:
        """Stop talking now; the ``on_done`` of what was said is not called."""
        self._generation += 1
        if self._ticket is not None:
            self._ticket.cancel()
            self._ticket = None
        if self._playing is not None:
            self._player.stop(self._playing)
            self._playing = None
        self._silent_until_s = None
        self._on_done = None
        self._captions.clear()

    def _finished(self) -> None:
        self._playing = None
        self._captions.clear()
        on_done, self._on_done = self._on_done, None
        if on_done is not None:
            on_done()
