"""The legal reception date of a filing.

A filing submitted outside office hours, or on a non-business day, is legally received on the
next business day; deadlines run from that date, not from the exact submission instant.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "OfficeHours",
    "add_business_days",
    "hours_text",
    "is_business_day",
    "next_business_day",
    "reception_date",
    "reception_note",
]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class OfficeHours:
    """Opening hours in local wall-clock time; `tz` says which wall clock.

    ``all_day``: the administrator chose "hasta las 23:59 de cada día hábil" (Indecopi, Res.
    0518-2024/SEL, on after-hours cut-offs): the closing time no longer moves a filing made on
    a business day to the next one. The default keeps the seed's rule.
    """

    open: time
    close: time
    tz: ZoneInfo
    all_day: bool = False

    def __post_init__(self) -> None:
        # Aware times would compare against the naive local time and raise later, far from here.
        if self.open.tzinfo is not None or self.close.tzinfo is not None:
            raise ValueError("Office hours must be naive local times; the zone goes in `tz`.")
        if not self.open < self.close:
            raise ValueError(
                f"La hora de apertura ({self.open:%H:%M}) debe ser anterior "
                f"a la de cierre ({self.close:%H:%M})."
            )


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[date]:
    # Building the holidays object is costly compared with a set lookup, and a year's
    # holidays never change while the process runs.
    return frozenset(holidays.country_holidays("PE", years=year).keys())


def is_business_day(day: date, extra_holidays: Collection[date] = ()) -> bool:
    """Monday to Friday, not a Peruvian national holiday, and not an admin-added day off."""
    if day.weekday() >= 5:
        return False
    if day in national_holidays(day.year):
        return False
    return day not in extra_holidays


def next_business_day(day: date, extra_holidays: Collection[date] = ()) -> date:
    """First business day strictly after `day`, whatever `day` itself is."""
    candidate = day + _ONE_DAY
    while not is_business_day(candidate, extra_holidays):
        candidate += _ONE_DAY
    return candidate


def add_business_days(day: date, n: int, extra_holidays: Collection[date] = ()) -> date:
    """Step `n` business days from `day`; negative `n` steps back.

    Backward steps give the cut-off for "older than N business days" views. `day` itself is
    never counted, so ``n == 0`` returns `day` unchanged even if it is not a business day.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    current = day
    for _ in range(abs(n)):
        current += step
        while not is_business_day(current, extra_holidays):
            current += step
    return current


def reception_date(
    submitted_at: datetime, hours: OfficeHours, extra_holidays: Collection[date] = ()
) -> date:
    """Legal reception date of a filing submitted at the instant `submitted_at`.

    The instant is judged on the office's wall clock, never on UTC's calendar day. On a business
    day the window is the half-open interval ``[00:00, close)``: with a 16:36 close, 16:35:59 is
    received that day and 16:36:00 on the next business day. Filings before opening are received
    the same day, because the office handles them as soon as it opens; `hours.open` does not move
    the date.
    """
    if submitted_at.tzinfo is None or submitted_at.utcoffset() is None:
        raise ValueError("submitted_at must be timezone-aware.")
    local = submitted_at.astimezone(hours.tz)
    day = local.date()
    if is_business_day(day, extra_holidays) and (hours.all_day or local.time() < hours.close):
        return day
    return next_business_day(day, extra_holidays)


def hours_text(hours: OfficeHours) -> str:
    """The footer's and the admin page's one line about when the desk receives."""
    if hours.all_day:
        return "Lunes a viernes hasta las 23:59 (hora de Lima), excepto feriados."
    return (
        f"Lunes a viernes de {hours.open:%H:%M} a {hours.close:%H:%M} "
        "(hora de Lima), excepto feriados."
    )


def reception_note(hours: OfficeHours) -> str:
    """Exactly what ``reception_date`` does, in words: footer, confirmation, email and cargo."""
    if hours.all_day:
        return (
            "Lo presentado en un día hábil, a cualquier hora hasta las 23:59, se recibe ese "
            "mismo día; lo presentado en sábado, domingo o feriado se recibe el siguiente día "
            "hábil."
        )
    return (
        f"Lo presentado en un día hábil antes de las {hours.close:%H:%M} se recibe ese mismo "
        f"día; lo presentado desde las {hours.close:%H:%M}, o en sábado, domingo o feriado, "
        "se recibe el siguiente día hábil."
    )
