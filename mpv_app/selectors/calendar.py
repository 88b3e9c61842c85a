"""The reception calendar as configured: office hours and admin-added days off."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from mpv_app.domain.reception import OfficeHours
from mpv_app.models import Holiday, OfficeHoursSetting
from mpv_app.selectors.catalog import cached
from mpv_app.settings import get_settings


def office_hours(session: Session) -> OfficeHours:
    """The administrator's hours when set, else ``MPV_OFFICE_OPEN`` / ``MPV_OFFICE_CLOSE``."""
    settings = get_settings()
    row = session.exec(select(OfficeHoursSetting).order_by(col(OfficeHoursSetting.id))).first()
    if row is None:
        return OfficeHours(settings.office_open, settings.office_close, settings.tz)
    return OfficeHours(row.opens_at, row.closes_at, settings.tz, all_day=row.all_day)


# The footer of every page shows the hours: cached per process, dropped on any write to
# office_hours (see selectors.catalog). Services computing a reception date read them fresh.
office_hours_cached = cached(office_hours)


def extra_holidays(session: Session) -> frozenset[date]:
    return frozenset(session.exec(select(col(Holiday.day))).all())


# Every inbox and Mis trámites page dates its rows' ages with these: cached like the hours.
# Services that fix a reception date or a deadline read them fresh (``extra_holidays``).
extra_holidays_cached = cached(extra_holidays)
