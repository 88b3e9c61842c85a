"""Expected dates checked against holidays.country_holidays("PE", years=[2026, 2027])."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mpv_app.domain.reception import (
    OfficeHours,
    add_business_days,
    hours_text,
    is_business_day,
    next_business_day,
    reception_date,
    reception_note,
)

LIMA = ZoneInfo("America/Lima")
HOURS = OfficeHours(open=time(7, 0), close=time(16, 36), tz=LIMA)


def lima(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, us, tzinfo=LIMA)


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        # Wednesday 4 Mar 2026: the window is half-open at the 16:36 close.
        (lima(2026, 3, 4, 16, 35, 59), date(2026, 3, 4)),
        (lima(2026, 3, 4, 16, 35, 59, 999_999), date(2026, 3, 4)),
        (lima(2026, 3, 4, 16, 36, 0), date(2026, 3, 5)),
        (lima(2026, 3, 4, 23, 59, 59), date(2026, 3, 5)),
        # Before opening on a business day: received that same day.
        (lima(2026, 3, 2, 6, 0), date(2026, 3, 2)),
        (lima(2026, 3, 2, 0, 0), date(2026, 3, 2)),
        (lima(2026, 3, 2, 7, 0), date(2026, 3, 2)),
        # Friday evening and the weekend go to Monday.
        (lima(2026, 3, 6, 18, 0), date(2026, 3, 9)),
        (lima(2026, 3, 7, 10, 0), date(2026, 3, 9)),
        (lima(2026, 3, 8, 10, 0), date(2026, 3, 9)),
    ],
)
def test_office_hours_and_weekends(submitted: datetime, expected: date) -> None:
    assert reception_date(submitted, HOURS) == expected


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        # Fiestas Patrias: Tue 28 and Wed 29 Jul 2026.
        (lima(2026, 7, 27, 10, 0), date(2026, 7, 27)),
        (lima(2026, 7, 27, 17, 0), date(2026, 7, 30)),
        (lima(2026, 7, 28, 10, 0), date(2026, 7, 30)),
        (lima(2026, 7, 29, 10, 0), date(2026, 7, 30)),
        # Semana Santa: Thu 2 and Fri 3 Apr 2026.
        (lima(2026, 4, 1, 17, 0), date(2026, 4, 6)),
        # Combate de Angamos: Thu 8 Oct 2026.
        (lima(2026, 10, 7, 17, 0), date(2026, 10, 9)),
        (lima(2026, 10, 8, 9, 0), date(2026, 10, 9)),
        # Todos los Santos falls on Sunday 1 Nov 2026.
        (lima(2026, 11, 1, 9, 0), date(2026, 11, 2)),
        # Inmaculada Concepción Tue 8 and Batalla de Ayacucho Wed 9 Dec 2026.
        (lima(2026, 12, 7, 17, 0), date(2026, 12, 10)),
        (lima(2026, 12, 8, 9, 0), date(2026, 12, 10)),
        # Navidad: Fri 25 Dec 2026.
        (lima(2026, 12, 24, 17, 0), date(2026, 12, 28)),
        (lima(2026, 12, 25, 9, 0), date(2026, 12, 28)),
        # Year end: Thu 31 Dec evening, Fri 1 Jan 2027 holiday, weekend.
        (lima(2026, 12, 31, 20, 0), date(2027, 1, 4)),
        (lima(2026, 12, 31, 16, 0), date(2026, 12, 31)),
    ],
)
def test_national_holidays_are_skipped(submitted: datetime, expected: date) -> None:
    assert reception_date(submitted, HOURS) == expected


def test_extra_holiday_is_skipped() -> None:
    day_off = {date(2026, 3, 2), date(2026, 3, 9)}
    assert reception_date(lima(2026, 3, 2, 10, 0), HOURS, day_off) == date(2026, 3, 3)
    assert reception_date(lima(2026, 3, 6, 17, 0), HOURS, day_off) == date(2026, 3, 10)
    # Without the extra days the same instants fall on the ordinary dates.
    assert reception_date(lima(2026, 3, 2, 10, 0), HOURS) == date(2026, 3, 2)
    assert reception_date(lima(2026, 3, 6, 17, 0), HOURS) == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        # Tue 24 Nov 02:00 UTC is Mon 23 Nov 21:00 in Lima: after close, so Tuesday.
        (datetime(2026, 11, 24, 2, 0, tzinfo=UTC), date(2026, 11, 24)),
        # Fri 27 Nov 21:00 UTC is 16:00 in Lima: inside hours although past 16:36 in UTC.
        (datetime(2026, 11, 27, 21, 0, tzinfo=UTC), date(2026, 11, 27)),
        (datetime(2026, 11, 27, 21, 36, tzinfo=UTC), date(2026, 11, 30)),
        # Sat 28 Nov 03:00 UTC is still Friday evening in Lima.
        (datetime(2026, 11, 28, 3, 0, tzinfo=UTC), date(2026, 11, 30)),
        # Any aware zone works: 12:00 at UTC-3 is 10:00 in Lima.
        (datetime(2026, 11, 27, 12, 0, tzinfo=timezone(timedelta(hours=-3))), date(2026, 11, 27)),
    ],
)
def test_instant_is_judged_on_lima_time(submitted: datetime, expected: date) -> None:
    assert reception_date(submitted, HOURS) == expected


def test_naive_datetime_raises() -> None:
    with pytest.raises(ValueError):
        reception_date(datetime(2026, 3, 4, 10, 0), HOURS)


def test_closing_time_is_configurable() -> None:
    early = OfficeHours(open=time(8, 0), close=time(13, 0), tz=LIMA)
    assert reception_date(lima(2026, 3, 4, 12, 59), early) == date(2026, 3, 4)
    assert reception_date(lima(2026, 3, 4, 13, 0), early) == date(2026, 3, 5)


@pytest.mark.parametrize(
    ("open_", "close"),
    [(time(16, 36), time(7, 0)), (time(9, 0), time(9, 0))],
)
def test_office_hours_require_open_before_close(open_: time, close: time) -> None:
    with pytest.raises(ValueError, match="apertura"):
        OfficeHours(open=open_, close=close, tz=LIMA)


def test_office_hours_reject_aware_times() -> None:
    with pytest.raises(ValueError):
        OfficeHours(open=time(7, 0, tzinfo=UTC), close=time(16, 36), tz=LIMA)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 4), True),
        (date(2026, 3, 7), False),
        (date(2026, 3, 8), False),
        (date(2026, 7, 28), False),
        (date(2026, 6, 29), False),
        (date(2027, 1, 1), False),
        (date(2027, 1, 4), True),
    ],
)
def test_is_business_day(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


def test_is_business_day_honours_extra_holidays() -> None:
    assert is_business_day(date(2026, 3, 4))
    assert not is_business_day(date(2026, 3, 4), [date(2026, 3, 4)])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 4), date(2026, 3, 5)),
        (date(2026, 3, 6), date(2026, 3, 9)),
        (date(2026, 3, 7), date(2026, 3, 9)),
        (date(2026, 7, 27), date(2026, 7, 30)),
        (date(2026, 12, 31), date(2027, 1, 4)),
    ],
)
def test_next_business_day_is_strictly_after(day: date, expected: date) -> None:
    assert next_business_day(day) == expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2026, 3, 4), 0, date(2026, 3, 4)),
        (date(2026, 3, 7), 0, date(2026, 3, 7)),
        (date(2026, 3, 4), 1, date(2026, 3, 5)),
        (date(2026, 3, 4), 5, date(2026, 3, 11)),
        (date(2026, 7, 24), 3, date(2026, 7, 31)),
        (date(2026, 12, 30), 2, date(2027, 1, 4)),
        (date(2026, 3, 9), -1, date(2026, 3, 6)),
        (date(2026, 7, 30), -1, date(2026, 7, 27)),
        (date(2027, 1, 4), -2, date(2026, 12, 30)),
    ],
)
def test_add_business_days(day: date, n: int, expected: date) -> None:
    assert add_business_days(day, n) == expected


def test_add_business_days_with_extra_holiday() -> None:
    assert add_business_days(date(2026, 3, 4), 2, [date(2026, 3, 5)]) == date(2026, 3, 9)
    assert add_business_days(date(2026, 3, 9), -2, [date(2026, 3, 5)]) == date(2026, 3, 4)


# -- "hasta las 23:59 de cada día hábil" (Indecopi Res. 0518-2024/SEL) -------------------------

ALL_DAY = OfficeHours(open=time(7, 0), close=time(16, 36), tz=LIMA, all_day=True)


@pytest.mark.parametrize(
    ("submitted", "office", "all_day"),
    [
        # Wednesday 4 Mar 2026.
        (lima(2026, 3, 4, 1, 11), date(2026, 3, 4), date(2026, 3, 4)),
        (lima(2026, 3, 4, 16, 35, 59), date(2026, 3, 4), date(2026, 3, 4)),
        (lima(2026, 3, 4, 16, 36), date(2026, 3, 5), date(2026, 3, 4)),
        (lima(2026, 3, 4, 23, 59, 59), date(2026, 3, 5), date(2026, 3, 4)),
        # Saturday and a national holiday still go to the next business day.
        (lima(2026, 3, 7, 10, 0), date(2026, 3, 9), date(2026, 3, 9)),
        (lima(2026, 12, 8, 10, 0), date(2026, 12, 10), date(2026, 12, 10)),
    ],
)
def test_both_rules(submitted: datetime, office: date, all_day: date) -> None:
    assert reception_date(submitted, HOURS) == office
    assert reception_date(submitted, ALL_DAY) == all_day


def test_the_words_say_what_the_rule_does() -> None:
    assert hours_text(HOURS) == (
        "Lunes a viernes de 07:00 a 16:36 (hora de Lima), excepto feriados."
    )
    # 01:11 on a business day is received that day: the note must not say otherwise.
    assert reception_note(HOURS) == (
        "Lo presentado en un día hábil antes de las 16:36 se recibe ese mismo día; lo presentado "
        "desde las 16:36, o en sábado, domingo o feriado, se recibe el siguiente día hábil."
    )
    assert (
        hours_text(ALL_DAY) == "Lunes a viernes hasta las 23:59 (hora de Lima), excepto feriados."
    )
    assert "a cualquier hora hasta las 23:59, se recibe ese mismo día" in reception_note(ALL_DAY)
