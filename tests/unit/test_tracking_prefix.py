"""Typed prefixes of a número de trámite become ranges the (year, sequence) index answers."""

from __future__ import annotations

import pytest

from mpv_app.domain.tracking import number_prefix_range


@pytest.mark.parametrize(
    ("typed", "years", "sequences"),
    [
        ("", None, None),
        ("MPV", None, None),
        ("mpv-", None, None),
        ("MPV-20", (2000, 2099), None),
        ("MPV-2026", (2026, 2026), None),
        ("MPV-2026-", (2026, 2026), None),
        (" mpv-2026-0001 ", (2026, 2026), (100, 199)),
        ("MPV-2026-000123", (2026, 2026), (123, 123)),
        ("123", None, (123, 123)),
        ("000123", None, (123, 123)),
    ],
)
def test_prefixes_become_year_and_sequence_ranges(
    typed: str, years: tuple[int, int] | None, sequences: tuple[int, int] | None
) -> None:
    found = number_prefix_range(typed)
    assert found.possible
    assert (found.years, found.sequences) == (years, sequences)


@pytest.mark.parametrize(
    "typed", ["MPX-2026", "MPV2026", "MPV-2026-0001234", "MPV-20²6", "1234567", "MPV-2026-12a"]
)
def test_what_no_number_starts_with_matches_nothing(typed: str) -> None:
    assert not number_prefix_range(typed).possible
