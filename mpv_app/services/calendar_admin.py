"""The reception calendar an administrator keeps: extra days off and the office hours.

Both feed ``domain.reception.reception_date`` through ``selectors.calendar`` at submit time, so
a change applies to filings submitted from then on; a stored ``received_on`` never moves.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import holidays
from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.domain.reception import OfficeHours
from mpv_app.domain.timefmt import format_date
from mpv_app.models import Holiday, OfficeHoursSetting
from mpv_app.services import audit
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.settings import get_settings

NAME_MAX = 120
MSG_DAY = "Ingrese la fecha del feriado."
MSG_NAME = "Ingrese el motivo del feriado."
MSG_NAME_LONG = f"El motivo admite como máximo {NAME_MAX} caracteres."
MSG_DUPLICATE = "Ya hay un feriado registrado el {day}."
MSG_NATIONAL = "El {day} ya es feriado nacional ({name}): no hace falta registrarlo."
MSG_OPEN = "Ingrese la hora de apertura (HH:MM)."
MSG_CLOSE = "Ingrese la hora de cierre (HH:MM)."
MSG_HOLIDAY_GONE = "El feriado ya no existe. Actualice la página."


def parse_day(value: str | date | None) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError as error:
        raise FieldErrors({"day": MSG_DAY}) from error


def parse_time(value: str | time | None, field: str, message: str) -> time:
    """``HH:MM`` as a browser's time input sends it; seconds, if any, are dropped."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    try:
        parsed = time.fromisoformat((value or "").strip())
    except ValueError as error:
        raise FieldErrors({field: message}) from error
    return parsed.replace(second=0, microsecond=0, tzinfo=None)


def national_holiday_name(day: date) -> str | None:
    return holidays.country_holidays("PE", years=day.year, language="es").get(day)


def add_holiday(*, session: Session, actor_id: int, day: str | date | None, name: str) -> Holiday:
    errors: dict[str, str] = {}
    parsed: date | None = None
    try:
        parsed = parse_day(day)
    except FieldErrors as error:
        errors.update(error.errors)
    reason = " ".join((name or "").split())
    if not reason:
        errors["name"] = MSG_NAME
    elif len(reason) > NAME_MAX:
        errors["name"] = MSG_NAME_LONG
    if parsed is not None and "day" not in errors:
        national = national_holiday_name(parsed)
        if national:
            errors["day"] = MSG_NATIONAL.format(day=format_date(parsed), name=national)
        elif session.exec(select(Holiday.id).where(Holiday.day == parsed)).first() is not None:
            errors["day"] = MSG_DUPLICATE.format(day=format_date(parsed))
    if errors or parsed is None:
        raise FieldErrors(errors)
    holiday = Holiday(day=parsed, name=reason)
    session.add(holiday)
    session.flush()
    _audit_holiday(session, AuditAction.HOLIDAY_ADD, parsed, reason, actor_id)
    return holiday


def remove_holiday(*, session: Session, actor_id: int, holiday_id: int) -> date:
    """A holiday row is configuration, not history: nothing references it, so it can go.

    Filings already received keep their ``received_on``; the audit row keeps what was removed.
    """
    holiday = session.get(Holiday, holiday_id)
    if holiday is None:
        raise ServiceError(MSG_HOLIDAY_GONE)
    day, name = holiday.day, holiday.name
    session.delete(holiday)
    _audit_holiday(session, AuditAction.HOLIDAY_REMOVE, day, name, actor_id)
    return day


def _audit_holiday(
    session: Session, action: AuditAction, day: date, name: str, actor_id: int
) -> None:
    """Holidays are audited by their day: the row id means nothing once it is removed."""
    audit.record(
        session,
        action=action,
        entity="holiday",
        entity_id=day.isoformat(),
        actor_user_id=actor_id,
        detail={"name": name},
    )
    session.flush()


def set_office_hours(
    *,
    session: Session,
    actor_id: int,
    opens_at: str | time | None,
    closes_at: str | time | None,
    all_day: bool = False,
) -> OfficeHours:
    """Upsert the single office-hours row; the domain's own check says what is valid.

    ``all_day``: reception "hasta las 23:59 de cada día hábil" instead of until the close."""
    errors: dict[str, str] = {}
    parsed: dict[str, time] = {}
    for field, value, message in (
        ("opens_at", opens_at, MSG_OPEN),
        ("closes_at", closes_at, MSG_CLOSE),
    ):
        try:
            parsed[field] = parse_time(value, field, message)
        except FieldErrors as error:
            errors.update(error.errors)
    if errors:
        raise FieldErrors(errors)
    try:
        hours = OfficeHours(
            parsed["opens_at"], parsed["closes_at"], get_settings().tz, all_day=bool(all_day)
        )
    except ValueError as error:
        raise FieldErrors({"closes_at": str(error)}) from error
    row = session.exec(select(OfficeHoursSetting).order_by(col(OfficeHoursSetting.id))).first()
    before = None if row is None else [f"{row.opens_at:%H:%M}", f"{row.closes_at:%H:%M}"]
    rule_before = None if row is None else _rule(row.all_day)
    if row is None:
        row = OfficeHoursSetting(opens_at=hours.open, closes_at=hours.close)
    row.opens_at, row.closes_at, row.all_day = hours.open, hours.close, hours.all_day
    row.updated_by_user_id, row.updated_at = actor_id, datetime.now(UTC)
    session.add(row)
    session.flush()
    audit.record(
        session,
        action=AuditAction.OFFICE_HOURS_SET,
        entity="office_hours",
        entity_id=row.id,
        actor_user_id=actor_id,
        detail={
            "before": before,
            "after": [f"{hours.open:%H:%M}", f"{hours.close:%H:%M}"],
            "rule_before": rule_before,
            "rule": _rule(hours.all_day),
        },
    )
    session.flush()
    return hours


def _rule(all_day: bool) -> str:
    return "hasta las 23:59 de cada día hábil" if all_day else "hasta el cierre del horario"
