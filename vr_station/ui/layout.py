"""The one owner of where panels, captions and keyboards stand: zones in the comfortable view.

Pure angles and metres, no Panda3D, so that the rules can be tested and read in one place.
Angles are measured from the visitor's eyes, relative to the way they faced when a step began:
yaw to the left (+) or right (−), pitch above (+) or below (−) the eye line.

**Comfortable view.** Content stays within ±30° of straight ahead and between 35° below and 20°
above the eye line, at 1–2 m: the head turns about 30° either way without strain and the eyes
rest slightly below the horizon (Mike Alger, "Visual Design Methods for Virtual Reality", 2015;
Google Daydream, "Designing Screen Interfaces for VR", Google I/O 2017). Nothing the visitor
must read or press leaves that box.

**Zones.** Each kind of screen (an ``Arrangement``) splits the box into disjoint zones:
``content`` (the step's main panel), ``controls`` (buttons beside the scene), ``details`` (facts,
an open hotspot), ``keyboard`` (keys low in front), ``captions`` and ``help`` (the "get help"
button every screen shows). Zones never intersect (a test
checks every arrangement), and a panel is placed inside its zone, shrunk if it is too large, so
two panels can only collide if a step puts them in the same zone.

**Minimum text size.** Text is sized as an angle (see ``theme.TextSizes``): body 1.5°, about 26
distance-independent millimetres (dmm, 1 mm seen from 1 m, the unit of the Google I/O 2017 talk
above, whose guidance for comfortable reading text is around 24 dmm and up). Legibility in a
headset falls quickly below that and further for text turned away from the eye (Büttner,
Grünvogel & Fuhrmann, "The influence of text rotation, font and distance on legibility in VR",
IEEE VR 2020), so panels face the eye and no text may shrink below ``MIN_TEXT_DEG`` (1.05°,
about 18 dmm, used only by the smallest hints when a panel must shrink to fit its zone). Text
that would have to be smaller pages instead (``paging``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

COMFORT_YAW_DEG = 30.0
"""Left and right of straight ahead."""
COMFORT_UP_DEG = 20.0
COMFORT_DOWN_DEG = 35.0
NEAREST_M = 1.0
FARTHEST_M = 2.0
"""Panels stand between these distances: fixed-focus headsets blur nearer text, and farther
text needs larger panels for the same angle."""
MIN_TEXT_DEG = 1.05
"""The smallest angular em height any text may have after shrinking (about 18 dmm)."""
SMALLEST_TEXT_DEG = 1.25
"""The smallest text the theme draws (``TextSizes.small_deg``); with ``MIN_TEXT_DEG`` it bounds
how far a panel may shrink."""
MIN_SCALE = MIN_TEXT_DEG / SMALLEST_TEXT_DEG
GAP_DEG = 1.0
"""Space kept between neighbouring zones, so that panels in them never touch."""


@dataclass(frozen=True)
class ViewRect:
    """A region of the visitor's view in degrees (yaw + left, pitch + up)."""

    left_deg: float
    right_deg: float
    top_deg: float
    bottom_deg: float

    @property
    def width_deg(self) -> float:
        """Its horizontal extent in degrees."""
        return self.left_deg - self.right_deg

    @property
    def height_deg(self) -> float:
        """Its vertical extent in degrees."""
        return self.top_deg - self.bottom_deg

    def overlaps(self, other: ViewRect) -> bool:
        """Whether the two regions share any area (touching edges do not count)."""
        return (min(self.left_deg, other.left_deg) > max(self.right_deg, other.right_deg)
                and min(self.top_deg, other.top_deg) > max(self.bottom_deg, other.bottom_deg))

    def inside(self, other: ViewRect, tolerance_deg: float = 0.0) -> bool:
        """Whether this region lies within ``other`` (grown by ``tolerance_deg``)."""
        return (self.left_deg <= other.left_deg + tolerance_deg
                and self.right_deg >= other.right_deg - tolerance_deg
                and self.top_deg <= other.top_deg + tolerance_deg
                and self.bottom_deg >= other.bottom_deg - tolerance_deg)


COMFORT = ViewRect(COMFORT_YAW_DEG, -COMFORT_YAW_DEG, COMFORT_UP_DEG, -COMFORT_DOWN_DEG)


