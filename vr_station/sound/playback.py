"""Play speech clips through Panda3D's audio, positioned in 3-D, on the station's own clock.

The clock, not the sound card, says when a clip ends: stations without speakers (and the
headless demo, with Panda3D's null audio) run exactly the same flow, mouths and captions.
Sounds come from memory (``UserDataAudio``): no files, nothing to clean up on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from speech.clip import SpeechClip

if TYPE_CHECKING:
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import NodePath

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Playing:
    """One clip being played: when it started on the station's clock, and whether it is paused."""

    clip: SpeechClip
    started_s: float
    on_done: Callable[[], None] | None
    sound: Any = field(default=None, repr=False)
    paused_at_s: float | None = None
    finished: bool = False

    def position_s(self, now_s: float) -> float:
        """Seconds into the clip at ``now_s`` (held while paused)."""
        return (self.paused_at_s if self.paused_at_s is not None else now_s) - self.started_s

    def level(self, now_s: float) -> float:
        """The clip's loudness now (0 … 1): how far the speaker's mouth is open."""
        return 0.0 if self.finished else self.clip.envelope_at(self.position_s(now_s))


class SpeechPlayer:
    """Plays speech clips from memory, in 3-D at a node or plain, timed by the station's clock.

    ``listener`` is the node that hears (the visitor's head). Without a sound card the clips are
    only timed, so captions and mouths run the same.
    """

    def __init__(self, base: ShowBase, listener: NodePath) -> None:
        from direct.showbase.Audio3DManager import Audio3DManager

        self._manager = base.sfxManagerList[0] if base.sfxManagerList else None
        self.audible = bool(self._manager is not None and self._manager.isValid()
                            and type(self._manager).__name__ != "NullAudioManager")
        self._audio3d = Audio3DManager(self._manager, listener, taskPriority=51) \
            if self._manager is not None else None
        self._playing: list[Playing] = []

    def play(self, clip: SpeechClip, now_s: float, *, at: NodePath | None = None,
             on_done: Callable[[], None] | None = None) -> Playing:
        """Start ``clip`` at ``now_s``, from ``at`` in 3-D where given; ``on_done`` runs when it ends."""
        playing = Playing(clip, now_s, on_done)
        if self._manager is not None and self.audible:
            playing.sound = self._make_sound(clip, at)
            if playing.sound is not None:
                playing.sound.play()
        self._playing.append(playing)
        return playing

    def update(self, now_s: float) -> None:
        """Finish clips whose time is up; call their ``on_done`` (render thread)."""
        for playing in list(self._playing):
            if playing.paused_at_s is None and now_s - playing.started_s >= playing.clip.duration_s:
                self._finish(playing)
                if playing.on_done is not None:
                    playing.on_done()

    def stop(self, playing: Playing | None = None) -> None:
        """Stop one clip (or all) without calling ``on_done``."""
        for item in [playing] if playing is not None else list(self._playing):
            if item in self._playing:
                self._finish(item)

    def pause(self, now_s: float) -> None:
        """Pause every clip at ``now_s`` (the station is paused)."""
        for playing in self._playing:
            if playing.paused_at_s is None:
                playing.paused_at_s = now_s
                if playing.sound is not None:
                    playing.sound.stop()

    def resume(self, now_s: float) -> None:
        """Resume every paused clip where it stopped."""
        for playing in self._playing:
            if playing.paused_at_s is not None:
                offset = playing.paused_at_s - playing.started_s
                playing.started_s = now_s - offset
                playing.paused_at_s = None
                if playing.sound is not None:
                    playing.sound.setTime(offset)
                    playing.sound.play()

    @property
    def busy(self) -> bool:
        """Whether any clip is playing or paused."""
        return bool(self._playing)

    def destroy(self) -> None:
        """Stop every clip and release the 3-D audio."""
        self.stop()
        if self._audio3d is not None:
            self._audio3d.disable()
            self._audio3d = None

    def _make_sound(self, clip: SpeechClip, at: NodePath | None) -> Any:
        from panda3d.core import UserDataAudio

        source = UserDataAudio(clip.sample_rate_hz, 1)
        source.append(clip.pcm)
        source.done()
        assert self._manager is not None
        sound = self._manager.getSound(source, at is not None)
        if at is not None and self._audio3d is not None:
            self._audio3d.attachSoundToObject(sound, at)
        return sound

    def _finish(self, playing: Playing) -> None:
        playing.finished = True
        if playing.sound is not None:
            playing.sound.stop()
            if self._audio3d is not None:
                self._audio3d.detachSound(playing.sound)
            playing.sound = None
        self._playing.remove(playing)
