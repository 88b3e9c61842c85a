"""Tracking numbers (número de trámite) such as ``MPV-2026-000123``.

The number is what senders type into the public lookup and what staff read over the phone, so
parsing is lenient about case and surrounding spaces but strict about the shape.
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_SEQUENCE",
    "MAX_YEAR",
    "MIN_YEAR",
    "PREFIX",
    "TRACKING_RE",
    "format_tracking_number",
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
