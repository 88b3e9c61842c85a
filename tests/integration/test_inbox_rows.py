"""The staff inbox's rows: typed, with the sender and the business days each filing has waited
(coloured past MPV_ATTENTION_BUSINESS_DAYS), and the default order that puts what needs
attention on the first page."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from mpv_app.domain.attention import Waiting
from mpv_app.domain.enums import Status
from mpv_app.models import Correspondence, Holiday, User
from mpv_app.selectors.consulta import FilingFilters, FilingRow, Scope, order_for, search_filings
from mpv_app.selectors.inboxes import Inbox, inbox_scope
from mpv_app.settings import get_settings
from tests.factories import department, insert_filing, sender_without_password

TODAY = date(2026, 11, 20)  # a Friday; no national holiday between the 2nd and the 20th


@pytest.fixture
def sender(session: Session, seeded: None) -> User:
    return sender_without_password(session, 7)


def _filing(
    session: Session,
    sender: User,
    status: Status,
    received: date,
    *,
    minute: int = 0,
    department_code: str = "OP-LEG",
) -> str:
    submitted = datetime(received.year, received.month, received.day, 15, minute, tzinfo=UTC)
    return insert_filing(
        session,
        sender,
        status=status,
        received_on=received,
        submitted_at=submitted,
        department_code=department_code,
    ).tracking_number


def _page(session: Session, scope: Scope, **filters: object) -> list[FilingRow]:
    return search_filings(session, FilingFilters(**filters), scope, today=TODAY).rows  # type: ignore[arg-type]


def test_rows_are_frozen_dataclasses_with_the_sender_and_the_wait(
    session: Session, sender: User
) -> None:
    limit = get_settings().attention_business_days
    assert limit == 5  # the ages below are chosen around the default
    old = _filing(session, sender, Status.REGISTERED, date(2026, 11, 10))
    edge = _filing(session, sender, Status.REGISTERED, date(2026, 11, 13))
    new = _filing(session, sender, Status.REGISTERED, TODAY)
    taken = _filing(session, sender, Status.IN_PROGRESS, date(2026, 11, 12))
    done = _filing(session, sender, Status.ATTENDED, date(2026, 11, 2))
    observed = _filing(session, sender, Status.OBSERVED, date(2026, 11, 2))
    session.commit()
    rows = {row.number: row for row in _page(session, Scope())}
    assert all(isinstance(row, FilingRow) for row in rows.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[old].subject = "otro"  # type: ignore[misc]
    assert rows[old].sender == "Rosa Prueba 7"
    assert rows[old].destination == "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
    assert rows[old].received == "10/11/2026"
    # [received, today) in business days: 10, 11, 12, 13, 16, 17, 18, 19 November.
    assert (rows[old].waiting_days, rows[old].waiting) == (8, Waiting.OVERDUE.value)
    assert rows[old].waiting_text == "8 · fuera de plazo"
    # Exactly N days is still within the term; N + 1 is past it.
    assert (rows[edge].waiting_days, rows[edge].waiting, rows[edge].waiting_text) == (
        5,
        Waiting.ON_TIME.value,
        "5",
    )
    assert (rows[taken].waiting_days, rows[taken].waiting) == (6, Waiting.OVERDUE.value)
    assert (rows[new].waiting_days, rows[new].waiting_text) == (0, "0")
    # Closed, or waiting on the sender: no clock, whatever the age.
    for number in (done, observed):
        assert (rows[number].waiting, rows[number].waiting_text) == (
            Waiting.NOT_WAITING.value,
            "—",
        )


def test_an_admin_day_off_does_not_count_as_waiting(session: Session, sender: User) -> None:
    number = _filing(session, sender, Status.REGISTERED, date(2026, 11, 12))
    session.add(Holiday(day=date(2026, 11, 18), name="Día no laborable"))
    session.commit()
    (row,) = _page(session, Scope())
    assert row.number == number
    assert (row.waiting_days, row.waiting) == (5, Waiting.ON_TIME.value)


def test_a_day_off_added_after_a_page_was_read_counts_at_once(
    session: Session, sender: User
) -> None:
    """The rows' holidays are cached per process (selectors.calendar): a new day off must
    still change the next page's ages, not the next one after the cache's lifetime."""
    _filing(session, sender, Status.REGISTERED, date(2026, 11, 12))
    session.commit()
    (before,) = _page(session, Scope())
    assert before.waiting_days == 6
    session.add(Holiday(day=date(2026, 11, 18), name="Día no laborable"))
    session.commit()
    (after,) = _page(session, Scope())
    assert (after.waiting_days, after.waiting) == (5, Waiting.ON_TIME.value)


def _numbers(rows: list[FilingRow]) -> list[str]:
    return [row.number for row in rows]


def test_department_inbox_lists_what_it_holds_oldest_first_then_the_rest_newest_first(
    session: Session, sender: User
) -> None:
    """The rule: filings the office holds (Registrada, En proceso) first, the oldest legal
    reception date first (so the most overdue is at the top of page 1, and today's arrivals
    follow them, not hundreds of closed ones); then everything else (Observada waits on the
    sender, the rest is closed), the most recently sent first."""
    old_done = _filing(session, sender, Status.ATTENDED, date(2026, 10, 1))
    today_new = _filing(session, sender, Status.REGISTERED, TODAY)
    overdue = _filing(session, sender, Status.IN_PROGRESS, date(2026, 11, 10))
    rejected = _filing(session, sender, Status.REJECTED, date(2026, 11, 16))
    observed = _filing(session, sender, Status.OBSERVED, date(2026, 11, 3))
    waiting = _filing(session, sender, Status.REGISTERED, date(2026, 11, 16))
    # Same reception date, later sent: the submission instant breaks the tie, then the id.
    waiting_later = _filing(session, sender, Status.REGISTERED, date(2026, 11, 16), minute=30)
    _filing(session, sender, Status.REGISTERED, date(2026, 11, 1), department_code="OP-FIN")
    session.commit()
    legal = department(session, "OP-LEG").id
    scope = inbox_scope(Inbox.DEPARTMENT, legal)
    assert _numbers(_page(session, scope)) == [
        overdue,
        waiting,
        waiting_later,
        today_new,
        rejected,
        observed,
        old_done,
    ]
    # A page boundary keeps the order: page 1 holds the overdue one, page 2 the rest.
    first = search_filings(session, FilingFilters(), scope, page_size=3, today=TODAY)
    second = search_filings(session, FilingFilters(), scope, page=2, page_size=3, today=TODAY)
    assert _numbers(first.rows) == [overdue, waiting, waiting_later]
    assert _numbers(second.rows)[0] == today_new
    # An explicit order still means the submission instant, as on every list.
    by_sent = _numbers(_page(session, scope, newest_first=True))
    assert by_sent[0] == today_new and by_sent[-1] == old_done


def test_reception_inbox_puts_observed_after_what_waits_on_the_office(
    session: Session, sender: User
) -> None:
    observed = _filing(session, sender, Status.OBSERVED, date(2026, 11, 2), department_code="OP-TD")
    new = _filing(session, sender, Status.REGISTERED, TODAY, department_code="OP-TD")
    old = _filing(session, sender, Status.REGISTERED, date(2026, 11, 9), department_code="OP-TD")
    _filing(session, sender, Status.IN_PROGRESS, date(2026, 11, 1))
    session.commit()
    scope = inbox_scope(Inbox.RECEPTION, None)
    assert _numbers(_page(session, scope)) == [old, new, observed]


def test_every_page_of_an_inbox_follows_the_attention_order(session: Session, sender: User) -> None:
    """Paged as two index-ordered runs, the pages join into exactly the one CASE-ordered list."""
    statuses = [Status.REGISTERED, Status.ATTENDED, Status.IN_PROGRESS, Status.OBSERVED]
    for i in range(11):
        received = date(2026, 11, 2 + (i * 7) % 17)
        _filing(session, sender, statuses[i % 4], received, minute=(i * 13) % 50)
    session.commit()
    scope = inbox_scope(Inbox.DEPARTMENT, department(session, "OP-LEG").id)
    select_all = (
        select(Correspondence.tracking_number)
        .where(Correspondence.department_id == department(session, "OP-LEG").id)
        .order_by(*order_for(FilingFilters(), scope))
    )
    expected = list(session.exec(select_all).all())
    assert len(expected) == 11
    for size in (2, 3, 4, 11):
        pages = []
        for page in range(1, 12 // size + 2):
            found = search_filings(
                session, FilingFilters(), scope, page=page, page_size=size, today=TODAY
            )
            if found.page == page:
                pages.extend(row.number for row in found.rows)
        assert pages == expected, f"page size {size}"
