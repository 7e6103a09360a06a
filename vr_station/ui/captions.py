"""Captions for everything spoken: narration, the interviewer, and the visitor's own words.

The caption bar floats below the centre of view and follows the head lazily (yaw only): it
stays put while the visitor looks around a little and glides back when they turn away, so it
never swims with every small head movement. Long texts are shown a sentence or two at a time,
timed along the audio. Always drawn on top, so no wall or prop hides it.

Drawn on top, it would also hide the "get help" button, which stands fixed in the step's
``help`` zone right beside the captions zone: a visitor who turned far to the right saw the bar
slide over "Hilfe holen" (issue 15). So the bar is handed the help zone the step holds
(``Reserved``) and stands just far enough aside to keep the zones' gap from it
(``Reserved.aside_deg``, as the input hint does). When the head turns on, the nearer side changes
and the bar glides across to it at its follow speed rather than jumping: a jump of 50° of text
in one frame is lost by the eye, a glide is followed (and the button is covered for under
half a second, never while the bar rests).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from panda3d.core import NodePath

from vr_station.ui import shapes
from vr_station.ui.layout import ZONES, Arrangement, Reserved, Zone
from vr_station.ui.panel import UiKit
from vr_station.ui.theme import CAPTIONS_ORDER, OVERLAY_BIN

CAPTION_DISTANCE_M = 1.5
"""Every captions zone of ``layout.ZONES`` stands this far away (the text is sized for it)."""
MAX_WIDTH_M = 1.0
"""About ±18° at ``CAPTION_DISTANCE_M``: inside every captions zone's width, and leaving the
lower right corner to a "get help" button large enough to hit (``ui.layout``)."""
FOLLOW_BEYOND_DEG = 25.0
"""The bar stays where it is until the head has turned this far away from it."""
FOLLOW_SPEED_DEG_S = 120.0
MAX_CHUNK_CHARS = 110


def split_captions(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[str]:
    """Sentences grouped into chunks a visitor can read at a glance (two lines at most)."""
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", " ".join(text.split())) if s]
    chunks: list[str] = []
    for sentence in sentences:
        while len(sentence) > max_chars:  # one very long sentence: break at a word
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            chunks.append(sentence[:cut])
            sentence = sentence[cut:].strip()
        if chunks and len(chunks[-1]) + 1 + len(sentence) <= max_chars \
                and not chunks[-1].endswith(("?", "!")):
            chunks[-1] += " " + sentence
        else:
            chunks.append(sentence)
    return chunks


def chunk_times(chunks: list[str], duration_s: float) -> list[float]:
    """When each chunk starts, in proportion to its length."""
    total = sum(len(c) for c in chunks) or 1
    starts, elapsed = [], 0.0
    for chunk in chunks:
        starts.append(elapsed)
        elapsed += duration_s * len(chunk) / total
    return starts


def _turn(from_deg: float, to_deg: float) -> float:
    """The shorter signed turn from one heading to another, degrees (+ left)."""
    return (to_deg - from_deg + 180.0) % 360.0 - 180.0


@dataclass
class _Timed:
    speaker: str
    chunks: list[str]
    starts: list[float]
    started_s: float


class CaptionBar:
    """The caption bar below the centre of view (see the module); ``width_m`` is its width in metres."""

    def __init__(self, kit: UiKit, render: NodePath, head: NodePath, width_m: float = 1.1) -> None:
        self._kit = kit
        self._render = render
        self._head = head
        self._width_m = width_m
        self._zone = ZONES[Arrangement.SINGLE]["captions"]
        self._height_m = 0.0
        self.root = render.attachNewNode("captions")
        self.root.setBin(OVERLAY_BIN, CAPTIONS_ORDER + 1)
        self.root.setDepthTest(False)
        self.root.setDepthWrite(False)
        self.root.setLightOff()
        self._bar = self.root.attachNewNode("bar")
        self._card: NodePath | None = None
        self._cards: dict[int, NodePath] = {}
        self._em = kit.em_m(kit.theme.sizes.body_deg, CAPTION_DISTANCE_M)
        self._lines: list[NodePath] = []
        """The speaker's name and the text now shown (copies of cached text geometry)."""
        self._yaw_deg: float | None = None
        """Where the head was followed to (world heading): the bar stands here, or beside it."""
        self._standing_deg: float | None = None
        """Where the bar stands now (world heading of the zone's middle); glides to its place."""
        self._catching_up = False
        self._timed: _Timed | None = None
        self._shown: tuple[str, str] | None = None
        self.root.hide()

    def place_in(self, zone: Zone) -> None:
        """Stand in ``zone`` (the layout's captions zone of the step now shown), relative to the head."""
        if zone.distance_m != CAPTION_DISTANCE_M:
            raise ValueError(f"captions are sized for {CAPTION_DISTANCE_M} m, not {zone.distance_m}")
        width = min(MAX_WIDTH_M, zone.width_m())
        if zone == self._zone and width == self._width_m:
            return
        self._zone = zone
        if width != self._width_m:
            self._width_m = width
            for card in self._cards.values():
                card.removeNode()
            self._cards.clear()
            self._card = None
            shown, self._shown = self._shown, None
            if shown is not None and not self.root.isHidden():
                self._set(*shown)

    @property
    def zone(self) -> Zone:
        """Where the bar stands now."""
        return self._zone

    @property
    def text(self) -> str:
        """What the bar shows now ('' when hidden)."""
        return self._shown[1] if self._shown and not self.root.isHidden() else ""

    def show_timed(self, speaker: str, text: str, duration_s: float, now_s: float) -> None:
        """Show ``text`` a chunk at a time, timed along ``duration_s`` of audio that started at ``now_s``."""
        chunks = split_captions(text) or [text]
        self._timed = _Timed(speaker, chunks, chunk_times(chunks, duration_s), now_s)
        self._set(speaker, chunks[0])

    def show_live(self, speaker: str, text: str) -> None:
        """Text that changes as it comes (what the recogniser heard so far): last two lines."""
        self._timed = None
        words = text.split()
        tail = " ".join(words)
        while len(tail) > MAX_CHUNK_CHARS and words:
            words = words[1:]
            tail = "… " + " ".join(words)
        self._set(speaker, tail)

    def clear(self) -> None:
        """Hide the bar and forget the text."""
        self._timed = None
        self._shown = None
        self.root.hide()

    def update(self, now_s: float, dt_s: float, keep_clear_of: Reserved | None = None) -> None:
        """Once per frame: advance a timed caption to ``now_s`` and let the bar follow the head.

        ``keep_clear_of``: the help zone of the step shown, while its button stands there.
        """
        if self._timed is not None:
            elapsed = now_s - self._timed.started_s
            index = max(i for i, start in enumerate(self._timed.starts) if start <= max(0.0, elapsed))
            self._set(self._timed.speaker, self._timed.chunks[index])
        self._follow(dt_s, keep_clear_of)

    def _set(self, speaker: str, text: str) -> None:
        if self._shown == (speaker, text) and not self.root.isHidden():
            return
        self._shown = (speaker, text)
        for line in self._lines:
            line.removeNode()
        kit, em = self._kit, self._em
        colours = kit.theme.colours
        speaker_anchor = self._bar.attachNewNode("speaker")
        text_anchor = self._bar.attachNewNode("text")
        self._lines = [speaker_anchor, text_anchor]
        speaker_h = 0.0
        if speaker:
            _, speaker_h = kit.text(speaker_anchor, "speaker", speaker, em_m=em * 0.85,
                                    width_m=None, colour=colours.accent, bold=True,
                                    align="center", fit_words=False)
            speaker_h += em * 0.25
        _, text_h = kit.text(text_anchor, "caption", text, em_m=em, width_m=self._width_m - 0.1,
                             colour=colours.text, align="center")
        pad = 0.045
        height = pad * 2 + speaker_h + text_h
        self._height_m = height
        top = height / 2 - pad
        speaker_anchor.setPos(0, -0.004, top)
        text_anchor.setPos(0, -0.004, top - speaker_h)
        if self._card is not None:
            self._card.hide()
        key = round(height * 100)  # a card per centimetre of height, made once, reused
        card = self._cards.get(key)
        if card is None:
            card = shapes.rounded_rect(self._bar, "card", self._width_m, key / 100, 0.03,
                                       (0.04, 0.08, 0.11, 0.94))
            card.setTransparency(True)
            card.setBin(OVERLAY_BIN, CAPTIONS_ORDER)
            self._cards[key] = card
        card.show()
        self._card = card
        self.root.show()

    def _follow(self, dt_s: float, keep_clear_of: Reserved | None) -> None:
        head_pos = self._head.getPos(self._render)
        forward = self._render.getRelativeVector(self._head, (0, 1, 0))
        head_yaw = math.degrees(math.atan2(-forward[0], forward[1]))
        # Hang from the zone's top (a caption of more lines grows downwards, away from panels),
        # fitted by the layout like a panel: projected corners, shrunk if it must.
        height = max(self._height_m, 0.01)
        placed = self._zone.fit(self._width_m, height, align="top")  # remembered by the layout

        def place(yaw_deg: float) -> float:
            if keep_clear_of is None:
                return yaw_deg
            return yaw_deg + keep_clear_of.aside_deg(yaw_deg + placed.yaw_deg, placed,
                                                     self._width_m, height)

        if self._yaw_deg is None:
            self._yaw_deg = head_yaw
            self._standing_deg = None
        wanted = place(self._yaw_deg)
        # Turn after the head when the place the bar wants (beside the button, maybe) is too far
        # from it, not only its followed heading: a bar that waits 25° away and then stands
        # 25° further aside would be out of sight.
        if abs(_turn(wanted, head_yaw)) > FOLLOW_BEYOND_DEG or self._catching_up:
            diff = _turn(self._yaw_deg, head_yaw)
            self._catching_up = abs(diff) > 2.0
            self._yaw_deg += math.copysign(min(abs(diff), FOLLOW_SPEED_DEG_S * dt_s), diff)
            wanted = place(self._yaw_deg)
        if self._standing_deg is None:  # shown anew: straight to its place
            self._standing_deg = wanted
        else:  # glides, at the follow speed, also across the button when the nearer side changes
            move = _turn(self._standing_deg, wanted)
            self._standing_deg += math.copysign(min(abs(move), FOLLOW_SPEED_DEG_S * dt_s), move)
        yaw, pitch = self._standing_deg + placed.yaw_deg, placed.pitch_deg
        self.root.setScale(placed.scale)
        rad, tilt = math.radians(yaw), math.radians(pitch)
        horizontal = CAPTION_DISTANCE_M * math.cos(tilt)
        self.root.setPos(head_pos[0] - math.sin(rad) * horizontal,
                         head_pos[1] + math.cos(rad) * horizontal,
                         head_pos[2] + CAPTION_DISTANCE_M * math.sin(tilt))
        self.root.setHpr(yaw, pitch, 0)

    def recentre(self) -> None:
        """Jump in front of the head (after a teleport or a new step)."""
        self._yaw_deg = None

    def destroy(self) -> None:
        """Remove the bar from the scene."""
        self.root.removeNode()
