"""The subsanación window: N business days on the Lima calendar, holidays skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mpv_app.domain.observation import cure_deadline, cure_is_open, deadline_text

LIMA = ZoneInfo("America/Lima")


def test_two_business_days_from_a_monday() -> None:
    # Monday 30/11/2026 10:00 Lima → Wednesday 02/12.
    observed = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    assert cure_deadline(observed, 2, LIMA) == date(2026, 12, 2)


def test_friday_observation_skips_the_weekend() -> None:
    observed = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)  # Friday 15:00 Lima
    assert cure_deadline(observed, 2, LIMA) == date(2026, 11, 24)


def test_national_and_admin_holidays_do_not_count() -> None:
    # 08/12 (Inmaculada Concepción) and 09/12 (Batalla de Ayacucho) are national holidays;
    # Thursday 10/12 is an admin day off.
    observed = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)  # Monday
    assert cure_deadline(observed, 2, LIMA, {date(2026, 12, 10)}) == date(2026, 12, 14)


def test_the_lima_day_counts_not_the_utc_day() -> None:
    # 02:00 UTC on Tuesday is still Monday 21:00 in Lima.
    observed = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    assert cure_deadline(observed, 1, LIMA) == date(2026, 12, 1)


def test_open_until_the_end_of_the_last_day() -> None:
    deadline = date(2026, 12, 2)
    assert cure_is_open(deadline, datetime(2026, 12, 3, 4, 59, tzinfo=UTC), LIMA)  # 23:59 Lima
    assert not cure_is_open(deadline, datetime(2026, 12, 3, 5, 0, tzinfo=UTC), LIMA)


def test_naive_and_empty_windows_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cure_deadline(datetime(2026, 12, 1, 10, 0), 2, LIMA)
    with pytest.raises(ValueError, match="at least one"):
        cure_deadline(datetime(2026, 12, 1, 10, 0, tzinfo=UTC), 0, LIMA)


def test_deadline_text() -> None:
    assert deadline_text(date(2026, 12, 2), 2) == (
        "hasta el 02/12/2026, a las 23:59 (hora de Lima) — 2 días hábiles"
    )
