"""Mi cuenta, the dashboard and the administrator's index and audit log open in one trip too.

They read their data in trips of their own after the navigation's (the dashboard in two):
each a worker-thread hop and a transaction more per page opened."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from mpv_app import routes
from mpv_app.domain.access import Access
from mpv_app.domain.enums import Role
from mpv_app.state.account import AccountState
from mpv_app.state.admin_index import AdminIndexState
from mpv_app.state.audit_log import AuditLogState
from mpv_app.state.dashboard import NO_DEPARTMENT, DashboardState
from tests.factories import insert_filing, sender_without_password, staff_user
from tests.integration.navigation import Trips, app_engine, open_page, signed_in, tab

__all__ = ["app_engine"]  # a fixture, used by name


def _opened_in_one_trip(app_engine: Any, token: str, path: str, state: type) -> Any:
    open_page(tab(token, path), state)  # the first visit fills the per-process caches
    trips = Trips(app_engine)
    page = open_page(tab(token, path), state)
    trips.stop()
    assert trips.transactions == 1, trips.statements
    return page


def test_mi_cuenta_is_one_trip_and_shows_only_the_signed_in_sender(
    session: Session, app_engine: Any
) -> None:
    owner, other = sender_without_password(session, 1), sender_without_password(session, 2)
    page = _opened_in_one_trip(app_engine, signed_in(session, owner), routes.ACCOUNT, AccountState)
    assert page.access == Access.OK.value
    shown = dict(page.rows)
    assert owner.email in shown.values() and other.email not in shown.values()


def test_the_dashboard_is_one_trip_for_reception_and_for_a_department(
    session: Session, app_engine: Any
) -> None:
    sender = sender_without_password(session, 1)
    insert_filing(session, sender, subject="Para el panel")
    session.commit()
    reception = signed_in(session, staff_user(session, Role.RECEPTION))
    board = _opened_in_one_trip(app_engine, reception, routes.DASHBOARD, DashboardState)
    assert board.scope == "Todas las dependencias" and board.cards
    assert sum(int(card.count) for card in board.cards) >= 1
    staff = staff_user(session, Role.DEPARTMENT, "OP-LEG")
    mine = _opened_in_one_trip(
        app_engine, signed_in(session, staff), routes.DASHBOARD, DashboardState
    )
    assert mine.access == Access.OK.value and mine.notice == ""
    assert mine.scope not in ("", "Todas las dependencias")


def test_a_department_account_without_a_department_reads_no_board(
    session: Session, app_engine: Any
) -> None:
    staff = staff_user(session, Role.DEPARTMENT, "OP-LEG")
    staff.department_id = None  # its department was taken away after it was made
    session.add(staff)
    session.commit()
    board = _opened_in_one_trip(
        app_engine, signed_in(session, staff), routes.DASHBOARD, DashboardState
    )
    assert board.notice == NO_DEPARTMENT and board.cards == []


def test_the_administrators_index_and_audit_log_are_one_trip_each(
    session: Session, app_engine: Any
) -> None:
    admin = signed_in(session, staff_user(session, Role.ADMIN))
    index = _opened_in_one_trip(app_engine, admin, routes.ADMIN, AdminIndexState)
    assert index.counts["centers"].startswith("Activos: ") and index.counts["staff"]
    log = _opened_in_one_trip(app_engine, admin, routes.AUDIT_LOG, AuditLogState)
    assert log.access == Access.OK.value and log.actions and log.rows


def test_a_sender_opening_the_audit_log_reads_none_of_it(session: Session, app_engine: Any) -> None:
    token = signed_in(session, sender_without_password(session, 1))
    trips = Trips(app_engine)
    log = open_page(tab(token, routes.AUDIT_LOG), AuditLogState)
    trips.stop()
    assert log.access == Access.FORBIDDEN.value and log.rows == [] and log.actions == []
    assert not [sql for sql in trips.statements if "audit" in sql.lower()], trips.statements
