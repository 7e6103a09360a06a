"""Colours and sizes of the world-space UI, chosen for legibility in a headset.

Sizes are angles: text must cover enough of the visitor's view, wherever the panel stands.
Body text of 1.5° is about 26 "distance-independent millimetres" (26 mm seen from 1 m), above
the ~24 dmm headset makers recommend for reading; labels a visitor must read to act are larger.
Panels stand about 1.9 m away: far enough for the eyes to focus without strain in today's
fixed-focus headsets (1.2 m is the usual minimum for text), near enough to point at.

Colours are light text on dark, calm panels; every pair used for text has a contrast ratio of
at least 7:1 (WCAG 2 level AAA), checked by a test.
"""

from __future__ import annotations

from dataclasses import dataclass

from vr_station.ui.geometry import size_for_angle_m

Rgba = tuple[float, float, float, float]

PANEL_DISTANCE_M = 1.9
PANEL_DROP_DEG = 6.0
"""Panels sit slightly below eye level: people read comfortably looking a little down."""


OVERLAY_BIN = "vr-overlay"
"""A fixed-order bin drawn after the panels: captions, the gaze cursor, the fade."""
OVERLAY_BIN_SORT = 70
CAPTIONS_ORDER, RETICLE_ORDER, FADE_ORDER = 10, 30, 40


def register_overlay_bin() -> None:
    """Create the overlay bin (once per process; Panda3D's bin list is global)."""
    from panda3d.core import CullBinManager

    manager = CullBinManager.getGlobalPtr()
    if manager.findBin(OVERLAY_BIN) < 0:
        manager.addBin(OVERLAY_BIN, CullBinManager.BTFixed, OVERLAY_BIN_SORT)


def rgba(hex_colour: str, alpha: float = 1.0) -> Rgba:
    """An sRGB colour from ``#rrggbb``, with ``alpha`` (0 … 1)."""
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) / 255.0 for i in (0, 2, 4))
    return (r, g, b, alpha)


@dataclass(frozen=True)
class TextSizes:
    """Angular em heights in degrees."""

    title_deg: float = 2.5
    heading_deg: float = 1.9
    button_deg: float = 1.7
    body_deg: float = 1.5
    small_deg: float = 1.25
    """The smallest text the station shows (sources, hints)."""

    def em_m(self, angle_deg: float, distance_m: float = PANEL_DISTANCE_M) -> float:
        """The height in metres of text ``angle_deg`` high, seen from ``distance_m``."""
        return size_for_angle_m(angle_deg, distance_m)


_PANEL = rgba("#102230")
_PANEL_EDGE = rgba("#2d6f94")
_TEXT = rgba("#f4f7fa")
_TEXT_MUTED = rgba("#c5d3de")
_ACCENT = rgba("#f2b84b")
_ON_ACCENT = rgba("#141a20")
_BUTTON = rgba("#1f4058")
_BUTTON_HOVER = rgba("#245271")
_SELECTED = rgba("#0b5a48")
_LISTENING = rgba("#e0483e")
_SKY_TOP = rgba("#1b2f40")
_SKY_HORIZON = rgba("#5d7d94")
_FLOOR = rgba("#24323d")
_GRID = rgba("#7fa6c2", 0.55)
_HOTSPOT = rgba("#ffd36b")
_GOOD = rgba("#5cc08a")
_WORK_ON = rgba("#e8845a")
_INFO = rgba("#9fb3c2")


@dataclass(frozen=True)
class Palette:
    """The UI's colours; every text/background pair used has a contrast of at least 7:1."""

    panel: Rgba = _PANEL
    panel_edge: Rgba = _PANEL_EDGE
    text: Rgba = _TEXT
    text_muted: Rgba = _TEXT_MUTED
    accent: Rgba = _ACCENT
    """Warm amber: the one thing to do next (primary buttons, progress)."""
    on_accent: Rgba = _ON_ACCENT
    button: Rgba = _BUTTON
    button_hover: Rgba = _BUTTON_HOVER
    selected: Rgba = _SELECTED
    """Chosen chips and toggles."""
    listening: Rgba = _LISTENING
    """The microphone is on (a dot beside the label, never behind text)."""
    sky_top: Rgba = _SKY_TOP
    sky_horizon: Rgba = _SKY_HORIZON
    floor: Rgba = _FLOOR
    grid: Rgba = _GRID
    hotspot: Rgba = _HOTSPOT
    good: Rgba = _GOOD
    """Verdict dots in the interview report (never behind text)."""
    work_on: Rgba = _WORK_ON
    info: Rgba = _INFO


@dataclass(frozen=True)
class Theme:
    """Text sizes, colours and the panels' proportions of the world-space UI."""

    sizes: TextSizes = TextSizes()
    colours: Palette = Palette()
    line_spacing: float = 1.25
    """Line height as a multiple of the em height."""
    corner_radius_m: float = 0.035
    button_height_deg: float = 4.2
    """Large targets: easy to hit with a trembling ray or a wandering gaze."""
    padding_m: float = 0.07


def relative_luminance(colour: Rgba) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white), for the contrast checks."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Rgba, b: Rgba) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 … 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)
