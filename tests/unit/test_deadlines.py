"""Business-day ages and the "sin atender" cutoff. Holidays checked against holidays("PE", 2026)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mpv_app.domain.deadlines import attention_cutoff, business_days_elapsed


@pytest.mark.parametrize(
    ("received", "today", "expected"),
    [
        (date(2026, 3, 9), date(2026, 3, 9), 0),  # received today
        (date(2026, 3, 6), date(2026, 3, 9), 1),  # Friday, seen on Monday
        (date(2026, 3, 6), date(2026, 3, 7), 1),  # Friday, seen on Saturday
        (date(2026, 3, 2), date(2026, 3, 9), 5),  # a whole week
        (date(2026, 3, 7), date(2026, 3, 9), 0),  # a Saturday date counts nothing
        # Holy Thursday and Good Friday 2026 (2 and 3 April) are not business days.
        (date(2026, 3, 31), date(2026, 4, 6), 2),
        (date(2026, 4, 10), date(2026, 4, 1), 0),  # future reception date: no age
    ],
)
def test_business_days_elapsed(received: date, today: date, expected: int) -> None:
    assert business_days_elapsed(received, today) == expected


def test_admin_holiday_does_not_count() -> None:
    # Wednesday 11 March 2026 made a day off by the administrator.
    assert business_days_elapsed(date(2026, 3, 9), date(2026, 3, 13)) == 4
    assert business_days_elapsed(date(2026, 3, 9), date(2026, 3, 13), {date(2026, 3, 11)}) == 3


@pytest.mark.parametrize(
    ("today", "n", "extra", "cutoff"),
    [
        # Monday 9 March, 5 days: Monday 2 March is exactly 5 days old, Friday 27 Feb is 6.
        (date(2026, 3, 9), 5, (), date(2026, 2, 27)),
        # Over a weekend: Tuesday 10 March, 1 day → Friday 6 March is 2 business days old.
        (date(2026, 3, 10), 1, (), date(2026, 3, 6)),
        # On a Saturday the last business day (Friday) is already 1 day old.
        (date(2026, 3, 7), 0, (), date(2026, 3, 6)),
        # Easter 2026: from Monday 6 April, Thursday 2 and Friday 3 are skipped.
        (date(2026, 4, 6), 1, (), date(2026, 3, 31)),
        # An admin day off on Friday 6 March moves the cutoff back one more day.
        (date(2026, 3, 10), 1, (date(2026, 3, 6),), date(2026, 3, 5)),
    ],
)
def test_attention_cutoff(today: date, n: int, extra: tuple[date, ...], cutoff: date) -> None:
    assert attention_cutoff(today, n, extra) == cutoff


def test_cutoff_agrees_with_elapsed_for_every_pair() -> None:
    """Overdue by the date cutoff is exactly "more than N business days" by counting."""
    extra = {date(2026, 3, 11), date(2026, 3, 16)}
    start = date(2026, 3, 1)
    days = [start + timedelta(days=i) for i in range(50)]  # spans weekends, Easter, extras
    for today in days:
        for n in range(0, 7):
            cutoff = attention_cutoff(today, n, extra)
            for received in days:
                if received > today:
                    continue
                overdue = business_days_elapsed(received, today, extra) > n
                assert (received <= cutoff) == overdue, (received, today, n)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        attention_cutoff(date(2026, 3, 9), -1)


def _walked(received: date, today: date, extra: set[date]) -> int:
    """The definition, one day at a time: what the counted version must always agree with."""
    from mpv_app.domain.reception import is_business_day

    count, day = 0, received
    while day < today:
        count += is_business_day(day, extra)
        day += timedelta(days=1)
    return count


def test_counted_ages_agree_with_walking_the_days() -> None:
    import random

    rng = random.Random(16)
    start = date(2024, 1, 1)
    for _ in range(3000):
        received = start + timedelta(days=rng.randrange(1100))
        today = received + timedelta(days=rng.randrange(-5, 800))
        extra = {
            received + timedelta(days=rng.randrange(-30, 400)) for _ in range(rng.randrange(4))
        }
        assert business_days_elapsed(received, today, extra) == _walked(received, today, extra), (
            received,
            today,
            sorted(extra),
        )
