"""Distinct display names: two files called the same are both kept and told apart."""

from __future__ import annotations

from collections.abc import Iterable

from mpv_app.domain.files import MAX_NAME_LENGTH


def _split(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if stem else (name, "")


def distinct_name(name: str, taken: Iterable[str]) -> str:
    """``name``, or ``stem (2).ext``, ``stem (3).ext``… the first not in ``taken`` (any case)."""
    used = {t.casefold() for t in taken}
    if name.casefold() not in used:
        return name
    stem, ext = _split(name)
    number = 2
    while True:
        suffix = f" ({number}){ext}"
        candidate = stem[: MAX_NAME_LENGTH - len(suffix)] + suffix
        if candidate.casefold() not in used:
            return candidate
        number += 1
