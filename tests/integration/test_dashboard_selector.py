"""The staff dashboard's figures on SQLite and PostgreSQL, with filings inserted at set dates."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from mpv_app.domain.enums import Status
from mpv_app.models import Correspondence, Department, DocumentType, Holiday, Sender
from mpv_app.selectors.catalog import department_label
from mpv_app.selectors.dashboard import dashboard, overdue_filings
from tests.factories import sender_without_password

_numbers = itertools.count(1)
TUESDAY = date(2026, 3, 10)  # Monday 9 and Friday 6 March are business days, 7-8 a weekend


@pytest.fixture
def sender_id(session: Session, seeded: None) -> int:
    user = sender_without_password(session)
    sender = session.exec(select(Sender).where(Sender.user_id == user.id)).one()
    assert sender.id is not None
    return sender.id


def _department(session: Session, code: str) -> Department:
    return session.exec(select(Department).where(Department.code == code)).one()


def add_filing(
    session: Session,
    sender_id: int,
    *,
    department: str = "OP-TD",
    status: Status = Status.REGISTERED,
    received_on: date = TUESDAY,
    subject: str = "Solicitud",
) -> Correspondence:
    """A filing row written directly: the dashboard only reads, dates must be exact."""
    seq = next(_numbers)
    dept = _department(session, department)
    carta = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    assert carta.id is not None and dept.id is not None
    filing = Correspondence(
        tracking_number=f"MPV-2026-{seq:06d}",
        year=2026,
        sequence=seq,
        sender_id=sender_id,
        document_type_id=carta.id,
        subject=subject,
        subject_folded=subject.lower(),
        document_number=f"C-{seq}",
        document_date=received_on,
        page_count=1,
        knows_destination=True,
        center_id=dept.center_id,
        department_id=dept.id,
        status=status,
        submitted_at=datetime.combine(received_on, time(15), tzinfo=UTC),
        received_on=received_on,
        verification_code=f"CODE{seq:012d}",
        submission_key=f"key-{seq}",
    )
    session.add(filing)
    session.commit()
    return filing


def test_counts_per_status_and_department(session: Session, sender_id: int) -> None:
    for dept, status, n in [
        ("OP-TD", Status.REGISTERED, 3),
        ("OP-TD", Status.REJECTED, 1),
        ("OP-LEG", Status.IN_PROGRESS, 2),
        ("OP-LEG", Status.ATTENDED, 4),
        ("RFTL-MAN", Status.REGISTERED, 1),
        ("OP-TD", Status.OBSERVED, 2),
        ("OP-LEG", Status.NOT_PRESENTED, 1),
    ]:
        for _ in range(n):
            add_filing(session, sender_id, department=dept, status=status)

    board = dashboard(session, today=TUESDAY, business_days=5)

    assert board.status_counts == {
        Status.REGISTERED: 4,
        Status.IN_PROGRESS: 2,
        Status.ATTENDED: 4,
        Status.REJECTED: 1,
        Status.OBSERVED: 2,
        Status.NOT_PRESENTED: 1,
    }
    assert list(board.status_counts) == list(Status)  # the cards' order
    by_name = {row.name: row for row in board.departments}
    assert set(by_name) == {
        "Trámite Documentario — Oficina Principal (San Isidro)",
        "Gerencia Corporativa Legal — Oficina Principal (San Isidro)",
        "Jefatura Mantenimiento Talara — Refinería Talara",
    }
    legal = by_name["Gerencia Corporativa Legal — Oficina Principal (San Isidro)"]
    assert legal.counts == {
        Status.REGISTERED: 0,
        Status.IN_PROGRESS: 2,
        Status.ATTENDED: 4,
        Status.REJECTED: 0,
        Status.OBSERVED: 0,
        Status.NOT_PRESENTED: 1,
    }
    assert legal.total == 7
    # Ordered by center, then department name.
    assert [row.name.split(" — ")[1] for row in board.departments] == [
        "Oficina Principal (San Isidro)",
        "Oficina Principal (San Isidro)",
        "Refinería Talara",
    ]
    assert board.departments[0].name.startswith("Gerencia Corporativa Legal")


def test_department_scope_sees_only_its_own(session: Session, sender_id: int) -> None:
    old = date(2026, 2, 2)
    add_filing(session, sender_id, department="OP-LEG", received_on=old)
    add_filing(session, sender_id, department="OP-LEG", status=Status.ATTENDED)
    add_filing(session, sender_id, department="OP-TD", received_on=old)
    add_filing(session, sender_id, department="OP-FIN", status=Status.IN_PROGRESS)
    legal_id = _department(session, "OP-LEG").id

    board = dashboard(session, today=TUESDAY, business_days=5, department_id=legal_id)

    assert board.status_counts[Status.REGISTERED] == 1
    assert board.status_counts[Status.ATTENDED] == 1
    assert board.status_counts[Status.IN_PROGRESS] == 0
    assert [row.department_id for row in board.departments] == [legal_id]
    assert board.overdue_total == 1
    assert [f.department for f in board.overdue] == [
        "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
    ]
    everyone = dashboard(session, today=TUESDAY, business_days=5)
    assert everyone.overdue_total == 2
    assert sum(everyone.status_counts.values()) == 4
    assert department_label(session, legal_id or 0) == (
        "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
    )


def test_a_department_without_filings_shows_zeros(session: Session, sender_id: int) -> None:
    add_filing(session, sender_id, department="OP-TD")
    empty_id = _department(session, "OP-GG").id
    board = dashboard(session, today=TUESDAY, business_days=5, department_id=empty_id)
    assert set(board.status_counts.values()) == {0}
    assert board.departments == []
    assert board.overdue == [] and board.overdue_total == 0


def test_cutoff_around_a_weekend(session: Session, sender_id: int) -> None:
    thursday = add_filing(session, sender_id, received_on=date(2026, 3, 5), subject="jueves")
    friday = add_filing(session, sender_id, received_on=date(2026, 3, 6), subject="viernes")
    add_filing(session, sender_id, received_on=date(2026, 3, 9), subject="lunes")
    add_filing(session, sender_id, received_on=TUESDAY, subject="hoy")

    # Tuesday, 1 day allowed: Friday's filing has had Friday and Monday (2 > 1).
    overdue, total, cutoff = overdue_filings(session, today=TUESDAY, business_days=1)
    assert cutoff == date(2026, 3, 6)
    assert total == 2
    assert [(f.tracking_number, f.business_days) for f in overdue] == [
        (thursday.tracking_number, 3),
        (friday.tracking_number, 2),
    ]
    assert overdue[0].received_on == date(2026, 3, 5)
    assert overdue[0].subject == "jueves"

    # Monday, 1 day allowed: the weekend does not count, Friday's filing is only 1 day old.
    overdue, total, _ = overdue_filings(session, today=date(2026, 3, 9), business_days=1)
    assert [f.tracking_number for f in overdue] == [thursday.tracking_number]
    assert (total, overdue[0].business_days) == (1, 2)

    # Saturday, 0 days allowed: everything received up to Friday waits.
    _, total, _ = overdue_filings(session, today=date(2026, 3, 7), business_days=0)
    assert total == 2


def test_admin_holiday_stops_the_clock(session: Session, sender_id: int) -> None:
    friday = add_filing(session, sender_id, received_on=date(2026, 3, 6))
    overdue, total, _ = overdue_filings(session, today=TUESDAY, business_days=1)
    assert total == 1 and overdue[0].business_days == 2

    session.add(Holiday(day=date(2026, 3, 9), name="Día no laborable"))
    session.commit()
    overdue, total, cutoff = overdue_filings(session, today=TUESDAY, business_days=1)
    assert cutoff == date(2026, 3, 5)
    assert (total, overdue) == (0, [])

    # Two days later it is overdue again, and its age skips the holiday: Fri, Tue, Wed.
    overdue, total, _ = overdue_filings(session, today=date(2026, 3, 12), business_days=1)
    assert [(f.tracking_number, f.business_days) for f in overdue] == [(friday.tracking_number, 3)]


def test_only_open_filings_wait(session: Session, sender_id: int) -> None:
    old = date(2026, 2, 2)
    for status in Status:
        add_filing(session, sender_id, status=status, received_on=old)
    overdue, total, _ = overdue_filings(session, today=TUESDAY, business_days=5)
    assert total == 2
    assert sorted(f.status for f in overdue) == sorted([Status.REGISTERED, Status.IN_PROGRESS])


def test_lists_the_twenty_oldest_and_counts_all(session: Session, sender_id: int) -> None:
    # 25 overdue filings on 25 different business days of January and February 2026.
    start = date(2026, 1, 5)  # a Monday
    days = [start + timedelta(days=i + 2 * (i // 5)) for i in range(25)]
    assert all(d.weekday() < 5 for d in days)
    created = [add_filing(session, sender_id, received_on=d) for d in reversed(days)]
    add_filing(session, sender_id, received_on=TUESDAY)

    board = dashboard(session, today=TUESDAY, business_days=5)

    assert board.overdue_total == 25
    assert len(board.overdue) == 20
    assert [f.received_on for f in board.overdue] == days[:20]
    assert board.overdue[0].tracking_number == created[-1].tracking_number
    ages = [f.business_days for f in board.overdue]
    assert ages == sorted(ages, reverse=True) and ages[-1] > 5


def test_an_observed_filing_is_never_overdue(session: Session, sender_id: int) -> None:
    """While Observada no deadline runs (TUO Ley 27444 art. 136): it waits on the sender."""
    old = date(2026, 2, 2)
    add_filing(session, sender_id, status=Status.OBSERVED, received_on=old)
    add_filing(session, sender_id, status=Status.NOT_PRESENTED, received_on=old)
    board = dashboard(session, today=TUESDAY, business_days=5)
    assert board.overdue_total == 0
    add_filing(session, sender_id, received_on=old)
    assert dashboard(session, today=TUESDAY, business_days=5).overdue_total == 1


def test_chart_series_per_day_per_department_and_overdue(session: Session, sender_id: int) -> None:
    """The charts' numbers: per reception day and current status over the last 30 days
    (days without filings included as zeros), and overdue per department."""
    from mpv_app.selectors.dashboard import SERIES_DAYS, daily_counts, overdue_by_department

    monday, friday = date(2026, 3, 9), date(2026, 3, 6)
    too_old = TUESDAY - timedelta(days=SERIES_DAYS)  # just outside the window
    for dept, status, day, n in [
        ("OP-TD", Status.REGISTERED, TUESDAY, 2),
        ("OP-TD", Status.REJECTED, TUESDAY, 1),
        ("OP-LEG", Status.IN_PROGRESS, monday, 3),
        ("OP-LEG", Status.ATTENDED, friday, 1),
        ("OP-LEG", Status.REGISTERED, date(2026, 2, 20), 2),  # overdue, in the window
        ("OP-FIN", Status.IN_PROGRESS, date(2026, 2, 23), 1),  # overdue
        ("OP-FIN", Status.ATTENDED, date(2026, 2, 23), 1),  # old but closed: not overdue
        ("OP-TD", Status.REGISTERED, too_old, 4),  # overdue, outside the day series
    ]:
        for _ in range(n):
            add_filing(session, sender_id, department=dept, status=status, received_on=day)

    days = daily_counts(session, today=TUESDAY)
    assert len(days) == SERIES_DAYS
    assert (days[0].day, days[-1].day) == (too_old + timedelta(days=1), TUESDAY)
    by_day = {d.day: d for d in days}
    assert by_day[TUESDAY].counts[Status.REGISTERED] == 2
    assert by_day[TUESDAY].counts[Status.REJECTED] == 1
    assert by_day[TUESDAY].total == 3
    assert by_day[monday].counts == {**dict.fromkeys(Status, 0), Status.IN_PROGRESS: 3}
    assert by_day[friday].counts[Status.ATTENDED] == 1
    assert by_day[date(2026, 2, 23)].total == 2
    assert by_day[date(2026, 3, 7)].total == 0  # a Saturday: there, as a zero
    assert sum(d.total for d in days) == 11  # the 4 too old ones left out
    assert list(by_day[TUESDAY].counts) == list(Status)

    legal_id = _department(session, "OP-LEG").id
    legal_days = daily_counts(session, today=TUESDAY, department_id=legal_id)
    assert sum(d.total for d in legal_days) == 6

    overdue = overdue_by_department(session, today=TUESDAY, business_days=5)
    assert [(row.name, row.overdue) for row in overdue] == [
        ("Trámite Documentario — Oficina Principal (San Isidro)", 4),
        ("Gerencia Corporativa Legal — Oficina Principal (San Isidro)", 2),
        ("Gerencia Corporativa Finanzas — Oficina Principal (San Isidro)", 1),
    ]
    scoped = overdue_by_department(session, today=TUESDAY, business_days=5, department_id=legal_id)
    assert [(row.department_id, row.overdue) for row in scoped] == [(legal_id, 2)]
    board = dashboard(session, today=TUESDAY, business_days=5)
    assert board.daily == days and board.overdue_departments == overdue
    assert board.overdue_total == sum(row.overdue for row in overdue)
