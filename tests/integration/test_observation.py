"""Observada → Subsanar → Registrada, or No presentada, on SQLite and PostgreSQL.

The clock is passed in: an observation on Monday 30/11/2026 gives until Wednesday 02/12.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from mpv_app.domain.enums import AttachmentKind, EventAction, Role, Status
from mpv_app.domain.status import ALREADY_OBSERVED
from mpv_app.models import (
    Attachment,
    AuditLog,
    Correspondence,
    OutboxEmail,
    StagedUpload,
    StatusEvent,
    User,
)
from mpv_app.services import observation, uploads, workflow
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.filing import submit_filing
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from tests.factories import (
    department,
    filed,
    filing_form,
    pdf_bytes,
    sender_without_password,
    staff_user,
    stage_bytes,
)

SUBMITTED = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # Friday 10:00 Lima
OBSERVED = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # Monday 10:00 Lima
IN_TIME = datetime(2026, 12, 3, 4, 30, tzinfo=UTC)  # Wednesday 02/12 23:30 Lima
LATE = datetime(2026, 12, 3, 5, 30, tzinfo=UTC)  # Thursday 03/12 00:30 Lima
OBSERVATIONS = "1. Falta la firma del representante legal.\n2. El anexo 2 es ilegible."


@dataclass
class Desk:
    store: FileStore
    sender: User
    other_sender: User
    reception: User
    legal: User


def uid(user: User) -> int:
    assert user.id is not None
    return user.id


@pytest.fixture
def desk(session: Session, seeded: None, tmp_path: Path) -> Desk:
    return Desk(
        store=FileStore(tmp_path / "files"),
        sender=sender_without_password(session, 1),
        other_sender=sender_without_password(session, 2),
        reception=staff_user(session, Role.RECEPTION),
        legal=staff_user(session, Role.DEPARTMENT, "OP-LEG"),
    )


def _filing(session: Session, number: str) -> Correspondence:
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    session.refresh(filing)
    return filing


def _observed(session: Session, desk: Desk) -> Correspondence:
    number = filed(session, desk.sender, desk.store, now=SUBMITTED).tracking_number
    observation.observe(
        session=session,
        actor_id=uid(desk.reception),
        tracking_number=number,
        expected_version=1,
        observations=OBSERVATIONS,
        now=OBSERVED,
    )
    session.commit()
    return _filing(session, number)


def _count(session: Session, model: object, *where: object) -> int:
    query = select(func.count()).select_from(model)  # type: ignore[call-overload]
    for condition in where:
        query = query.where(condition)
    return int(session.exec(query).one())


def test_observe_sets_the_deadline_and_tells_the_sender(session: Session, desk: Desk) -> None:
    filing = _observed(session, desk)
    assert filing.status is Status.OBSERVED
    assert filing.observed_at == OBSERVED and filing.cure_deadline == date(2026, 12, 2)
    event = session.exec(
        select(StatusEvent).where(
            StatusEvent.correspondence_id == filing.id, StatusEvent.action == EventAction.OBSERVE
        )
    ).one()
    assert (event.from_status, event.to_status, event.note) == (
        Status.REGISTERED,
        Status.OBSERVED,
        OBSERVATIONS,
    )
    assert _count(session, AuditLog, col(AuditLog.action) == "filing.observe") == 1
    mail = session.exec(select(OutboxEmail).order_by(col(OutboxEmail.id).desc())).first()
    assert mail is not None and mail.to_address == desk.sender.email
    assert "Observada" in mail.subject
    assert "hasta el 02/12/2026" in mail.body_text and "Falta la firma" in mail.body_text
    assert f"/tramites/{filing.tracking_number}" in mail.body_text


def test_observations_are_required(session: Session, desk: Desk) -> None:
    number = filed(session, desk.sender, desk.store).tracking_number
    with pytest.raises(FieldErrors) as excinfo:
        observation.observe(
            session=session,
            actor_id=uid(desk.reception),
            tracking_number=number,
            expected_version=1,
            observations="   ",
        )
    session.rollback()
    assert "observaciones" in excinfo.value.errors["note"]
    assert _filing(session, number).status is Status.REGISTERED


def test_a_department_observes_only_what_it_holds(session: Session, desk: Desk) -> None:
    number = filed(session, desk.sender, desk.store).tracking_number
    with pytest.raises(ServiceError, match="No tiene permiso"):
        observation.observe(
            session=session,
            actor_id=uid(desk.legal),
            tracking_number=number,
            expected_version=1,
            observations=OBSERVATIONS,
        )
    session.rollback()
    legal_id = department(session, "OP-LEG").id
    assert legal_id is not None
    workflow.route(
        session=session,
        actor_id=uid(desk.reception),
        tracking_number=number,
        expected_version=1,
        department_id=legal_id,
    )
    session.commit()
    changed = observation.observe(
        session=session,
        actor_id=uid(desk.legal),
        tracking_number=number,
        expected_version=2,
        observations=OBSERVATIONS,
    )
    session.commit()
    assert changed.status is Status.OBSERVED


def test_while_observed_it_is_not_routed_taken_or_attended(session: Session, desk: Desk) -> None:
    filing = _observed(session, desk)
    common = {
        "session": session,
        "tracking_number": filing.tracking_number,
        "expected_version": filing.version,
    }
    legal_id = department(session, "OP-LEG").id
    assert legal_id is not None
    with pytest.raises(ServiceError):
        workflow.route(**common, actor_id=uid(desk.reception), department_id=legal_id)
    session.rollback()
    with pytest.raises(ServiceError):
        workflow.reject(**common, actor_id=uid(desk.reception), reason="No")
    session.rollback()
    assert _filing(session, filing.tracking_number).status is Status.OBSERVED


def _stage_cure(session: Session, desk: Desk, filing: Correspondence) -> None:
    assert filing.id is not None
    stage_bytes(
        session,
        desk.store,
        uid(desk.sender),
        pdf_bytes(3, "Carta firmada"),
        "carta-firmada.pdf",
        AttachmentKind.CURE_MAIN,
        correspondence_id=filing.id,
    )
    stage_bytes(
        session,
        desk.store,
        uid(desk.sender),
        pdf_bytes(1, "Anexo 2 legible"),
        "anexo-2.pdf",
        AttachmentKind.CURE_ANNEX,
        correspondence_id=filing.id,
    )


def test_cure_in_time_keeps_number_and_reception_date(session: Session, desk: Desk) -> None:
    filing = _observed(session, desk)
    number, received_on = filing.tracking_number, filing.received_on
    _stage_cure(session, desk, filing)
    changed = observation.cure(
        session=session,
        user_id=uid(desk.sender),
        tracking_number=number,
        expected_version=filing.version,
        note="Adjunto la carta firmada y el anexo 2 legible.",
        store=desk.store,
        now=IN_TIME,
    )
    session.commit()
    assert changed.status is Status.REGISTERED
    cured = _filing(session, number)
    assert (cured.status, cured.tracking_number, cured.received_on) == (
        Status.REGISTERED,
        number,
        received_on,
    )
    assert cured.submitted_at == SUBMITTED and cured.cured_at == IN_TIME
    kinds = session.exec(
        select(Attachment.kind)
        .where(Attachment.correspondence_id == cured.id)
        .order_by(col(Attachment.id))
    ).all()
    assert list(kinds) == [AttachmentKind.MAIN, AttachmentKind.CURE_MAIN, AttachmentKind.CURE_ANNEX]
    assert _count(session, StagedUpload) == 0
    assert _count(session, AuditLog, col(AuditLog.action) == "filing.cure") == 1
    # Once observed, never again: a second observation is refused.
    with pytest.raises(ServiceError) as excinfo:
        observation.observe(
            session=session,
            actor_id=uid(desk.reception),
            tracking_number=number,
            expected_version=cured.version,
            observations=OBSERVATIONS,
        )
    assert excinfo.value.message == ALREADY_OBSERVED
    session.rollback()


def test_only_the_owner_cures_and_only_in_time(session: Session, desk: Desk) -> None:
    filing = _observed(session, desk)
    common = {
        "session": session,
        "tracking_number": filing.tracking_number,
        "expected_version": filing.version,
        "note": "Subsano.",
        "store": desk.store,
    }
    with pytest.raises(ServiceError, match="No encontramos"):
        observation.cure(**common, user_id=uid(desk.other_sender), now=IN_TIME)
    session.rollback()
    with pytest.raises(ServiceError, match="venció el 02/12/2026"):
        observation.cure(**common, user_id=uid(desk.sender), now=LATE)
    session.rollback()
    with pytest.raises(FieldErrors):
        observation.cure(**{**common, "note": " "}, user_id=uid(desk.sender), now=IN_TIME)
    session.rollback()
    assert _filing(session, filing.tracking_number).status is Status.OBSERVED


def test_left_alone_it_becomes_not_presented(session: Session, desk: Desk) -> None:
    filing = _observed(session, desk)
    fresh = filed(session, desk.sender, desk.store, now=SUBMITTED).tracking_number
    observation.observe(
        session=session,
        actor_id=uid(desk.reception),
        tracking_number=fresh,
        expected_version=1,
        observations=OBSERVATIONS,
        now=datetime(2026, 12, 2, 15, 0, tzinfo=UTC),  # Wednesday: until Friday 04/12
    )
    session.commit()
    _stage_cure(session, desk, filing)
    assert observation.expire_overdue(session=session, store=desk.store, now=IN_TIME) == 0
    session.commit()
    assert observation.expire_overdue(session=session, store=desk.store, now=LATE) == 1
    session.commit()
    gone = _filing(session, filing.tracking_number)
    assert gone.status is Status.NOT_PRESENTED
    assert _filing(session, fresh).status is Status.OBSERVED
    assert _count(session, StagedUpload) == 0
    event = session.exec(
        select(StatusEvent).where(
            StatusEvent.correspondence_id == gone.id, StatusEvent.action == EventAction.EXPIRE
        )
    ).one()
    assert event.actor_user_id is None and "02/12/2026" in (event.note or "")
    mail = session.exec(select(OutboxEmail).order_by(col(OutboxEmail.id).desc())).first()
    assert mail is not None and "No presentada" in mail.subject
    # Run again: nothing more to do, nothing written twice.
    assert observation.expire_overdue(session=session, store=desk.store, now=LATE) == 0
    session.commit()


def test_cure_budget_counts_the_filing_and_stays_apart_from_a_new_filing(
    session: Session, desk: Desk
) -> None:
    filing = _observed(session, desk)
    assert filing.id is not None
    limit = get_settings().max_filing_bytes
    main_size = session.exec(
        select(Attachment.size_bytes).where(Attachment.correspondence_id == filing.id)
    ).one()
    annex_left = uploads.budget_left(
        session,
        user_id=uid(desk.sender),
        kind=AttachmentKind.CURE_ANNEX,
        correspondence_id=filing.id,
    )
    assert annex_left == limit - main_size
    # A corrected main document replaces the original in the count.
    assert (
        uploads.budget_left(
            session,
            user_id=uid(desk.sender),
            kind=AttachmentKind.CURE_MAIN,
            correspondence_id=filing.id,
        )
        == limit
    )
    _stage_cure(session, desk, filing)
    # A new filing neither sees nor takes the subsanación's staged files.
    assert uploads.filing_staged(session, uid(desk.sender)) == []
    stage_bytes(session, desk.store, uid(desk.sender), pdf_bytes(3), "nueva.pdf")
    new = submit_filing(
        session=session,
        user_id=uid(desk.sender),
        form=filing_form(session),
        submission_key="another-form",
        store=desk.store,
    )
    session.commit()
    assert _count(session, Attachment, col(Attachment.correspondence_id) == new.correspondence_id)
    assert len(uploads.cure_staged(session, uid(desk.sender), filing.id)) == 2


def test_staging_for_a_cure_needs_its_filing(session: Session, desk: Desk) -> None:
    with pytest.raises(ValueError, match="subsanación"):
        stage_bytes(
            session, desk.store, uid(desk.sender), pdf_bytes(1), "x.pdf", AttachmentKind.CURE_MAIN
        )
    session.rollback()
