"""The staff dashboard: counts per status and per department, and what waits too long.

Everything is a GROUP BY or a LIMITed query answered from the (status, received_on) and
(department_id, status) indexes; no filing row is loaded except the 20 oldest overdue ones.
A department user sees their own department only; reception and admin see all of them.
The charts' series (per day, per department, overdue per department) are computed here too,
so a chart and the table beside it show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from mpv_app.domain.attention import OFFICE_HOLDS
from mpv_app.domain.deadlines import attention_cutoff, business_days_elapsed
from mpv_app.domain.enums import Status
from mpv_app.domain.labels import destination_label
from mpv_app.models import Correspondence, Department, ManagementCenter
from mpv_app.selectors.calendar import extra_holidays

OVERDUE_LIMIT = 20
OPEN_STATUSES = OFFICE_HOLDS  # the inbox's "fuera de plazo" and the panel's agree
SERIES_DAYS = 30
STATUS_ORDER = tuple(Status)


class _Totalled:
    """Counts per status and their sum: a panel table's row and its «Total» column."""

    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class DepartmentCounts(_Totalled):
    department_id: int
    name: str  # "Dependencia — Centro de Gestión"
    counts: dict[Status, int]


@dataclass(frozen=True)
class OverdueFiling:
    tracking_number: str
    subject: str
    department: str
    received_on: date
    business_days: int
    status: Status


@dataclass(frozen=True)
class DayCounts(_Totalled):
    """Filings by legal reception date, split by the status they are in now."""

    day: date
    counts: dict[Status, int]


@dataclass(frozen=True)
class DepartmentOverdue:
    department_id: int
    name: str
    overdue: int


@dataclass(frozen=True)
class Dashboard:
    status_counts: dict[Status, int]
    departments: list[DepartmentCounts]
    overdue: list[OverdueFiling]  # the oldest first, at most OVERDUE_LIMIT
    overdue_total: int
    cutoff: date  # the latest reception date counted as overdue
    business_days: int
    daily: list[DayCounts]  # the last SERIES_DAYS days, oldest first, days without any too
    overdue_departments: list[DepartmentOverdue]  # most overdue first


def _scoped(query: Any, department_id: int | None) -> Any:
    if department_id is None:
        return query
    return query.where(Correspondence.department_id == department_id)


def status_counts(session: Session, department_id: int | None = None) -> dict[Status, int]:
    query = _scoped(
        select(Correspondence.status, func.count()).group_by(col(Correspondence.status)),
        department_id,
    )
    found = {Status(status): int(n) for status, n in session.exec(query).all()}
    return {status: found.get(status, 0) for status in STATUS_ORDER}


def department_counts(session: Session, department_id: int | None = None) -> list[DepartmentCounts]:
    """Departments holding any filing, by center then name, with a count per status."""
    query = _scoped(
        select(Correspondence.department_id, Correspondence.status, func.count()).group_by(
            col(Correspondence.department_id), col(Correspondence.status)
        ),
        department_id,
    )
    counts: dict[int, dict[Status, int]] = {}
    for dept_id, status, n in session.exec(query).all():
        counts.setdefault(dept_id, dict.fromkeys(STATUS_ORDER, 0))[Status(status)] = int(n)
    if not counts:
        return []
    names = session.exec(
        select(Department.id, Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(col(Department.id).in_(counts))
        .order_by(col(ManagementCenter.name), col(Department.name))
    ).all()
    return [
        DepartmentCounts(dept_id, destination_label(dept, center), counts[dept_id])
        for dept_id, dept, center in names
        if dept_id is not None
    ]


def _overdue_filter(query: Any, cutoff: date, department_id: int | None) -> Any:
    return _scoped(
        query.where(
            col(Correspondence.status).in_(OPEN_STATUSES),
            col(Correspondence.received_on) <= cutoff,
        ),
        department_id,
    )


def overdue_filings(
    session: Session,
    *,
    today: date,
    business_days: int,
    department_id: int | None = None,
    limit: int = OVERDUE_LIMIT,
) -> tuple[list[OverdueFiling], int, date]:
    """Open filings received more than N business days ago: the oldest ``limit`` and the total."""
    holidays = extra_holidays(session)
    cutoff = attention_cutoff(today, business_days, holidays)
    total = session.exec(
        _overdue_filter(select(func.count()).select_from(Correspondence), cutoff, department_id)
    ).one()
    query = _overdue_filter(
        select(Correspondence, Department.name, ManagementCenter.name)
        .join(Department, col(Department.id) == Correspondence.department_id)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id),
        cutoff,
        department_id,
    ).order_by(col(Correspondence.received_on), col(Correspondence.id))
    overdue = [
        OverdueFiling(
            tracking_number=filing.tracking_number,
            subject=filing.subject,
            department=destination_label(dept, center),
            received_on=filing.received_on,
            business_days=business_days_elapsed(filing.received_on, today, holidays),
            status=filing.status,
        )
        for filing, dept, center in session.exec(query.limit(limit)).all()
    ]
    return overdue, int(total), cutoff


def daily_counts(
    session: Session, *, today: date, days: int = SERIES_DAYS, department_id: int | None = None
) -> list[DayCounts]:
    """One entry per calendar day in ``(today - days, today]``, zeros included, so a chart's
    axis has no gaps and a weekend reads as the zero it is."""
    first = today - timedelta(days=days - 1)
    query = _scoped(
        select(Correspondence.received_on, Correspondence.status, func.count())
        .where(col(Correspondence.received_on).between(first, today))
        .group_by(col(Correspondence.received_on), col(Correspondence.status)),
        department_id,
    )
    found: dict[date, dict[Status, int]] = {}
    for day, status, n in session.exec(query).all():
        found.setdefault(day, dict.fromkeys(STATUS_ORDER, 0))[Status(status)] = int(n)
    return [
        DayCounts(day, found.get(day, dict.fromkeys(STATUS_ORDER, 0)))
        for day in (first + timedelta(days=i) for i in range(days))
    ]


def overdue_by_department(
    session: Session, *, today: date, business_days: int, department_id: int | None = None
) -> list[DepartmentOverdue]:
    """Open filings past the term, counted per department, the most overdue first."""
    cutoff = attention_cutoff(today, business_days, extra_holidays(session))
    counted = session.exec(
        _overdue_filter(
            select(Correspondence.department_id, func.count()).group_by(
                col(Correspondence.department_id)
            ),
            cutoff,
            department_id,
        )
    ).all()
    counts = {dept_id: int(n) for dept_id, n in counted}
    if not counts:
        return []
    names = session.exec(
        select(Department.id, Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(col(Department.id).in_(counts))
    ).all()
    rows = [
        DepartmentOverdue(dept_id, f"{dept} — {center}", counts[dept_id])
        for dept_id, dept, center in names
        if dept_id is not None
    ]
    return sorted(rows, key=lambda row: (-row.overdue, row.name))


def dashboard(
    session: Session, *, today: date, business_days: int, department_id: int | None = None
) -> Dashboard:
    overdue, total, cutoff = overdue_filings(
        session, today=today, business_days=business_days, department_id=department_id
    )
    return Dashboard(
        status_counts=status_counts(session, department_id),
        departments=department_counts(session, department_id),
        overdue=overdue,
        overdue_total=total,
        cutoff=cutoff,
        business_days=business_days,
        daily=daily_counts(session, today=today, department_id=department_id),
        overdue_departments=overdue_by_department(
            session, today=today, business_days=business_days, department_id=department_id
        ),
    )