@dataclass(frozen=True)
class Placement:
    """Where a panel's centre stands, seen from the eye, and how much it was shrunk."""

    yaw_deg: float
    pitch_deg: float
    distance_m: float
    scale: float
    """1: as built; below 1 the panel was shrunk to fit (never below ``MIN_SCALE``)."""
    fits: bool
    """False: even at ``MIN_SCALE`` the panel is larger than its zone (a content problem)."""


@dataclass(frozen=True)
class Zone:
    """A region of the view reserved for one kind of panel, at one distance from the eyes."""

    name: str
    area: ViewRect
    distance_m: float

    def width_m(self) -> float:
        """The widest flat panel (facing the eye, centred) that fits the zone's width."""
        return 2.0 * self.distance_m * math.tan(math.radians(self.area.width_deg / 2.0))

    def height_m(self) -> float:
        """The tallest flat panel (facing the eye, centred) that fits the zone's height."""
        return 2.0 * self.distance_m * math.tan(math.radians(self.area.height_deg / 2.0))

    def fit(self, width_m: float, height_m: float, *, align: str = "center") -> Placement:
        """Place a panel of ``width_m`` × ``height_m`` in the zone, shrinking it to fit.

        ``align`` "top" hangs it from the zone's top (a list that grows downwards), "bottom"
        stands it on the zone's bottom (keys nearest the hands), "center" centres it. The fit
        uses the panel's projected corners (``panel_view``): a wide panel's corners rise towards
        the eye line, so its flat angular size is not enough.

        Remembered (``_fit``): the bisection costs about 2 ms, and the caption bar and the input
        hint stand anew every frame with the same few sizes.
        """
        return _fit(self, width_m, height_m, align)


@functools.lru_cache(maxsize=256)
def _fit(zone: Zone, width_m: float, height_m: float, align: str) -> Placement:
    """``Zone.fit``: a pure function of frozen values, so its answers can be kept."""
    area = zone.area
    yaw = (area.left_deg + area.right_deg) / 2.0
    middle = (area.top_deg + area.bottom_deg) / 2.0

    def placed(scale: float, fits: bool = True) -> Placement:
        placement = Placement(yaw, middle, zone.distance_m, scale, fits)
        for _ in range(4):  # the projected edges move a little with the pitch
            view = panel_view(placement, width_m, height_m)
            if align == "top":
                shift = area.top_deg - view.top_deg
            elif align == "bottom":
                shift = area.bottom_deg - view.bottom_deg
            else:
                shift = middle - (view.top_deg + view.bottom_deg) / 2.0
            placement = Placement(yaw, placement.pitch_deg + shift, zone.distance_m, scale,
                                  fits)
        return placement

    def inside(scale: float) -> bool:
        return panel_view(placed(scale), width_m, height_m).inside(area, 1e-3)

    if inside(1.0):
        return placed(1.0)
    if not inside(MIN_SCALE):
        return placed(MIN_SCALE, fits=False)
    low, high = MIN_SCALE, 1.0
    for _ in range(16):
        mid = (low + high) / 2.0
        low, high = (mid, high) if inside(mid) else (low, mid)
    return placed(low)


def panel_view(placement: Placement, width_m: float, height_m: float) -> ViewRect:
    """The region a flat panel placed at ``placement`` and facing the eye covers.

    Its corners and edge midpoints are projected into the eye (yaw left +, pitch up +): the box
    around them.
    """
    yaw, pitch = math.radians(placement.yaw_deg), math.radians(placement.pitch_deg)
    # x right, y forward, z up: the panel's centre direction and its own right and up vectors.
    forward = (-math.sin(yaw) * math.cos(pitch), math.cos(yaw) * math.cos(pitch), math.sin(pitch))
    right = (math.cos(yaw), math.sin(yaw), 0.0)
    up = (math.sin(yaw) * math.sin(pitch), -math.cos(yaw) * math.sin(pitch), math.cos(pitch))
    half_w, half_h = width_m * placement.scale / 2.0, height_m * placement.scale / 2.0
    yaws, pitches = [], []
    for sx in (-1.0, 0.0, 1.0):
        for sz in (-1.0, 0.0, 1.0):
            x, y, z = (placement.distance_m * f + sx * half_w * r + sz * half_h * u
                       for f, r, u in zip(forward, right, up, strict=True))
            yaws.append(math.degrees(math.atan2(-x, y)))
            pitches.append(math.degrees(math.atan2(z, math.hypot(x, y))))
    return ViewRect(max(yaws), min(yaws), max(pitches), min(pitches))


