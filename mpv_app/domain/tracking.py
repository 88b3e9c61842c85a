"""Tracking numbers (número de trámite) such as ``MPV-2026-000123``.

The number is what senders type into the public lookup and what staff read over the phone, so
parsing is lenient about case and surrounding spaces but strict about the shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "MAX_SEQUENCE",
    "MAX_YEAR",
    "MIN_YEAR",
    "PREFIX",
    "TRACKING_RE",
    "NumberRange",
    "format_tracking_number",
    "number_prefix_range",
    "parse_tracking_number",
]

PREFIX = "MPV"
MIN_YEAR = 2000
MAX_YEAR = 9999
MAX_SEQUENCE = 999_999

# [0-9] rather than \d: \d would also accept non-ASCII digits such as Arabic-Indic ones.
TRACKING_RE = re.compile(rf"{PREFIX}-([0-9]{{4}})-([0-9]{{6}})", re.IGNORECASE)

_INVALID = "Número de trámite inválido: use el formato MPV-AAAA-NNNNNN."


def _check(year: int, sequence: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Año fuera de rango ({MIN_YEAR}–{MAX_YEAR}): {year}.")
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError(f"Correlativo fuera de rango (1–{MAX_SEQUENCE}): {sequence}.")


def format_tracking_number(year: int, sequence: int) -> str:
    """Build the canonical form; sequences restart each year, hence the year in the number."""
    _check(year, sequence)
    return f"{PREFIX}-{year:04d}-{sequence:06d}"


def parse_tracking_number(text: str) -> tuple[int, int]:
    """Return ``(year, sequence)``; anything not round-trippable is refused with one message."""
    match = TRACKING_RE.fullmatch(text.strip())
    if match is None:
        raise ValueError(_INVALID)
    year, sequence = int(match.group(1)), int(match.group(2))
    try:
        _check(year, sequence)
    except ValueError:
        raise ValueError(_INVALID) from None
    return year, sequence


@dataclass(frozen=True)
class NumberRange:
    """What a typed prefix of a tracking number can match, as ranges on (year, sequence).

    The unique (year, sequence) index answers these ranges; ``LIKE 'MPV-2026-00%'`` on the
    text column could use no index on PostgreSQL's collation nor SQLite's case-blind LIKE.
    """

    years: tuple[int, int] | None  # None: any year
    sequences: tuple[int, int] | None  # None: any sequence
    possible: bool = True  # False: no tracking number starts like this


_TEMPLATE = f"{PREFIX}-0000-000000"


def number_prefix_range(text: str) -> NumberRange:
    """``"mpv-2026-0001"`` → years 2026–2026, sequences 100–199; ``"MPV-20"`` → 2000–2099;
    ``"123"`` alone → correlativo 123 of any year (what people read off a paper cargo)."""
    typed = text.strip().upper()
    if typed.isascii() and typed.isdigit() and len(typed) <= 6:
        return NumberRange(None, (int(typed), int(typed)))  # just the correlativo, any year
    if len(typed) > len(_TEMPLATE):
        return NumberRange(None, None, possible=False)
    for char, shape in zip(typed, _TEMPLATE, strict=False):
        fits = char.isascii() and char.isdigit() if shape == "0" else char == shape
        if not fits:
            return NumberRange(None, None, possible=False)
    year_digits, sequence_digits = typed[4:8], typed[9:15]

    def bounds(digits: str, width: int) -> tuple[int, int] | None:
        if not digits:
            return None
        return int(digits.ljust(width, "0")), int(digits.ljust(width, "9"))

    return NumberRange(bounds(year_digits, 4), bounds(sequence_digits, 6))
