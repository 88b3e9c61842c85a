"""Filing detail: one visibility rule for pages and downloads; the timeline as history reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from mpv_app.domain.enums import AttachmentKind, Role, Status
from mpv_app.domain.invoices import Invoice, InvoiceKind
from mpv_app.models import Attachment, User
from mpv_app.selectors.filing_detail import (
    Viewer,
    filing_fields,
    filing_files,
    filing_timeline,
    observation_panel,
    viewer_for,
    visible_attachment,
    visible_filing,
)
from mpv_app.services import observation, workflow
from mpv_app.services.invoices import record_invoice
from mpv_app.state.filing_detail import _detail_read
from mpv_app.storage.files import FileStore
from tests.factories import (
    department,
    filed,
    pdf_bytes,
    sender_without_password,
    staff_user,
    stage_bytes,
)

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)  # 09:00 in Lima, a Friday inside office hours
REASON = "Falta la firma del representante legal. " * 30  # long on purpose: shown in full


@dataclass
class Desk:
    store: FileStore
    owner: User
    stranger: User
    reception: User
    admin: User
    legal: User  # dependencia OP-LEG
    finance: User  # dependencia OP-FIN
    number: str


def viewer(user: User) -> Viewer:
    assert user.id is not None
    return Viewer(user.id, user.role, user.department_id)


@pytest.fixture
def desk(session: Session, seeded: None, tmp_path: Path) -> Desk:
    store = FileStore(tmp_path / "files")
    owner, stranger = sender_without_password(session, 1), sender_without_password(session, 2)
    number = filed(session, owner, store, now=T0).tracking_number
    return Desk(
        store=store,
        owner=owner,
        stranger=stranger,
        reception=staff_user(session, Role.RECEPTION),
        admin=staff_user(session, Role.ADMIN),
        legal=staff_user(session, Role.DEPARTMENT, "OP-LEG"),
        finance=staff_user(session, Role.DEPARTMENT, "OP-FIN"),
        number=number,
    )


def route_to(session: Session, desk: Desk, code: str, *, version: int = 1) -> None:
    assert desk.reception.id is not None
    workflow.route(
        session=session,
        actor_id=desk.reception.id,
        tracking_number=desk.number,
        expected_version=version,
        department_id=department(session, code).id or 0,
        note="Corresponde a Legal",
        now=T0 + timedelta(hours=1),
    )
    session.commit()


def test_sender_sees_own_filing_and_not_anothers(session: Session, desk: Desk) -> None:
    found = visible_filing(session, viewer(desk.owner), desk.number)
    assert found is not None and found.tracking_number == desk.number
    # Typed the way people type it: lower case, spaces around.
    assert visible_filing(session, viewer(desk.owner), f"  {desk.number.lower()} ") is not None
    assert visible_filing(session, viewer(desk.stranger), desk.number) is None
    assert visible_filing(session, viewer(desk.owner), "MPV-2026-999999") is None
    # A forged viewer with the sender role but a staff user's id owns nothing either.
    assert (
        visible_filing(session, Viewer(desk.admin.id or 0, Role.SENDER, None), desk.number) is None
    )


def test_department_sees_only_what_is_routed_to_it_now(session: Session, desk: Desk) -> None:
    assert visible_filing(session, viewer(desk.legal), desk.number) is None
    route_to(session, desk, "OP-LEG")
    assert visible_filing(session, viewer(desk.legal), desk.number) is not None
    assert visible_filing(session, viewer(desk.finance), desk.number) is None

    assert desk.legal.id is not None
    workflow.route(
        session=session,
        actor_id=desk.legal.id,
        tracking_number=desk.number,
        expected_version=2,
        department_id=department(session, "OP-FIN").id or 0,
    )
    session.commit()
    assert visible_filing(session, viewer(desk.legal), desk.number) is None
    assert visible_filing(session, viewer(desk.finance), desk.number) is not None
    # A dependencia account without a department sees nothing at all.
    assert (
        visible_filing(session, Viewer(desk.legal.id, Role.DEPARTMENT, None), desk.number) is None
    )


def test_reception_and_admin_see_every_filing(session: Session, desk: Desk) -> None:
    for user in (desk.reception, desk.admin):
        assert visible_filing(session, viewer(user), desk.number) is not None
    route_to(session, desk, "OP-LEG")
    for user in (desk.reception, desk.admin):
        assert visible_filing(session, viewer(user), desk.number) is not None


def test_attachments_follow_the_same_rule(session: Session, desk: Desk) -> None:
    main = session.exec(select(Attachment)).one()
    session.commit()
    assert main.id is not None
    assert visible_attachment(session, viewer(desk.owner), main.id) is not None
    assert visible_attachment(session, viewer(desk.stranger), main.id) is None
    assert visible_attachment(session, viewer(desk.legal), main.id) is None
    assert visible_attachment(session, viewer(desk.reception), main.id) is not None
    assert visible_attachment(session, viewer(desk.admin), main.id) is not None
    route_to(session, desk, "OP-LEG")
    assert visible_attachment(session, viewer(desk.legal), main.id) is not None
    assert visible_attachment(session, viewer(desk.finance), main.id) is None
    assert visible_attachment(session, viewer(desk.owner), main.id + 1000) is None


def test_viewer_for_refuses_missing_and_deactivated_accounts(session: Session, desk: Desk) -> None:
    assert desk.owner.id is not None and desk.legal.id is not None
    assert viewer_for(session, desk.owner.id) == Viewer(desk.owner.id, Role.SENDER, None)
    legal = viewer_for(session, desk.legal.id)
    assert legal == Viewer(desk.legal.id, Role.DEPARTMENT, department(session, "OP-LEG").id)
    assert viewer_for(session, 987_654) is None
    desk.owner.is_active = False
    session.add(desk.owner)
    session.commit()
    assert viewer_for(session, desk.owner.id) is None


def routed_and_taken(session: Session, desk: Desk) -> None:
    """Routed to Legal by reception, then taken there: three events, three actors."""
    route_to(session, desk, "OP-LEG")
    assert desk.legal.id is not None
    workflow.take(
        session=session,
        actor_id=desk.legal.id,
        tracking_number=desk.number,
        expected_version=2,
        now=T0 + timedelta(hours=2),
    )


def test_timeline_oldest_first_with_department_and_full_reason(
    session: Session, desk: Desk
) -> None:
    routed_and_taken(session, desk)
    workflow.reject(
        session=session,
        actor_id=desk.legal.id,
        tracking_number=desk.number,
        expected_version=3,
        reason=REASON,
        now=T0 + timedelta(hours=3, minutes=5),
    )
    session.commit()
    filing = visible_filing(session, viewer(desk.owner), desk.number)
    assert filing is not None and filing.status is Status.REJECTED

    timeline = filing_timeline(session, filing, with_actor=False)
    assert [(e.event, e.status) for e in timeline] == [
        ("Registro", "Registrada"),
        ("Derivación", "Registrada"),
        ("Tomada por la dependencia", "En proceso"),
        ("Rechazo", "Rechazada"),
    ]
    assert [e.when for e in timeline] == [
        "20/11/2026 09:00",
        "20/11/2026 10:00",
        "20/11/2026 11:00",
        "20/11/2026 12:05",
    ]
    reception_desk = "Trámite Documentario — Oficina Principal (San Isidro)"
    legal_desk = "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
    assert [e.department for e in timeline] == [
        reception_desk,
        legal_desk,
        legal_desk,
        legal_desk,
    ]
    assert timeline[1].note == "Corresponde a Legal"
    assert timeline[3].note == REASON.strip()
    assert timeline[3].status_code == "rejected"
    assert all(e.actor == "" for e in timeline)

    with_actor = filing_timeline(session, filing, with_actor=True)
    assert [e.actor for e in with_actor] == [
        desk.owner.email,
        desk.reception.email,
        desk.legal.email,
        desk.legal.email,
    ]


def test_fields_and_files_of_an_attended_filing(session: Session, desk: Desk) -> None:
    route_to(session, desk, "OP-LEG")
    assert desk.legal.id is not None
    workflow.take(
        session=session, actor_id=desk.legal.id, tracking_number=desk.number, expected_version=2
    )
    session.commit()
    stage_bytes(
        session,
        desk.store,
        desk.legal.id,
        pdf_bytes(1, "Respuesta"),
        "respuesta.pdf",
        kind=AttachmentKind.RESPONSE,
    )
    workflow.attend(
        session=session,
        actor_id=desk.legal.id,
        tracking_number=desk.number,
        expected_version=3,
        note="Adjuntamos la respuesta.",
        store=desk.store,
    )
    session.commit()
    filing = visible_filing(session, viewer(desk.owner), desk.number)
    assert filing is not None
    fields = dict(filing_fields(session, filing))
    assert fields["Número de trámite"] == desk.number
    assert fields["Estado"] == "Atendida"
    assert fields["Remitente"] == "Rosa Prueba 1"
    assert fields["Destino"] == "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
    assert fields["Fecha y hora de envío"] == "20/11/2026 09:00"
    assert fields["Observación"] == "—"
    files = filing_files(session, filing)
    assert [(f.name, f.kind) for f in files] == [
        ("carta.pdf", "Documento principal"),
        ("respuesta.pdf", "Respuesta"),
    ]
    assert all(len(f.sha256) == 64 and f.size.endswith("KB") for f in files)


def test_the_detail_page_reads_each_table_once(session: Session, desk: Desk) -> None:
    """Issue 16: the filing with its sender in one statement, the type from the catalog cache,
    the timeline's actors joined, so the count stays the same however long the history."""
    routed_and_taken(session, desk)
    session.commit()
    engine = session.get_bind()
    statements: list[str] = []

    def sent(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        statements.append(" ".join(sql.split()))

    for who in (desk.legal, desk.owner):
        with Session(engine) as fresh:  # nothing loaded yet, as on a page's own trip
            _detail_read(fresh, viewer(who), desk.number)  # warms the catalog caches
        with Session(engine) as fresh:
            event.listen(engine, "before_cursor_execute", sent)
            try:
                found = _detail_read(fresh, viewer(who), desk.number)
            finally:
                event.remove(engine, "before_cursor_execute", sent)
        assert found is not None
        _filing, fields, _files, timeline, _observation, _centers = found
        assert ("Tipo de correspondencia", "Carta") in fields
        assert len(timeline) == 3
        if who is desk.legal:
            assert [e.actor for e in timeline] == [
                desk.owner.email,
                desk.reception.email,
                desk.legal.email,
            ]
        selects = [sql for sql in statements if sql.startswith("SELECT")]
        read = [sql.split(" FROM ", 1)[1].split()[0] for sql in selects]
        assert read == ["correspondence", "filing_invoice", "attachment", "status_event"], read
        statements.clear()


def test_past_the_access_check_the_detail_page_reads_columns_only(
    session: Session, desk: Desk
) -> None:
    """Issue 16: the filing and its sender are the page's one ORM statement; its invoice, files,
    timeline and observations are column reads on the connection, built once."""
    routed_and_taken(session, desk)
    session.commit()
    with Session(session.get_bind()) as fresh:
        _detail_read(fresh, viewer(desk.legal), desk.number)  # warms the catalog caches
    with Session(session.get_bind()) as fresh:
        seen: list[object] = []
        event.listen(fresh, "do_orm_execute", seen.append)
        found = _detail_read(fresh, viewer(desk.legal), desk.number)
    assert found is not None
    _filing, _fields, files, timeline, _observation, _centers = found
    assert [f.name for f in files] == ["carta.pdf"] and len(timeline) == 3
    assert len(seen) == 1, "a read past the access check went through the ORM"


def test_a_filing_with_a_comprobante_shows_its_line(session: Session, desk: Desk) -> None:
    filing = visible_filing(session, viewer(desk.owner), desk.number)
    assert filing is not None and filing.id is not None
    record_invoice(
        session,
        filing.id,
        Invoice(
            kind=InvoiceKind.FACTURA,
            number="F001-00000042",
            issue_date=date(2026, 11, 18),
            issuer_ruc="20100000001",
            issuer_name="Proveedora Andina S.A.C.",
            customer_ruc="20100128218",
            currency="PEN",
            amount=Decimal("12345.60"),
        ),
    )
    session.commit()
    fields = dict(filing_fields(session, filing))
    line = fields["Comprobante electrónico"]
    assert line.startswith("Factura F001-00000042 de Proveedora Andina S.A.C. por S/")
    assert line.endswith("emitida el 18/11/2026 (RUC emisor 20100000001)")


def test_an_observed_filing_shows_its_observations_in_full(session: Session, desk: Desk) -> None:
    assert desk.reception.id is not None
    observation.observe(
        session=session,
        observations=REASON,
        actor_id=desk.reception.id,
        tracking_number=desk.number,
        expected_version=1,
        now=T0 + timedelta(hours=1),
    )
    session.commit()
    filing = visible_filing(session, viewer(desk.owner), desk.number)
    assert filing is not None and filing.status is Status.OBSERVED
    panel = observation_panel(session, filing)
    assert panel["observations"] == REASON.strip()
    assert panel["deadline"]
