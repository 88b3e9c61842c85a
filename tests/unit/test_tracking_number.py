from __future__ import annotations

import pytest

from mpv_app.domain.tracking import (
    PREFIX,
    TRACKING_RE,
    format_tracking_number,
    parse_tracking_number,
)

INVALID_MSG = "Número de trámite inválido: use el formato MPV-AAAA-NNNNNN."


@pytest.mark.parametrize(
    ("year", "sequence", "text"),
    [
        (2026, 123, "MPV-2026-000123"),
        (2026, 1, "MPV-2026-000001"),
        (2027, 999_999, "MPV-2027-999999"),
        (2000, 42, "MPV-2000-000042"),
        (9999, 100_000, "MPV-9999-100000"),
    ],
)
def test_format_and_parse_round_trip(year: int, sequence: int, text: str) -> None:
    assert format_tracking_number(year, sequence) == text
    assert parse_tracking_number(text) == (year, sequence)
    assert TRACKING_RE.fullmatch(text) is not None
    assert text.startswith(f"{PREFIX}-")


@pytest.mark.parametrize(
    ("year", "sequence"),
    [(2026, 0), (2026, -1), (2026, 1_000_000), (1999, 1), (10_000, 1), (0, 1)],
)
def test_format_rejects_out_of_range(year: int, sequence: int) -> None:
    with pytest.raises(ValueError):
        format_tracking_number(year, sequence)


@pytest.mark.parametrize(
    "text",
    ["  MPV-2026-000123  ", "mpv-2026-000123", "\tMpv-2026-000123\n"],
)
def test_parse_is_lenient_on_case_and_whitespace(text: str) -> None:
    assert parse_tracking_number(text) == (2026, 123)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "MPV-2026-123",
        "MPV-2026-0000123",
        "MPV-26-000123",
        "MPV2026000123",
        "MPV-2026-000000",
        "MPV-1999-000001",
        "ABC-2026-000123",
        "MPV-2026-00012a",
        "MPV-2026-000123x",
        "xMPV-2026-000123",
        "MPV-2026-000123\nMPV-2026-000124",
        "MPV-٢٠٢٦-000123",
        "MPV 2026 000123",
    ],
)
def test_parse_rejects_bad_input_with_spanish_message(text: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_tracking_number(text)
    assert str(excinfo.value) == INVALID_MSG
