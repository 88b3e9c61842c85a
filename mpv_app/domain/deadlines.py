"""Business-day arithmetic for "waiting too long" views.

A filing's clock starts on its legal reception date (``received_on``). Its age is the number
of business days the office has had it before today, ``[received_on, today)``: a filing
received today is 0 days old, one received on Friday is 1 day old on Monday. It needs
attention when that age is more than the allowed N business days.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from mpv_app.domain.reception import add_business_days, is_business_day

__all__ = ["attention_cutoff", "business_days_elapsed"]

_ONE_DAY = timedelta(days=1)


def business_days_elapsed(
    received_on: date, today: date, extra_holidays: Collection[date] = ()
) -> int:
    """Business days in ``[received_on, today)``: how long the office has had the filing."""
    count = 0
    day = received_on
    while day < today:
        if is_business_day(day, extra_holidays):
            count += 1
        day += _ONE_DAY
    return count


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
