"""Read-side for the administration pages: every row, active or not, shaped for display.

Rows are frozen dataclasses of text (``domain/rows.py``) so a page can show them as they come;
``id`` is what a handler sends back to a service.
"""

from __future__ import annotations

from datetime import date

import holidays
from sqlmodel import Session, col, func, select

from mpv_app.domain.enums import Role
from mpv_app.domain.labels import destination_label
from mpv_app.domain.rows import CenterRow, DepartmentRow, DocumentTypeRow, HolidayRow, StaffRow
from mpv_app.domain.timefmt import format_date
from mpv_app.models import Department, DocumentType, Holiday, ManagementCenter, User
from mpv_app.selectors.calendar import office_hours

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def status_text(active: bool) -> str:
    return "Activo" if active else "Inactivo"


def center_rows(session: Session) -> list[CenterRow]:
    counts = dict(
        session.exec(
            select(Department.center_id, func.count())
            .where(col(Department.is_active))
            .group_by(col(Department.center_id))
        ).all()
    )
    centers = session.exec(select(ManagementCenter).order_by(col(ManagementCenter.id))).all()
    return [
        CenterRow(
            id=str(c.id),
            code=c.code,
            name=c.name,
            departments=str(counts.get(c.id or 0, 0)),
            status=status_text(c.is_active),
        )
        for c in centers
    ]


def department_rows(session: Session) -> list[DepartmentRow]:
    rows = session.exec(
        select(Department, ManagementCenter)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .order_by(col(ManagementCenter.id), col(Department.name))
    ).all()
    return [
        DepartmentRow(
            id=str(d.id),
            code=d.code,
            name=d.name,
            center_id=str(c.id),
            center=c.name if c.is_active else f"{c.name} (centro inactivo)",
            reception="Sí" if d.is_reception else "",
            status=status_text(d.is_active),
        )
        for d, c in rows
    ]


def document_type_rows(session: Session) -> list[DocumentTypeRow]:
    rows = session.exec(select(DocumentType).order_by(col(DocumentType.name))).all()
    return [
        DocumentTypeRow(
            id=str(t.id),
            code=t.code,
            name=t.name,
            signature="Sí" if t.requires_digital_signature else "No",
            status=status_text(t.is_active),
        )
        for t in rows
    ]


def _day_text(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {format_date(day)}"


def holiday_rows(session: Session) -> list[HolidayRow]:
    rows = session.exec(select(Holiday).order_by(col(Holiday.day))).all()
    return [
        HolidayRow(day=_day_text(h.day), name=h.name, id=str(h.id), iso=h.day.isoformat())
        for h in rows
    ]


def national_holiday_rows(year: int) -> list[HolidayRow]:
    """Peru's national holidays for reference: they already count, nobody has to add them."""
    found = holidays.country_holidays("PE", years=year, language="es")
    return [HolidayRow(day=_day_text(day), name=name) for day, name in sorted(found.items())]


def office_hours_values(session: Session) -> tuple[str, str]:
    """The hours in force (the administrator's, else the ``MPV_OFFICE_*`` defaults)."""
    hours = office_hours(session)
    return f"{hours.open:%H:%M}", f"{hours.close:%H:%M}"


def department_choices(session: Session) -> list[tuple[str, str]]:
    """Where a Dependencia account may belong: active departments of active centers."""
    rows = session.exec(
        select(Department, ManagementCenter)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(col(Department.is_active), col(ManagementCenter.is_active))
        .order_by(col(ManagementCenter.id), col(Department.name))
    ).all()
    return [(str(d.id), destination_label(d.name, c.name)) for d, c in rows]


def staff_rows(session: Session) -> list[StaffRow]:
    rows = session.exec(
        select(User, Department)
        .join(Department, col(Department.id) == User.department_id, isouter=True)
        .where(User.role != Role.SENDER)
        .order_by(col(User.email))
    ).all()
    return [
        StaffRow(
            id=str(u.id),
            email=u.email,
            role=u.role.value,
            role_label=u.role.label,
            department_id=str(u.department_id or ""),
            department=d.name if d is not None else "—",
            status=status_text(u.is_active),
        )
        for u, d in rows
    ]


def summary(session: Session) -> dict[str, str]:
    """Counts for the administration index cards: active of total, per section."""

    def active_of(model: type[ManagementCenter] | type[Department] | type[DocumentType]) -> str:
        total = session.exec(select(func.count()).select_from(model)).one()
        active = session.exec(
            select(func.count()).select_from(model).where(col(model.is_active))
        ).one()
        return f"Activos: {active} de {total}"

    staff_total = session.exec(
        select(func.count()).select_from(User).where(User.role != Role.SENDER)
    ).one()
    staff_active = session.exec(
        select(func.count()).select_from(User).where(User.role != Role.SENDER, col(User.is_active))
    ).one()
    opens, closes = office_hours_values(session)
    holiday_count = session.exec(select(func.count()).select_from(Holiday)).one()
    return {
        "centers": active_of(ManagementCenter),
        "departments": active_of(Department),
        "document_types": active_of(DocumentType),
        "calendar": (
            f"Horario: {opens} a {closes}"
            + (" · Recepción hasta las 23:59" if office_hours(session).all_day else "")
            + f" · Feriados institucionales: {holiday_count}"
        ),
        "staff": f"Cuentas activas: {staff_active} de {staff_total}",
    }
