"""Charts as inline SVG, drawn on the server: no JavaScript, no library to download, no CDN.

The center may be offline, and the charts print. Every chart has a title and a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from center.formatting import de_day, de_percent

_BAR = "#1f5fa8"
_BAR_BAD = "#b34a2a"
_AXIS = "#5b6470"
_TARGET = "#1b7a3a"


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: a label and a count (sessions, chip taps, stars)."""

    label: str
    value: int
    hint: str = ""
    """Extra text for the bar's tooltip."""


def day_columns(points: Sequence[tuple[date, int]], title: str, width: int = 760,
                height: int = 220) -> Markup:
    """Sessions per day as columns, with a date label every few days."""
    left, bottom, top = 36, 34, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((n for _, n in points), default=0)
    scale_max = _nice_ceiling(peak)
    count = max(len(points), 1)
    step = plot_w / count
    bar_w = max(step * 0.72, 1.0)
    label_every = max(1, round(count / 10))
    parts = [_axis_line(left, top + plot_h, left + plot_w, top + plot_h)]
    # A labelled grid line every quarter of the scale (0, 5, 10, 15, 20), not only 0 and the top:
    # a team leader reads "about 12 a day" off the chart without hovering.
    tick = scale_max // 4 if scale_max % 4 == 0 and scale_max >= 4 else \
        scale_max // 5 if scale_max % 5 == 0 and scale_max >= 5 else scale_max or 1
    for value in range(0, scale_max + 1, tick):
        y = top + plot_h - (0.0 if scale_max == 0 else plot_h * value / scale_max)
        if value:
            parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                         'stroke="#e3e7ec" stroke-width="1"/>')
        parts.append(_text(left - 6, y + 4, str(value), anchor="end"))
    # Over more than a year the year belongs in the labels.
    with_year = len(points) > 366
    for i, (day, n) in enumerate(points):
        x = left + i * step + (step - bar_w) / 2
        h = 0.0 if scale_max == 0 else plot_h * n / scale_max
        tip = f"{de_day(day)}: {n} Sitzung{'en' if n != 1 else ''}"
        parts.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                     f'height="{h:.1f}" fill="{_BAR}"><title>{escape(tip)}</title></rect>')
        if i % label_every == 0:
            label = f"{day.month:02d}/{day.year}" if with_year else de_day(day, short=True)
            parts.append(_text(x + bar_w / 2, height - bottom + 16, label, anchor="middle"))
    summary = f"{title}: {sum(n for _, n in points)} Sitzungen an {len(points)} Tagen, " \
              f"höchstens {peak} an einem Tag"
    return _svg(width, height, title, summary, parts)


def bars(items: Sequence[Bar], title: str, width: int = 520, bad: bool = False,
         total: int | None = None) -> Markup:
    """Horizontal bars with the label left and the count (and share of ``total``) right."""
    row_h, label_w, value_w = 26, 190, 90
    height = max(len(items), 1) * row_h + 8
    plot_w = width - label_w - value_w
    peak = max((item.value for item in items), default=0)
    parts = []
    if not items:
        parts.append(_text(0, 20, "Keine Daten im gewählten Zeitraum."))
    for i, item in enumerate(items):
        y = 4 + i * row_h
        w = 0.0 if peak == 0 else plot_w * item.value / peak
        value = str(item.value) + (f" ({de_percent(item.value / total)})" if total else "")
        tip = f"{item.label}: {value}" + (f", {item.hint}" if item.hint else "")
        parts.append(_text(label_w - 8, y + 17, _shorten(item.label, 28), anchor="end"))
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 9}" '
                     f'fill="{_BAR_BAD if bad else _BAR}"><title>{escape(tip)}</title></rect>')
        parts.append(_text(label_w + w + 6, y + 17, value))
    summary = f"{title}: " + "; ".join(f"{item.label} {item.value}" for item in items) \
        if items else f"{title}: keine Daten"
    return _svg(width, height, title, summary, parts)


def target_gauge(share: float | None, target: float, top_ratings: str, width: int = 320
                 ) -> Markup:
    """The share of the best ratings as a bar from 0 to 100 % with the target marked.

    ``top_ratings`` names them as a sentence does (``Labels.top_ratings``).
    """
    height, bar_h = 46, 16
    title = f"Anteil der Bewertungen {top_ratings} im Vergleich zum Ziel"
    parts = [f'<rect x="0" y="6" width="{width}" height="{bar_h}" fill="#e3e7ec" rx="3"/>']
    if share is not None:
        color = _TARGET if share >= target else _BAR_BAD
        parts.append(f'<rect x="0" y="6" width="{width * share:.1f}" height="{bar_h}" '
                     f'fill="{color}" rx="3"/>')
    tx = width * target
    parts.append(f'<line x1="{tx:.1f}" y1="2" x2="{tx:.1f}" y2="{bar_h + 10}" stroke="#111" '
                 'stroke-width="2"/>')
    anchor = "end" if target > 0.85 else "middle"
    parts.append(_text(tx, height - 4, f"Ziel {de_percent(target)}", anchor=anchor))
    reached = "keine Bewertungen" if share is None else de_percent(share)
    return _svg(width, height, title, f"{reached}, Ziel {de_percent(target)}", parts)


def _svg(width: int, height: int, title: str, summary: str, parts: list[str]) -> Markup:
    body = "".join(parts)
    return Markup(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(summary)}">'
        f'<title>{escape(title)}</title>{body}</svg>')


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" '
            f'fill="{_AXIS}">{escape(text)}</text>')


def _axis_line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{_AXIS}" stroke-width="1"/>'


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … that is at least ``value``."""
    if value <= 0:
        return 0
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude >= value:
                return factor * magnitude
        magnitude *= 10


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