class Arrangement(StrEnum):
    """The kinds of screen the station shows; each has its own set of zones."""

    SINGLE = "single"
    """One panel in front (menus, the report, thanks), captions below."""
    TOUR = "tour"
    """The workplace ahead, details (facts, an open hotspot) left, controls right."""
    INTERVIEW = "interview"
    """The interviewer ahead, the status and "end" to the right, captions below."""
    KEYBOARD = "keyboard"
    """Keys low in front, the text and question to the left, captions to the right; the
    interviewer's face (or the view ahead) stays free in the middle."""
    CHOICES = "choices"
    """Two lists side by side (what worked, what didn't), actions below them, captions below."""


_SIDE = COMFORT_YAW_DEG
_MIDDLE_HALF_DEG = 4.0
"""The middle kept free in tour and interview screens: the workplace or the interviewer stays
in view between the panels."""
_FACE_HALF_DEG = 6.0
"""Above the keys, the interviewer's face stays free while the visitor types."""
_KEYS_TOP_DEG = -6.0
_LISTS_BOTTOM_DEG = -8.0
"""Where the two lists of a choices screen end. The actions below get 12°: a row of buttons
whose labels take two lines (German and Russian "comment", "speak a comment", "send" do not fit
one line of the zone's 60° at 1.7°) fits at 0.94 of its size, each button about 7° tall."""


def _rect(left: float, right: float, top: float, bottom: float) -> ViewRect:
    return ViewRect(left, right, top, bottom)


_CAPTIONS_HALF_DEG = 20.0
"""The captions' half width: their 1 m bar (``captions.MAX_WIDTH_M``) fits it at 0.94 of its
size, as the 1.1 m bar fitted ±22° before, so the text keeps its size and wraps a little earlier."""
_CAPTIONS_BELOW = Zone("captions", _rect(_CAPTIONS_HALF_DEG, -_CAPTIONS_HALF_DEG, -22.0,
                                         -COMFORT_DOWN_DEG), 1.5)
"""Low in the view, where subtitles are expected; panels above stop at ``_ABOVE_CAPTIONS``."""
_ABOVE_CAPTIONS = -22.0 + GAP_DEG
_HELP_BESIDE_CAPTIONS = Zone("help", _rect(-_CAPTIONS_HALF_DEG - GAP_DEG, -_SIDE, -22.0,
                                           -COMFORT_DOWN_DEG), 1.5)
"""The "get help" button (issue 16), on every screen: in the lower right corner, beside the
captions, where no step puts a panel; it stands in the same place on almost every screen. Its
9° leave a button of about 7.5° × 8° (``help_button.MIN_TARGET_DEG``)."""

