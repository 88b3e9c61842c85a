"""A navigation is one trip to the database (issue 16).

Opening a page used to cost three worker-thread trips, each its own transaction: the session
check, the footer's office hours and the page's read. Now the three share one snapshot, and a
page of results that is not full is its own count. Driven here on a real state tree, as the
page's on_load runs, against a real database; the transactions and statements are counted
where the engine sends them.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from mpv_app.domain.access import Access
from mpv_app.domain.enums import Role
from mpv_app.models import Department, FilingDraft
from mpv_app.state.auth import AuthState
from mpv_app.state.filing import FilingState
from mpv_app.state.filing_actions import FilingActionsState
from mpv_app.state.filing_detail import FilingDetailState
from mpv_app.state.my_filings import MyFilingsState
from mpv_app.state.verify import VerifyState
from tests.factories import department, insert_filing, sender_without_password, staff_user
from tests.integration.navigation import (
    PAGE_SIZE,
    Trips,
    app_engine,
    counts,
    open_page,
    route,
    signed_in,
    substate,
    tab,
)

__all__ = ["app_engine"]  # a fixture, used by name


def test_mis_tramites_is_one_transaction_and_a_short_page_is_not_counted(
    session: Session, app_engine: Any
) -> None:
    owner = sender_without_password(session, 1)
    for n in range(3):
        insert_filing(session, owner, subject=f"Carta {n}")
    session.commit()
    root = tab(signed_in(session, owner), "/tramites")
    open_page(root, MyFilingsState)  # the catalog caches fill on the first visit
    trips = Trips(app_engine)
    page = open_page(tab(substate(root, AuthState).session_token, "/tramites"), MyFilingsState)
    assert page.access == Access.OK.value
    assert [row.subject for row in page.rows] == ["Carta 2", "Carta 1", "Carta 0"]
    assert page.total_text == "3 resultados"
    assert trips.transactions == 1, trips.statements
    assert counts(trips) == []


def test_a_full_page_is_still_counted(session: Session, app_engine: Any) -> None:
    owner = sender_without_password(session, 1)
    base = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    for n in range(PAGE_SIZE + 1):
        insert_filing(session, owner, subject=f"Carta {n}", submitted_at=base + timedelta(hours=n))
    session.commit()
    token = signed_in(session, owner)
    trips = Trips(app_engine)
    first = open_page(tab(token, "/tramites"), MyFilingsState)
    assert (first.total_text, first.pages, len(first.rows)) == ("21 resultados", 2, PAGE_SIZE)
    assert len(counts(trips)) == 1
    second = open_page(tab(token, "/tramites", pagina="2"), MyFilingsState)
    assert (second.page, [row.subject for row in second.rows]) == (2, ["Carta 0"])
    assert second.total_text == "21 resultados"


def test_another_senders_filing_is_not_read_in_the_shared_trip(
    session: Session, app_engine: Any
) -> None:
    owner, stranger = sender_without_password(session, 1), sender_without_password(session, 2)
    number = insert_filing(session, owner, subject="Contrato reservado").tracking_number
    session.commit()
    root = tab(signed_in(session, stranger), f"/tramites/{number}")
    route(root, "/tramites/[tracking_number]", f"/tramites/{number}", tracking_number=number)
    trips = Trips(app_engine)
    page = open_page(root, FilingDetailState)
    assert page.access == Access.OK.value and page.found is False
    assert page.fields == [] and page.timeline == []
    assert trips.transactions == 1
    own = tab(signed_in(session, owner), f"/tramites/{number}")
    own.router = root.router
    mine = open_page(own, FilingDetailState)
    assert mine.found is True and ("Asunto", "Contrato reservado") in mine.fields


def test_no_session_reads_nothing_of_the_page(session: Session, app_engine: Any) -> None:
    owner = sender_without_password(session, 1)
    insert_filing(session, owner)
    session.commit()
    trips = Trips(app_engine)
    page = open_page(tab("not-a-token", "/tramites"), MyFilingsState)
    assert page.access == Access.LOGIN.value and page.rows == []
    assert not any("correspondence" in sql.lower() for sql in trips.statements)


@pytest.fixture
def deprecations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Reflex's deprecation notices asked for: each walks the stack and stats the working
    directory before it is deduplicated, a cost paid again on every page load."""
    from reflex_base.utils import log

    asked: list[str] = []
    warn = log.deprecate

    def recorded(**kwargs: Any) -> None:
        asked.append(str(kwargs.get("feature_name")))
        warn(**kwargs)

    monkeypatch.setattr(log, "deprecate", recorded)
    return asked


