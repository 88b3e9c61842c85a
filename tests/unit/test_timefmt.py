from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mpv_app.domain.timefmt import format_date, format_local

LIMA = ZoneInfo("America/Lima")


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2026, 11, 23, 15, 5, tzinfo=UTC), "23/11/2026 10:05"),
        # Already the next day in UTC, still the previous evening in Lima.
        (datetime(2026, 11, 24, 2, 0, tzinfo=UTC), "23/11/2026 21:00"),
        (datetime(2027, 1, 1, 4, 59, 59, tzinfo=UTC), "31/12/2026 23:59"),
        (datetime(2026, 3, 5, 7, 0, tzinfo=LIMA), "05/03/2026 07:00"),
        (datetime(2026, 3, 5, 9, 0, tzinfo=timezone(timedelta(hours=2))), "05/03/2026 02:00"),
    ],
)
def test_format_local_converts_to_zone(instant: datetime, expected: str) -> None:
    assert format_local(instant, LIMA) == expected


def test_format_local_rejects_naive() -> None:
    with pytest.raises(ValueError):
        format_local(datetime(2026, 11, 23, 15, 5), LIMA)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2026, 1, 2), "02/01/2026"),
        (date(2026, 12, 31), "31/12/2026"),
        (date(999, 7, 8), "08/07/0999"),
    ],
)
def test_format_date(d: date, expected: str) -> None:
    assert format_date(d) == expected