ZONES: dict[Arrangement, dict[str, Zone]] = {
    Arrangement.SINGLE: {
        "content": Zone("content", _rect(_SIDE, -_SIDE, COMFORT_UP_DEG - 4.0, _ABOVE_CAPTIONS),
                        1.9),
        "captions": _CAPTIONS_BELOW,
        "help": _HELP_BESIDE_CAPTIONS,
    },
    Arrangement.TOUR: {
        "details": Zone("details", _rect(_SIDE, _MIDDLE_HALF_DEG, 12.0, _ABOVE_CAPTIONS), 1.7),
        "controls": Zone("controls", _rect(-_MIDDLE_HALF_DEG, -_SIDE, 8.0, _ABOVE_CAPTIONS), 1.7),
        "captions": _CAPTIONS_BELOW,
        "help": _HELP_BESIDE_CAPTIONS,
    },
    Arrangement.INTERVIEW: {
        "content": Zone("content", _rect(-_MIDDLE_HALF_DEG, -_SIDE, 10.0, _ABOVE_CAPTIONS), 1.5),
        "captions": _CAPTIONS_BELOW,
        "help": _HELP_BESIDE_CAPTIONS,
    },
    Arrangement.KEYBOARD: {
        "content": Zone("content", _rect(_SIDE, _FACE_HALF_DEG, COMFORT_UP_DEG,
                                         _KEYS_TOP_DEG + GAP_DEG), 1.5),
        "captions": Zone("captions", _rect(-_FACE_HALF_DEG, -_SIDE, 10.0, _KEYS_TOP_DEG + GAP_DEG),
                         1.5),
        "keyboard": Zone("keyboard", _rect(_SIDE, -_SIDE, _KEYS_TOP_DEG, -COMFORT_DOWN_DEG), 1.15),
        # The keys take the whole bottom: the button goes above the captions, top right.
        "help": Zone("help", _rect(-_FACE_HALF_DEG, -_SIDE, COMFORT_UP_DEG, 10.0 + GAP_DEG), 1.5),
    },
    Arrangement.CHOICES: {
        "left": Zone("left", _rect(_SIDE, GAP_DEG / 2, COMFORT_UP_DEG, _LISTS_BOTTOM_DEG), 1.9),
        "right": Zone("right", _rect(-GAP_DEG / 2, -_SIDE, COMFORT_UP_DEG, _LISTS_BOTTOM_DEG), 1.9),
        "actions": Zone("actions", _rect(_SIDE, -_SIDE, _LISTS_BOTTOM_DEG - GAP_DEG,
                                         _ABOVE_CAPTIONS), 1.7),
        "captions": _CAPTIONS_BELOW,
        "help": _HELP_BESIDE_CAPTIONS,
    },
}


@dataclass(frozen=True)
class Reserved:
    """A zone a step's panel holds, in the world: the step's heading and the zone's area.

    What follows the head (the input hint, the caption bar) keeps clear of it (``aside_deg``).
    """

    heading_deg: float
    """The way the step's stage faces (yaw, + left), from which the area's angles count."""
    area: ViewRect

    def aside_deg(self, yaw_deg: float, placed: Placement, width_m: float,
                  height_m: float) -> float:
        """The least yaw (+ left) that keeps a panel clear of this zone (``beside``).

        The panel: ``width_m`` × ``height_m`` at world heading ``yaw_deg``, with the pitch,
        distance and scale of ``placed``; seen in the step's frame, where the area's angles count.
        """
        relative = (yaw_deg - self.heading_deg + 180.0) % 360.0 - 180.0
        seen = panel_view(Placement(relative, placed.pitch_deg, placed.distance_m, placed.scale,
                                    placed.fits), width_m, height_m)
        return beside(seen, self.area)


def beside(view: ViewRect, keep_out: ViewRect, gap_deg: float = GAP_DEG) -> float:
    """The least yaw (degrees, + left) that moves ``view`` clear of ``keep_out``.

    Clear: ``gap_deg`` between them, like neighbouring zones. 0 when they are that far apart
    already, sideways or one above the other.
    """
    if view.bottom_deg >= keep_out.top_deg + gap_deg or view.top_deg <= keep_out.bottom_deg - gap_deg:
        return 0.0
    to_left = keep_out.left_deg + gap_deg - view.right_deg
    to_right = keep_out.right_deg - gap_deg - view.left_deg
    if to_left <= 0.0 or to_right >= 0.0:
        return 0.0
    return to_left if to_left <= -to_right else to_right


def zone(arrangement: Arrangement, name: str) -> Zone:
    """The zone ``name`` of ``arrangement``; KeyError names what exists."""
    zones = ZONES[arrangement]
    if name not in zones:
        raise KeyError(f"{arrangement} has no zone {name!r} (it has {', '.join(zones)})")
    return zones[name]


def lines_per_page(zone_height_m: float, line_height_m: float, reserved_m: float) -> int:
    """How many lines of ``line_height_m`` fit a zone once ``reserved_m`` (title, buttons) is taken."""
    return max(1, int((zone_height_m - reserved_m) // line_height_m))


T = TypeVar("T")


def pages(items: Sequence[T], per_page: int) -> list[tuple[T, ...]]:
    """``items`` split into pages of at most ``per_page``: nothing dropped, order kept."""
    size = max(1, per_page)
    return [tuple(items[i:i + size]) for i in range(0, len(items), size)] or [()]
