"""Numbers, shares and dates the way German readers expect them (4,3; 82 %; 21.11.2025)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

_NBSP = "\u00a0"
_WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


def de_number(value: float | None, decimals: int = 1) -> str:
    """1234.5 → "1.234,5", with ``decimals`` places; "–" for no value."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def de_percent(share: float | None) -> str:
    """0.823 → "82 %" (whole percent; "–" when there is nothing to share)."""
    if share is None:
        return "–"
    return f"{round(share * 100)}{_NBSP}%"


def de_duration(seconds: float | None) -> str:
    """150.4 → "2:30" (minutes:seconds, rounded to the second); "–" for no value."""
    if seconds is None:
        return "–"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def de_day(day: date, short: bool = False) -> str:
    """The day as "Fr, 21.11.2025", or as "21.11." when ``short`` (chart axes)."""
    if short:
        return f"{day.day}.{day.month}."
    return f"{_WEEKDAYS[day.weekday()]}, {day.day:02d}.{day.month:02d}.{day.year}"


def de_time(moment: datetime, timezone: ZoneInfo) -> str:
    """``moment`` in the center's local time, as "21.11.2025 14:05"."""
    local = moment.astimezone(timezone)
    return f"{local.day:02d}.{local.month:02d}.{local.year} {local.hour:02d}:{local.minute:02d}"
