"""Staff decisions on a filing: who may make which, what each writes, and what a refusal leaves.

Every success writes exactly one status event, one audit row and one email to the sender, and
bumps the version; every refusal writes nothing, however far it got.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from mpv_app.domain.enums import AttachmentKind, EventAction, Role, Status
from mpv_app.models import (
    Attachment,
    AuditLog,
    Correspondence,
    ManagementCenter,
    OutboxEmail,
    StagedUpload,
    StatusEvent,
    User,
)
from mpv_app.services import observation, workflow
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.workflow import NOT_ALLOWED, NOT_FOUND, Changed, StaleFiling
from mpv_app.storage.files import FileStore
from tests.factories import (
    department,
    filed,
    pdf_bytes,
    sender_without_password,
    staff_user,
    stage_bytes,
)

REASON = (
    "El documento no está firmado por el representante legal <b>acreditado</b>; además, "
    "el anexo 3 es ilegible. " * 15
).strip()


@dataclass
class Desk:
    store: FileStore
    sender: User
    reception: User
    admin: User
    legal: User  # dependencia OP-LEG
    legal_colleague: User  # another dependencia OP-LEG account
    finance: User  # dependencia OP-FIN

    def actor(self, name: str) -> User:
        user: User = getattr(self, name)
        return user


@dataclass(frozen=True)
class Trail:
    """Everything a decision may write, counted over the whole tables."""

    events: int
    audits: int
    emails: int
    version: int
    status: Status
    department_id: int
    center_id: int


@pytest.fixture
def desk(session: Session, seeded: None, tmp_path: Path) -> Desk:
    return Desk(
        store=FileStore(tmp_path / "files"),
        sender=sender_without_password(session, 1),
        reception=staff_user(session, Role.RECEPTION),
        admin=staff_user(session, Role.ADMIN),
        legal=staff_user(session, Role.DEPARTMENT, "OP-LEG"),
        legal_colleague=staff_user(session, Role.DEPARTMENT, "OP-LEG"),
        finance=staff_user(session, Role.DEPARTMENT, "OP-FIN"),
    )


def uid(user: User) -> int:
    assert user.id is not None
    return user.id


def dept_id(session: Session, code: str) -> int:
    found = department(session, code).id
    assert found is not None
    return found


def trail(session: Session, number: str) -> Trail:
    def count(model: Any) -> int:
        return int(session.exec(select(func.count()).select_from(model)).one())

    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    session.refresh(filing)
    found = Trail(
        events=count(StatusEvent),
        audits=count(AuditLog),
        emails=count(OutboxEmail),
        version=filing.version,
        status=filing.status,
        department_id=filing.department_id,
        center_id=filing.center_id,
    )
    session.commit()  # end the read transaction (SQLite holds the write lock)
    return found


def act(
    session: Session,
    desk: Desk,
    actor: User,
    action: EventAction,
    number: str,
    version: int,
    **kw: Any,
) -> Changed:
    common: dict[str, Any] = {
        "session": session,
        "actor_id": uid(actor),
        "tracking_number": number,
        "expected_version": version,
    }
    if action is EventAction.TAKE:
        return workflow.take(**common)
    if action is EventAction.ATTEND:
        note = kw.get("note", "Atendida: adjuntamos la respuesta.")
        return workflow.attend(**common, note=note, store=desk.store)
    if action is EventAction.REJECT:
        return workflow.reject(**common, reason=kw.get("reason", REASON))
    if action is EventAction.OBSERVE:
        return observation.observe(**common, observations=kw.get("observations", REASON))
    assert action is EventAction.ROUTE
    target = kw.get("department_id") or dept_id(session, kw.get("to", "OP-FIN"))
    return workflow.route(**common, department_id=target, note=kw.get("note", ""))


def open_filing(session: Session, desk: Desk, status: Status, code: str = "OP-LEG") -> str:
    """A real filing (registered in Trámite Documentario), routed and moved to ``status``."""
    number = filed(session, desk.sender, desk.store).tracking_number
    version = 1
    if code != "OP-TD":
        act(session, desk, desk.reception, EventAction.ROUTE, number, version, to=code)
        version += 1
    handler = desk.legal if code == "OP-LEG" else desk.finance
    if status is not Status.REGISTERED:
        act(session, desk, handler, EventAction.TAKE, number, version)
        version += 1
    if status is Status.ATTENDED:
        act(session, desk, handler, EventAction.ATTEND, number, version)
    if status is Status.REJECTED:
        act(session, desk, handler, EventAction.REJECT, number, version)
    session.commit()
    return number


# -- every allowed decision ------------------------------------------------------------------

ALLOWED = [
    # (actor, action, status before, filing's department, kwargs, status after)
    ("reception", EventAction.ROUTE, Status.REGISTERED, "OP-TD", {"to": "OP-LEG"}, None),
    ("reception", EventAction.ROUTE, Status.REGISTERED, "OP-LEG", {"to": "OP-FIN"}, None),
    ("reception", EventAction.REJECT, Status.REGISTERED, "OP-TD", {}, Status.REJECTED),
    ("reception", EventAction.REJECT, Status.REGISTERED, "OP-LEG", {}, Status.REJECTED),
    ("legal", EventAction.TAKE, Status.REGISTERED, "OP-LEG", {}, Status.IN_PROGRESS),
    ("legal", EventAction.ATTEND, Status.IN_PROGRESS, "OP-LEG", {}, Status.ATTENDED),
    ("legal", EventAction.REJECT, Status.REGISTERED, "OP-LEG", {}, Status.REJECTED),
    ("legal", EventAction.REJECT, Status.IN_PROGRESS, "OP-LEG", {}, Status.REJECTED),
    ("legal", EventAction.ROUTE, Status.REGISTERED, "OP-LEG", {"to": "OP-FIN"}, None),
    ("legal", EventAction.ROUTE, Status.IN_PROGRESS, "OP-LEG", {"to": "RFTL-OPE"}, None),
    # The colleague in the same department may finish what another took.
    ("legal_colleague", EventAction.ATTEND, Status.IN_PROGRESS, "OP-LEG", {}, Status.ATTENDED),
    # Observar: reception, or the department holding a Registrada filing.
    ("reception", EventAction.OBSERVE, Status.REGISTERED, "OP-TD", {}, Status.OBSERVED),
    ("legal", EventAction.OBSERVE, Status.REGISTERED, "OP-LEG", {}, Status.OBSERVED),
]
STAFF_ACTIONS = [
    EventAction.TAKE,
    EventAction.ATTEND,
    EventAction.REJECT,
    EventAction.ROUTE,
    EventAction.OBSERVE,
]


@pytest.mark.parametrize(
    ("actor", "action", "before", "code", "kw", "after"),
    ALLOWED,
    ids=[f"{a}-{b.value}-{c.value}-{d}" for a, b, c, d, _, _ in ALLOWED],
)
def test_allowed_decision_writes_event_audit_and_one_email(
    session: Session,
    desk: Desk,
    actor: str,
    action: EventAction,
    before: Status,
    code: str,
    kw: dict[str, str],
    after: Status | None,
) -> None:
    number = open_filing(session, desk, before, code)
    was = trail(session, number)
    user = desk.actor(actor)

    changed = act(session, desk, user, action, number, was.version, **kw)
    session.commit()

    expected_status = after or before
    now = trail(session, number)
    assert (changed.tracking_number, changed.status, changed.version) == (
        number,
        expected_status,
        was.version + 1,
    )
    assert (now.version, now.status) == (was.version + 1, expected_status)
    assert (now.events, now.audits, now.emails) == (was.events + 1, was.audits + 1, was.emails + 1)

    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    if action is EventAction.ROUTE:
        target = department(session, kw["to"])
        assert (now.department_id, now.center_id) == (target.id, target.center_id)
        assert now.department_id != was.department_id
    else:
        assert (now.department_id, now.center_id) == (was.department_id, was.center_id)

    event = session.exec(select(StatusEvent).order_by(col(StatusEvent.id).desc())).first()
    assert event is not None
    assert (event.correspondence_id, event.action, event.actor_user_id) == (
        filing.id,
        action,
        user.id,
    )
    assert (event.from_status, event.to_status, event.department_id) == (
        before,
        expected_status,
        now.department_id,
    )

    audit = session.exec(select(AuditLog).order_by(col(AuditLog.id).desc())).first()
    assert audit is not None
    assert (audit.action, audit.entity, audit.entity_id) == (
        f"filing.{action.value}",
        "correspondence",
        number,
    )
    assert (audit.actor_user_id, audit.correspondence_id) == (user.id, filing.id)
    assert audit.detail["from"] == before.value and audit.detail["to"] == expected_status.value

    email = session.exec(select(OutboxEmail).order_by(col(OutboxEmail.id).desc())).first()
    assert email is not None
    assert email.to_address == desk.sender.email
    assert email.correspondence_id == filing.id
    assert number in email.subject
    assert expected_status.label in email.subject
    if action is EventAction.REJECT:
        assert f"Motivo del rechazo: {REASON}" in email.body_text
        assert escape(REASON) in email.body_html
        assert event.note == REASON
    session.commit()


def test_route_note_and_attend_note_reach_the_sender(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.REGISTERED, "OP-TD")
    act(
        session,
        desk,
        desk.reception,
        EventAction.ROUTE,
        number,
        1,
        to="OP-LEG",
        note=" Para Legal ",
    )
    act(session, desk, desk.legal, EventAction.TAKE, number, 2)
    act(session, desk, desk.legal, EventAction.ATTEND, number, 3, note="Respuesta completa.")
    session.commit()
    mails = session.exec(
        select(OutboxEmail)
        .where(OutboxEmail.to_address == desk.sender.email)
        .order_by(col(OutboxEmail.id))
    ).all()
    # Registration, route, take, attend: one each, in order.
    assert len(mails) == 4
    assert "Registrada" in mails[1].subject and "Nota: Para Legal" in mails[1].body_text
    assert "Gerencia Corporativa Legal" in mails[1].body_text
    assert "En proceso" in mails[2].subject
    assert "Atendida" in mails[3].subject
    assert "Respuesta: Respuesta completa." in mails[3].body_text
    notes = session.exec(select(StatusEvent.note).order_by(col(StatusEvent.id))).all()
    assert notes == [None, "Para Legal", None, "Respuesta completa."]


# -- every refusal -----------------------------------------------------------------------------

NO = NOT_ALLOWED
REFUSED = [
    # (actor, action, status, kwargs, error type, message fragment)
    ("sender", EventAction.TAKE, Status.REGISTERED, {}, ServiceError, NO),
    ("sender", EventAction.ATTEND, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("sender", EventAction.REJECT, Status.REGISTERED, {}, ServiceError, NO),
    ("sender", EventAction.ROUTE, Status.REGISTERED, {}, ServiceError, NO),
    ("admin", EventAction.TAKE, Status.REGISTERED, {}, ServiceError, NO),
    ("admin", EventAction.ATTEND, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("admin", EventAction.REJECT, Status.REGISTERED, {}, ServiceError, NO),
    ("admin", EventAction.ROUTE, Status.REGISTERED, {}, ServiceError, NO),
    ("reception", EventAction.TAKE, Status.REGISTERED, {}, ServiceError, NO),
    ("reception", EventAction.ATTEND, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("reception", EventAction.REJECT, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("reception", EventAction.ROUTE, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("finance", EventAction.TAKE, Status.REGISTERED, {}, ServiceError, NO),
    ("finance", EventAction.ATTEND, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("finance", EventAction.REJECT, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("finance", EventAction.ROUTE, Status.IN_PROGRESS, {"to": "OP-GG"}, ServiceError, NO),
    # The right department, the wrong moment.
    ("legal", EventAction.ATTEND, Status.REGISTERED, {}, ServiceError, "No se puede atender"),
    ("legal", EventAction.TAKE, Status.IN_PROGRESS, {}, ServiceError, "No se puede tomar"),
    ("legal", EventAction.TAKE, Status.ATTENDED, {}, ServiceError, "estado Atendida"),
    ("legal", EventAction.ATTEND, Status.ATTENDED, {}, ServiceError, "No se puede atender"),
    ("legal", EventAction.REJECT, Status.ATTENDED, {}, ServiceError, "No se puede rechazar"),
    ("legal", EventAction.ROUTE, Status.ATTENDED, {}, ServiceError, "No se puede derivar"),
    ("legal", EventAction.TAKE, Status.REJECTED, {}, ServiceError, "estado Rechazada"),
    ("legal", EventAction.REJECT, Status.REJECTED, {}, ServiceError, "No se puede rechazar"),
    ("legal", EventAction.ROUTE, Status.REJECTED, {}, ServiceError, "No se puede derivar"),
    ("reception", EventAction.ROUTE, Status.ATTENDED, {}, ServiceError, NO),
    # Observar: staff who may triage it, only while Registrada, always with the observations.
    ("sender", EventAction.OBSERVE, Status.REGISTERED, {}, ServiceError, NO),
    ("admin", EventAction.OBSERVE, Status.REGISTERED, {}, ServiceError, NO),
    ("finance", EventAction.OBSERVE, Status.REGISTERED, {}, ServiceError, NO),
    ("reception", EventAction.OBSERVE, Status.IN_PROGRESS, {}, ServiceError, NO),
    ("legal", EventAction.OBSERVE, Status.IN_PROGRESS, {}, ServiceError, "No se puede observar"),
    ("legal", EventAction.OBSERVE, Status.ATTENDED, {}, ServiceError, "No se puede observar"),
    ("legal", EventAction.OBSERVE, Status.REGISTERED, {"observations": " "}, FieldErrors, "todas"),
    # Missing or bad input.
    ("legal", EventAction.REJECT, Status.REGISTERED, {"reason": ""}, FieldErrors, "motivo"),
    ("legal", EventAction.REJECT, Status.IN_PROGRESS, {"reason": " \n\t "}, FieldErrors, "motivo"),
    ("reception", EventAction.REJECT, Status.REGISTERED, {"reason": "  "}, FieldErrors, "motivo"),
    ("legal", EventAction.ATTEND, Status.IN_PROGRESS, {"note": ""}, FieldErrors, "respuesta"),
    ("legal", EventAction.ATTEND, Status.IN_PROGRESS, {"note": "   "}, FieldErrors, "respuesta"),
    ("legal", EventAction.ATTEND, Status.IN_PROGRESS, {"note": "x" * 2001}, FieldErrors, "2000"),
    ("legal", EventAction.REJECT, Status.IN_PROGRESS, {"reason": "x" * 2001}, FieldErrors, "2000"),
    ("legal", EventAction.ROUTE, Status.IN_PROGRESS, {"to": "OP-LEG"}, FieldErrors, "ya está"),
    ("reception", EventAction.ROUTE, Status.REGISTERED, {"to": "OP-LEG"}, FieldErrors, "ya está"),
    (
        "legal",
        EventAction.ROUTE,
        Status.REGISTERED,
        {"department_id": 987654},
        FieldErrors,
        "destino",
    ),
]


def _error_text(error: Exception) -> str:
    if isinstance(error, FieldErrors):
        return " ".join(error.errors.values())
    return str(error)


def assert_refused(
    session: Session,
    number: str,
    call: Any,
    error_type: type[Exception],
    fragment: str,
) -> Exception:
    was = trail(session, number)
    with pytest.raises(error_type) as raised:
        call()
    assert fragment.lower() in _error_text(raised.value).lower()
    assert not session.new  # nothing was even added to the unit of work
    # Even a caller that commits after the error finds nothing written.
    session.commit()
    assert trail(session, number) == was
    return raised.value


@pytest.mark.parametrize(
    ("actor", "action", "status", "kw", "error_type", "fragment"),
    REFUSED,
    ids=[f"{a}-{b.value}-{c.value}-{i}" for i, (a, b, c, *_) in enumerate(REFUSED)],
)
def test_refusal_writes_nothing(
    session: Session,
    desk: Desk,
    actor: str,
    action: EventAction,
    status: Status,
    kw: dict[str, Any],
    error_type: type[Exception],
    fragment: str,
) -> None:
    number = open_filing(session, desk, status)
    version = trail(session, number).version
    error = assert_refused(
        session,
        number,
        lambda: act(session, desk, desk.actor(actor), action, number, version, **kw),
        error_type,
        fragment,
    )
    assert not isinstance(error, StaleFiling)


def test_route_to_an_inactive_department_or_center_is_refused(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.IN_PROGRESS)
    closed = department(session, "OP-GG")
    closed.is_active = False
    talara = session.exec(select(ManagementCenter).where(ManagementCenter.code == "RFTL")).one()
    talara.is_active = False
    session.add(closed)
    session.add(talara)
    session.commit()
    for code in ("OP-GG", "RFTL-OPE"):
        assert_refused(
            session,
            number,
            lambda code=code: act(session, desk, desk.legal, EventAction.ROUTE, number, 3, to=code),
            FieldErrors,
            "Seleccione la dependencia destino.",
        )


def test_deactivated_staff_and_missing_filings(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.REGISTERED)
    desk.legal.is_active = False
    session.add(desk.legal)
    session.commit()
    assert_refused(
        session,
        number,
        lambda: act(session, desk, desk.legal, EventAction.TAKE, number, 2),
        ServiceError,
        NOT_ALLOWED,
    )
    assert_refused(
        session,
        number,
        lambda: act(session, desk, desk.legal_colleague, EventAction.TAKE, "MPV-2026-999999", 1),
        ServiceError,
        NOT_FOUND,
    )


# -- optimistic locking ------------------------------------------------------------------------


@pytest.mark.parametrize("action", STAFF_ACTIONS, ids=lambda a: a.value)
@pytest.mark.parametrize("offset", [-1, 1])
def test_stale_version_is_refused_and_writes_nothing(
    session: Session, desk: Desk, action: EventAction, offset: int
) -> None:
    status = Status.IN_PROGRESS if action is EventAction.ATTEND else Status.REGISTERED
    number = open_filing(session, desk, status)
    version = trail(session, number).version
    error = assert_refused(
        session,
        number,
        lambda: act(session, desk, desk.legal, action, number, version + offset),
        StaleFiling,
        "ya fue actualizada",
    )
    assert str(error) == workflow.STALE


def test_a_colleagues_change_makes_my_page_stale(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.REGISTERED)
    shown = trail(session, number).version  # both pages show this version
    act(session, desk, desk.legal_colleague, EventAction.TAKE, number, shown)
    session.commit()
    for action in (EventAction.REJECT, EventAction.TAKE):
        # Stale is said first, even when the old page's action no longer exists at all.
        assert_refused(
            session,
            number,
            lambda action=action: act(session, desk, desk.legal, action, number, shown),
            StaleFiling,
            "ya fue actualizada por otra persona",
        )
    # With the fresh version the same decision goes through.
    act(session, desk, desk.legal, EventAction.REJECT, number, shown + 1)
    session.commit()
    assert trail(session, number).status is Status.REJECTED


# -- response files ----------------------------------------------------------------------------


def _stage_response(session: Session, desk: Desk, user: User, text: str, name: str) -> StagedUpload:
    return stage_bytes(
        session, desk.store, uid(user), pdf_bytes(1, text), name, kind=AttachmentKind.RESPONSE
    )


def test_attend_publishes_the_actors_staged_responses(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.IN_PROGRESS)
    mine = [
        _stage_response(session, desk, desk.legal, "Respuesta", "respuesta.pdf"),
        _stage_response(session, desk, desk.legal, "Informe técnico", "informe.pdf"),
    ]
    theirs = _stage_response(session, desk, desk.legal_colleague, "Borrador ajeno", "otro.pdf")
    for upload in (*mine, theirs):
        assert not desk.store.exists(upload.sha256)
    staged_names = {u.staging_name for u in mine}
    expected = [(u.original_name, u.sha256, u.size_bytes) for u in mine]

    changed = act(session, desk, desk.legal, EventAction.ATTEND, number, 3)
    session.commit()

    assert changed.status is Status.ATTENDED and changed.version == 4
    assert not any(desk.store.staged_path(name).exists() for name in staged_names)
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    responses = session.exec(
        select(Attachment)
        .where(
            Attachment.correspondence_id == filing.id, Attachment.kind == AttachmentKind.RESPONSE
        )
        .order_by(col(Attachment.id))
    ).all()
    assert [(a.original_name, a.sha256, a.size_bytes) for a in responses] == expected
    assert all(a.content_type == "application/pdf" for a in responses)
    for _, sha, size in expected:
        stored = desk.store.path_for(sha)
        assert stored.is_file() and stored.stat().st_size == size
    left = session.exec(select(StagedUpload)).all()
    assert [(u.user_id, u.staging_name) for u in left] == [
        (uid(desk.legal_colleague), theirs.staging_name)
    ]
    assert not desk.store.exists(theirs.sha256)
    # The main document is still there, and is still the only non-response file.
    kinds = session.exec(
        select(Attachment.kind).where(Attachment.correspondence_id == filing.id)
    ).all()
    assert sorted(kinds) == sorted(
        [AttachmentKind.MAIN, AttachmentKind.RESPONSE, AttachmentKind.RESPONSE]
    )
    session.commit()


def test_attend_without_files_adds_no_attachment(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.IN_PROGRESS)
    changed = act(session, desk, desk.legal, EventAction.ATTEND, number, 3)
    session.commit()
    assert changed.status is Status.ATTENDED
    count = session.exec(
        select(func.count())
        .select_from(Attachment)
        .where(Attachment.kind == AttachmentKind.RESPONSE)
    ).one()
    assert count == 0


def test_refused_attend_keeps_the_staged_response(session: Session, desk: Desk) -> None:
    number = open_filing(session, desk, Status.IN_PROGRESS)
    upload = _stage_response(session, desk, desk.legal, "Respuesta", "respuesta.pdf")
    assert_refused(
        session,
        number,
        lambda: act(session, desk, desk.legal, EventAction.ATTEND, number, 2),
        StaleFiling,
        "ya fue actualizada",
    )
    assert_refused(
        session,
        number,
        lambda: act(session, desk, desk.legal, EventAction.ATTEND, number, 3, note=""),
        FieldErrors,
        "respuesta",
    )
    assert not desk.store.exists(upload.sha256)
    assert session.exec(select(StagedUpload.staging_name)).all() == [upload.staging_name]
    session.commit()
    # Then the right version publishes it.
    act(session, desk, desk.legal, EventAction.ATTEND, number, 3)
    session.commit()
    assert desk.store.exists(upload.sha256)
    assert session.exec(select(StagedUpload)).all() == []
