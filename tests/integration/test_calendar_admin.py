"""Holidays and office hours set by an administrator, and the reception date that follows them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.models import AuditLog, Holiday, OfficeHoursSetting, OutboxEmail
from mpv_app.selectors import admin as admin_selectors
from mpv_app.selectors.calendar import extra_holidays, office_hours
from mpv_app.services import calendar_admin
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.filing import submit_filing
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from tests.factories import filing_form, pdf_bytes, sender_without_password, stage_bytes

# Friday 27 Nov 2026, 15:30 in Lima (UTC-5): inside the default 07:00–16:36 hours.
FRIDAY_1530 = datetime(2026, 11, 27, 20, 30, tzinfo=UTC)
MONDAY = date(2026, 11, 30)


def _actions(session: Session) -> list[str]:
    rows = session.exec(
        select(AuditLog)
        .where(col(AuditLog.action).in_([a for a in AuditAction if a.startswith("calendar.")]))
        .order_by(col(AuditLog.id))
    ).all()
    return [row.action for row in rows]


def _file_at(session: Session, tmp_path: Path, when: datetime, key: str) -> date:
    store = FileStore(tmp_path / "files")
    user = sender_without_password(session, index=len(key))
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    result = submit_filing(
        session=session,
        user_id=user.id,
        form=filing_form(session),
        submission_key=key,
        store=store,
        now=when,
    )
    session.commit()
    return result.received_on


def test_default_hours_apply_until_an_admin_sets_them(session: Session, admin_id: int) -> None:
    settings = get_settings()
    hours = office_hours(session)
    assert (hours.open, hours.close) == (settings.office_open, settings.office_close)
    assert admin_selectors.office_hours_values(session) == (
        f"{settings.office_open:%H:%M}",
        f"{settings.office_close:%H:%M}",
    )


def test_office_hours_are_upserted_into_one_row(session: Session, admin_id: int) -> None:
    calendar_admin.set_office_hours(
        session=session, actor_id=admin_id, opens_at="08:00", closes_at="15:00"
    )
    session.commit()
    calendar_admin.set_office_hours(
        session=session, actor_id=admin_id, opens_at="08:30", closes_at="16:00"
    )
    session.commit()
    [row] = session.exec(select(OfficeHoursSetting)).all()
    assert (row.opens_at, row.closes_at, row.updated_by_user_id) == (
        time(8, 30),
        time(16, 0),
        admin_id,
    )
    hours = office_hours(session)
    assert (hours.open, hours.close) == (time(8, 30), time(16, 0))
    assert _actions(session) == ["calendar.office_hours.set"] * 2
    last = session.exec(select(AuditLog).order_by(col(AuditLog.id).desc())).first()
    assert last is not None
    assert last.detail == {
        "before": ["08:00", "15:00"],
        "after": ["08:30", "16:00"],
        "rule_before": "hasta el cierre del horario",
        "rule": "hasta el cierre del horario",
    }


def test_office_hours_are_validated_with_the_domain_message(
    session: Session, admin_id: int
) -> None:
    with pytest.raises(FieldErrors) as caught:
        calendar_admin.set_office_hours(
            session=session, actor_id=admin_id, opens_at="17:00", closes_at="09:00"
        )
    assert caught.value.errors == {
        "closes_at": "La hora de apertura (17:00) debe ser anterior a la de cierre (09:00)."
    }
    with pytest.raises(FieldErrors) as caught:
        calendar_admin.set_office_hours(
            session=session, actor_id=admin_id, opens_at="", closes_at="25:00"
        )
    assert set(caught.value.errors) == {"opens_at", "closes_at"}
    session.rollback()
    assert session.exec(select(OfficeHoursSetting)).all() == []
    assert _actions(session) == []


def test_holidays_added_refused_and_removed(session: Session, admin_id: int) -> None:
    holiday = calendar_admin.add_holiday(
        session=session, actor_id=admin_id, day="2026-12-24", name="  Víspera de   Navidad "
    )
    session.commit()
    assert (holiday.day, holiday.name) == (date(2026, 12, 24), "Víspera de Navidad")
    assert extra_holidays(session) == {date(2026, 12, 24)}
    assert admin_selectors.holiday_rows(session)[0].day == "jueves 24/12/2026"

    with pytest.raises(FieldErrors) as caught:
        calendar_admin.add_holiday(
            session=session, actor_id=admin_id, day="2026-12-24", name="Otro"
        )
    assert caught.value.errors == {"day": "Ya hay un feriado registrado el 24/12/2026."}
    with pytest.raises(FieldErrors) as caught:
        calendar_admin.add_holiday(
            session=session, actor_id=admin_id, day="2026-12-25", name="Navidad"
        )
    assert caught.value.errors["day"].startswith("El 25/12/2026 ya es feriado nacional")
    with pytest.raises(FieldErrors) as caught:
        calendar_admin.add_holiday(session=session, actor_id=admin_id, day="", name=" ")
    assert caught.value.errors == {
        "day": "Ingrese la fecha del feriado.",
        "name": "Ingrese el motivo del feriado.",
    }
    session.rollback()

    assert holiday.id is not None
    calendar_admin.remove_holiday(session=session, actor_id=admin_id, holiday_id=holiday.id)
    session.commit()
    assert session.exec(select(Holiday)).all() == []
    with pytest.raises(ServiceError):
        calendar_admin.remove_holiday(session=session, actor_id=admin_id, holiday_id=holiday.id)
    session.rollback()
    assert _actions(session) == ["calendar.holiday.add", "calendar.holiday.remove"]
    removed = session.exec(
        select(AuditLog).where(AuditLog.action == "calendar.holiday.remove")
    ).one()
    assert (removed.entity_id, removed.detail) == ("2026-12-24", {"name": "Víspera de Navidad"})


def test_reception_date_follows_the_admin_hours_and_holidays(
    session: Session, admin_id: int, tmp_path: Path
) -> None:
    # Default hours: 15:30 on a Friday is received the same day.
    assert _file_at(session, tmp_path, FRIDAY_1530, "before") == date(2026, 11, 27)

    calendar_admin.set_office_hours(
        session=session, actor_id=admin_id, opens_at="07:00", closes_at="15:00"
    )
    session.commit()
    # Now past closing: received on the next business day, Monday.
    assert _file_at(session, tmp_path, FRIDAY_1530, "after-hours") == MONDAY

    calendar_admin.add_holiday(
        session=session, actor_id=admin_id, day=MONDAY, name="Día no laborable"
    )
    session.commit()
    # Monday is now a day off: Tuesday.
    assert _file_at(session, tmp_path, FRIDAY_1530, "holiday") == date(2026, 12, 1)


def test_reception_until_2359_of_each_business_day(
    session: Session, admin_id: int, tmp_path: Path
) -> None:
    """Indecopi Res. 0518-2024/SEL: the administrator may drop the after-hours cut-off."""
    calendar_admin.set_office_hours(
        session=session, actor_id=admin_id, opens_at="07:00", closes_at="15:00"
    )
    session.commit()
    assert _file_at(session, tmp_path, FRIDAY_1530, "cut-off") == MONDAY
    calendar_admin.set_office_hours(
        session=session, actor_id=admin_id, opens_at="07:00", closes_at="15:00", all_day=True
    )
    session.commit()
    assert office_hours(session).all_day is True
    # 15:30 on Friday, past the 15:00 close, is now received that Friday.
    assert _file_at(session, tmp_path, FRIDAY_1530, "all-day") == date(2026, 11, 27)
    # Saturday still goes to Monday.
    saturday = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
    assert _file_at(session, tmp_path, saturday, "saturday") == MONDAY
    last = session.exec(
        select(AuditLog)
        .where(AuditLog.action == "calendar.office_hours.set")
        .order_by(col(AuditLog.id).desc())
    ).first()
    assert last is not None
    assert last.detail["rule"] == "hasta las 23:59 de cada día hábil"
    mail = session.exec(select(OutboxEmail).order_by(col(OutboxEmail.id).desc())).first()
    assert mail is not None
    assert "a cualquier hora hasta las 23:59, se recibe ese mismo día" in mail.body_text
