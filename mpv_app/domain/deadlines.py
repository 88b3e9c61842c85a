"""Business-day arithmetic for "waiting too long" views.

A filing's clock starts on its legal reception date (``received_on``). Its age is the number
of business days the office has had it before today, ``[received_on, today)``: a filing
received today is 0 days old, one received on Friday is 1 day old on Monday. It needs
attention when that age is more than the allowed N business days.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from mpv_app.domain.reception import add_business_days, national_holidays

__all__ = ["attention_cutoff", "business_days_elapsed"]


def business_days_elapsed(
    received_on: date, today: date, extra_holidays: Collection[date] = ()
) -> int:
    """Business days in ``[received_on, today)``: how long the office has had the filing.

    Counted, not walked: every row of every inbox page is dated, and walking a year-old
    filing's days one by one cost ~1 ms a row. Weekdays by arithmetic, less the holidays
    (national and admin-added) that fall on one of them inside the range.
    """
    if today <= received_on:
        return 0
    days_off = set(extra_holidays)
    for year in range(received_on.year, today.year + 1):
        days_off |= national_holidays(year)
    closed = sum(1 for day in days_off if received_on <= day < today and day.weekday() < 5)
    return _weekdays(received_on, today) - closed


def _weekdays(start: date, end: date) -> int:
    """Monday-to-Friday days in ``[start, end)``, ``start < end``."""
    weeks, rest = divmod((end - start).days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for offset in range(rest) if (first + offset) % 7 < 5)


def attention_cutoff(today: date, n: int, extra_holidays: Collection[date] = ()) -> date:
    """The latest reception date that is more than N business days old.

    ``received_on <= attention_cutoff(today, n)`` holds exactly when
    ``business_days_elapsed(received_on, today) > n``, so the database can answer "overdue"
    with one index range scan while the page shows ages that agree with it. The cutoff is the
    (n+1)-th business day before today: from it to yesterday the office had n+1 business days.
    """
    if n < 0:
        raise ValueError("the number of business days cannot be negative")
    return add_business_days(today, -(n + 1), extra_holidays)