def test_pages_read_their_route_without_a_deprecated_api(
    session: Session, app_engine: Any, deprecations: list[str]
) -> None:
    owner = sender_without_password(session, 1)
    number = insert_filing(session, owner, subject="Carta con ruta").tracking_number
    session.commit()
    root = tab(signed_in(session, owner), f"/tramites/{number}")
    route(
        root, "/tramites/[tracking_number]", f"/tramites/{number}", tracking_number=number.lower()
    )
    detail = open_page(root, FilingDetailState)
    assert detail.found is True and ("Asunto", "Carta con ruta") in detail.fields
    check = tab("", "/verificar/XYZ")
    route(check, "/verificar/[code]", "/verificar/XYZ", code="XYZ")
    assert open_page(check, VerifyState).outcome == "unknown"
    repeated = tab("", "/verificar/A")
    route(repeated, "/verificar/[code]", "/verificar/A", code=["A", "B"])
    assert open_page(repeated, VerifyState).outcome == "unknown"
    assert deprecations == []


def test_the_public_verification_page_is_one_trip_signed_in_or_not(
    session: Session, app_engine: Any
) -> None:
    owner = sender_without_password(session, 1)
    filing = insert_filing(session, owner)
    session.commit()
    code, number = filing.verification_code, filing.tracking_number
    for token in ("", signed_in(session, owner)):
        check = tab(token, f"/verificar/{code}")
        route(check, "/verificar/[code]", f"/verificar/{code}", code=code)
        open_page(check, VerifyState)  # the catalog caches fill on the first visit
        trips = Trips(app_engine)
        page = open_page(check, VerifyState)
        assert (page.outcome, page.tracking_number) == ("genuine", number)
        assert trips.transactions == 1, trips.statements
        trips.stop()


def test_choosing_a_center_to_derive_to_is_one_trip(session: Session, app_engine: Any) -> None:
    """«Derivar»'s center list read the session, the options, the session again and the filing
    (four trips); now one, and the department the filing is in is still left out."""
    owner = sender_without_password(session, 1)
    filing = insert_filing(session, owner, department_code="OP-TD")
    reception = staff_user(session, Role.RECEPTION)
    current = department(session, "OP-TD")
    session.commit()
    others = session.exec(
        select(Department.name).where(
            Department.center_id == current.center_id,
            Department.is_active,
            Department.id != current.id,
        )
    ).all()
    assert others, "the seeded center has no other department to derive to"
    path = f"/tramites/{filing.tracking_number}"

    def derive_from(token: str) -> Any:
        root = tab(token, path)
        route(root, "/tramites/[tracking_number]", path, tracking_number=filing.tracking_number)
        open_page(root, FilingDetailState)
        actions = substate(root, FilingActionsState)
        asyncio.run(actions.choose_center(str(current.center_id)))  # the caches fill
        return actions

    staff, sender = signed_in(session, reception), signed_in(session, owner)
    for token, expected in ((staff, sorted(others)), (sender, []), ("not-a-token", [])):
        actions = derive_from(token)
        trips = Trips(app_engine)
        asyncio.run(actions.choose_center(str(current.center_id)))
        trips.stop()
        assert sorted(name for _, name in actions.department_options) == expected, token
        if expected:
            assert trips.transactions == 1, trips.statements
        else:  # not staff: at most the session is read, and never the filing
            assert trips.transactions <= 1
            assert not any("correspondence" in sql.lower() for sql in trips.statements)


