"""How sizes read in Spanish (Peruvian decimal comma) and how full the 20 MB meter is."""

from __future__ import annotations

from typing import Final

_MIB: Final = 1024 * 1024


def format_mb(size_bytes: int) -> str:
    """Whole KB below 1 MB, else MB with one decimal and a decimal comma (Peruvian style).

    Rounded down, so a total just under the limit never reads as the limit itself; a non-empty
    file never reads as "0 KB" though, which would look like an empty upload.
    """
    if size_bytes < 0:
        raise ValueError("size_bytes must not be negative")
    if size_bytes < _MIB:
        return f"{max(size_bytes // 1024, 1) if size_bytes else 0} KB"
    tenths = size_bytes * 10 // _MIB
    return f"{tenths // 10},{tenths % 10} MB"


def _limit_text(limit_bytes: int) -> str:
    whole, rest = divmod(limit_bytes, _MIB)
    return f"{whole} MB" if not rest else format_mb(limit_bytes)


def meter_text(total_bytes: int, limit_bytes: int) -> str:
    return f"{format_mb(total_bytes)} de {_limit_text(limit_bytes)}"


def meter_level(total_bytes: int, limit_bytes: int) -> str:
    """Meter colour: "ok" below 80 % of the limit, "warning" from 80 %, "full" at 100 % or more.

    Integer arithmetic, so the 80 % boundary is exact rather than subject to float rounding.
    """
    if limit_bytes <= 0:
        raise ValueError("limit_bytes must be positive")
    if total_bytes >= limit_bytes:
        return "full"
    if total_bytes * 100 >= limit_bytes * 80:
        return "warning"
    return "ok"
