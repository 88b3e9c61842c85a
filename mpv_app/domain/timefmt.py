"""Date and time formatting as Peruvian users read it (day first, 24-hour clock)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

__all__ = ["format_date", "format_local"]


def format_local(dt: datetime, tz: ZoneInfo) -> str:
    """Render an instant in the office's zone; a naive value would silently show the wrong hour."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("format_local needs a timezone-aware datetime.")
    local = dt.astimezone(tz)
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def format_date(d: date) -> str:
    """Zero-padded by hand: strftime does not pad years below 1000 on every platform."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
