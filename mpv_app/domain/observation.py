"""The subsanación window of an observed filing (TUO Ley 27444, art. 136).

An observation gives the sender N business days (``MPV_OBSERVATION_BUSINESS_DAYS``) counted
from the day after the observation, on the office's wall clock and holiday calendar. The fix
may arrive at any time up to the end of the last day (23:59:59 Lima): the deadline is a date,
not an office-hours instant. From the next day on, the maintenance job treats the filing as
not presented.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from zoneinfo import ZoneInfo

from mpv_app.domain.reception import add_business_days

__all__ = ["cure_deadline", "cure_is_open", "deadline_text"]


def cure_deadline(
    observed_at: datetime, business_days: int, tz: ZoneInfo, extra_holidays: Collection[date] = ()
) -> date:
    """Last day on which the sender may subsanar an observation made at ``observed_at``."""
    if observed_at.tzinfo is None or observed_at.utcoffset() is None:
        raise ValueError("observed_at must be timezone-aware.")
    if business_days < 1:
        raise ValueError("the subsanación window is at least one business day")
    return add_business_days(observed_at.astimezone(tz).date(), business_days, extra_holidays)


def cure_is_open(deadline: date, now: datetime, tz: ZoneInfo) -> bool:
    """True while the local day of ``now`` is not after the deadline."""
    return now.astimezone(tz).date() <= deadline


def deadline_text(deadline: date, business_days: int) -> str:
    """What the sender reads: "hasta el 03/12/2026 (2 días hábiles)"."""
    days = "1 día hábil" if business_days == 1 else f"{business_days} días hábiles"
    return f"hasta el {deadline:%d/%m/%Y}, a las 23:59 (hora de Lima) — {days}"