def test_nueva_correspondencia_opens_in_one_read_once_its_draft_exists(
    session: Session, app_engine: Any
) -> None:
    """The form's on_load wrote (its draft, a writer's turn on SQLite), then read the
    dropdowns, then the staged files: four trips with the navigation's. Now the first visit
    creates the draft and every later one is a single read-only trip that restores it."""
    sender = sender_without_password(session, 1)
    token = signed_in(session, sender)
    first = tab(token, "/nueva-correspondencia")
    form = open_page(first, FilingState)
    assert form.access == Access.OK.value and form.values["subject"] == ""
    assert session.exec(select(FilingDraft).where(FilingDraft.user_id == sender.id)).first()
    draft = session.exec(select(FilingDraft).where(FilingDraft.user_id == sender.id)).one()
    draft.data = {"subject": "Solicitud guardada", "center_id": "1", "knows_destination": True}
    session.add(draft)
    session.commit()
    trips = Trips(app_engine)
    again = open_page(tab(token, "/nueva-correspondencia"), FilingState)
    trips.stop()
    assert again.values["subject"] == "Solicitud guardada" and again.center_id == "1"
    assert again.knows_destination and again.departments and again.document_types
    assert trips.transactions == 1, trips.statements
    writes = [sql for sql in trips.statements if sql.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    stranger = open_page(
        tab(signed_in(session, staff_user(session, Role.RECEPTION)), "/nueva-correspondencia"),
        FilingState,
    )
    assert stranger.access == Access.FORBIDDEN.value and stranger.values == {}


def test_opening_an_action_dialog_reads_only_what_it_shows(
    session: Session, app_engine: Any
) -> None:
    """«Derivar», «Observar» and «Rechazar» show nothing read from the database until a
    choice is made (each choice checks the session itself); «Atender» lists the responses the
    viewer staged, with the session, in one trip. Each used to check the session first."""
    owner = sender_without_password(session, 1)
    filing = insert_filing(session, owner, department_code="OP-TD")
    staff_token = signed_in(session, staff_user(session, Role.RECEPTION))
    session.commit()
    path = f"/tramites/{filing.tracking_number}"
    root = tab(staff_token, path)
    route(root, "/tramites/[tracking_number]", path, tracking_number=filing.tracking_number)
    open_page(root, FilingDetailState)
    actions = substate(root, FilingActionsState)
    for action, transactions in (("route", 0), ("observe", 0), ("reject", 0), ("attend", 1)):
        trips = Trips(app_engine)
        asyncio.run(actions.open_dialog(action))
        trips.stop()
        assert actions.dialog == action
        assert trips.transactions == transactions, (action, trips.statements)
    stranger = substate(tab(signed_in(session, owner), path), FilingActionsState)
    trips = Trips(app_engine)
    asyncio.run(stranger.open_dialog("attend"))
    trips.stop()
    assert stranger.responses == []
    assert not any("upload" in sql.lower() for sql in trips.statements), trips.statements


def test_a_senders_page_takes_their_sender_row_from_the_session_check(
    session: Session, app_engine: Any
) -> None:
    """The session check already joins the sender's row: Mis trámites asked for its id again."""
    owner = sender_without_password(session, 1)
    other = sender_without_password(session, 2)
    insert_filing(session, owner, subject="Carta propia")
    insert_filing(session, other, subject="Carta ajena")
    session.commit()
    root = tab(signed_in(session, owner), "/tramites")
    open_page(root, MyFilingsState)  # the catalog caches fill on the first visit
    for path in ("/tramites", "/tramites?asunto=carta"):
        trips = Trips(app_engine)
        page = open_page(tab(substate(root, AuthState).session_token, path), MyFilingsState)
        trips.stop()
        assert [row.subject for row in page.rows] == ["Carta propia"]
        assert len(trips.statements) == 2, trips.statements  # the session check, the page
